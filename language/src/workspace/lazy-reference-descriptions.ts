import {
    AstUtils, CstUtils, DefaultReferenceDescriptionProvider, isMultiReference, isReference, UriUtils,
    type AstNode, type AstNodeDescription, type AstNodeLocator, type CstNode, type DocumentSegment, type LangiumDocument,
    type ReferenceDescription, type ReferenceInfo, type URI,
} from 'langium';
import { CancellationToken } from '../util/cancellation.js';
import { walkAst } from '../util/ast-walk.js';

/**
 * Langium's index of the references of a document, with the paths of their source and target and the range of
 * their text made when first read. The index is rebuilt for every file an edit re-links (the ten files of a
 * system in a 250-file workspace) and kept for every file of the workspace; what reads it on every edit (which
 * files an edit affects) needs only the target's document, while the two path strings and the range object of
 * each reference, made up front, were a good share of an edit's time and of the workspace's memory. `Find
 * references` and rename read the rest, and get the same values.
 */
export class LazyReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken?: CancellationToken): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const sourceUri = document.uri;
        await walkAst(document.parseResult.value, cancelToken ?? CancellationToken.None, node => {
            for (const info of AstUtils.streamReferences(node)) {
                if (!info.reference.error) this.addDescriptions(info, sourceUri, descriptions);
            }
            return true;
        });
        return descriptions;
    }

    protected override createInfoDescriptions(info: ReferenceInfo): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        this.addDescriptions(info, AstUtils.getDocument(info.container).uri, descriptions);
        return descriptions;
    }

    private addDescriptions(info: ReferenceInfo, sourceUri: URI, descriptions: ReferenceDescription[]): void {
        const reference = info.reference;
        const refNode = reference.$refNode;
        if (reference.error || !refNode) return;
        const targets: AstNodeDescription[] = [];
        if (isReference(reference)) {
            if (reference.$nodeDescription) targets.push(reference.$nodeDescription);
        } else if (isMultiReference(reference)) {
            for (const item of reference.items) if (item.$nodeDescription) targets.push(item.$nodeDescription);
        }
        for (const target of targets) {
            descriptions.push(new LazyReferenceDescription(this.nodeLocator, info.container, refNode, target, sourceUri));
        }
    }
}

class LazyReferenceDescription implements ReferenceDescription {
    readonly targetUri: URI;
    readonly local: boolean;
    private madeSourcePath: string | undefined;
    private madeTargetPath: string | undefined;
    private madeSegment: DocumentSegment | undefined;

    constructor(
        private readonly locator: AstNodeLocator, private readonly container: AstNode, private readonly refNode: CstNode,
        private readonly target: AstNodeDescription, readonly sourceUri: URI,
    ) {
        this.targetUri = target.documentUri;
        this.local = UriUtils.equals(target.documentUri, sourceUri);
    }

    get sourcePath(): string {
        return this.madeSourcePath ??= this.locator.getAstNodePath(this.container);
    }

    get targetPath(): string {
        return this.madeTargetPath ??= this.target.path;
    }

    get segment(): DocumentSegment {
        return this.madeSegment ??= CstUtils.toDocumentSegment(this.refNode);
    }
}
