import type { ApiGateway, Element } from '../generated/ast.js';

/**
 * What AWS lets an API Gateway API integrate, by the target's kind: the one statement of it, read by the
 * `reference-kind` rule (a design that asks for more gets a finding) and by the CDK generator (which builds only
 * integrations AWS has). No API reaches a cache's or a database's connections; an HTTP API's AWS service
 * integrations are EventBridge, SQS, Kinesis, Step Functions and AppConfig, where a REST API calls any service
 * action (DynamoDB, SNS, S3 among them). Every other kind (functions, load balancers, services behind a VPC link,
 * queues, streams, state machines) is integrated by both API types.
 */
export type ApiIntegrationLimit = 'no-api' | 'rest-api-only';

const LIMITS: Partial<Readonly<Record<Element['$type'], ApiIntegrationLimit>>> = {
    ElastiCache: 'no-api', Aurora: 'no-api', Rds: 'no-api',
    DynamoDb: 'rest-api-only', Sns: 'rest-api-only', S3: 'rest-api-only',
};

/** Why an API of this type cannot integrate an element of this kind, or undefined when it can. */
export function apiIntegrationLimit(api: ApiGateway['api'], target: Element['$type']): ApiIntegrationLimit | undefined {
    const limit = LIMITS[target];
    return limit === 'rest-api-only' && api !== 'http' ? undefined : limit;
}
