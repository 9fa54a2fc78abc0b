import type { EventTarget, StepTask } from '../../../generated/ast.js';
import type { ComponentOf, DependencyEdge, TopologyComponent } from '../../../model/topology.js';
import { arr, obj, type Entries } from '../code.js';
import { commentText, physicalName, tsString } from '../identifiers.js';
import type { ComponentHandle, EmitScope } from '../scope.js';
import { durationExpr, int, seconds } from '../values.js';
import { notGenerated } from './targets.js';

/**
 * EventBridge buses with their rules and targets, and Step Functions state machines whose tasks call the modelled
 * services. Queues and topics live in the data stacks: the bus's stack names them by ARN, so that CDK adds no
 * resource policy there that would point back at this stack (a cycle); the queue or topic lets EventBridge rules of
 * its account and region in (messaging.ts, `eventBridgeAccess`).
 */

/** The model's `source` of the events a system's publishers put on its buses, and the rule's `detail-type`. */
export function eventPattern(scope: EmitScope, rule: string): string {
    return obj([['source', arr([tsString(`resil.${scope.plan.systemName}`)])], ['detailType', arr([tsString(rule)])]]);
}

/** A queue or topic of a data stack, named by its ARN in this stack (see above). */
function byArn(scope: EmitScope, to: TopologyComponent, handle: ComponentHandle, id: string): string {
    if (to.kind === 'sqs') return `${scope.mod('sqs')}.Queue.fromQueueArn(this, '${id}', ${handle.expr}.queueArn)`;
    return `${scope.mod('sns')}.Topic.fromTopicArn(this, '${id}', ${handle.expr}.topicArn)`;
}

/** The `aws-events-targets` target of a rule, or why there is none. */
function ruleTarget(scope: EmitScope, busName: string, target: EventTarget, to: TopologyComponent, handle: ComponentHandle, dlq: string | undefined):
    { expr: string } | { missing: string } {
    const targets = scope.mod('eventsTargets');
    const policy: Entries = [
        ['deadLetterQueue', dlq],
        ['retryAttempts', int(target.retries, 0, 185)],
        ['maxEventAge', target.maxAge !== undefined && durationExpr(scope, seconds(target.maxAge) ?? 86400, 60, 86400)],
    ];
    const id = (suffix: string) => scope.constructId(`${busName}-${to.name}`, suffix);
    switch (to.kind) {
        case 'lambda': case 'router': return { expr: `new ${targets}.LambdaFunction(${handle.invokeTarget ?? handle.expr}, ${obj(policy)})` };
        case 'stepfunctions': return { expr: `new ${targets}.SfnStateMachine(${handle.expr}, ${obj(policy)})` };
        case 'kinesis': return { expr: `new ${targets}.KinesisStream(${handle.expr}, ${obj(policy)})` };
        case 'sqs':
            return to.ast.fifo ? { missing: 'a FIFO queue as a target (it needs a message group id the model does not give)' }
                : { expr: `new ${targets}.SqsQueue(${byArn(scope, to, handle, id('Target'))}, ${obj(policy)})` };
        case 'sns':
            return to.ast.fifo ? { missing: 'a FIFO topic as a target' } : { expr: `new ${targets}.SnsTopic(${byArn(scope, to, handle, id('Target'))}, ${obj(policy)})` };
        // Another bus: EventBridge retries with its own policy; only the dead-letter queue is the target's.
        case 'eventbridge': return { expr: `new ${targets}.EventBus(${handle.expr}, ${obj([['deadLetterQueue', dlq]])})` };
        default: return { missing: `${to.kind} as a target (rules deliver to functions, state machines, queues, topics, streams and buses)` };
    }
}

/** An EventBridge global endpoint: a bus in no region (in `global`), whose failover names the buses of two regions. */
export function isGlobalEndpoint(component: TopologyComponent): boolean {
    return component.kind === 'eventbridge' && !component.region;
}

