import type { Lambda } from '../../../generated/ast.js';
import type { ComponentKind, ComponentOf, TopologyAz, TopologyComponent } from '../../../model/topology.js';
import { declareAlarm, deadLetterDepthAlarm, iteratorAgeAlarm, perMinute } from '../alarms.js';
import { arr, obj, type Entries } from '../code.js';
import { commentText, pascalCase, tsString } from '../identifiers.js';
import type { EmitScope } from '../scope.js';
import { durationExpr, int, seconds } from '../values.js';
import { edgeTarget, notGenerated } from './targets.js';
import { deadLetterQueueAcks } from './messaging.js';
import { LAMBDA_DEFAULT_TIMEOUT_SECONDS } from '../../../validation/call-path-validator.js';

export interface FunctionSettings {
    readonly memory?: number;
    readonly timeoutSeconds?: number;
    /** Model AZs of its VPC subnets; none: the function runs outside the VPC. */
    readonly azs: readonly TopologyAz[];
    readonly concurrency?: number;
    /** The function's code; the placeholder when not given. */
    readonly code?: string;
    readonly extra?: Entries;
}

/**
 * `new lambda.Function(...)` with what every generated function has: the latest Node.js runtime, placeholder
 * code, explicit memory and timeout, X-Ray tracing, and subnets in the model's AZs when it sits in the VPC.
 */
export function newFunction(scope: EmitScope, variable: string, constructId: string, settings: FunctionSettings): string {
    const lambda = scope.mod('lambda');
    const entries: Entries = [
        ['runtime', `${lambda}.Runtime.NODEJS_LATEST`],
        ['handler', `'index.handler'`],
        ['code', settings.code ?? `${scope.placeholders()}.functionCode()`],
        ['memorySize', int(settings.memory ?? 512, 128, 10240)],
        ['timeout', durationExpr(scope, settings.timeoutSeconds ?? 30, 1, 900)],
        ['tracing', `${lambda}.Tracing.ACTIVE`],
        ['vpc', settings.azs.length > 0 && scope.vpc()],
        ['vpcSubnets', settings.azs.length > 0 && scope.subnets(settings.azs)],
        ['reservedConcurrentExecutions', int(settings.concurrency, 0, 100000)],
        ...(settings.extra ?? []),
    ];
    return `const ${variable} = new ${lambda}.Function(this, '${constructId}', ${obj(entries)});`;
}

/**
 * The most concurrent invocations an SQS event source may start for a function with reserved concurrency: below
 * the reservation (a tenth is kept for other callers; SQS accepts 2 to 1000, so a reservation of 2 is matched), else
 * a burst of messages is throttled, and throttled messages count as receives until they land in the dead-letter queue.
 */
export function queueEventSourceConcurrency(reserved: number | undefined): number | undefined {
    if (reserved === undefined || !Number.isFinite(reserved) || reserved < 2) return undefined;
    const whole = Math.round(reserved);
    return Math.max(2, Math.min(1000, whole - Math.max(1, Math.floor(whole / 10))));
}

/** Acknowledgments every generated function needs: its AWS-managed execution policies and X-Ray's `*` resource. */
export function functionAcknowledgments(inVpc: boolean): string[] {
    return inVpc ? ['lambdaBasicExecution', 'lambdaVpcAccess', 'lambdaTracing'] : ['lambdaBasicExecution', 'lambdaTracing'];
}

