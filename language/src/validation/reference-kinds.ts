/**
 * What each reference may name, by `Container.property`: shared by the `reference-kind` rule and by the
 * "did you mean" of unresolved names, so that both agree on what fits where.
 */
export interface ExpectedKind {
    /** AST types that fit. */
    readonly types: ReadonlySet<string>;
    /** The kinds in words, e.g. "an sqs queue or sns topic". */
    readonly description: string;
    /** A short noun for "No <noun> named 'x'". */
    readonly noun: string;
}

const SERVICES = ['Lambda', 'Ecs', 'Eks', 'DynamoDb', 'ElastiCache', 'Kinesis', 'Sqs', 'Sns', 'Alb', 'Route53'];

function kind(types: readonly string[], description: string, noun: string): ExpectedKind {
    return { types: new Set(types), description, noun };
}

const QUEUE_OR_TOPIC = kind(['Sqs', 'Sns'], 'an sqs queue or sns topic', 'queue or topic');

export const EXPECTED_KINDS: Readonly<Record<string, ExpectedKind>> = {
    'Uses.target': kind([...SERVICES, 'Router'], 'a service or router', 'service or router'),
    'Consumes.target': kind(['Sqs', 'Sns', 'Kinesis'], 'an sqs queue, an sns topic or a kinesis stream', 'queue, topic or stream'),
    'DeadLetter.target': QUEUE_OR_TOPIC,
    'Lambda.onFailure': QUEUE_OR_TOPIC,
    'KinesisConsumer.onFailure': QUEUE_OR_TOPIC,
    'Route53.primary': kind(SERVICES, 'an alb or a service marked `entry`', 'alb or entry service'),
    'Route53.secondary': kind(SERVICES, 'an alb or a service marked `entry`', 'alb or entry service'),
    'DynamoDb.replicaOf': kind(['DynamoDb'], 'a dynamodb table', 'dynamodb table'),
    'Router.over': kind(['Cell'], 'a cell', 'cell'),
};

const AZ = kind(['Az'], 'an AZ', 'AZ');

/** The kinds a reference accepts; undefined when any element fits (e.g. `fail`). */
export function expectedKind(containerType: string, property: string): ExpectedKind | undefined {
    if (property === 'azs' || property === 'subnets') return AZ;
    return EXPECTED_KINDS[`${containerType}.${property}`];
}
