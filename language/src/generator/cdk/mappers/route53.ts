import type { ComponentOf, TopologyComponent } from '../../../model/topology.js';
import { obj } from '../code.js';
import { commentText, pascalCase, tsString } from '../identifiers.js';
import type { AppPlan } from '../plan.js';
import type { EmitScope } from '../scope.js';
import { notGenerated } from './targets.js';

/** The stack prop carrying where a route53 service's records go (`dnsRecords`). */
export function recordsProp(plan: AppPlan, route53: TopologyComponent): string {
    return plan.dnsName(route53).prop;
}

/** The targets of a route53 service that get records: its failover targets, else the services it `uses`. */
function recordTargets(route53: ComponentOf<'route53'>): TopologyComponent[] {
    const failover = route53.outgoing.filter(e => e.kind === 'failover');
    return (failover.length > 0 ? failover : route53.outgoing.filter(e => e.kind === 'uses')).map(e => e.to);
}

/** The global route53 services with a record target in this region (outside cells): their records go into its stack. */
export function recordsInto(scope: EmitScope): Array<ComponentOf<'route53'>> {
    return scope.plan.topology.components.filter(c => c.kind === 'route53')
        .filter(c => recordTargets(c).some(to => to.region === scope.region.region && !to.cell));
}

/**
 * route53 -> in the stack of each target's region, alias records to the load balancers, in an existing hosted zone
 * imported from attributes the app passes in (no lookup). `failover primary X secondary Y`: a PRIMARY and a
 * SECONDARY record; `uses X`: a simple record, or equal weighted records when it uses several load balancers. With
 * `health checks`, every record that has another to fall back on gets a Route 53 health check.
 */
export function dnsRecords(route53: ComponentOf<'route53'>, scope: EmitScope): string[] {
    const ast = route53.ast;
    const prop = `props.${recordsProp(scope.plan, route53)}`;
    const zone = scope.variable(route53.name, 'Zone');
    const lines = [
        scope.trace(ast, `route53 ${ast.name}: its records for this region`),
        `const ${zone} = ${scope.mod('route53')}.HostedZone.fromHostedZoneAttributes(this, '${scope.constructId(route53.name, 'Zone')}', ${prop});`,
    ];
    const failover = route53.outgoing.some(e => e.kind === 'failover');
    const targets = recordTargets(route53);
    const here = (to: TopologyComponent) => to.region === scope.region.region && !to.cell;
    if (failover) {
        const roles = [['PRIMARY', ast.primary?.ref], ['SECONDARY', ast.secondary?.ref]] as const;
        for (const [role, targetAst] of roles) {
            const target = targets.find(to => to.ast === targetAst);
            if (target && here(target)) lines.push(...aliasRecord(route53, target, scope, zone, { role, suffix: role === 'PRIMARY' ? 'Primary' : 'Secondary' }));
        }
        for (const edge of route53.outgoing.filter(e => e.kind === 'uses' && here(e.to) && !targets.includes(e.to))) {
            lines.push(notGenerated(scope, edge.source, `record to ${commentText(edge.to.id)} (the record name of ${route53.name} already fails over between its primary and secondary)`));
        }
    } else {
        for (const target of targets.filter(here)) {
            lines.push(...aliasRecord(route53, target, scope, zone, targets.length > 1 ? { weighted: true, suffix: `To${pascalCase(target.name)}` } : { suffix: 'Record' }));
        }
    }
    lines.push('');
    return lines;
}

/** How a record shares its name: a failover role, an equal weight among several, or alone (simple). */
interface RecordRouting {
    /** Of the construct ids: `Primary`, `ToEdge`, `Record`. */
    readonly suffix: string;
    readonly role?: 'PRIMARY' | 'SECONDARY';
    readonly weighted?: boolean;
}

function aliasRecord(route53: ComponentOf<'route53'>, target: TopologyComponent, scope: EmitScope, zone: string, routing: RecordRouting): string[] {
    const r53 = scope.mod('route53');
    const prop = `props.${recordsProp(scope.plan, route53)}`;
    const handle = scope.handle(target);
    if (!handle || target.kind !== 'alb') {
        const why = target.kind === 'apigateway'
            ? 'a record to an API aliases its custom domain name, which needs an ACM certificate of your organisation: add a DomainName and an ApiGatewayDomain target'
            : 'Route 53 alias records point at load balancers: put an alb in front of it';
        return [notGenerated(scope, route53.ast, `record to ${commentText(`${target.kind} ${target.id}`)} (${why})`)];
    }
    const lines: string[] = [];
    const { role, weighted } = routing;
    let healthCheck: string | undefined;
    if (route53.ast.health && (role || weighted)) {
        healthCheck = scope.variable(route53.name, `${routing.suffix}Health`);
        lines.push(`const ${healthCheck} = new ${r53}.HealthCheck(this, '${scope.constructId(route53.name, `${routing.suffix}Health`)}', ${obj([
            ['type', `${r53}.HealthCheckType.HTTP`], ['fqdn', `${handle.expr}.loadBalancerDnsName`], ['port', '80'], ['resourcePath', `'/'`],
        ])});`);
    } else if (route53.ast.health) {
        lines.push(`// health checks: a single simple record has nowhere else to send traffic, so Route 53 checks nothing here.`);
    }
    lines.push(`new ${r53}.ARecord(this, '${scope.constructId(route53.name, routing.suffix)}', ${obj([
        ['zone', zone],
        ['recordName', `${prop}.recordName`],
        ['target', `${r53}.RecordTarget.fromAlias(new ${scope.mod('route53Targets')}.LoadBalancerTarget(${handle.expr}, { evaluateTargetHealth: true }))`],
        ['failover', role && `${r53}.Failover.${role}`],
        ['weight', weighted && '1'],
        ['setIdentifier', (role || weighted) && tsString(role ? `${route53.name}-${role.toLowerCase()}` : `${route53.name}-${target.id}`)],
        ['healthCheck', healthCheck],
    ])});`);
    return lines;
}
