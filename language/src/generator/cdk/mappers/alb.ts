import type { ComponentOf, DependencyEdge, TopologyComponent } from '../../../model/topology.js';
import { loadBalancerAlarms, targetGroupAlarms } from '../alarms.js';
import { obj } from '../code.js';
import { commentText, tsString } from '../identifiers.js';
import type { ComponentHandle, EmitScope } from '../scope.js';
import { notGenerated } from './targets.js';

/**
 * Whether the load balancer must be reachable from the internet: it is an entry point, a Route 53 record points at
 * it, or a caller runs outside its region's VPC (a Lambda without `vpc subnets`, another region). Internal only when
 * every caller is a service inside the VPC; an ALB that nothing calls is an entry point of the design.
 */
export function isInternetFacing(component: ComponentOf<'alb'>): boolean {
    if (component.explicitEntry) return true;
    const callers = component.incoming.filter(e => e.kind === 'uses' || e.kind === 'failover');
    return callers.length === 0 || callers.some(e => !runsInVpcOf(e.from, component));
}

/** Whether a caller's network traffic starts inside the VPC of `target`'s region (its security groups apply). */
export function runsInVpcOf(caller: TopologyComponent, target: TopologyComponent): boolean {
    if (caller.region !== target.region || !caller.region) return false;
    switch (caller.kind) {
        case 'ecs': case 'eks': case 'asg': return true;
        case 'lambda': case 'kinesis-consumer': return caller.azs.length > 0;
        default: return false;
    }
}

/**
 * The path prefix the listener sends to a service it `uses`: the first service takes every request the others'
 * rules leave (`/`), each other one its own prefix (`/search/`).
 */
export function albPathOf(alb: ComponentOf<'alb'>, service: TopologyComponent): string | undefined {
    const routed = alb.outgoing.filter(e => e.kind === 'uses' && isAlbTarget(e));
    const index = routed.findIndex(e => e.to === service);
    if (index < 0) return undefined;
    return index === 0 ? '/' : `/${pathSegment(service)}/`;
}

/**
 * The host ports of ECS tasks on EC2 (bridge networking maps each container port to an ephemeral one): the
 * instances of the cluster let callers in on this range. It covers the kernel's and the ECS agent's defaults.
 */
export function ec2TaskPorts(ec2: string): string {
    return `${ec2}.Port.tcpRange(32768, 65535)`;
}

/** The load balancer of the same scope (region or cell) that forwards to a service, if one does. */
export function albInFrontOf(service: TopologyComponent): ComponentOf<'alb'> | undefined {
    const edge = service.incoming.find(e => e.kind === 'uses' && e.from.kind === 'alb' && e.from.cell === service.cell && e.from.region === service.region);
    return edge?.from as ComponentOf<'alb'> | undefined;
}

/** The kinds a listener forwards to: ECS services (their tasks), Auto Scaling groups (their instances), Lambda functions and routers. */
function isAlbTarget(edge: DependencyEdge): boolean {
    return (edge.to.kind === 'ecs' || edge.to.kind === 'asg' || edge.to.kind === 'lambda' || edge.to.kind === 'router') && edge.to.cell === edge.from.cell && edge.to.region === edge.from.region;
}

function pathSegment(service: TopologyComponent): string {
    return service.name.replace(/[^A-Za-z0-9_-]/g, '');
}

/**
 * alb -> an Application Load Balancer in the model's AZs (public subnets and an open listener when it is reached
 * from outside the VPC, private ones when only services of the VPC call it), an HTTP listener, and a target group
 * with a health check per service it `uses`: the first takes the default action, the others a path rule each.
 */
