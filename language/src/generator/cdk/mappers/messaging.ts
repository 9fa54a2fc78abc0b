import type { ComponentOf, TopologyComponent } from '../../../model/topology.js';
import { deadLetterDepthAlarm } from '../alarms.js';
import { obj, type Entries } from '../code.js';
import type { EmitScope } from '../scope.js';
import { durationExpr, int, seconds } from '../values.js';
import { deadLetterSources, edgeTarget, notGenerated } from './targets.js';
import { eventBridgeAccess } from './events.js';

/**
 * Acknowledgments of a queue that is itself a dead-letter queue (`holder` says whose, and where the model says so):
 * a DLQ needs no DLQ of its own. `what` names what it holds: messages, events, records.
 */
export function deadLetterQueueAcks(holder: string, what = 'messages'): Array<{ id: string; reason: string }> {
    return [
        { id: 'AwsSolutions-SQS3', reason: `${holder}: it holds failed ${what} and needs no dead-letter queue of its own.` },
        { id: 'Serverless-SQSRedrivePolicy', reason: `${holder}: redriving failed ${what} again would only move them.` },
    ];
}

function deadLetterAcks(component: TopologyComponent, scope: EmitScope): Array<{ id: string; reason: string }> {
    const sources = deadLetterSources(component);
    if (sources.length === 0) return [];
    return deadLetterQueueAcks(`Dead-letter queue of ${sources.map(s => s.id).join(', ')} (model: ${scope.plan.trace(component.ast)})`);
}

export function declareSqs(component: ComponentOf<'sqs'>, scope: EmitScope): void {
    const ast = component.ast;
    const sqs = scope.mod('sqs');
    const queue = scope.variable(ast.name);
    const lines = [scope.trace(ast, `sqs ${ast.name}`)];
    const isDeadLetter = deadLetterSources(component).length > 0;
    const entries: Array<readonly [string, string | undefined | false]> = [];
    if (ast.fifo) entries.push(['fifo', 'true']);
    const visibility = seconds(ast.visibility);
    if (visibility !== undefined) entries.push(['visibilityTimeout', durationExpr(scope, visibility, 0, 43200)]);
    const retention = seconds(ast.retention);
    // A dead-letter queue keeps its messages as long as SQS allows, to leave time to look at them.
    if (retention !== undefined || isDeadLetter) entries.push(['retentionPeriod', durationExpr(scope, retention ?? 14 * 86400, 60, 14 * 86400)]);
    const dlq = edgeTarget(component, 'dlq', scope);
    if (dlq?.handle && dlq.to.kind === 'sqs') {
        entries.push(['deadLetterQueue', obj([['queue', dlq.handle.expr], ['maxReceiveCount', int(ast.dlq?.maxReceives ?? 5, 1, 1000)]])]);
    } else if (dlq) {
        lines.push(notGenerated(scope, ast.dlq ?? ast, `dead-letter queue ${dlq.to.id} (it must be an sqs queue of the same region, declared before this queue)`));
    }
    entries.push(['encryption', `${sqs}.QueueEncryption.SQS_MANAGED`], ['enforceSSL', 'true']);
    lines.push(`const ${queue} = new ${sqs}.Queue(this, '${scope.constructId(ast.name)}', ${obj(entries as Entries)});`);
    const acks = deadLetterAcks(component, scope);
    if (acks.length > 0) lines.push(scope.acknowledge(queue, acks));
    lines.push(...eventBridgeAccess(component, queue, scope));
    if (isDeadLetter) lines.push(...deadLetterDepthAlarm(scope, ast.name, queue, deadLetterSources(component).map(s => s.id).join(', ')).lines);
    lines.push('');
    scope.declarations.push(...lines);
    scope.declare(component, {
        expr: queue, propType: `${sqs}.IQueue`, deadLetter: dlq?.handle && dlq.to.kind === 'sqs' ? dlq.handle.expr : undefined,
    });
}

export function declareSns(component: ComponentOf<'sns'>, scope: EmitScope): void {
    const ast = component.ast;
    const sns = scope.mod('sns');
    const topic = scope.variable(ast.name);
    const lines = [scope.trace(ast, `sns ${ast.name}`)];
    const dlq = edgeTarget(component, 'dlq', scope);
    if (dlq?.handle && dlq.to.kind === 'sqs') {
        lines.push(`// Its dead-letter queue ${dlq.to.name} is set on every subscription (SNS redrive policies are per subscription).`);
    } else if (dlq) {
        lines.push(notGenerated(scope, ast.dlq ?? ast, `dead-letter queue ${dlq.to.id} (it must be an sqs queue of the same region)`));
    }
    const entries: Entries = [['fifo', ast.fifo && 'true'], ['enforceSSL', 'true']];
    lines.push(`const ${topic} = new ${sns}.Topic(this, '${scope.constructId(ast.name)}', ${obj(entries)});`, ...eventBridgeAccess(component, topic, scope), '');
    scope.declarations.push(...lines);
    scope.declare(component, {
        expr: topic, propType: `${sns}.ITopic`, deadLetter: dlq?.handle && dlq.to.kind === 'sqs' ? dlq.handle.expr : undefined,
    });
}
