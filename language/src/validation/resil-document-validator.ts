import {
    AstUtils, DefaultDocumentValidator, type DiagnosticInfo, DocumentValidator, type AstNode, GrammarAST, isReference, type LangiumCoreServices, type LangiumDocument,
    type Reference, type ScopeProvider, type ValidationAcceptor, type ValidationOptions, type ValidationSeverity,
} from 'langium';
import type { IRecognitionException } from 'chevrotain';
import type { Diagnostic } from 'vscode-languageserver';
import { CancellationToken } from '../util/cancellation.js';
import { isFailTarget, isRegion, isRegionPart, isSystemPart, type Model, type Service } from '../generated/ast.js';
import { referenceKind } from '../scoping/reference-kinds.js';
import { ruleDocsUrl, type RuleId } from './rules.js';
import { keywordsOfRule } from './grammar-keywords.js';
import { humanizeLinkingError, humanizeParserMessage, misspeltKeywordMessage } from './syntax-messages.js';
import { terminalOutput } from '../util/sanitise.js';
import { validateNodes } from './node-checks.js';
import { pushAll } from '../util/arrays.js';
import { propertyNode } from './property-node.js';

/** Grammar rules in the words of the language, for "Unknown word 'x' in an ecs service". */
const RULE_DESCRIPTIONS: Record<string, string> = {
    Model: 'the file', System: 'a system', Global: 'global', Region: 'a region', Cell: 'a cell', Router: 'a router',
    Lambda: 'a lambda', Ecs: 'an ecs service', Eks: 'an eks cluster', NodeGroup: 'a node group',
    FargateProfile: 'a fargate profile', DynamoDb: 'a dynamodb table', ElastiCache: 'an elasticache cluster',
    Kinesis: 'a kinesis stream', KinesisConsumer: 'a kinesis consumer', Sqs: 'an sqs queue', Sns: 'an sns topic',
    Alb: 'an alb', Route53: 'a route53 record',
    Aurora: 'an aurora cluster', Rds: 'an rds database', S3: 'an s3 bucket',
    EventBridge: 'an eventbridge bus', StepFunctions: 'a state machine',
    AutoScalingGroup: 'an auto scaling group', NatGateway: 'a nat gateway', VpcEndpoint: 'a vpc endpoint',
    ApiGateway: 'an apigateway api', Throttle: 'a throttle', ApiStage: 'a stage', CloudFront: 'a cloudfront distribution',
    Cognito: 'a cognito user pool', External: 'an external dependency',
    Scenario: 'a scenario', Common: 'this element',
} satisfies Readonly<Record<Service['$type'], string>> & Record<string, string>;

/**
 * How many visible names the "did you mean" suggestions of one document may compare in all: a design with
 * thousands of unresolved references would otherwise compare each with every name in scope (99,000 unresolved
 * `uses` in a 1 MB file: over half an hour). Past it, unresolved references are reported without a suggestion.
 */
export const SUGGESTION_CANDIDATE_BUDGET = 1_000_000;

/** What the messages of one document's diagnostics look up, indexed once instead of searched per diagnostic. */
class DiagnosticContext {
    private references?: Map<number, Reference>;
    private parserErrors?: Map<number, IRecognitionException>;
    private hiddenNames?: Set<string>;
    /** Candidates the suggestions may still compare. */
    suggestionBudget = SUGGESTION_CANDIDATE_BUDGET;

    constructor(readonly document: LangiumDocument) { }

    /** The reference whose text starts at `offset`. */
    referenceAt(offset: number): Reference | undefined {
        this.references ??= new Map(this.document.references
            .filter((r): r is Reference => isReference(r) && r.$refNode !== undefined)
            .map(r => [r.$refNode!.offset, r] as const)
            .reverse());
        return this.references.get(offset);
    }

    /** The names declared inside a region or cell that the parser recovered without its name. */
    namesInNamelessScopes(): ReadonlySet<string> {
        if (this.hiddenNames) return this.hiddenNames;
        this.hiddenNames = new Set();
        const regions = (this.document.parseResult.value as Model).system?.regions ?? [];
        const scopes: AstNode[] = regions.flatMap((region): AstNode[] => (region.name ? region.cells.filter(cell => !cell.name) : [region]));
        for (const scope of scopes) {
            for (const node of AstUtils.streamAllContents(scope)) {
                const name = (node as { name?: unknown }).name;
                if (typeof name === 'string') this.hiddenNames.add(name);
            }
        }
        return this.hiddenNames;
    }

    /** The first parser error whose token starts at `offset`, else one without a position with this message. */
    parserErrorAt(offset: number, message: string): IRecognitionException | undefined {
        const errors = this.document.parseResult.parserErrors;
        this.parserErrors ??= new Map(errors.filter(e => !isNaN(e.token.startOffset)).map(e => [e.token.startOffset, e] as const).reverse());
        return this.parserErrors.get(offset) ?? errors.find(e => isNaN(e.token.startOffset) && e.message === message);
    }
}

