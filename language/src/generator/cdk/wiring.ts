import type { ComponentOf, DependencyEdge, TopologyComponent } from '../../model/topology.js';
import { runsInVpc } from '../../model/egress.js';
import { obj } from './code.js';
import { commentText, constantCase, NameSet, tsString } from './identifiers.js';
import { albInFrontOf, albPathOf, ec2TaskPorts, isInternetFacing, runsInVpcOf } from './mappers/alb.js';
import { edgeTarget, notGenerated, streamFailureDestination } from './mappers/targets.js';
import { queueEventSourceConcurrency, streamDeadLetterQueue } from './mappers/lambda.js';
import type { ComponentHandle, EmitScope } from './scope.js';
import { discoveryName } from './service-discovery.js';
import { bucketAccess } from './mappers/s3.js';
import { publishThroughEndpoint } from './mappers/events.js';

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
    const lines: string[] = unreachableEntry(component, scope);
    for (const edge of component.outgoing) {
        if (edge.kind !== 'uses' && edge.kind !== 'consumes') continue;
        if (component.kind === 'kinesis-consumer' && edge.to.kind === 'kinesis') continue; // its event source
        if (component.kind === 'alb' || component.kind === 'router' || component.kind === 'apigateway') continue; // listener targets, app logic, integrations
        const to = scope.handle(edge.to);
        const wired = to ? wire(edge, from, to, scope) : undefined;
        lines.push(...(wired ?? [notWired(edge, scope, `${commentText(`${edge.kind} ${edge.to.id}`)} (${why(edge, to, scope)})`)]));
    }
    if (lines.length > 0) scope.wiring.push(`// ${commentText(component.id)}`, ...lines, '');
}

/**
 * An entry point on ECS or EKS runs in private subnets: without a load balancer in front, nothing outside the VPC
 * reaches it. The generator adds no load balancer the model lacks (the analysis would not know it): it says so.
 */
function unreachableEntry(component: TopologyComponent, scope: EmitScope): string[] {
    if (!component.explicitEntry || (component.kind !== 'ecs' && component.kind !== 'eks')) return [];
    if (component.incoming.some(e => e.from.kind === 'alb' || e.from.kind === 'route53')) return [];
    return [notGenerated(scope, component.ast, `a way in for entry ${component.kind} ${commentText(component.id)} (its tasks run in private subnets: put an alb in front of it, \`alb <name> { entry uses ${commentText(component.name)} }\`)`)];
}

/** `// not wired: ...`, recorded on the plan like every element the generator cannot map. */
function notWired(edge: DependencyEdge, scope: EmitScope, what: string): string {
    scope.plan.recordUnmapped(edge.source, what);
    return `// not wired: ${what}`;
}

