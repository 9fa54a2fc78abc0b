import type { TopologyComponent } from '../../model/topology.js';
import { arr, obj } from './code.js';
import { tsString } from './identifiers.js';
import type { EmitScope } from './scope.js';

/**
 * CloudWatch alarms that follow the topology: each mapper asks here for the alarms of what it declares (a
 * function's errors, a dead-letter queue's depth...), deployments roll back on them (CodeDeploy groups, ECS
 * deployment alarms), and every scope (a region stack, a cell replica) shows its own alarms on a dashboard of its
 * own, so the dashboard follows whichever stack or construct the scope is rendered into.
 */

export interface AlarmSpec {
    /** The model name of what is watched, and what is watched about it: `authorize` + `Errors`. */
    readonly name: string;
    readonly what: string;
    /** A TypeScript expression of type `cloudwatch.IMetric`. */
    readonly metric: string;
    /** The alarm fires when the metric is above this value (below, with `below`). */
    readonly threshold: number;
    readonly below?: boolean;
    /** Consecutive one-minute periods the metric must breach. */
    readonly periods: number;
    /** Why this alarm matters: what has failed when it fires. */
    readonly description: string;
}

interface ScopeAlarms {
    readonly alarms: string[];
    /** ECS services and the alarms that roll back their deployments: CDK keeps only the first call's names. */
    readonly deployments: Map<string, string[]>;
}

const ALARMS = new WeakMap<EmitScope, ScopeAlarms>();

function alarmsOf(scope: EmitScope): ScopeAlarms {
    let state = ALARMS.get(scope);
    if (!state) ALARMS.set(scope, state = { alarms: [], deployments: new Map() });
    return state;
}

/** Every metric is read per minute, so `periods` are minutes. */
export function perMinute(scope: EmitScope, statistic?: 'Maximum' | 'Sum'): string {
    return obj([['period', `${scope.core('Duration')}.minutes(1)`], ['statistic', statistic && tsString(statistic)]]);
}

/** `const authorizeErrors = new cloudwatch.Alarm(...)`: declared in the scope and listed on its dashboard. */
export function declareAlarm(scope: EmitScope, spec: AlarmSpec): { variable: string; lines: string[] } {
    const cloudwatch = scope.mod('cloudwatch');
    const variable = scope.variable(spec.name, `${spec.what}Alarm`);
    alarmsOf(scope).alarms.push(variable);
    const comparison = spec.below ? 'LESS_THAN_THRESHOLD' : 'GREATER_THAN_THRESHOLD';
    return {
        variable,
        lines: [`const ${variable} = new ${cloudwatch}.Alarm(this, '${scope.constructId(spec.name, `${spec.what}Alarm`)}', ${obj([
            ['metric', spec.metric],
            ['threshold', String(spec.threshold)],
            ['evaluationPeriods', String(spec.periods)],
            ['comparisonOperator', `${cloudwatch}.ComparisonOperator.${comparison}`],
            // No data means no traffic (no invocation, no message): that is not a failure.
            ['treatMissingData', `${cloudwatch}.TreatMissingData.NOT_BREACHING`],
            ['alarmDescription', tsString(spec.description)],
        ])});`],
    };
}

/** Alarms that must roll back the deployments of an ECS service of this scope (its load balancer's, for one). */
export function addDeploymentAlarms(scope: EmitScope, service: string, alarms: readonly string[]): void {
    const deployments = alarmsOf(scope).deployments;
    deployments.set(service, [...(deployments.get(service) ?? []), ...alarms]);
}

/**
 * What closes a scope's monitoring: the ECS services' deployment alarms (one call per service, with all its
 * alarms) and the scope's dashboard: the state of all its alarms at a glance, then each alarm's metric.
 */
export function monitoringLines(scope: EmitScope): string[] {
    const state = ALARMS.get(scope);
    if (!state || state.alarms.length === 0) return [];
    const cloudwatch = scope.mod('cloudwatch');
    const lines: string[] = [];
    for (const [service, alarms] of state.deployments) {
        lines.push(`${service}.enableDeploymentAlarms(${arr(alarms.map(a => `${a}.alarmName`))}, { behavior: ${scope.mod('ecs')}.AlarmBehavior.ROLLBACK_ON_ALARM });`);
    }
    const part = scope.role === 'region-data' || scope.role === 'cell-data' ? 'data' : 'services';
    const what = scope.cell ? `cell ${scope.cell.cell.name} (this replica), its ${part}` : `region ${scope.region.region.name}, its ${part}`;
    const alarms = scope.variable('alarms');
    const dashboard = scope.variable('dashboard');
    lines.push(
        `// The dashboard of ${what}: its alarms' state, then each alarm's metric.`,
        `const ${alarms} = ${arr(state.alarms)};`,
        `const ${dashboard} = new ${cloudwatch}.Dashboard(this, '${scope.constructId('Dashboard')}');`,
    );
    const title = tsString(`Alarms of ${what}`);
    if (state.alarms.length <= ALARMS_PER_STATUS_WIDGET) {
        lines.push(`${dashboard}.addWidgets(new ${cloudwatch}.AlarmStatusWidget(${obj([['title', title], ['alarms', alarms], ['width', '24']])}));`);
    } else {
        lines.push(
            `for (let start = 0; start < ${alarms}.length; start += ${ALARMS_PER_STATUS_WIDGET}) {`,
            `  ${dashboard}.addWidgets(new ${cloudwatch}.AlarmStatusWidget(${obj([['title', title], ['alarms', `${alarms}.slice(start, start + ${ALARMS_PER_STATUS_WIDGET})`], ['width', '24']])}));`,
            '}',
        );
    }
    // When not every alarm can have its graph, the first ones do, after the status widgets of all.
    const graphCount = Math.max(0, Math.min(state.alarms.length, WIDGETS_PER_DASHBOARD - Math.ceil(state.alarms.length / ALARMS_PER_STATUS_WIDGET)));
    const graphs = graphCount === state.alarms.length ? alarms : `${alarms}.slice(0, ${graphCount})`;
    if (graphCount > 0) lines.push(`${dashboard}.addWidgets(...${graphs}.map(alarm => new ${cloudwatch}.AlarmWidget({ alarm, title: alarm.node.id, width: 8 })));`);
    lines.push('');
    return lines;
}