export function declareLambda(component: ComponentOf<'lambda'>, scope: EmitScope): void {
    const ast = component.ast;
    const lines = [scope.trace(ast, `lambda ${ast.name}`)];
    const fn = scope.variable(ast.name);
    const id = scope.constructId(ast.name);
    const lambda = scope.mod('lambda');
    const extra: Array<readonly [string, string | undefined]> = [];

    const dlq = edgeTarget(component, 'dlq', scope);
    if (dlq?.handle && dlq.to.kind === 'sqs') extra.push(['deadLetterQueue', dlq.handle.expr]);
    else if (dlq?.handle && dlq.to.kind === 'sns') extra.push(['deadLetterTopic', dlq.handle.expr]);
    else if (dlq) lines.push(notGenerated(scope, ast.dlq ?? ast, `dead-letter target ${dlq.to.id} (a dead-letter target must be an sqs queue or sns topic of the same region)`));

    if (ast.invoke === 'async' && ast.retries !== undefined) extra.push(['retryAttempts', int(ast.retries, 0, 2)]);
    const onFailure = edgeTarget(component, 'on-failure', scope);
    const destination = onFailure?.handle ? destinationOf(onFailure.to.kind, onFailure.handle.expr, scope) : undefined;
    if (destination) extra.push(['onFailure', destination]);
    else if (onFailure) lines.push(notGenerated(scope, ast, `on-failure destination ${onFailure.to.id} (it must be an sqs queue, sns topic or lambda of the same region)`));

    // `invoke async` (or an SNS subscription) without a dead-letter target is a finding of `resil check`, and cdk-nag
    // shows it too; a function the model says nothing about may still be invoked asynchronously: it gets a queue.
    const ownDeadLetters = !dlq && !destination && ast.invoke === undefined && !consumesQueueWithDeadLetters(component)
        && !component.outgoing.some(e => e.kind === 'consumes' && e.to.kind === 'sns')
        ? asyncDeadLetterQueue(component, scope) : undefined;
    if (ownDeadLetters) {
        lines.push(...ownDeadLetters.lines);
        extra.push(['deadLetterQueue', ownDeadLetters.queue]);
    }

    lines.push(newFunction(scope, fn, id, {
        // No timeout in the design: Lambda's default, which the analysis assumes, stated (cdk-nag wants it explicit).
        memory: ast.memory, timeoutSeconds: seconds(ast.timeout) ?? LAMBDA_DEFAULT_TIMEOUT_SECONDS, azs: component.azs, concurrency: ast.concurrency, extra,
    }));

    const acks: Array<string | { id: string; reason: string }> = functionAcknowledgments(component.azs.length > 0);
    const where = scope.plan.trace(ast);
    if (!dlq && ast.invoke === 'sync') {
        acks.push({ id: 'Serverless-LambdaDLQ', reason: `Invoked synchronously (model: ${where}): errors return to the caller, and a dead-letter queue only receives failed asynchronous invocations.` });
    } else if (!dlq && destination) {
        acks.push({ id: 'Serverless-LambdaDLQ', reason: `Failed asynchronous invocations go to its on-failure destination ${onFailure?.to.id} (model: ${where}).` });
    } else if (!dlq && consumesQueueWithDeadLetters(component)) {
        acks.push({ id: 'Serverless-LambdaDLQ', reason: `Reads its queue through an event source mapping (model: ${where}): failed messages go to that queue's dead-letter queue.` });
    }
    if (dlq?.handle && !destination && extra.some(([key]) => key === 'retryAttempts')) {
        acks.push({ id: 'Serverless-LambdaAsyncFailureDestination', reason: `Failed asynchronous invocations go to its dead-letter queue ${dlq.to.id} (model: ${where}).` });
    }
    lines.push(scope.acknowledge(fn, acks));

    let invokeTarget = fn;
    let alias: string | undefined;
    if (ast.alias || ast.deploy) {
        const aliasName = ast.alias ?? 'live';
        alias = scope.variable(ast.name, pascalCase(aliasName, 'Alias'));
        invokeTarget = alias;
        lines.push(
            `// Callers invoke the alias; ${ast.deploy ? 'CodeDeploy shifts it to each new version as the model says' : 'publish a version and move it'}.`,
            `const ${alias} = new ${lambda}.Alias(this, '${scope.constructId(ast.name, 'Alias')}', ${obj([['aliasName', tsString(aliasName)], ['version', `${fn}.currentVersion`]])});`,
        );
    }
    const alarms = functionAlarms(scope, ast.name, fn, alias);
    lines.push(...alarms.lines);
    if (component.outgoing.some(e => e.kind === 'consumes' && e.to.kind === 'kinesis')) lines.push(...iteratorAgeAlarm(scope, ast.name, fn));
    if (ast.deploy && alias) lines.push(...deploymentGroup(scope, ast, alias, alarms.variables));
    lines.push('');
    scope.declarations.push(...lines);
    scope.declare(component, {
        expr: fn, propType: `${lambda}.IFunction`, grantee: fn, invokeTarget,
        addEnvironment: (key, value) => `${fn}.addEnvironment('${key}', ${value});`,
    });
}

function deploymentGroup(scope: EmitScope, ast: Lambda, alias: string, alarms: readonly string[]): string[] {
    const codedeploy = scope.mod('codedeploy');
    const deploy = ast.deploy!;
    const group = scope.variable(ast.name, 'Deployment');
    let config: string;
    if (deploy.strategy === 'all-at-once') {
        config = `${codedeploy}.LambdaDeploymentConfig.ALL_AT_ONCE`;
    } else {
        const routing = deploy.strategy === 'canary' ? 'TimeBasedCanaryTrafficRouting' : 'TimeBasedLinearTrafficRouting';
        const minutes = Math.max(1, Math.ceil((seconds(deploy.interval) ?? 300) / 60));
        config = `new ${codedeploy}.LambdaDeploymentConfig(this, '${scope.constructId(ast.name, 'DeploymentConfig')}', ${obj([
            ['trafficRouting', `new ${codedeploy}.${routing}(${obj([['percentage', int(deploy.step, 1, 99)], ['interval', durationExpr(scope, minutes * 60, 60, 2880 * 60)]])})`],
        ])})`;
    }
    return [
        `// ${commentText(deploy.strategy)} deployment: when the new version errs or is throttled, its alarm rolls the alias back.`,
        `const ${group} = new ${codedeploy}.LambdaDeploymentGroup(this, '${scope.constructId(ast.name, 'Deployment')}', ${obj([
            ['alias', alias],
            ['deploymentConfig', config],
            ['alarms', arr([...alarms])],
            ['autoRollback', '{ failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true }'],
        ])});`,
        scope.acknowledge(group, ['codeDeployLambda']),
    ];
}

