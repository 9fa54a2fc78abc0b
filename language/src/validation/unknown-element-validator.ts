import { AstUtils, GrammarAST, type ValidationAcceptor } from 'langium';
import type { Service, UnknownElement } from '../generated/ast.js';
import { closestNames } from '../util/closest-names.js';
import type { RuleReporter } from './rule-reporter.js';

const SERVICE_KEYWORD: Readonly<Record<Service['$type'], string>> = {
    Lambda: 'lambda', Ecs: 'ecs', Eks: 'eks', DynamoDb: 'dynamodb', ElastiCache: 'elasticache', Kinesis: 'kinesis', Sqs: 'sqs',
    Sns: 'sns', Alb: 'alb', Route53: 'route53', AutoScalingGroup: 'asg',
    Aurora: 'aurora', Rds: 'rds', S3: 's3', ApiGateway: 'apigateway', Cognito: 'cognito',
    EventBridge: 'eventbridge', StepFunctions: 'stepfunctions',
};
const SERVICE_KEYWORDS = Object.values(SERVICE_KEYWORD);
/** Elements of the region's VPC: in a region only, not in a cell. */
const NETWORK_KEYWORDS = ['nat', 'endpoint'];

/** What each container may hold, in the words of the language: the candidates for "did you mean". */
const MEMBER_KEYWORDS: Record<string, { readonly where: string; readonly keywords: readonly string[] }> = {
    System: { where: 'a system', keywords: ['require', 'global', 'region', 'external', 'scenario', 'view', 'allow'] },
    Global: { where: 'global', keywords: ['route53', 'cloudfront', 'eventbridge', 'allow'] },
    Region: { where: 'a region', keywords: ['az', 'cell', 'router', ...SERVICE_KEYWORDS, ...NETWORK_KEYWORDS, 'allow'] },
    Cell: { where: 'a cell', keywords: SERVICE_KEYWORDS.filter(k => k !== 'route53').concat('allow') },
};

/** `require` in a region: the keyword is right, the place is not. Undefined when no other container takes it. */
function misplacedMessage(kind: string, where: string): string | undefined {
    const homes = Object.values(MEMBER_KEYWORDS).filter(c => c.keywords.includes(kind)).map(c => c.where);
    if (homes.length === 0) return undefined;
    return `'${kind}' cannot stand in ${where}: it belongs in ${homes.join(' or ')}. Move it there.`;
}

/**
 * `require rto ...` in a system: the keyword belongs there, what follows it is not one of its forms. The forms are
 * read from the grammar (the words that may follow the keyword), so a new form is listed once it exists.
 */
function malformedMessage(kind: string, grammar: GrammarAST.Grammar): string | undefined {
    const followers = new Set<string>();
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule)) continue;
        if (!GrammarAST.isGroup(rule.definition)) continue;
        const [first, second] = rule.definition.elements;
        if (!GrammarAST.isKeyword(first) || first.value !== kind || !second) continue;
        // The second element may offer several words (`objective=('rto' | 'rpo')`): each is a form.
        const words = GrammarAST.isKeyword(second) ? [second] : AstUtils.streamAllContents(second).filter(GrammarAST.isKeyword).toArray();
        for (const word of words) if (/^[a-z]/.test(word.value)) followers.add(word.value);
    }
    if (followers.size === 0) return `'${kind}' is not followed by what it takes here: check the line against the language reference.`;
    return `'${kind}' must be followed by one of: ${[...followers].join(', ')} (such as '${kind} ${[...followers][0]} ...').`;
}

/**
 * Reports elements whose keyword is misspelt (`lamda f { ... }`). The grammar parses them as a whole so that the
 * rest of the file still parses; here they become `syntax` errors that say what was meant.
 */
export class UnknownElementValidator {
    constructor(private readonly reporter: RuleReporter, private readonly grammar: GrammarAST.Grammar) { }

    readonly report = (element: UnknownElement, accept: ValidationAcceptor): void => {
        // Where the parser already failed at this word, its (humanized) error says it; one message is enough.
        const offset = element.$cstNode?.offset;
        if (AstUtils.getDocument(element).parseResult.parserErrors.some(e => e.token.startOffset === offset)) return;
        const container = MEMBER_KEYWORDS[element.$container.$type] ?? MEMBER_KEYWORDS.Region;
        const message = container.keywords.includes(element.kind)
            ? malformedMessage(element.kind, this.grammar)
            : misplacedMessage(element.kind, container.where);
        if (message) {
            this.reporter.report(accept, 'syntax', message, { node: element, property: 'kind' });
            return;
        }
        const suggestions = closestNames(element.kind, container.keywords, 1);
        const hint = suggestions.length > 0
            ? `Did you mean '${element.name ? `${suggestions[0]} ${element.name}` : suggestions[0]}'?`
            : `Expected one of: ${container.keywords.join(', ')}.`;
        this.reporter.report(accept, 'syntax', `Unknown element kind '${element.kind}' in ${container.where}. ${hint}`,
            { node: element, property: 'kind' });
    };
}