/** CloudWatch's limits: an alarm status widget shows 100 alarms, a dashboard holds 500 widgets. */
const ALARMS_PER_STATUS_WIDGET = 100;
const WIDGETS_PER_DASHBOARD = 500;

/** A dead-letter queue is empty while all is well: one message in it is a failure that nothing retries any more. */
export function deadLetterDepthAlarm(scope: EmitScope, name: string, queue: string, holderOf: string): { variable: string; lines: string[] } {
    return declareAlarm(scope, {
        name, what: 'Depth', metric: `${queue}.metricApproximateNumberOfMessagesVisible(${perMinute(scope, 'Maximum')})`, threshold: 0, periods: 1,
        description: `Messages wait in the dead-letter queue of ${holderOf}: they failed every retry and need a look (and a redrive).`,
    });
}

/** How far behind its stream a function that reads one is (Lambda's IteratorAge: the age of the last record read). */
export function iteratorAgeAlarm(scope: EmitScope, name: string, fn: string): string[] {
    return declareAlarm(scope, {
        name, what: 'IteratorAge', metric: `${fn}.metric('IteratorAge', ${perMinute(scope, 'Maximum')})`, threshold: 60_000, periods: 5,
        description: `${name} has been more than a minute behind its stream for 5 minutes: records age towards the stream's retention and are lost past it.`,
    }).lines;
}

/** 5xx answers of the load balancer itself: no healthy target, or targets that time out or reset. */
export function loadBalancerAlarms(scope: EmitScope, name: string, alb: string): string[] {
    const elbv2 = scope.mod('elbv2');
    return declareAlarm(scope, {
        name, what: 'Elb5xx', metric: `${alb}.metrics.httpCodeElb(${elbv2}.HttpCodeElb.ELB_5XX_COUNT, ${perMinute(scope, 'Sum')})`, threshold: 0, periods: 2,
        description: `Load balancer ${name} answered 5xx itself for 2 minutes: no healthy target, or targets that fail to answer.`,
    }).lines;
}

/**
 * The targets behind one target group: 5xx answers and unhealthy hosts. For an ECS service of this scope, both roll
 * back its deployments: a new task definition that fails its health checks or answers errors is not kept.
 */
export function targetGroupAlarms(scope: EmitScope, target: TopologyComponent, targetGroup: string): string[] {
    const elbv2 = scope.mod('elbv2');
    const errors = declareAlarm(scope, {
        name: target.name, what: 'Target5xx', metric: `${targetGroup}.metrics.httpCodeTarget(${elbv2}.HttpCodeTarget.TARGET_5XX_COUNT, ${perMinute(scope, 'Sum')})`,
        threshold: 0, periods: 2, description: `${target.kind} ${target.name} answered 5xx through its load balancer for 2 minutes.`,
    });
    const unhealthy = declareAlarm(scope, {
        name: target.name, what: 'UnhealthyHosts', metric: `${targetGroup}.metrics.unhealthyHostCount(${perMinute(scope, 'Maximum')})`,
        threshold: 0, periods: 2, description: `${target.kind} ${target.name} has targets failing their health check for 2 minutes: fewer hosts serve than the design counts on.`,
    });
    const service = target.kind === 'ecs' ? scope.handle(target) : undefined;
    if (service) addDeploymentAlarms(scope, service.expr, [errors.variable, unhealthy.variable]);
    return [...errors.lines, ...unhealthy.lines];
}

/** Read and write throttle events of a table (or of this region's replica of a global table). */
export function tableThrottleAlarm(scope: EmitScope, name: string, table: string): string[] {
    const cloudwatch = scope.mod('cloudwatch');
    const minute = perMinute(scope, 'Sum');
    return declareAlarm(scope, {
        name, what: 'Throttles',
        metric: `new ${cloudwatch}.MathExpression(${obj([
            ['expression', `'reads + writes'`],
            ['usingMetrics', `{ reads: ${table}.metric('ReadThrottleEvents', ${minute}), writes: ${table}.metric('WriteThrottleEvents', ${minute}) }`],
            ['period', `${scope.core('Duration')}.minutes(1)`],
        ])})`,
        threshold: 0, periods: 1,
        description: `Table ${name} throttled reads or writes: its capacity (or a hot partition) rejects requests that callers then retry or fail.`,
    }).lines;
}
