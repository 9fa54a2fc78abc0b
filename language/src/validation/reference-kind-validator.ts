import type { AstNode, Reference, ValidationAcceptor } from 'langium';
import {
    isApiGateway, isCell, isCloudFront, isDynamoDb, isElement, isKinesisConsumer, isRegion,
    type Consumes, type DeadLetter, type DynamoDb, type Element, type FailTarget, type KinesisConsumer, type Lambda, type Route53,
    type Router, type Uses, type Aurora, type Rds, type S3, type EventBridge, type EventTarget, type CloudFront, type ApiGateway,
} from '../generated/ast.js';
import { apiIntegrationLimit } from '../model/api-integrations.js';
import { qualifiedName, regionOf } from '../scoping/qualified-names.js';
import { isCallable, referenceKind } from '../scoping/reference-kinds.js';
import type { RuleReporter } from './rule-reporter.js';

/** What an element is, in the words of the language: `sqs orderQueue`, `cell payments`, `region use1`. */
export function describeElement(element: AstNode): string {
    const keyword = isElement(element) ? ELEMENT_KEYWORDS[element.$type] : element.$type.toLowerCase();
    return `${keyword} ${qualifiedName(element)}`;
}

const ELEMENT_KEYWORDS: Readonly<Record<Element['$type'], string>> = {
    Region: 'region', Az: 'az', Cell: 'cell', Router: 'router', Lambda: 'lambda', Ecs: 'ecs', Eks: 'eks',
    DynamoDb: 'dynamodb', ElastiCache: 'elasticache', Kinesis: 'kinesis', KinesisConsumer: 'kinesis consumer',
    Sqs: 'sqs', Sns: 'sns', Alb: 'alb', Route53: 'route53',
    Aurora: 'aurora', Rds: 'rds', S3: 's3',
    AutoScalingGroup: 'asg', NatGateway: 'nat', VpcEndpoint: 'endpoint',
    EventBridge: 'eventbridge', StepFunctions: 'stepfunctions',
    ApiGateway: 'apigateway', CloudFront: 'cloudfront', Cognito: 'cognito', External: 'external',
};

/**
 * `reference-kind`: each reference names an element of a kind that makes sense there. Linking only checks that
 * the name exists; this says what was expected instead (`dlq` takes a queue or topic, `over` a cell ...).
 */
