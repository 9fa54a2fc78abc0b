import type { ComponentOf, TopologyComponent } from '../../../model/topology.js';
import { obj } from '../code.js';
import { commentText, tsString } from '../identifiers.js';
import type { AppPlan } from '../plan.js';
import type { EmitScope } from '../scope.js';
import { notGenerated } from './targets.js';

/** The stack prop carrying where a route53 service's records go (`dnsRecords`). */
export function recordsProp(plan: AppPlan, route53: TopologyComponent): string {
    return plan.dnsName(route53).prop;
}

/** The global route53 services whose failover names a component of this region (outside cells). */
export function failoversInto(scope: EmitScope): Array<ComponentOf<'route53'>> {
    return scope.plan.topology.components.filter(c => c.kind === 'route53').filter(c => c.outgoing.some(
        e => e.kind === 'failover' && e.to.region === scope.region.region && !e.to.cell));
}

/**
 * route53 failover -> in the stack of each target's region, an alias record (PRIMARY or SECONDARY) to the load
 * balancer, with a Route 53 health check when the model asks for `health checks`. The hosted zone is imported
 * from attributes the app passes in (no lookup).
 */
export function failoverRecords(route53: ComponentOf<'route53'>, scope: EmitScope): string[] {
    const ast = route53.ast;
    const r53 = scope.mod('route53');
    const prop = `props.${recordsProp(scope.plan, route53)}`;
    const zone = scope.variable(route53.name, 'Zone');
    const lines = [
        scope.trace(ast, `route53 ${ast.name}: failover records for this region`),
        `const ${zone} = ${r53}.HostedZone.fromHostedZoneAttributes(this, '${scope.constructId(route53.name, 'Zone')}', ${prop});`,
    ];
    const roles: Array<['PRIMARY' | 'SECONDARY', TopologyComponent | undefined]> = [
        ['PRIMARY', ast.primary?.ref && route53.outgoing.find(e => e.kind === 'failover' && e.to.ast === ast.primary?.ref)?.to],
        ['SECONDARY', ast.secondary?.ref && route53.outgoing.find(e => e.kind === 'failover' && e.to.ast === ast.secondary?.ref)?.to],
    ];
    for (const [role, target] of roles) {
        if (!target || target.region !== scope.region.region || target.cell) continue;
        const handle = scope.handle(target);
        if (!handle || target.kind !== 'alb') {
            lines.push(notGenerated(scope, ast, `${role.toLowerCase()} record to ${commentText(target.id)} (failover records point at load balancers)`));
            continue;
        }
        const suffix = role === 'PRIMARY' ? 'Primary' : 'Secondary';
        let healthCheck: string | undefined;
        if (ast.health) {
            healthCheck = scope.variable(route53.name, `${suffix}Health`);
            lines.push(`const ${healthCheck} = new ${r53}.HealthCheck(this, '${scope.constructId(route53.name, `${suffix}Health`)}', ${obj([
                ['type', `${r53}.HealthCheckType.HTTP`], ['fqdn', `${handle.expr}.loadBalancerDnsName`], ['port', '80'], ['resourcePath', `'/'`],
            ])});`);
        }
        lines.push(`new ${r53}.ARecord(this, '${scope.constructId(route53.name, suffix)}', ${obj([
            ['zone', zone],
            ['recordName', `${prop}.recordName`],
            ['target', `${r53}.RecordTarget.fromAlias(new ${scope.mod('route53Targets')}.LoadBalancerTarget(${handle.expr}, { evaluateTargetHealth: true }))`],
            ['failover', `${r53}.Failover.${role}`],
            ['setIdentifier', tsString(`${route53.name}-${role.toLowerCase()}`)],
            ['healthCheck', healthCheck],
        ])});`);
    }
    lines.push('');
    return lines;
}