/** Rules that hold elements, not properties: a word there is reported as an element kind or by the parser. */
const CONTAINER_RULES = new Set(['Model', 'System', 'Global', 'Region', 'Cell']);

/**
 * `region "us-east-1" { alb edge }` has lost its name to a syntax error, so `uses edge` elsewhere cannot resolve:
 * the syntax error says what to fix, the unresolved reference would only follow from it.
 */
function namesHiddenByRecovery(context: DiagnosticContext, diagnostic: Diagnostic): boolean {
    if ((diagnostic.data as { code?: string } | undefined)?.code !== DocumentValidator.LinkingError) return false;
    const refText = (diagnostic.data as { refText?: string }).refText ?? '';
    return context.namesInNamelessScopes().has(refText.slice(refText.lastIndexOf('.') + 1));
}

/** `region "us-east-1"`: the string is there, the name before it is not. */
const NAME_BEFORE_STRING: Readonly<Record<string, { what: string; string: string; example: string }>> = {
    Region: { what: 'A region', string: 'code', example: 'region use1 "us-east-1" { ... }' },
    Az: { what: 'An AZ', string: 'AZ id', example: 'az a "use1-az1"' },
    System: { what: 'A system', string: 'title', example: 'system Shop "A web shop" { ... }' },
    Scenario: { what: 'A scenario', string: 'title', example: 'scenario outage "An AZ and a cell" { ... }' },
};

/** The name of the cell whose header lacks `[n]`: the word before the unexpected token. */
function cellNameBefore(context: DiagnosticContext, error: IRecognitionException): string {
    // Read backwards from the error: a regular expression anchored at the end of the text before it would try every
    // start position of a long prefix (quadratic: 20 s for a 50 KB design, found by the fuzzer).
    const text = context.document.textDocument.getText();
    let end = error.token.startOffset;
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    let start = end;
    while (start > 0 && /[\w-]/.test(text[start - 1])) start--;
    return start < end ? text.slice(start, end) : 'name';
}

/**
 * Drops the syntax errors the first one causes: after the parser fails inside an element, its recovery reads the
 * rest of that element as other elements (`timeout 30 sla 99.99%` -> "unknown element kind 'sla'") and may lose a
 * closing brace ("found the end of the file"). What follows a parser error up to the end of the block it stands in
 * (brace counting in the text) says nothing new; nor does an end-of-file error once another syntax error is shown.
 */
function withoutCascadingSyntaxErrors(document: LangiumDocument, diagnostics: Diagnostic[], parserErrorOffsets: readonly number[]): Diagnostic[] {
    if (parserErrorOffsets.length === 0 && !diagnostics.some(isEndOfFileError)) return diagnostics;
    const text = document.textDocument.getText();
    const shadows = parserErrorOffsets.map(start => ({ start, end: endOfEnclosingBlock(text, start) }));
    const kept: Diagnostic[] = [];
    for (const diagnostic of diagnostics) {
        if (isSyntaxDiagnostic(diagnostic)) {
            const offset = document.textDocument.offsetAt(diagnostic.range.start);
            if (shadows.some(s => offset > s.start && offset <= s.end)) continue;
            if (isEndOfFileError(diagnostic) && diagnostics.some(d => d !== diagnostic && isSyntaxDiagnostic(d) && !isEndOfFileError(d))) continue;
        }
        kept.push(diagnostic);
    }
    return kept;
}

function isSyntaxDiagnostic(diagnostic: Diagnostic): boolean {
    const kind = (diagnostic.data as { code?: string } | undefined)?.code;
    return diagnostic.code === 'syntax' || kind === DocumentValidator.ParsingError || kind === DocumentValidator.LexingError;
}