export class ReferenceKindValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkUsesTarget = (uses: Uses, accept: ValidationAcceptor): void => {
        const target = uses.target?.ref;
        if (!target) return;
        if (isCell(target)) {
            const routers = isRegion(target.$container) ? target.$container.routers.filter(r => r.over?.ref === target) : [];
            const hint = routers.length > 0 ? `use its router ${routers[0].name}` : `declare \`router ${target.name}Router over ${target.name}\` and use it`;
            this.reporter.report(accept, 'reference-kind',
                `${describeElement(target)} cannot be used directly: a cell is reached through a router that maps each customer to its replicas; ${hint}.`,
                { node: uses, property: 'target' });
        } else if (isKinesisConsumer(target)) {
            this.wrongKind(accept, uses, 'target', target, 'a service or router', `use the stream ${target.$container.name}`);
        } else if (!isCallable(target)) {
            this.wrongKind(accept, uses, 'target', target, 'a service, router or external dependency', 'name the service this one calls');
        } else if (isApiGateway(uses.$container) && isElement(target)) {
            this.checkIntegration(uses.$container, uses, target, accept);
        } else if (isCloudFront(uses.$container)) {
            this.checkPrivateOrigin(uses.$container, uses, 'target', target, accept);
        }
    };

    /**
     * What AWS lets an API integrate: no API reaches a cache's or a database's connections, and an HTTP API has only
     * a few AWS service integrations (EventBridge, SQS, Kinesis, Step Functions, AppConfig) where a REST API calls any
     * service action. The design would check clean and its app could not be built as drawn.
     */
    private checkIntegration(api: ApiGateway, uses: Uses, target: Element, accept: ValidationAcceptor): void {
        const limit = apiIntegrationLimit(api.api, target.$type);
        if (limit === 'no-api') {
            this.reporter.report(accept, 'reference-kind',
                `API Gateway cannot call ${describeElement(target)}: an API integrates functions, load balancers, services through a VPC link and AWS service actions, not a cache's or a database's connections. Put a Lambda function or a service between them.`,
                { node: uses, property: 'target' });
        } else if (limit === 'rest-api-only') {
            this.reporter.report(accept, 'reference-kind',
                `An HTTP API has no integration with ${describeElement(target)}: its AWS service integrations are EventBridge, SQS, Kinesis, Step Functions and AppConfig. Make it a REST API (\`api rest\`), which calls any AWS service action, or put a Lambda function between them.`,
                { node: uses, property: 'target' });
        }
    }

    readonly checkConsumesTarget = (consumes: Consumes, accept: ValidationAcceptor): void => this.expect(accept, consumes, 'target', consumes.target);

    readonly checkDeadLetterTarget = (dlq: DeadLetter, accept: ValidationAcceptor): void => {
        if (dlq.target?.ref === dlq.$container) {
            this.reporter.report(accept, 'reference-kind',
                `${describeElement(dlq.$container)} cannot be its own dead-letter queue: failed messages would loop forever. Declare a separate queue.`,
                { node: dlq, property: 'target' });
        } else {
            this.expect(accept, dlq, 'target', dlq.target);
        }
    };

    readonly checkOnFailure = (node: Lambda | KinesisConsumer, accept: ValidationAcceptor): void => this.expect(accept, node, 'onFailure', node.onFailure);

    readonly checkFailoverTargets = (route: Route53, accept: ValidationAcceptor): void => {
        this.checkFailoverTarget(route, 'primary', accept);
        this.checkFailoverTarget(route, 'secondary', accept);
    };

    /** An origin group's primary and secondary: two origins, neither the distribution itself. */
    readonly checkOriginGroup = (distribution: CloudFront, accept: ValidationAcceptor): void => {
        for (const property of ['primary', 'secondary'] as const) {
            this.expect(accept, distribution, property, distribution[property]);
            const origin = distribution[property]?.ref;
            if (origin) this.checkPrivateOrigin(distribution, distribution, property, origin, accept);
        }
    };

    /**
     * A private API answers only through an interface VPC endpoint, from inside a VPC; CloudFront fetches from its
     * origins over the internet, so every request it forwards there is refused (403) and the design would check clean.
     */
    private checkPrivateOrigin(distribution: CloudFront, node: AstNode, property: string, origin: AstNode, accept: ValidationAcceptor): void {
        if (!isApiGateway(origin) || origin.endpointType !== 'private') return;
        this.reporter.report(accept, 'reference-kind',
            `CloudFront distribution \`${distribution.name}\` cannot reach ${describeElement(origin)}: a private API answers only through an interface VPC endpoint inside a VPC, and CloudFront fetches from its origins over the internet, so every request it forwards is refused. Make the API \`endpoint regional\` (restrict it to CloudFront with a resource policy or a secret header), or put an internet-facing load balancer in front of it.`,
            { node, property });
    }

    readonly checkReplicaSource = (table: DynamoDb, accept: ValidationAcceptor): void => {
        const source = table.replicaOf?.ref;
        if (!source) return;
        if (!isDynamoDb(source)) {
            this.wrongKind(accept, table, 'replicaOf', source, 'a dynamodb table', 'name the table this one replicates');
        } else if (source === table || regionOf(source) === regionOf(table)) {
            this.reporter.report(accept, 'reference-kind',
                `A replica must be in another region than ${describeElement(source)}: a global table keeps one replica per region.`,
                { node: table, property: 'replicaOf' });
        }
    };

    /** `replica of` on an Aurora cluster, RDS database or S3 bucket: the same kind, in another region. */
    readonly checkReplicaOf = (node: Aurora | Rds | S3, accept: ValidationAcceptor): void => this.expect(accept, node, 'replicaOf', node.replicaOf);

    readonly checkEventBridge = (bus: EventBridge, accept: ValidationAcceptor): void => {
        this.expect(accept, bus, 'primary', bus.primary);
        this.expect(accept, bus, 'secondary', bus.secondary);
    };

    readonly checkEventTarget = (target: EventTarget, accept: ValidationAcceptor): void => {
        this.expect(accept, target, 'target', target.target);
        this.expect(accept, target, 'dlq', target.dlq);
    };

    readonly checkRouterOver = (router: Router, accept: ValidationAcceptor): void => this.expect(accept, router, 'over', router.over);

    private checkFailoverTarget(route: Route53, property: 'primary' | 'secondary', accept: ValidationAcceptor): void {
        if (route[property]?.ref === route) {
            this.reporter.report(accept, 'reference-kind',
                `${describeElement(route)} cannot fail over to itself: when it fails, nothing is left to answer. Name the load balancers (or entry services) of two regions.`,
                { node: route, property });
            return;
        }
        this.expect(accept, route, property, route[property]);
    }

    /** `fail X`, `fail cell[i]` and `fail cell[i].service`: a replica index only after a cell, a member only of that cell. */
    readonly checkFailTarget = (target: FailTarget, accept: ValidationAcceptor): void => {
        const element = target.element?.ref;
        if (!element) return;
        if (target.replica !== undefined && !isCell(element)) {
            this.wrongKind(accept, target, 'element', element, 'a cell (only cells have replicas)', `write \`fail ${qualifiedName(element)}\``);
        } else if (target.replica === undefined && isKinesisConsumer(element)) {
            this.wrongKind(accept, target, 'element', element, 'a region, AZ, cell, router or service', `fail the stream ${qualifiedName(element.$container)}`);
        }
    };

    /** Checks a reference against what `scoping/reference-kinds.ts` accepts there (completion offers the same). */
    private expect<N extends AstNode>(accept: ValidationAcceptor, node: N, property: string, ref: Reference<Element> | undefined): void {
        const target = ref?.ref;
        const kind = referenceKind(node.$type, property);
        if (target && kind && !kind.accepts(target, node)) this.wrongKind(accept, node, property, target, kind.expected);
    }

    private wrongKind(accept: ValidationAcceptor, node: AstNode, property: string, target: AstNode, expected: string, hint?: string): void {
        this.reporter.report(accept, 'reference-kind',
            `Expected ${expected}, but ${describeElement(target)} is not one${hint ? `: ${hint}` : ''}.`,
            { node, property });
    }
}
