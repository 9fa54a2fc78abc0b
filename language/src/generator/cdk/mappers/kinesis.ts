import type { ComponentOf } from '../../../model/topology.js';
import { iteratorAgeAlarm } from '../alarms.js';
import { obj, type Entries } from '../code.js';
import { fileSlug, tsString } from '../identifiers.js';
import type { EmitScope } from '../scope.js';
import { durationExpr, int, seconds } from '../values.js';
import { functionAcknowledgments, functionAlarms, newFunction } from './lambda.js';
import { edgeTarget, notGenerated, streamFailureDestination } from './targets.js';

export function declareKinesis(component: ComponentOf<'kinesis'>, scope: EmitScope): void {
    const ast = component.ast;
    const kinesis = scope.mod('kinesis');
    const stream = scope.variable(ast.name);
    const retention = seconds(ast.retention);
    const entries: Entries = [
        ['shardCount', int(ast.shards, 1, 10000)],
        ['streamMode', ast.shards === undefined && `${kinesis}.StreamMode.ON_DEMAND`],
        ['retentionPeriod', retention !== undefined && durationExpr(scope, retention, 24 * 3600, 8760 * 3600)],
        ['encryption', `${kinesis}.StreamEncryption.MANAGED`],
    ];
    scope.declarations.push(
        scope.trace(ast, `kinesis ${ast.name}`),
        `const ${stream} = new ${kinesis}.Stream(this, '${scope.constructId(ast.name)}', ${obj(entries)});`,
        '',
    );
    scope.declare(component, { expr: stream, propType: `${kinesis}.IStream` });
}

/**
 * A stream consumer -> an enhanced fan-out consumer read by a Lambda function in the model's AZs: `workers` become
 * the parallelization factor, `checkpoint on` reports partial batch failures, `on-failure` is where failed batches go.
 */
export function declareKinesisConsumer(component: ComponentOf<'kinesis-consumer'>, scope: EmitScope): void {
    const ast = component.ast;
    const streamComponent = component.outgoing.find(e => e.kind === 'consumes' && e.to.kind === 'kinesis')?.to;
    const stream = streamComponent ? scope.handle(streamComponent) : undefined;
    const lines = [scope.trace(ast, `consumer ${ast.name} of kinesis ${streamComponent?.name ?? ''}`)];
    if (!stream) {
        scope.declarations.push(...lines, notGenerated(scope, ast, 'the consumer: its stream is not declared in this scope'), '');
        return;
    }
    const kinesis = scope.mod('kinesis');
    const lambda = scope.mod('lambda');
    const eventSources = scope.mod('eventSources');
    const consumer = scope.variable(ast.name);
    const fn = scope.variable(ast.name, 'Function');
    const onFailure = edgeTarget(component, 'on-failure', scope);
    const failureDestination = streamFailureDestination(onFailure, scope);
    const concurrency = consumerConcurrency(streamComponent?.kind === 'kinesis' ? streamComponent.ast.shards : undefined, ast.workers);
    if (onFailure && !failureDestination) lines.push(notGenerated(scope, ast, `on-failure destination ${onFailure.to.id} (it must be an sqs queue or sns topic of the same region)`));
    lines.push(
        `const ${consumer} = new ${kinesis}.StreamConsumer(this, '${scope.constructId(ast.name)}', ${obj([
            ['stream', stream.expr], ['streamConsumerName', tsString(scope.physicalName(fileSlug(ast.name, 'consumer')))],
        ])});`,
        ...(concurrency === undefined ? ['// An on-demand stream changes its shard count: no reserved concurrency would fit it for long.'] : []),
        newFunction(scope, fn, scope.constructId(ast.name, 'Function'), { azs: component.azs, concurrency }),
        scope.part(fn, component),
        `${fn}.addEventSource(new ${eventSources}.KinesisConsumerEventSource(${consumer}, ${obj([
            ['startingPosition', `${lambda}.StartingPosition.TRIM_HORIZON`],
            ['parallelizationFactor', int(ast.workers, 1, 10)],
            ['reportBatchItemFailures', ast.checkpoint === 'on' && 'true'],
            ['bisectBatchOnError', 'true'],
            ['retryAttempts', '3'],
            ['onFailure', failureDestination],
        ])}));`,
    );
    const acks: Array<string | { id: string; reason: string }> = functionAcknowledgments(component.azs.length > 0);
    if (failureDestination) {
        acks.push({ id: 'Serverless-LambdaDLQ', reason: `Reads the stream through an event source mapping whose failed batches go to ${onFailure!.to.id} (model: ${scope.plan.trace(ast)}).` });
    }
    lines.push(scope.acknowledge(fn, acks));
    lines.push(...functionAlarms(scope, ast.name, fn).lines, ...iteratorAgeAlarm(scope, ast.name, fn), '');
    scope.declarations.push(...lines);
    scope.declare(component, {
        expr: consumer, grantee: fn, addEnvironment: (key, value) => `${fn}.addEnvironment('${key}', ${value});`,
    });
}

/**
 * The invocations a consumer function runs at most: one per shard and parallelization factor. Reserved, so that no
 * other function's burst can starve the consumer, and the consumer cannot starve the account.
 */
export function consumerConcurrency(shards: number | undefined, workers: number | undefined): number | undefined {
    if (shards === undefined || !Number.isFinite(shards)) return undefined;
    const factor = Math.min(10, Math.max(1, Math.round(workers ?? 1)));
    return Math.min(100000, Math.max(1, Math.round(shards)) * factor);
}