function isEndOfFileError(diagnostic: Diagnostic): boolean {
    return /but found:? [`']?(EOF)?[`']?\.?$|end of the file|^Expecting end of file|^Expected 'end of file'/.test(diagnostic.message) && isSyntaxDiagnostic(diagnostic);
}

/** The offset of the `}` that closes the block `offset` stands in (strings and comments skipped), else the end. */
function endOfEnclosingBlock(text: string, offset: number): number {
    let depth = 0;
    const token = /"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|\/\/[^\n]*|\/\*[\s\S]*?\*\/|[{}]/g;
    token.lastIndex = offset;
    for (let match = token.exec(text); match; match = token.exec(text)) {
        if (match[0] === '{') depth++;
        else if (match[0] === '}' && --depth < 0) return match.index;
    }
    return text.length;
}

/**
 * Gives lexer, parser and linker errors rule ids (`syntax`, `unresolved-reference`) and messages a person
 * understands, so that every diagnostic Resil reports carries a rule id.
 */
export class ResilDocumentValidator extends DefaultDocumentValidator {
    private readonly scopeProvider: ScopeProvider;
    private readonly grammar: GrammarAST.Grammar;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.scopeProvider = services.references.ScopeProvider;
        this.grammar = services.Grammar;
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const context = new DiagnosticContext(document);
        const root = document.parseResult.value;
        let found: Diagnostic[];
        try {
            found = await super.validateDocument(document, options, cancelToken);
            pushAll(found, this.checkFindings.get(root) ?? []);
        } finally {
            // Also when cancelled: the map must not keep the tree.
            this.checkFindings.delete(root);
        }
        const all = found
            .filter(d => !this.isCascadingLinkError(context, d) && !this.isInsideUnknownElement(context, d) && !namesHiddenByRecovery(context, d));
        const diagnostics = withoutCascadingSyntaxErrors(document, all, this.firstParserErrorOffsets(context, all));
        for (const diagnostic of diagnostics) {
            const kind = (diagnostic.data as { code?: string } | undefined)?.code;
            if (diagnostic.code !== undefined) continue;
            let rule: RuleId;
            if (kind === DocumentValidator.LinkingError) {
                rule = 'unresolved-reference';
                diagnostic.message = this.linkingMessage(context, diagnostic);
            } else if (kind === DocumentValidator.LexingError || kind === DocumentValidator.ParsingError) {
                rule = 'syntax';
                // Parser messages quote the text: keep control characters from reaching a terminal.
                diagnostic.message = terminalOutput(this.parserMessage(context, diagnostic));
            } else {
                continue;
            }
            diagnostic.code = rule;
            diagnostic.codeDescription = { href: ruleDocsUrl(rule) };
        }
        return diagnostics;
    }

    /**
     * The checks' findings of a document, kept aside while Langium's `validateDocument` runs: it appends them to its
     * own with `push(...findings)`, which overflows the call stack past about 100,000 findings (a design at the size
     * limit has about 180,000) and then drops them all (the check found nothing). `validateDocument` appends them.
     */
    private readonly checkFindings = new Map<AstNode, Diagnostic[]>();

    protected override async validateAst(rootNode: AstNode, options: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        this.checkFindings.set(rootNode, await super.validateAst(rootNode, options, cancelToken));
        return [];
    }

    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken?: CancellationToken): Promise<void> {
        // Langium's own loop when its profiler watches (it times each node's checks).
        if (this.profiler?.isActive('validating')) return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        await validateNodes(this.validationRegistry, rootNode, options.categories, node => this.validateSingleNodeOptions(node, options), acceptor, cancelToken ?? CancellationToken.None);
    }

    /** Langium's diagnostic, its range found with `propertyNode` (the same node, found faster) where it names a property. */
    protected override toDiagnostic<N extends AstNode>(severity: ValidationSeverity, message: string, info: DiagnosticInfo<N, string>): Diagnostic {
        if (!info.range && typeof info.property === 'string') {
            const cstNode = propertyNode(info.node.$cstNode, info.property, info.index) ?? info.node.$cstNode;
            if (cstNode) return super.toDiagnostic(severity, message, { ...info, range: cstNode.range });
        }
        return super.toDiagnostic(severity, message, info);
    }

    /** Where the parser's own errors (not those of the recovery rules for unknown elements) start. */
    private firstParserErrorOffsets(context: DiagnosticContext, diagnostics: readonly Diagnostic[]): number[] {
        return diagnostics
            .filter(d => (d.data as { code?: string } | undefined)?.code === DocumentValidator.ParsingError)
            .map(d => context.document.textDocument.offsetAt(d.range.start));
    }

    /** The parser error behind a syntax diagnostic: the one whose token starts where the diagnostic does. */
    private parserErrorAt(context: DiagnosticContext, diagnostic: Diagnostic): IRecognitionException | undefined {
        return context.parserErrorAt(context.document.textDocument.offsetAt(diagnostic.range.start), diagnostic.message);
    }

    /** The rule the parser was in when it failed, without Chevrotain's invisible suffix. */
    private innermostRule(error: IRecognitionException | undefined): string | undefined {
        const stack = error?.context?.ruleStack ?? [];
        return stack.length > 0 ? stack[stack.length - 1].replace(/\u200B/g, '') : undefined;
    }

    /**
     * A misspelt element (`lamda f { }`) is parsed by the recovery rules of the grammar and reported once by
     * validation; what the parser says about its missing parts would only repeat it.
     */
    private isInsideUnknownElement(context: DiagnosticContext, diagnostic: Diagnostic): boolean {
        if ((diagnostic.data as { code?: string } | undefined)?.code !== DocumentValidator.ParsingError) return false;
        const stack = this.parserErrorAt(context, diagnostic)?.context?.ruleStack ?? [];
        return stack.some(rule => rule.startsWith('Unknown'));
    }

    /** The rule whose name the parser was reading (`Region` for `[..., 'Region', 'Name']`). */
    private ruleOwningName(error: IRecognitionException | undefined): string | undefined {
        const stack = (error?.context?.ruleStack ?? []).map(r => r.replace(/\u200B/g, ''));
        return stack[stack.length - 1] === 'Name' ? stack[stack.length - 2] : undefined;
    }

    /** "Unknown word 'concurency' in a lambda. Did you mean 'concurrency'?", else the parser's message in words. */
    private parserMessage(context: DiagnosticContext, diagnostic: Diagnostic): string {
        const error = this.parserErrorAt(context, diagnostic);
        const rule = this.innermostRule(error);
        // Only where the parser wanted the element to end (`}`) was the word meant as a member keyword;
        // elsewhere (`tasks many`) the expected token says more.
        const named = NAME_BEFORE_STRING[this.ruleOwningName(error) ?? ''];
        if (named && error && /^["']/.test(error.token.image) && /^Expecting token of type 'ID'/.test(error.message)) {
            return `${named.what} needs a name before its ${named.string}, such as '${named.example}'.`;
        }
        if (rule === 'Cell' && error && /^Expecting (?:token of type |keyword )?'\['/.test(error.message)) {
            return `A cell states how many replicas it has: write '[n]' after its name, such as 'cell ${cellNameBefore(context, error)}[2] in a, b { ... }'.`;
        }
        if (error && rule && !CONTAINER_RULES.has(rule) && /'\}'/.test(error.message)) {
            const where = RULE_DESCRIPTIONS[rule] ?? `a ${rule.toLowerCase()}`;
            // The modifiers of a `uses` line follow it on the element's own line: `uses jobs asnyc`.
            const keywords = [...keywordsOfRule(this.grammar, rule), ...keywordsOfRule(this.grammar, 'Uses')];
            const misspelt = misspeltKeywordMessage(error.token.image, where, keywords);
            if (misspelt) return misspelt;
        }
        return humanizeParserMessage(diagnostic.message, context.document.textDocument.getText());
    }

    /** The reference a linking diagnostic is about: the one whose text sits at the diagnostic's range. */
    private referenceAt(context: DiagnosticContext, diagnostic: Diagnostic): Reference | undefined {
        return context.referenceAt(context.document.textDocument.offsetAt(diagnostic.range.start));
    }

    /**
     * `fail use1.nope[1].x`: once `use1.nope` is unresolved, `x` cannot resolve either; one error is enough. So too in
     * `in region nope { ... }`: the block's AZs and neighbours are the region's names, which it no longer sees.
     */
    private isCascadingLinkError(context: DiagnosticContext, diagnostic: Diagnostic): boolean {
        if ((diagnostic.data as { code?: string } | undefined)?.code !== DocumentValidator.LinkingError) return false;
        const reference = this.referenceAt(context, diagnostic);
        const container = reference?.$refNode?.astNode;
        if (isFailTarget(container)) {
            return container.member?.$refNode?.offset === context.document.textDocument.offsetAt(diagnostic.range.start) && container.element?.ref === undefined;
        }
        const block = container && AstUtils.getContainerOfType(container, isRegionPart);
        return block !== undefined && block.region !== reference && block.region?.ref === undefined;
    }

    /** Suggests only names that are visible at the reference and of a kind that fits there. */
    private linkingMessage(context: DiagnosticContext, diagnostic: Diagnostic): string {
        const data = diagnostic.data as { refText?: string; property?: string } | undefined;
        const reference = this.referenceAt(context, diagnostic);
        const container = reference?.$refNode?.astNode;
        const refText = reference?.$refText ?? data?.refText ?? '';
        if (!reference || !container || !data?.property) return humanizeLinkingError(refText, 'element', 'in scope', []);
        if (isSystemPart(container)) {
            return `No system named '${refText}' in this file's folder or a folder above it: part of a system, a file sits in the folder of the file that declares \`system ${refText} { ... }\` or below it.`;
        }
        const expected = referenceKind(container.$type, data.property);
        const candidates: string[] = [];
        if (context.suggestionBudget > 0) {
            const scope = this.scopeProvider.getScope({ reference, container, property: data.property });
            for (const description of scope.getAllElements().limit(context.suggestionBudget)) {
                context.suggestionBudget--;
                if (!expected || (description.node !== undefined && expected.accepts(description.node, container))) candidates.push(description.name);
            }
        }
        const region = AstUtils.getContainerOfType(container, isRegion);
        const where = expected?.noun === 'AZ' && region?.name ? `in region ${region.name}` : 'in scope';
        return humanizeLinkingError(refText, expected?.noun ?? 'element', where, candidates);
    }
}