/** The primary bus of a global endpoint: the endpoint is declared in its stack. */
export function endpointPrimaryBus(endpoint: TopologyComponent): TopologyComponent | undefined {
    return endpoint.outgoing.find(e => e.kind === 'failover' && e.source.primary?.ref === e.to.ast)?.to;
}

/** The global endpoints whose primary or secondary bus `bus` is, with its role in each. */
function endpointsOf(bus: TopologyComponent): Array<{ endpoint: ComponentOf<'eventbridge'>; primary: boolean }> {
    return bus.incoming.flatMap(e => (e.kind === 'failover' && e.from.kind === 'eventbridge'
        ? [{ endpoint: e.from, primary: e.source.primary?.ref === bus.ast }] : []));
}

/** A global endpoint routes to buses of one name in both regions (validation: eventbridge-endpoint): its buses' name. */
function endpointBusName(scope: EmitScope, bus: TopologyComponent): string {
    return physicalName([scope.plan.systemName, bus.name], 256);
}

/**
 * A global endpoint, in the stack of its primary bus: the Route 53 health check of the primary region (on a CloudWatch
 * alarm of the bus's ingestion-to-invocation latency, as AWS's template for global endpoints does), event replication
 * to the secondary region's bus of the same name (its role may put events on both buses), and the endpoint itself.
 */
