import {
    AstUtils, DefaultDocumentValidator, DocumentValidator, GrammarAST, isReference, type LangiumCoreServices, type LangiumDocument,
    type Reference, type ScopeProvider, type ValidationOptions,
} from 'langium';
import type { IRecognitionException } from 'chevrotain';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { isFailTarget, isRegion, type Service } from '../generated/ast.js';
import { referenceKind } from '../scoping/reference-kinds.js';
import { ruleDocsUrl, type RuleId } from './rules.js';
import { keywordsOfRule } from './grammar-keywords.js';
import { humanizeLinkingError, humanizeParserMessage, misspeltKeywordMessage } from './syntax-messages.js';
import { terminalOutput } from '../util/sanitise.js';

/** Grammar rules in the words of the language, for "Unknown word 'x' in an ecs service". */
const RULE_DESCRIPTIONS: Record<string, string> = {
    Model: 'the file', System: 'a system', Global: 'global', Region: 'a region', Cell: 'a cell', Router: 'a router',
    Lambda: 'a lambda', Ecs: 'an ecs service', Eks: 'an eks cluster', NodeGroup: 'a node group',
    FargateProfile: 'a fargate profile', DynamoDb: 'a dynamodb table', ElastiCache: 'an elasticache cluster',
    Kinesis: 'a kinesis stream', KinesisConsumer: 'a kinesis consumer', Sqs: 'an sqs queue', Sns: 'an sns topic',
    Alb: 'an alb', Route53: 'a route53 record', Scenario: 'a scenario', Common: 'this element',
} satisfies Readonly<Record<Service['$type'], string>> & Record<string, string>;

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
        const diagnostics = (await super.validateDocument(document, options, cancelToken))
            .filter(d => !this.isCascadingLinkError(document, d) && !this.isInsideUnknownElement(document, d));
        for (const diagnostic of diagnostics) {
            const kind = (diagnostic.data as { code?: string } | undefined)?.code;
            if (diagnostic.code !== undefined) continue;
            let rule: RuleId;
            if (kind === DocumentValidator.LinkingError) {
                rule = 'unresolved-reference';
                diagnostic.message = this.linkingMessage(document, diagnostic);
            } else if (kind === DocumentValidator.LexingError || kind === DocumentValidator.ParsingError) {
                rule = 'syntax';
                // Parser messages quote the text: keep control characters from reaching a terminal.
                diagnostic.message = terminalOutput(this.parserMessage(document, diagnostic));
            } else {
                continue;
            }
            diagnostic.code = rule;
            diagnostic.codeDescription = { href: ruleDocsUrl(rule) };
        }
        return diagnostics;
    }

    /** The parser error behind a syntax diagnostic: the one whose token starts where the diagnostic does. */
    private parserErrorAt(document: LangiumDocument, diagnostic: Diagnostic): IRecognitionException | undefined {
        const start = document.textDocument.offsetAt(diagnostic.range.start);
        return document.parseResult.parserErrors.find(e => e.token.startOffset === start || (isNaN(e.token.startOffset) && e.message === diagnostic.message));
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
    private isInsideUnknownElement(document: LangiumDocument, diagnostic: Diagnostic): boolean {
        if ((diagnostic.data as { code?: string } | undefined)?.code !== DocumentValidator.ParsingError) return false;
        const stack = this.parserErrorAt(document, diagnostic)?.context?.ruleStack ?? [];
        return stack.some(rule => rule.startsWith('Unknown'));
    }

    /** "Unknown word 'concurency' in a lambda. Did you mean 'concurrency'?", else the parser's message in words. */
    private parserMessage(document: LangiumDocument, diagnostic: Diagnostic): string {
        const error = this.parserErrorAt(document, diagnostic);
        const rule = this.innermostRule(error);
        // Only where the parser wanted the element to end (`}`) was the word meant as a member keyword;
        // elsewhere (`tasks many`) the expected token says more.
        if (error && rule && /'\}'/.test(error.message)) {
            const where = RULE_DESCRIPTIONS[rule] ?? `a ${rule.toLowerCase()}`;
            const misspelt = misspeltKeywordMessage(error.token.image, where, keywordsOfRule(this.grammar, rule));
            if (misspelt) return misspelt;
        }
        return humanizeParserMessage(diagnostic.message, document.textDocument.getText());
    }

    /** The reference a linking diagnostic is about: the one whose text sits at the diagnostic's range. */
    private referenceAt(document: LangiumDocument, diagnostic: Diagnostic): Reference | undefined {
        const start = document.textDocument.offsetAt(diagnostic.range.start);
        return document.references.find((r): r is Reference => isReference(r) && r.$refNode?.offset === start);
    }

    /** `fail use1.nope[1].x`: once `use1.nope` is unresolved, `x` cannot resolve either; one error is enough. */
    private isCascadingLinkError(document: LangiumDocument, diagnostic: Diagnostic): boolean {
        if ((diagnostic.data as { code?: string } | undefined)?.code !== DocumentValidator.LinkingError) return false;
        const container = this.referenceAt(document, diagnostic)?.$refNode?.astNode;
        return isFailTarget(container) && container.member?.$refNode?.offset === document.textDocument.offsetAt(diagnostic.range.start)
            && container.element?.ref === undefined;
    }

    /** Suggests only names that are visible at the reference and of a kind that fits there. */
    private linkingMessage(document: LangiumDocument, diagnostic: Diagnostic): string {
        const data = diagnostic.data as { refText?: string; property?: string } | undefined;
        const reference = this.referenceAt(document, diagnostic);
        const container = reference?.$refNode?.astNode;
        const refText = reference?.$refText ?? data?.refText ?? '';
        if (!reference || !container || !data?.property) return humanizeLinkingError(refText, 'element', 'in scope', []);
        const expected = referenceKind(container.$type, data.property);
        const scope = this.scopeProvider.getScope({ reference, container, property: data.property });
        const candidates = scope.getAllElements()
            .filter(d => !expected || (d.node !== undefined && expected.accepts(d.node, container)))
            .map(d => d.name);
        const region = AstUtils.getContainerOfType(container, isRegion);
        const where = expected?.noun === 'AZ' && region ? `in region ${region.name}` : 'in scope';
        return humanizeLinkingError(refText, expected?.noun ?? 'element', where, candidates);
    }
}