function why(edge: DependencyEdge, to: ComponentHandle | undefined, scope: EmitScope): string {
    if (edge.to.kind === 'external') return `a third party outside AWS: nothing to deploy; give ${edge.from.id} its address and credentials${runsInVpc(edge.from) ? ', and its calls leave the VPC through the NAT gateways' : ''}`;
    if (!to && edge.to.region !== scope.region.region) return 'another region: pass its name in explicitly';
    if (!to && edge.to.cell && edge.to.cell !== scope.cell?.cell) return 'services inside a cell are reached through its router';
    if (!to) return 'no resource in this scope to point at';
    if (edge.from.kind === 'eks') return 'its pods get addresses and permissions through Kubernetes (a ConfigMap, EKS Pod Identity), which this app does not deploy';
    if (edge.to.kind === 'eks') return 'its pods are reached through a Kubernetes Service or ingress, which this app does not deploy: give the caller its address';
    if (edge.to.kind === 'ecs' && !runsInVpcOf(edge.from, edge.to)) return `${edge.from.id} runs outside the VPC, where the service's private name does not resolve: give it \`vpc subnets\` or put an alb in front of ${edge.to.id}`;
    if (edge.to.kind === 'asg') return 'its instances are reached through a load balancer: put an alb in front of it and use the alb';
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
        // A router is a routing function: its callers invoke it like any function.
        case 'lambda': case 'router': {
            const target = to.invokeTarget ?? to.expr;
            return [`${scope.access()}.invokeFunction(${grantee}, ${target});`, ...env(from, `${name}_FUNCTION`, `${target}.functionArn`)];
        }
        case 's3': {
            const bucket = bucketAccess(edge.to, to.expr, grantee, scope);
            return [bucket.grant, ...env(from, `${name}_BUCKET`, bucket.name)];
        }
        case 'aurora': case 'rds':
        case 'elasticache':
            return to.endpoint ? env(from, `${name}_ENDPOINT`, to.endpoint) : undefined;
        case 'alb':
            return throughLoadBalancer(edge, from, edge.to, scope, name);
        case 'ecs': {
            const alb = albInFrontOf(edge.to);
            return alb ? throughLoadBalancer(edge, from, alb, scope, name) : byPrivateName(edge, from, to, scope, name);
        }
        case 'asg': {
            const alb = albInFrontOf(edge.to);
            return alb ? throughLoadBalancer(edge, from, alb, scope, name) : undefined;
        }
        case 'eks': {
            const caller = callerConnections(edge, from);
            if (!to.endpoint || !caller) return undefined;
            return [...env(from, `${name}_ENDPOINT`, `\`\${${to.endpoint}}:80\``), allowCall(caller, to.expr, `${scope.mod('ec2')}.Port.tcp(80)`, tsString(`${edge.from.id} uses ${edge.to.id}`))];
        }
        case 'eventbridge':
            if (!edge.to.region) {
                const grants = publishThroughEndpoint(edge, grantee, to, scope);
                return grants && to.endpoint ? [...grants, ...env(from, `${name}_ENDPOINT_ID`, to.endpoint)] : undefined;
            }
            return [`${to.expr}.grantPutEventsTo(${grantee});`, ...env(from, `${name}_EVENT_BUS`, `${to.expr}.eventBusName`)];
        case 'stepfunctions': {
            // A synchronous call to an Express workflow waits for its result (StartSyncExecution).
            const grant = edge.sync && edge.to.ast.workflow === 'express' ? 'grantStartSyncExecution' : 'grantStartExecution';
            return [`${to.expr}.${grant}(${grantee});`, ...env(from, `${name}_STATE_MACHINE_ARN`, `${to.expr}.stateMachineArn`)];
        }
        case 'apigateway':
            return to.endpoint ? env(from, `${name}_API_URL`, to.endpoint) : undefined;
        case 'cognito':
            return to.endpoint ? env(from, `${name}_USER_POOL_ID`, to.endpoint) : undefined;
        case 'kinesis-consumer': case 'route53': case 'nat': case 'endpoint': case 'cloudfront': case 'external':
            return undefined; // reached through a stream or DNS, or not a resource of this app
    }
}

/**
 * The caller's security group expression, when its traffic starts inside the VPC of the target: an ECS service, an
 * Auto Scaling group, an EKS cluster, or a function (its own or a stream consumer's) with subnets.
 */
function callerConnections(edge: DependencyEdge, from: ComponentHandle): string | undefined {
    if (!runsInVpcOf(edge.from, edge.to)) return undefined;
    return edge.from.kind === 'ecs' || edge.from.kind === 'asg' || edge.from.kind === 'eks' ? from.expr : edge.from.kind === 'lambda' || edge.from.kind === 'kinesis-consumer' ? from.grantee : undefined;
}

/**
 * Lets a caller's security group into a target's. Said from the caller's side (`allowTo`), CDK puts the ingress
 * rule in the caller's stack when the two differ: a cell replica calling a regional load balancer adds its rule in
 * its own stack, and the region's stack never depends on the cells deployed after it.
 */
function allowCall(caller: string, target: string, ports: string, why: string): string {
    return `${caller}.connections.allowTo(${target}, ${ports}, ${why});`;
}

/**
 * A service behind a load balancer (or the load balancer itself) is called at its URL: the load balancer's name
 * and the path prefix its listener sends to the service. An internal listener lets in each caller's security group.
 */
