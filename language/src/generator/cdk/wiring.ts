import type { DependencyEdge, TopologyComponent } from '../../model/topology.js';
import { obj } from './code.js';
import { commentText, constantCase, NameSet } from './identifiers.js';
import type { ComponentHandle, EmitScope } from './scope.js';

/**
 * What `uses` and `consumes` mean at runtime: least-privilege permissions, an environment variable with the
 * target's name, subscriptions and event sources. Statements go after all declarations, so order never matters.
 */
export function wireComponent(component: TopologyComponent, scope: EmitScope): void {
    const own = scope.handle(component);
    if (!own) return;
    // Targets named `q_a` and `q-a` would both set Q_A_QUEUE_URL: the second gets Q_A_QUEUE_URL_2.
    const keys = new NameSet([], '_');
    const addEnvironment = own.addEnvironment;
    const from: ComponentHandle = addEnvironment ? { ...own, addEnvironment: (key, value) => addEnvironment(keys.claim(key), value) } : own;
    const lines: string[] = [];
    for (const edge of component.outgoing) {
        if (edge.kind !== 'uses' && edge.kind !== 'consumes') continue;
        if (component.kind === 'kinesis-consumer' && edge.to.kind === 'kinesis') continue; // its event source
        if (component.kind === 'alb' || component.kind === 'router') continue; // listener targets / app logic
        const to = scope.handle(edge.to);
        const wired = to ? wire(edge, from, to, scope) : undefined;
        lines.push(...(wired ?? [notWired(edge, scope, `${commentText(`${edge.kind} ${edge.to.id}`)} (${why(edge, to, scope)})`)]));
    }
    if (lines.length > 0) scope.wiring.push(`// ${commentText(component.id)}`, ...lines, '');
}

/** `// not wired: ...`, recorded on the plan like every element the generator cannot map. */
function notWired(edge: DependencyEdge, scope: EmitScope, what: string): string {
    scope.plan.recordUnmapped(edge.source, what);
    return `// not wired: ${what}`;
}

function why(edge: DependencyEdge, to: ComponentHandle | undefined, scope: EmitScope): string {
    if (!to && edge.to.region !== scope.region.region) return 'another region: pass its name in explicitly';
    if (!to && edge.to.cell && edge.to.cell !== scope.cell?.cell) return 'services inside a cell are reached through its router';
    if (!to) return 'no resource in this scope to point at';
    if (['ecs', 'eks', 'alb'].includes(edge.to.kind)) return 'reached over the network: give it the address of the service';
    return `${edge.from.kind} cannot ${edge.kind} ${edge.to.kind} directly`;
}

function env(from: ComponentHandle, key: string, value: string): string[] {
    const statement = from.addEnvironment?.(key, value);
    return statement ? [statement] : [];
}

function wire(edge: DependencyEdge, from: ComponentHandle, to: ComponentHandle, scope: EmitScope): string[] | undefined {
    const name = constantCase(edge.to.name);
    const grantee = from.grantee;
    if (edge.kind === 'consumes') return consume(edge, from, to, scope, name);
    if (!grantee) return undefined;
    switch (edge.to.kind) {
        case 'dynamodb':
            return [`${scope.access()}.readWriteTable(${grantee}, ${to.expr});`, ...env(from, `${name}_TABLE`, `${to.expr}.tableName`)];
        case 'sqs':
            return [`${to.expr}.grantSendMessages(${grantee});`, ...env(from, `${name}_QUEUE_URL`, `${to.expr}.queueUrl`)];
        case 'sns':
            return [`${to.expr}.grantPublish(${grantee});`, ...env(from, `${name}_TOPIC_ARN`, `${to.expr}.topicArn`)];
        case 'kinesis':
            return [`${to.expr}.grantWrite(${grantee});`, ...env(from, `${name}_STREAM`, `${to.expr}.streamName`)];
        case 'lambda': {
            const target = to.invokeTarget ?? to.expr;
            return [`${scope.access()}.invokeFunction(${grantee}, ${target});`, ...env(from, `${name}_FUNCTION`, `${target}.functionArn`)];
        }
        case 'elasticache':
        case 'alb':
            return to.endpoint ? env(from, `${name}_ENDPOINT`, to.endpoint) : undefined;
        case 'ecs': case 'eks': case 'kinesis-consumer': case 'route53': case 'router':
            return undefined; // called through a load balancer, a stream or DNS, or no resource at all
    }
}

function consume(edge: DependencyEdge, from: ComponentHandle, to: ComponentHandle, scope: EmitScope, name: string): string[] | undefined {
    const consumerKind = edge.from.kind;
    if (edge.to.kind === 'sqs') {
        if (consumerKind === 'lambda') {
            const lines = [`${from.expr}.addEventSource(new ${scope.mod('eventSources')}.SqsEventSource(${to.expr}, { reportBatchItemFailures: true }));`];
            const dlq = edge.to.outgoing.find(e => e.kind === 'dlq');
            if (dlq) {
                lines.push(scope.acknowledge(from.expr, [{
                    id: 'Serverless-LambdaEventSourceMappingDestination',
                    reason: `SQS event sources take no on-failure destination: messages that keep failing move to ${dlq.to.id}, the dead-letter queue of ${edge.to.id} (model: ${scope.plan.trace(edge.source)}).`,
                }]));
            }
            return lines;
        }
        if (!from.grantee) return undefined;
        return [`${to.expr}.grantConsumeMessages(${from.grantee});`, ...env(from, `${name}_QUEUE_URL`, `${to.expr}.queueUrl`)];
    }
    if (edge.to.kind === 'sns') {
        const subscriptions = scope.mod('subscriptions');
        const options = obj([['deadLetterQueue', to.deadLetter]]);
        if (consumerKind === 'lambda') return [`${to.expr}.addSubscription(new ${subscriptions}.LambdaSubscription(${from.expr}, ${options}));`];
        if (consumerKind === 'sqs') return [`${to.expr}.addSubscription(new ${subscriptions}.SqsSubscription(${from.expr}, ${options}));`];
        return undefined;
    }
    if (edge.to.kind === 'kinesis') {
        if (consumerKind === 'lambda') {
            const lambda = scope.mod('lambda');
            return [`${from.expr}.addEventSource(new ${scope.mod('eventSources')}.KinesisEventSource(${to.expr}, ${obj([
                ['startingPosition', `${lambda}.StartingPosition.TRIM_HORIZON`], ['bisectBatchOnError', 'true'], ['retryAttempts', '3'],
            ])}));`];
        }
        if (!from.grantee) return undefined;
        return [`${to.expr}.grantRead(${from.grantee});`, ...env(from, `${name}_STREAM`, `${to.expr}.streamName`)];
    }
    return undefined;
}