function declareGlobalEndpoint(endpoint: ComponentOf<'eventbridge'>, bus: string, busComponent: TopologyComponent, scope: EmitScope): void {
    const secondary = endpoint.outgoing.find(e => e.kind === 'failover' && e.to !== busComponent)?.to;
    const target = secondaryBus(scope, endpoint, busComponent);
    if (!secondary || !target) {
        scope.declarations.push(notGenerated(scope, endpoint.ast, `global endpoint ${commentText(endpoint.id)} (its secondary bus has no region)`));
        return;
    }
    const ast = endpoint.ast;
    const events = scope.mod('events');
    const iam = scope.mod('iam');
    const cloudwatch = scope.mod('cloudwatch');
    const duration = scope.core('Duration');
    const variable = scope.variable(ast.name);
    const alarm = scope.variable(ast.name, 'Health');
    const check = scope.variable(ast.name, 'HealthCheck');
    const role = scope.variable(ast.name, 'Replication');
    const secondaryArn = target.arn;
    scope.declarations.push(
        scope.trace(ast, `eventbridge ${ast.name}: global endpoint, primary ${busComponent.id}, secondary ${secondary.id}`),
        `const ${alarm} = new ${cloudwatch}.Alarm(this, '${scope.constructId(ast.name, 'Health')}', ${obj([
            ['metric', `new ${cloudwatch}.Metric(${obj([['namespace', "'AWS/Events'"], ['metricName', "'IngestionToInvocationStartLatency'"], ['period', `${duration}.minutes(1)`], ['statistic', "'Average'"]])})`],
            ['threshold', '30000'],
            ['evaluationPeriods', '5'],
            ['comparisonOperator', `${cloudwatch}.ComparisonOperator.GREATER_THAN_THRESHOLD`],
            ['treatMissingData', `${cloudwatch}.TreatMissingData.NOT_BREACHING`],
            ['alarmDescription', tsString(`Events reach the targets of ${busComponent.id} late: the global endpoint ${endpoint.id} fails over to ${secondary.id}.`)],
        ])});`,
        `const ${check} = new ${scope.mod('route53')}.CfnHealthCheck(this, '${scope.constructId(ast.name, 'HealthCheck')}', ${obj([['healthCheckConfig', obj([
            ['type', "'CLOUDWATCH_METRIC'"],
            ['alarmIdentifier', obj([['name', `${alarm}.alarmName`], ['region', 'this.region']])],
            ['insufficientDataHealthStatus', "'Healthy'"],
        ])]])});`,
        `const ${role} = new ${iam}.Role(this, '${scope.constructId(ast.name, 'Replication')}', ${obj([['assumedBy', `new ${iam}.ServicePrincipal('events.amazonaws.com')`]])});`,
        `${role}.addToPolicy(new ${iam}.PolicyStatement(${obj([['actions', "['events:PutEvents']"], ['resources', arr([`${bus}.eventBusArn`, secondaryArn])]])}));`,
        `const ${variable} = new ${events}.CfnEndpoint(this, '${scope.constructId(ast.name)}', ${obj([
            ['name', tsString(physicalName([scope.plan.systemName, ast.name], 64).replace(/\./g, '-'))],
            ['routingConfig', obj([['failoverConfig', obj([
                ['primary', obj([['healthCheck', `\`arn:\${this.partition}:route53:::healthcheck/\${${check}.attrHealthCheckId}\``]])],
                ['secondary', obj([['route', tsString(target.code)]])],
            ])]])],
            ['replicationConfig', "{ state: 'ENABLED' }"],
            ['roleArn', `${role}.roleArn`],
            ['eventBuses', arr([`{ eventBusArn: ${bus}.eventBusArn }`, `{ eventBusArn: ${secondaryArn} }`])],
        ])});`,
        '',
    );
    // Publishers put events on the primary bus (and the secondary, by ARN) and send them to the endpoint's id; a
    // publisher in another stack (another region's) takes the id as a prop, and names both buses by ARN.
    scope.declare(endpoint, { expr: variable, invokeTarget: bus, endpoint: `${variable}.attrEndpointId` });
}

/** eventbridge (in a region) -> an event bus, its archive, and a rule per model rule with a target per model target. */
export function declareEventBridge(component: ComponentOf<'eventbridge'>, scope: EmitScope): void {
    const ast = component.ast;
    if (!component.region) {
        return; // a global endpoint: declared in the stack of its primary bus
    }
    const events = scope.mod('events');
    const bus = scope.variable(ast.name);
    const endpoints = endpointsOf(component);
    const props = obj([['eventBusName', endpoints.length > 0 && tsString(endpointBusName(scope, component))]]);
    const lines = [scope.trace(ast, `eventbridge ${ast.name}`), `const ${bus} = new ${events}.EventBus(this, '${scope.constructId(ast.name)}'${props === '{}' ? '' : `, ${props}`});`];
    if (ast.archive) {
        const retention = seconds(ast.archiveRetention);
        lines.push(`// Archived events can be replayed onto the bus after a failure.`,
            `${bus}.archive('${scope.constructId(ast.name, 'Archive')}', ${obj([
                ['eventPattern', obj([['account', arr(['this.account'])]])],
                ['retention', retention !== undefined && durationExpr(scope, retention, 86400)],
            ])});`);
    }
    const dlqs = new Map<TopologyComponent, string>();
    for (const rule of ast.rules.filter(r => r.name)) {
        const ruleVar = scope.variable(`${ast.name}-${rule.name}`, 'Rule');
        lines.push(`const ${ruleVar} = new ${events}.Rule(this, '${scope.constructId(`${ast.name}-${rule.name}`, 'Rule')}', ${obj([['eventBus', bus], ['eventPattern', eventPattern(scope, rule.name)]])});`,
            // CDK names the rule after its construct (a physical name would block its replacement): the design's name rides in its metadata.
            scope.part(ruleVar, component, rule.name));
        for (const target of rule.targets) {
            const edge = component.outgoing.find(e => e.kind === 'target' && e.source === target);
            const handle = edge && scope.handle(edge.to);
            if (!edge || !handle) {
                if (edge) lines.push(notGenerated(scope, target, `target ${commentText(edge.to.id)} (not reachable from this stack)`));
                continue;
            }
            const dlqEdge = component.outgoing.find(e => e.kind === 'dlq' && e.source === target);
            let dlq: string | undefined;
            if (dlqEdge) {
                const queue = scope.handle(dlqEdge.to);
                if (queue && !dlqs.has(dlqEdge.to)) {
                    const variable = scope.variable(dlqEdge.to.name, 'EventDlq');
                    lines.push(`const ${variable} = ${byArn(scope, dlqEdge.to, queue, scope.constructId(dlqEdge.to.name, 'EventDlq'))};`);
                    dlqs.set(dlqEdge.to, variable);
                }
                dlq = dlqs.get(dlqEdge.to);
                if (!dlq) lines.push(notGenerated(scope, target, `dead-letter queue ${commentText(dlqEdge.to.id)} (not reachable from this stack)`));
            }
            const made = ruleTarget(scope, ast.name, target, edge.to, handle, dlq);
            if ('expr' in made) lines.push(`${ruleVar}.addTarget(${made.expr});`);
            else lines.push(notGenerated(scope, target, made.missing));
        }
    }
    lines.push('');
    scope.declarations.push(...lines);
    scope.declare(component, { expr: bus, propType: `${events}.IEventBus` });
    for (const { endpoint } of endpoints.filter(e => e.primary)) declareGlobalEndpoint(endpoint, bus, component, scope);
}

