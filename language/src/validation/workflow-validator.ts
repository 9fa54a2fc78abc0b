import type { ValidationAcceptor } from 'langium';
import type { EventBridge, EventTarget, StepFunctions, StepTask } from '../generated/ast.js';
import { topologyOfNode, type TopologyComponent } from '../model/topology.js';
import { regionOf } from '../scoping/qualified-names.js';
import type { RuleReporter } from './rule-reporter.js';

/** The retries the quick fix of `stepfunctions-task-retry` adds: Step Functions' own default for a retrier. */
export const SUGGESTED_TASK_RETRIES = 3;

/** Kinds whose writes must not happen twice: data stores, and FIFO queues and topics (exactly-once processing). */
function writesOnce(target: TopologyComponent): boolean {
    switch (target.kind) {
        case 'dynamodb': case 'aurora': case 'rds': case 's3': return true;
        case 'sqs': case 'sns': return target.ast.fifo;
        default: return false;
    }
}

/**
 * EventBridge and Step Functions, from AWS guidance: a global endpoint over two regions' buses, a dead-letter queue
 * per rule target, retries on every task, and Standard workflows where a repeated execution would write twice.
 */
export class WorkflowValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkEventBridge = (bus: EventBridge, accept: ValidationAcceptor): void => {
        const global = regionOf(bus) === undefined;
        if (!global) {
            if (bus.primary || bus.secondary) {
                this.reporter.report(accept, 'eventbridge-endpoint',
                    `Bus \`${bus.name}\` is in a region: \`failover\` belongs to a global endpoint, declared in \`global\` as \`eventbridge <name> { failover primary <region>.${bus.name} secondary <other region>.${bus.name} }\`.`,
                    { node: bus, property: bus.primary ? 'primary' : 'secondary' });
            }
            return;
        }
        if (!bus.primary || !bus.secondary) {
            this.reporter.report(accept, 'eventbridge-endpoint',
                `Global endpoint \`${bus.name}\` names no ${bus.primary ? 'secondary' : 'primary'} bus: a global endpoint routes events to the primary region's bus and, when its Route 53 health check fails, to the secondary's. Add \`failover primary <region>.<bus> secondary <other region>.<bus>\`.`,
                { node: bus, property: 'name' });
        } else if (bus.primary.ref && bus.secondary.ref && regionOf(bus.primary.ref) === regionOf(bus.secondary.ref)) {
            this.reporter.report(accept, 'eventbridge-endpoint',
                `Global endpoint \`${bus.name}\` fails over between two buses of one region: losing that region loses both. Name the bus of another region as \`secondary\`.`,
                { node: bus, property: 'secondary' });
        } else if (bus.primary.ref && bus.secondary.ref && bus.primary.ref.name !== bus.secondary.ref.name) {
            this.reporter.report(accept, 'eventbridge-endpoint',
                `Global endpoint \`${bus.name}\` names buses \`${bus.primary.ref.name}\` and \`${bus.secondary.ref.name}\`: AWS routes a global endpoint's events to buses of the same name in both regions. Give both buses one name.`,
                { node: bus, property: 'secondary' });
        }
        if (bus.rules.length > 0 || bus.archive) {
            this.reporter.report(accept, 'eventbridge-endpoint',
                `Global endpoint \`${bus.name}\` only routes events to a region's bus: rules and archives belong to the buses it names. Move them into the buses.`,
                { node: bus, property: 'name' });
        }
    };

    readonly checkEventTarget = (target: EventTarget, accept: ValidationAcceptor): void => {
        if (target.dlq || !target.target?.ref) return;
        const rule = target.$container;
        const retry = target.retries !== undefined || target.maxAge !== undefined
            ? `past its retry policy (${target.retries ?? 185} retries within ${target.maxAge ?? '24h'})`
            : 'for 24 hours (185 retries, the default retry policy)';
        this.reporter.report(accept, 'eventbridge-target-dlq',
            `Rule \`${rule.name}\` of bus \`${rule.$container.name}\` delivers to \`${target.target.ref.name}\` without a dead-letter queue: when \`${target.target.ref.name}\` fails or throttles ${retry}, EventBridge drops the event and nothing records it. Add \`dlq <queue>\` (a standard SQS queue) to the target.`,
            { node: target, property: 'target' });
    };

    readonly checkStepFunctions = (machine: StepFunctions, accept: ValidationAcceptor): void => {
        if (machine.workflow !== 'express') return;
        const component = topologyOfNode(machine).componentOf(machine);
        const writes = (component?.outgoing ?? []).filter(e => e.kind === 'uses' && e.source.$container !== machine && writesOnce(e.to));
        if (writes.length === 0) return;
        const [first] = writes;
        const task = first.kind === 'uses' && first.source.$container.$type === 'StepTask' ? first.source.$container.name : undefined;
        this.reporter.report(accept, 'stepfunctions-express-exactly-once',
            `State machine \`${machine.name}\` is an Express workflow, which runs an execution at least once (asynchronous) or at most once (synchronous), never exactly once, and task \`${task}\` writes to ${first.to.kind} \`${first.to.id}\`${writes.length > 1 ? ` (with ${writes.length - 1} more)` : ''}: a repeated execution writes twice, a lost one not at all. Use \`workflow standard\` (exactly-once execution), or make those writes idempotent.`,
            { node: machine, property: 'workflow' });
    };

    readonly checkTask = (task: StepTask, accept: ValidationAcceptor): void => {
        const target = task.call?.target?.ref;
        if (!target || (task.call.retries ?? 0) > 0) return;
        const message = `Task \`${task.name}\` of state machine \`${task.$container.name}\` calls \`${target.name}\` with no retry: a transient error (a Lambda service exception, a throttled API, a task timeout) fails ${task.catch ? 'the task into its catch' : 'the whole execution'} at once. Add \`retries ${SUGGESTED_TASK_RETRIES}\` (retried with exponential backoff).`;
        if (task.call.retries !== undefined) this.reporter.report(accept, 'stepfunctions-task-retry', message, { node: task.call, property: 'retries' });
        else this.reporter.report(accept, 'stepfunctions-task-retry', message, { node: task, property: 'name' });
    };
}
