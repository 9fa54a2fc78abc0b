import {
    AstUtils, CstUtils, DefaultAstNodeDescriptionProvider, type AstNode, type AstNodeDescription, type AstNodeLocator, type DocumentSegment,
    type LangiumDocument, type NameProvider, type URI,
} from 'langium';

/**
 * Langium's descriptions of named elements, with the path of the node and its selection range made when first
 * read. Every service of a design gets a description for the scopes; linking reads only its name, type and node,
 * while building the path string and the range objects up front cost a tenth of a 10,000-service check.
 */
export class LazyAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const documentUri = (document ?? AstUtils.getDocument(node)).uri;
        name ??= this.nameProvider.getName(node);
        if (!name) throw new Error(`Node at path ${this.astNodeLocator.getAstNodePath(node)} has no name.`);
        return new LazyNodeDescription(node, name, documentUri, this.nameProvider, this.astNodeLocator);
    }
}

/**
 * Classes rather than object literals with getters: V8 keeps such a literal as a dictionary with a closure per
 * getter (a few hundred bytes for each of the tens of thousands of descriptions of a large design).
 */
class LazyNodeDescription implements AstNodeDescription {
    readonly type: string;
    private madePath: string | undefined;
    private madeSelectionSegment: DocumentSegment | undefined;
    private madeNameSegment: DocumentSegment | undefined;

    constructor(
        readonly node: AstNode, readonly name: string, readonly documentUri: URI,
        private readonly nameProvider: NameProvider, private readonly locator: AstNodeLocator,
    ) {
        this.type = node.$type;
    }

    get nameSegment(): DocumentSegment | undefined {
        return this.madeNameSegment ??= CstUtils.toDocumentSegment(this.nameProvider.getNameNode(this.node) ?? this.node.$cstNode);
    }

    get selectionSegment(): DocumentSegment | undefined {
        return this.madeSelectionSegment ??= CstUtils.toDocumentSegment(this.node.$cstNode);
    }

    get path(): string {
        return this.madePath ??= this.locator.getAstNodePath(this.node);
    }
}

/** A description under another name (`payments.ledger` for `ledger` seen from its region), sharing what the original makes lazily. */
class RenamedDescription implements AstNodeDescription {
    constructor(private readonly original: AstNodeDescription, readonly name: string) { }

    get node(): AstNode | undefined { return this.original.node; }
    get type(): string { return this.original.type; }
    get documentUri(): URI { return this.original.documentUri; }
    get path(): string { return this.original.path; }
    get nameSegment(): DocumentSegment | undefined { return this.original.nameSegment; }
    get selectionSegment(): DocumentSegment | undefined { return this.original.selectionSegment; }
}

/** `description` under `name`, without evaluating its lazy parts. */
export function renamedDescription(description: AstNodeDescription, name: string): AstNodeDescription {
    return new RenamedDescription(description, name);
}