/** The secondary bus of a global endpoint, by ARN (it is in another region's stack), and that region's code. */
function secondaryBus(scope: EmitScope, endpoint: ComponentOf<'eventbridge'>, primary: TopologyComponent): { arn: string; code: string } | undefined {
    const secondary = endpoint.outgoing.find(e => e.kind === 'failover' && e.to !== primary)?.to;
    return secondary && busByArn(scope, secondary);
}

/** A bus of a global endpoint by ARN (its name is fixed: `endpointBusName`), and its region's code. */
function busByArn(scope: EmitScope, bus: TopologyComponent): { arn: string; code: string } | undefined {
    const code = bus.region && scope.plan.regions.get(bus.region)?.code;
    if (!code) return undefined;
    return { code, arn: `\`arn:\${${scope.core('Stack')}.of(this).partition}:events:${code}:\${${scope.core('Stack')}.of(this).account}:event-bus/${endpointBusName(scope, bus)}\`` };
}

/**
 * `uses` of a global endpoint: its publishers may put events on both its buses (the SDK sends them to the endpoint,
 * which routes them to one), and read the endpoint's id from their environment. A publisher beside the primary bus
 * is granted it by reference; one in another stack (another region) names both buses by ARN.
 */
export function publishThroughEndpoint(edge: DependencyEdge, grantee: string, to: ComponentHandle, scope: EmitScope): string[] | undefined {
    const primary = endpointPrimaryBus(edge.to);
    const secondary = edge.to.kind === 'eventbridge' && primary ? secondaryBus(scope, edge.to, primary) : undefined;
    const primaryArn = primary && busByArn(scope, primary);
    if (!secondary || !primaryArn) return undefined;
    const grant = (arns: readonly string[]) => `${scope.mod('iam')}.Grant.addToPrincipal(${obj([['grantee', grantee], ['actions', "['events:PutEvents']"], ['resourceArns', arr(arns)]])});`;
    return to.invokeTarget ? [`${to.invokeTarget}.grantPutEventsTo(${grantee});`, grant([secondary.arn])] : [grant([primaryArn.arn, secondary.arn])];
}