function throughLoadBalancer(edge: DependencyEdge, from: ComponentHandle, alb: ComponentOf<'alb'>, scope: EmitScope, name: string): string[] | undefined {
    const balancer = scope.handle(alb);
    if (!balancer || !from.addEnvironment) return undefined;
    const path = alb === edge.to ? '/' : albPathOf(alb, edge.to) ?? '/';
    const lines = env(from, `${name}_URL`, `\`http://\${${balancer.expr}.loadBalancerDnsName}${path}\``);
    const caller = callerConnections(edge, from);
    if (!isInternetFacing(alb) && caller) {
        lines.push(allowCall(caller, balancer.expr, `${scope.mod('ec2')}.Port.tcp(80)`, tsString(`${edge.from.id} uses ${edge.to.id}`)));
    }
    return lines;
}

/**
 * An ECS service that no load balancer fronts is called by its private DNS name (Cloud Map, in a namespace of the
 * cluster). Fargate tasks (awsvpc) answer on port 80 of their own address and security group; EC2 tasks (bridge
 * networking) on a dynamic host port that the SRV record gives, through the security group of the cluster's instances.
 */
function byPrivateName(edge: DependencyEdge, from: ComponentHandle, to: ComponentHandle, scope: EmitScope, name: string): string[] | undefined {
    const caller = callerConnections(edge, from);
    if (!caller || !from.addEnvironment || edge.to.kind !== 'ecs') return undefined;
    const { statements, dnsName } = discoveryName(edge.to, to, scope);
    const why = tsString(`${edge.from.id} uses ${edge.to.id}`);
    const ec2 = scope.mod('ec2');
    if (edge.to.ast.launch === 'ec2') {
        return [...statements, ...env(from, `${name}_SRV`, `\`${dnsName}\``), allowCall(caller, scope.ecsCluster(), ec2TaskPorts(ec2), why)];
    }
    return [...statements, ...env(from, `${name}_ENDPOINT`, `\`${dnsName}:80\``), allowCall(caller, to.expr, `${ec2}.Port.tcp(80)`, why)];
}

function consume(edge: DependencyEdge, from: ComponentHandle, to: ComponentHandle, scope: EmitScope, name: string): string[] | undefined {
    const consumerKind = edge.from.kind;
    if (edge.to.kind === 'sqs') {
        if (consumerKind === 'lambda') {
            const maxConcurrency = queueEventSourceConcurrency(edge.from.kind === 'lambda' ? edge.from.ast.concurrency : undefined);
            const options = obj([['reportBatchItemFailures', 'true'], ['maxConcurrency', maxConcurrency !== undefined && String(maxConcurrency)]]);
            const lines = [`${from.expr}.addEventSource(new ${scope.mod('eventSources')}.SqsEventSource(${to.expr}, ${options}));`];
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
        if (edge.from.kind === 'lambda') {
            const lambda = scope.mod('lambda');
            const eventSources = scope.mod('eventSources');
            // Records of a batch that fails every retry go to the function's failure queue or topic, else to a queue of their own.
            const lines: string[] = [];
            let onFailure = streamFailureDestination(edgeTarget(edge.from, 'on-failure', scope) ?? edgeTarget(edge.from, 'dlq', scope), scope);
            if (!onFailure) {
                const own = streamDeadLetterQueue(edge.from, scope);
                lines.push(...own.lines);
                onFailure = `new ${eventSources}.SqsDlq(${own.queue})`;
            }
            return [...lines, `${from.expr}.addEventSource(new ${eventSources}.KinesisEventSource(${to.expr}, ${obj([
                ['startingPosition', `${lambda}.StartingPosition.TRIM_HORIZON`], ['bisectBatchOnError', 'true'], ['retryAttempts', '3'],
                ['onFailure', onFailure],
            ])}));`];
        }
        if (!from.grantee) return undefined;
        return [`${to.expr}.grantRead(${from.grantee});`, ...env(from, `${name}_STREAM`, `${to.expr}.streamName`)];
    }
    return undefined;
}
