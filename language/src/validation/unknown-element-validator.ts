import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Service, UnknownElement } from '../generated/ast.js';
import { closestNames } from '../util/closest-names.js';
import type { RuleReporter } from './rule-reporter.js';

const SERVICE_KEYWORD: Readonly<Record<Service['$type'], string>> = {
    Lambda: 'lambda', Ecs: 'ecs', Eks: 'eks', DynamoDb: 'dynamodb', ElastiCache: 'elasticache', Kinesis: 'kinesis', Sqs: 'sqs',
    Sns: 'sns', Alb: 'alb', Route53: 'route53', AutoScalingGroup: 'asg',
    Aurora: 'aurora', Rds: 'rds', S3: 's3', ApiGateway: 'apigateway', Cognito: 'cognito',
};
const SERVICE_KEYWORDS = Object.values(SERVICE_KEYWORD);
/** Elements of the region's VPC: in a region only, not in a cell. */
const NETWORK_KEYWORDS = ['nat', 'endpoint'];

/** What each container may hold, in the words of the language: the candidates for "did you mean". */
const MEMBER_KEYWORDS: Record<string, { readonly where: string; readonly keywords: readonly string[] }> = {
    System: { where: 'a system', keywords: ['require', 'global', 'region', 'external', 'scenario', 'allow'] },
    Global: { where: 'global', keywords: ['route53', 'cloudfront', 'allow'] },
    Region: { where: 'a region', keywords: ['az', 'cell', 'router', ...SERVICE_KEYWORDS, ...NETWORK_KEYWORDS, 'allow'] },
    Cell: { where: 'a cell', keywords: SERVICE_KEYWORDS.filter(k => k !== 'route53').concat('allow') },
};

/**
 * Reports elements whose keyword is misspelt (`lamda f { ... }`). The grammar parses them as a whole so that the
 * rest of the file still parses; here they become `syntax` errors that say what was meant.
 */
export class UnknownElementValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly report = (element: UnknownElement, accept: ValidationAcceptor): void => {
        // Where the parser already failed at this word, its (humanized) error says it; one message is enough.
        const offset = element.$cstNode?.offset;
        if (AstUtils.getDocument(element).parseResult.parserErrors.some(e => e.token.startOffset === offset)) return;
        const container = MEMBER_KEYWORDS[element.$container.$type] ?? MEMBER_KEYWORDS.Region;
        const suggestions = closestNames(element.kind, container.keywords, 1);
        const hint = suggestions.length > 0
            ? `Did you mean '${element.name ? `${suggestions[0]} ${element.name}` : suggestions[0]}'?`
            : `Expected one of: ${container.keywords.join(', ')}.`;
        this.reporter.report(accept, 'syntax', `Unknown element kind '${element.kind}' in ${container.where}. ${hint}`,
            { node: element, property: 'kind' });
    };
}
