import {
    AstUtils, CstUtils, GrammarAST, stream, type AstNode, type AstNodeDescription, type LangiumDocumentFactory, type MaybePromise,
    type ReferenceInfo, type ScopeComputation, type Stream
} from 'langium';
import {
    DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type LangiumServices, type NextFeature
} from 'langium/lsp';
import { CompletionItemKind, type CancellationToken, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import type { LangiumDocument } from 'langium';
import { AWS_REGIONS, awsRegion } from '../model/aws-regions.js';
import { Allow, isAllow, isCell, isFailTarget, isScenario } from '../generated/ast.js';
import { qualifiedName, replicaName } from '../scoping/qualified-names.js';
import { RULES } from '../validation/rules.js';
import { referenceKind } from '../scoping/reference-kinds.js';
import { describeElement } from '../validation/reference-kind-validator.js';

/**
 * Completion that offers only what can be referenced at the cursor (a `dlq` offers queues and topics, `in` the AZs
 * of the element's region, `fail` every element and cell replica), each under the shortest name that resolves to it
 * from there, and the rule ids of the catalog after `allow`. Keywords come from Langium as usual.
 */
export class ResilCompletionProvider extends DefaultCompletionProvider {

    private readonly documentFactory: LangiumDocumentFactory;
    private readonly scopeComputation: ScopeComputation;

    constructor(services: LangiumServices) {
        super(services);
        this.documentFactory = services.shared.workspace.LangiumDocumentFactory;
        this.scopeComputation = services.references.ScopeComputation;
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        const list = await super.getCompletion(document, params, cancelToken);
        const aws = awsNameCompletions(document, params);
        if (aws.length === 0) return list;
        return { isIncomplete: list?.isIncomplete ?? false, items: [...aws, ...(list?.items ?? [])] };
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (isRuleIdPosition(context, next)) {
            this.completeRuleIds(context, acceptor);
            return;
        }
        return super.completionFor(context, next, acceptor);
    }

    protected override async completionForCrossReference(context: CompletionContext, next: NextFeature<GrammarAST.CrossReference>, acceptor: CompletionAcceptor): Promise<void> {
        const parsable = await this.withParsableText(context, next);
        await super.completionForCrossReference(parsable, next, acceptor);
        if (next.property === 'element' && isFailTargetContext(parsable, next)) this.completeReplicas(parsable, acceptor);
    }

    /**
     * An unfinished reference (`failover primary |`) is a syntax error, and the parser's recovery may drop whatever
     * follows it, so the document no longer declares what the user wants to name. Completion then looks at the text
     * with a placeholder name at the cursor, which parses like the finished reference will.
     */
    private async withParsableText(context: CompletionContext, next: NextFeature): Promise<CompletionContext> {
        if (context.document.parseResult.parserErrors.length === 0) return context;
        const text = context.textDocument.getText();
        const patched = text.slice(0, context.offset) + PLACEHOLDER + text.slice(context.offset);
        const document = this.documentFactory.fromString(patched, context.document.uri.with({ query: 'completion' }));
        document.localSymbols = await this.scopeComputation.collectLocalSymbols(document);
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, context.offset);
        if (!leaf?.text.includes(PLACEHOLDER)) return context;
        // A reference that starts a new element (`uses |`) is completed on behalf of the element's container.
        const node = next.type ? leaf.astNode.$container : leaf.astNode;
        return node ? { ...context, node } : context;
    }

    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        // After parser recovery the node at the cursor may not be the one the grammar expects there (an `in` list
        // seen inside `global`): no candidates then, rather than an error from the reflection.
        if (!this.astReflection.getTypeMetaData(refInfo.container.$type)?.properties[refInfo.property]?.referenceType) return stream([]);
        const scope = this.scopeProvider.getScope(refInfo);
        const kind = referenceKind(refInfo.container.$type, refInfo.property);
        // `uses use1.|`: the user chose to qualify; offer the names under that qualifier.
        const typed = context.textDocument.getText().substring(context.tokenOffset, context.offset);
        const qualifier = typed.slice(0, typed.lastIndexOf('.') + 1);
        // Scopes list inner names first, so the first name that resolves to an element is its shortest usable one.
        const seen = new Set<AstNode>();
        return scope.getAllElements().filter(description => {
            const node = description.node;
            if (!node || seen.has(node) || !description.name.startsWith(qualifier)) return false;
            if (kind && !kind.accepts(node, refInfo.container)) return false;
            if (scope.getElement(description.name)?.node !== node) return false;  // shadowed by a nearer element
            seen.add(node);
            return true;
        });
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext) {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        return { ...item, detail: description.node ? describeElement(description.node) : item.detail };
    }

    /** After `allow`: every rule id of the catalog, with its title. */
    private completeRuleIds(context: CompletionContext, acceptor: CompletionAcceptor): void {
        for (const rule of RULES) {
            acceptor(context, {
                label: rule.id,
                kind: CompletionItemKind.Value,
                detail: rule.title,
                documentation: rule.summary,
                sortText: '0',
            });
        }
    }

    /** `fail use1.payments[0]`: each replica of each cell, besides the cells themselves. */
    private completeReplicas(context: CompletionContext, acceptor: CompletionAcceptor): void {
        if (!context.node) return;
        const model = AstUtils.findRootNode(context.node);
        for (const cell of AstUtils.streamAllContents(model).filter(isCell)) {
            const name = qualifiedName(cell);
            for (let replica = 0; replica < cell.count; replica++) {
                acceptor(context, {
                    label: replicaName(name, replica),
                    kind: CompletionItemKind.Module,
                    detail: `replica ${replica} of cell ${name}`,
                    sortText: '0',
                });
            }
        }
    }
}

/**
 * After `region use1` the AWS region codes; after `az a` in a region with a known code, that region's AZ ids
 * (docs/regions.md). Found from the text before the cursor: the string is optional, so the parser does not
 * always propose it as a next feature.
 */
function awsNameCompletions(document: LangiumDocument, params: CompletionParams): CompletionItem[] {
    const text = document.textDocument.getText();
    const offset = document.textDocument.offsetAt(params.position);
    const line = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
    const typed = /^\s*(region|az)\s+[\w-]+\s+("[\w-]*)?$/.exec(line);
    if (!typed) return [];
    const start = { line: params.position.line, character: params.position.character - (typed[2]?.length ?? 0) };
    const item = (value: string, detail: string): CompletionItem => ({
        label: `"${value}"`, kind: CompletionItemKind.Value, detail, sortText: '0',
        textEdit: { range: { start, end: params.position }, newText: `"${value}"` },
    });
    if (typed[1] === 'region') return AWS_REGIONS.map(r => item(r.code, `AWS region, AZ ids ${r.azIdPrefix}-az*`));
    // The region the AZ is declared in: regions do not nest, so the last region header before the cursor.
    const code = [...text.slice(0, offset).matchAll(/\bregion\s+[\w-]+(?:\s+"([\w-]+)")?\s*\{/g)].pop()?.[1];
    return (awsRegion(code ?? '')?.azIds ?? []).map(id => item(id, `AZ id of ${code}`));
}

/** A name that completes the reference at the cursor while completion looks for what it may name. */
const PLACEHOLDER = '__resil_completion__';

function isRuleIdPosition(context: CompletionContext, next: NextFeature): boolean {
    return next.property === 'rule' && (next.type === Allow.$type || isAllow(context.node));
}

function isFailTargetContext(context: CompletionContext, next: NextFeature): boolean {
    return next.type === 'FailTarget' || isFailTarget(context.node) || isScenario(context.node);
}