/** The Step Functions task that calls a modelled service, or why there is none. */
function taskState(scope: EmitScope, id: string, task: StepTask, to: TopologyComponent, handle: ComponentHandle): { expr: string } | { missing: string } {
    const tasks = scope.mod('sfnTasks');
    const sfn = scope.mod('sfn');
    const timeout = seconds(task.timeout);
    const common: Entries = [['taskTimeout', timeout !== undefined && `${sfn}.Timeout.duration(${durationExpr(scope, timeout, 1, 99999999)})`]];
    const input = `${sfn}.TaskInput.fromJsonPathAt('$')`;
    const result: Entries = [['resultPath', `${sfn}.JsonPath.DISCARD`]];
    // A FIFO queue or topic orders by group and drops repeats by id: one group per task, one id per execution.
    const fifo = (to.kind === 'sqs' || to.kind === 'sns') && to.ast.fifo;
    const ordered: Entries = fifo ? [['messageGroupId', tsString(task.name)], ['messageDeduplicationId', `${sfn}.JsonPath.stringAt('$$.Execution.Name')`]] : [];
    switch (to.kind) {
        // Retries are the model's: the task's own retrier, not the construct's default one.
        case 'lambda': case 'router':
            return { expr: `new ${tasks}.LambdaInvoke(this, '${id}', ${obj([['lambdaFunction', handle.invokeTarget ?? handle.expr], ['retryOnServiceExceptions', 'false'], ['payloadResponseOnly', 'true'], ...common])})` };
        case 'sqs':
            return { expr: `new ${tasks}.SqsSendMessage(this, '${id}', ${obj([['queue', handle.expr], ['messageBody', input], ...ordered, ...result, ...common])})` };
        case 'sns':
            return { expr: `new ${tasks}.SnsPublish(this, '${id}', ${obj([['topic', handle.expr], ['message', input], ...ordered, ...result, ...common])})` };
        case 'dynamodb':
            return { expr: `new ${tasks}.DynamoPutItem(this, '${id}', ${obj([['table', handle.expr], ['item', `{ pk: ${tasks}.DynamoAttributeValue.fromString(${sfn}.JsonPath.stringAt('$$.Execution.Name')) }`], ...result, ...common])})` };
        case 'stepfunctions':
            return { expr: `new ${tasks}.StepFunctionsStartExecution(this, '${id}', ${obj([['stateMachine', handle.expr], ['input', input], ...result, ...common])})` };
        case 'eventbridge':
            return { expr: `new ${tasks}.EventBridgePutEvents(this, '${id}', ${obj([['entries', `[{ eventBus: ${handle.expr}, source: ${tsString(`resil.${scope.plan.systemName}`)}, detailType: ${tsString(task.name)}, detail: ${input} }]`], ...result, ...common])})` };
        default:
            return { missing: `task ${commentText(task.name)} calling ${to.kind} ${commentText(to.id)} (tasks call functions, queues, topics, tables, state machines and buses)` };
    }
}

/**
 * stepfunctions -> a state machine whose definition runs the model's tasks in order: each with the model's retries
 * (exponential backoff) and timeout; a task with `catch` goes on to the next step when it fails. Logs and X-Ray on.
 */
