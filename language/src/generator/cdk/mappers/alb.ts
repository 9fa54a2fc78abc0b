import type { ComponentOf } from '../../../model/topology.js';
import { obj } from '../code.js';
import { commentText } from '../identifiers.js';
import type { EmitScope } from '../scope.js';
import { notGenerated } from './targets.js';

/**
 * alb -> an Application Load Balancer in the model's AZs (public subnets when it is an entry point, private ones
 * when only other services call it), an HTTP listener, and a target group per service it `uses`.
 */
export function declareAlb(component: ComponentOf<'alb'>, scope: EmitScope): void {
    const ast = component.ast;
    const elbv2 = scope.mod('elbv2');
    const alb = scope.variable(ast.name);
    const listener = scope.variable(ast.name, 'Listener');
    const internetFacing = component.explicitEntry || component.incoming.every(e => e.kind === 'failover');
    const lines = [
        scope.trace(ast, `alb ${ast.name}`),
        `const ${alb} = new ${elbv2}.ApplicationLoadBalancer(this, '${scope.constructId(ast.name)}', ${obj([
            ['vpc', scope.vpc()],
            ['internetFacing', String(internetFacing)],
            ['vpcSubnets', scope.subnets(component.azs, internetFacing ? 'public' : 'private')],
            ['dropInvalidHeaderFields', 'true'],
        ])});`,
        `const ${listener} = ${alb}.addListener('Http', { port: 80, open: ${internetFacing} });`,
    ];
    let routed = 0;
    for (const edge of component.outgoing.filter(e => e.kind === 'uses')) {
        const target = scope.handle(edge.to);
        const targetExpr = target && (edge.to.kind === 'ecs' ? target.expr
            : edge.to.kind === 'lambda' ? `new ${scope.mod('elbv2Targets')}.LambdaTarget(${target.expr})` : undefined);
        if (!targetExpr) {
            lines.push(notGenerated(scope, edge.source, `target ${commentText(edge.to.id)} (a load balancer forwards to ecs services or lambdas of its scope)`));
            continue;
        }
        const path = routed === 0 ? undefined : `[${elbv2}.ListenerCondition.pathPatterns(['/${edge.to.name.replace(/[^A-Za-z0-9_-]/g, '')}/*'])]`;
        lines.push(`${listener}.addTargets('${scope.constructId(edge.to.name, 'Targets')}', ${obj([
            ['port', edge.to.kind === 'ecs' ? '80' : undefined],
            ['targets', `[${targetExpr}]`],
            ['priority', path && String(routed * 10)],
            ['conditions', path],
            ['healthCheck', edge.to.kind === 'ecs' ? `{ path: '/' }` : undefined],
        ])});`);
        routed++;
    }
    if (routed === 0) lines.push(`${listener}.addAction('Default', { action: ${elbv2}.ListenerAction.fixedResponse(503) });`);
    lines.push(scope.acknowledge(alb, internetFacing ? ['albAccessLogs', 'albPublicIngress'] : ['albAccessLogs']), '');
    scope.declarations.push(...lines);
    scope.declare(component, { expr: alb, endpoint: `${alb}.loadBalancerDnsName` });
}