/**
 * Errors and throttles of a function. Errors are read on the alias when there is one: that is the version callers
 * get, and the one a deployment shifts traffic to.
 */
export function functionAlarms(scope: EmitScope, name: string, fn: string, alias?: string): { variables: string[]; lines: string[] } {
    const errors = declareAlarm(scope, {
        name, what: 'Errors', metric: `${alias ?? fn}.metricErrors(${perMinute(scope, 'Sum')})`, threshold: 0, periods: 1,
        description: `Lambda ${name} returned errors: its callers or its event source see failures.`,
    });
    const throttles = declareAlarm(scope, {
        name, what: 'Throttles', metric: `${fn}.metricThrottles(${perMinute(scope, 'Sum')})`, threshold: 0, periods: 1,
        description: `Lambda ${name} was throttled: its reserved concurrency is exhausted and requests are rejected or delayed.`,
    });
    return { variables: [errors.variable, throttles.variable], lines: [...errors.lines, ...throttles.lines] };
}

/**
 * A function whose model says neither how it is invoked nor where its failed events go: if it is invoked
 * asynchronously, a queue of its own keeps the events that fail every retry (else Lambda drops them), with an alarm
 * as soon as one arrives.
 */
function asyncDeadLetterQueue(component: ComponentOf<'lambda'>, scope: EmitScope): { queue: string; lines: string[] } {
    return ownDeadLetterQueue(component, scope, 'DeadLetters',
        'may be invoked asynchronously (no `invoke` line): events that fail every retry land in a queue of its own',
        'which the model does not invoke synchronously');
}

/**
 * A function that reads a stream directly and whose model names no `on-failure` or `dlq` queue: the records of a
 * batch that fails every retry go to a queue of their own (else the shard skips them unseen), with its alarm.
 */
export function streamDeadLetterQueue(component: ComponentOf<'lambda'>, scope: EmitScope): { queue: string; lines: string[] } {
    return ownDeadLetterQueue(component, scope, 'StreamFailures',
        'reads a stream directly: records of a batch that fails every retry land in a queue of their own',
        'which reads a stream and names no on-failure queue');
}

function ownDeadLetterQueue(component: ComponentOf<'lambda'>, scope: EmitScope, suffix: string, comment: string, why: string):
    { queue: string; lines: string[] } {
    const ast = component.ast;
    const sqs = scope.mod('sqs');
    const queue = scope.variable(ast.name, suffix);
    const holder = `Dead-letter queue of lambda ${ast.name}, ${why} (model: ${scope.plan.trace(ast)})`;
    const depth = deadLetterDepthAlarm(scope, `${ast.name}${suffix}`, queue, `lambda ${ast.name}`);
    return {
        queue,
        lines: [
            `// ${commentText(ast.name)} ${comment}.`,
            `const ${queue} = new ${sqs}.Queue(this, '${scope.constructId(ast.name, suffix)}', ${obj([
                ['retentionPeriod', `${scope.core('Duration')}.days(14)`],
                ['encryption', `${sqs}.QueueEncryption.SQS_MANAGED`],
                ['enforceSSL', 'true'],
            ])});`,
            scope.acknowledge(queue, deadLetterQueueAcks(holder, 'events')),
            scope.part(queue, component),
            ...depth.lines,
        ],
    };
}

/** A Lambda destination for on-failure: a queue, a topic or another function. */
export function destinationOf(kind: ComponentKind, expr: string, scope: EmitScope): string | undefined {
    switch (kind) {
        case 'sqs': return `new ${scope.mod('destinations')}.SqsDestination(${expr})`;
        case 'sns': return `new ${scope.mod('destinations')}.SnsDestination(${expr})`;
        case 'lambda': return `new ${scope.mod('destinations')}.LambdaDestination(${expr})`;
        case 'ecs': case 'eks': case 'dynamodb': case 'elasticache': case 'kinesis': case 'kinesis-consumer': case 'alb':
        case 'route53': case 'router': case 'aurora': case 'rds': case 's3': case 'asg': case 'nat': case 'endpoint':
        case 'eventbridge': case 'stepfunctions':
        case 'apigateway': case 'cloudfront': case 'cognito': case 'external':
            return undefined; // not a destination: validation reports it (reference-kind)
    }
}

function consumesQueueWithDeadLetters(component: TopologyComponent): boolean {
    return component.outgoing.some(e => e.kind === 'consumes' && e.to.kind === 'sqs' && e.to.outgoing.some(d => d.kind === 'dlq'));
}