export function declareStepFunctions(component: ComponentOf<'stepfunctions'>, scope: EmitScope): void {
    const ast = component.ast;
    const sfn = scope.mod('sfn');
    const machine = scope.variable(ast.name);
    const lines = [scope.trace(ast, `stepfunctions ${ast.name}`)];
    // Built from the last step back, so that each step names the one after it.
    const done = scope.variable(ast.name, 'Done');
    lines.push(`const ${done} = new ${sfn}.Succeed(this, '${scope.constructId(ast.name, 'Done')}');`);
    const steps: string[] = [];
    let next = done;
    const states: string[] = [];
    const invoked: string[] = [];
    for (const task of [...ast.tasks].reverse()) {
        const edge = component.outgoing.find(e => e.kind === 'uses' && e.source === task.call);
        const handle = edge && scope.handle(edge.to);
        if (!edge || !handle) {
            if (edge) lines.push(notGenerated(scope, task, `task ${commentText(task.name)} (${commentText(edge.to.id)} is not reachable from this stack)`));
            continue;
        }
        const state = scope.variable(`${ast.name}-${task.name}`);
        const made = taskState(scope, scope.constructId(`${ast.name}-${task.name}`), task, edge.to, handle);
        if ('missing' in made) {
            lines.push(notGenerated(scope, task, made.missing));
            continue;
        }
        states.unshift(`const ${state} = ${made.expr};`);
        if (edge.to.kind === 'lambda' || edge.to.kind === 'router') invoked.push(handle.invokeTarget ?? handle.expr);
        const retries = int(task.call.retries, 0, 99999999);
        const after: string[] = [];
        if (retries !== undefined && retries !== '0') after.push(`${state}.addRetry(${obj([['errors', arr([`${sfn}.Errors.ALL`])], ['maxAttempts', retries], ['backoffRate', '2'], ['interval', durationExpr(scope, 1)]])});`);
        if (task.catch) after.push(`${state}.addCatch(${next}, ${obj([['resultPath', tsString(`$.errors.${task.name}`)]])});`);
        after.push(`${state}.next(${next});`);
        steps.unshift(...after);
        next = state;
    }
    lines.push(...states, ...steps);
    const express = ast.workflow === 'express';
    const logs = scope.variable(ast.name, 'Logs');
    lines.push(
        `const ${logs} = new ${scope.mod('logs')}.LogGroup(this, '${scope.constructId(ast.name, 'Logs')}', ${obj([['retention', `${scope.mod('logs')}.RetentionDays.ONE_YEAR`]])});`,
        `const ${machine} = new ${sfn}.StateMachine(this, '${scope.constructId(ast.name)}', ${obj([
            ['definitionBody', `${sfn}.DefinitionBody.fromChainable(${next})`],
            ['stateMachineType', `${sfn}.StateMachineType.${express ? 'EXPRESS' : 'STANDARD'}`],
            ['tracingEnabled', 'true'],
            ['logs', obj([['destination', logs], ['level', `${sfn}.LogLevel.ALL`], ['includeExecutionData', 'true']])],
        ])});`,
        scope.acknowledge(machine, ['stateMachineLogDelivery']),
        ...invoked.map(fn => `${scope.access()}.acknowledgeVersionsOf(${machine}, ${fn}, ${tsString(`Task of ${ast.name} (model: ${scope.plan.trace(ast)}): Step Functions may invoke the function's versions and aliases.`)});`),
        '',
    );
    scope.declarations.push(...lines);
    scope.declare(component, { expr: machine, propType: `${sfn}.IStateMachine`, grantee: machine });
}

/**
 * A queue or topic that EventBridge rules deliver to (a target or a target's dead-letter queue): its resource policy
 * lets in the rules of its account and region. Said here, in the data stack, because the rules' stack names it by ARN.
 */
export function eventBridgeAccess(component: TopologyComponent, expr: string, scope: EmitScope): string[] {
    const rules = component.incoming.filter(e => e.from.kind === 'eventbridge' && (e.kind === 'target' || e.kind === 'dlq'));
    if (rules.length === 0 || (component.kind !== 'sqs' && component.kind !== 'sns')) return [];
    const iam = scope.mod('iam');
    const buses = [...new Set(rules.map(e => e.from.id))].join(', ');
    const [action, arn] = component.kind === 'sqs' ? ['sqs:SendMessage', `${expr}.queueArn`] : ['sns:Publish', `${expr}.topicArn`];
    return [
        `// EventBridge rules of ${commentText(buses)} deliver here (their stack names this ${component.kind === 'sqs' ? 'queue' : 'topic'} by ARN).`,
        `${expr}.addToResourcePolicy(new ${iam}.PolicyStatement(${obj([
            ['principals', arr([`new ${iam}.ServicePrincipal('events.amazonaws.com')`])],
            ['actions', arr([tsString(action)])],
            ['resources', arr([arn])],
            ['conditions', `{ ArnLike: { 'aws:SourceArn': \`arn:\${this.partition}:events:\${this.region}:\${this.account}:rule/*\` } }`],
        ])}));`,
    ];
}