export function declareAlb(component: ComponentOf<'alb'>, scope: EmitScope): void {
    const ast = component.ast;
    const elbv2 = scope.mod('elbv2');
    const alb = scope.variable(ast.name);
    const listener = scope.variable(ast.name, 'Listener');
    const internetFacing = isInternetFacing(component);
    const lines = [
        scope.trace(ast, `alb ${ast.name}${internetFacing ? ': reached from outside the VPC' : ': called only from inside the VPC'}`),
        `const ${alb} = new ${elbv2}.ApplicationLoadBalancer(this, '${scope.constructId(ast.name)}', ${obj([
            ['vpc', scope.vpc()],
            ['internetFacing', String(internetFacing)],
            ['vpcSubnets', scope.subnets(component.azs, internetFacing ? 'public' : 'private')],
            ['dropInvalidHeaderFields', 'true'],
        ])});`,
        // An internal listener stays closed: each caller in the VPC is let in by its own security group (wiring).
        `const ${listener} = ${alb}.addListener('Http', { port: 80, open: ${internetFacing} });`,
    ];
    let routed = 0;
    for (const edge of component.outgoing.filter(e => e.kind === 'uses')) {
        const target = isAlbTarget(edge) ? scope.handle(edge.to) : undefined;
        if (!target) {
            lines.push(notGenerated(scope, edge.source, `target ${commentText(`${edge.to.kind} ${edge.to.id}`)} (a load balancer forwards to ecs services, auto scaling groups, lambdas or routers of its scope)`));
            continue;
        }
        lines.push(...forwardTo(scope, listener, alb, edge.to, target, routed, albPathOf(component, edge.to) ?? '/'));
        routed++;
    }
    if (routed === 0) lines.push(`${listener}.addAction('Default', { action: ${elbv2}.ListenerAction.fixedResponse(503) });`);
    lines.push(...loadBalancerAlarms(scope, ast.name, alb));
    lines.push(scope.acknowledge(alb, internetFacing ? ['albAccessLogs', 'albPublicIngress'] : ['albAccessLogs']), '');
    scope.declarations.push(...lines);
    // Services of the region's cells call it too: a cell construct takes it as a prop.
    scope.declare(component, { expr: alb, endpoint: `${alb}.loadBalancerDnsName`, propType: `${elbv2}.IApplicationLoadBalancer` });
}

/**
 * A target group on `listener` that forwards to `service` (an ECS service, an Auto Scaling group, a function or a
 * router), with the health check its kind needs and its alarms: the first target takes the listener's default
 * action, each later one (`index` > 0) the path prefix `path`. Shared by the model's load balancers and the entries
 * of cell replicas.
 */
export function forwardTo(scope: EmitScope, listener: string, balancer: string, service: TopologyComponent, handle: ComponentHandle,
    index: number, path: string): string[] {
    const elbv2 = scope.mod('elbv2');
    // A router is a routing function: the load balancer invokes it like a Lambda target.
    const lambdaTarget = service.kind === 'lambda' || service.kind === 'router';
    const bridge = service.kind === 'ecs' && service.ast.launch === 'ec2';
    const conditions = index === 0 ? undefined : `[${elbv2}.ListenerCondition.pathPatterns([${tsString(`${path}*`)}])]`;
    const targetGroup = scope.variable(service.name, 'Targets');
    const lines = [`const ${targetGroup} = ${listener}.addTargets('${scope.constructId(service.name, 'Targets')}', ${obj([
        ['port', lambdaTarget ? undefined : '80'],
        ['targets', `[${lambdaTarget ? `new ${scope.mod('elbv2Targets')}.LambdaTarget(${handle.invokeTarget ?? handle.expr})` : handle.expr}]`],
        ['priority', conditions && String(index * 10)],
        ['conditions', conditions],
        // Lambda target groups check nothing unless asked: then the ALB invokes the function with health check requests.
        // A router forwards every request to a cell, so its health is the cells' (each replica's entry checks its own).
        // Tasks on EC2 (bridge networking) listen on a dynamic host port: the check must follow the traffic there.
        ['healthCheck', service.kind === 'router' ? undefined : lambdaTarget ? '{ enabled: true }'
            : bridge ? `{ path: '/', port: 'traffic-port' }` : `{ path: '/' }`],
    ])});`, ...targetGroupAlarms(scope, service, targetGroup)];
    if (bridge) {
        // Bridge networking registers instances, not tasks: the target group reaches them through the cluster's instances.
        lines.push(`${scope.ecsCluster()}.connections.allowFrom(${balancer}, ${ec2TaskPorts(scope.mod('ec2'))}, ${tsString(`${balancer} forwards to ${service.name}`)});`);
    }
    return lines;
}
