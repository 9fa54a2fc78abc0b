import type { ComponentOf, TopologyComponent } from '../../../model/topology.js';
import { obj } from '../code.js';
import { commentText, pascalCase, tsString } from '../identifiers.js';
import type { AppPlan, RegionPlan } from '../plan.js';
import type { EmitScope } from '../scope.js';
import { notGenerated } from './targets.js';
import { httpStageOf } from './apigateway.js';

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
    if (handle && target.kind === 'apigateway' && target.ast.endpointType !== 'private') return apiRecord(route53, target, handle.expr, scope, zone, routing);
    if (!handle || target.kind !== 'alb') {
        const why = target.kind === 'apigateway'
            ? 'a private API answers only inside its VPC: a public record cannot point at it'
            : 'Route 53 alias records point at load balancers and APIs: put an alb in front of it';
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
    lines.push(scope.element(`new ${r53}.ARecord(this, '${scope.constructId(route53.name, routing.suffix)}', ${obj([
        ['zone', zone],
        ['recordName', `${prop}.recordName`],
        ['target', `${r53}.RecordTarget.fromAlias(new ${scope.mod('route53Targets')}.LoadBalancerTarget(${handle.expr}, { evaluateTargetHealth: true }))`],
        ['failover', role && `${r53}.Failover.${role}`],
        ['weight', weighted && '1'],
        ['setIdentifier', (role || weighted) && tsString(role ? `${route53.name}-${role.toLowerCase()}` : `${route53.name}-${target.id}`)],
        ['healthCheck', healthCheck],
    ])})`, route53));
    return lines;
}

/** The context keys of the certificates the app's custom domains need (one per route53 service and region of its APIs). */
export function certificateKeys(plan: AppPlan, stacks: ReadonlyArray<{ readonly plan: RegionPlan; readonly dnsProps: readonly TopologyComponent[] }>): string[] {
    return stacks.flatMap(stack => stack.dnsProps
        .filter(route53 => route53.kind === 'route53' && recordTargets(route53).some(to => to.kind === 'apigateway' && to.ast.endpointType !== 'private' && to.region === stack.plan.region && !to.cell))
        .map(route53 => certificateKey(plan, route53, stack.plan.stackId)));
}

/** The context key of the certificate for the record name of a route53 service in a region (`wwwUse1CertificateArn`). */
export function certificateKey(plan: AppPlan, route53: TopologyComponent, where: string): string {
    return `${plan.dnsName(route53).contextKey}${where}CertificateArn`;
}

/** `<record name>.<zone name>`: the name the records of a route53 service answer, as the stack's props give it. */
function recordDomain(prop: string): string {
    return `\`\${${prop}.recordName}.\${${prop}.zoneName}\``;
}

/**
 * A record to an API: the API answers the record's name through a regional custom domain with your ACM certificate
 * (a context key, `certificateArn` in dns.ts), its stage mapped at the root; the record aliases the custom domain.
 * With `health checks`, a record that has another to fall back on is healthy while the API's server errors stay low.
 */
function apiRecord(route53: ComponentOf<'route53'>, api: ComponentOf<'apigateway'>, expr: string, scope: EmitScope, zone: string, routing: RecordRouting): string[] {
    const r53 = scope.mod('route53');
    const acm = scope.mod('acm');
    const prop = `props.${recordsProp(scope.plan, route53)}`;
    const key = certificateKey(scope.plan, route53, scope.region.stackId);
    const id = `${pascalCase(route53.name)}Domain`;
    const certificate = scope.variable(route53.name, `${routing.suffix}Certificate`);
    const domain = scope.variable(route53.name, `${routing.suffix}Domain`);
    const what = tsString(`route53 ${route53.name} to apigateway ${api.id}`);
    const lines = [
        `// ${commentText(api.id)} answers ${commentText(route53.name)}'s name through a custom domain with your certificate (context key ${key}).`,
        `const ${certificate} = ${acm}.Certificate.fromCertificateArn(this, '${scope.constructId(route53.name, `${routing.suffix}Certificate`)}', ${scope.imports.name('certificateArn', './dns')}(this, '${key}', ${what}, this.region));`,
    ];
    let target: string;
    if (api.ast.api === 'http') {
        const v2 = scope.mod('apigatewayv2');
        lines.push(`const ${domain} = new ${v2}.DomainName(${expr}, '${id}', { domainName: ${recordDomain(prop)}, certificate: ${certificate} });`,
            `new ${v2}.ApiMapping(${expr}, '${id}Mapping', ${obj([['api', expr], ['domainName', domain], ['stage', httpStageOf(api)]])});`);
        target = `new ${scope.mod('route53Targets')}.ApiGatewayv2DomainProperties(${domain}.regionalDomainName, ${domain}.regionalHostedZoneId)`;
    } else {
        const apigateway = scope.mod('apigateway');
        lines.push(`const ${domain} = new ${apigateway}.DomainName(${expr}, '${id}', ${obj([
            ['domainName', recordDomain(prop)], ['certificate', certificate],
            ['endpointType', `${apigateway}.EndpointType.REGIONAL`], ['securityPolicy', `${apigateway}.SecurityPolicy.TLS_1_2`],
        ])});`,
        `${domain}.addBasePathMapping(${expr});`);
        target = `new ${scope.mod('route53Targets')}.ApiGatewayDomain(${domain})`;
    }
    let healthCheck: string | undefined;
    if (route53.ast.health && (routing.role || routing.weighted)) {
        // Its routes answer callers with credentials only: the check watches an alarm on the API's server errors instead.
        const cloudwatch = scope.mod('cloudwatch');
        const alarm = scope.variable(route53.name, `${routing.suffix}Errors`);
        healthCheck = scope.variable(route53.name, `${routing.suffix}Health`);
        lines.push(`const ${alarm} = new ${cloudwatch}.Alarm(this, '${scope.constructId(route53.name, `${routing.suffix}Errors`)}', ${obj([
            ['metric', `${expr}.metricServerError({ period: ${scope.core('Duration')}.minutes(1), statistic: 'Sum' })`],
            ['threshold', '5'], ['evaluationPeriods', '3'], ['treatMissingData', `${cloudwatch}.TreatMissingData.NOT_BREACHING`],
        ])});`,
        `const ${healthCheck} = new ${r53}.HealthCheck(this, '${scope.constructId(route53.name, `${routing.suffix}Health`)}', ${obj([
            ['type', `${r53}.HealthCheckType.CLOUDWATCH_METRIC`], ['alarmIdentifier', `{ name: ${alarm}.alarmName, region: this.region }`],
            ['insufficientDataHealthStatus', `${r53}.InsufficientDataHealthStatusEnum.HEALTHY`],
        ])});`);
    }
    lines.push(scope.element(`new ${r53}.ARecord(this, '${scope.constructId(route53.name, routing.suffix)}', ${obj([
        ['zone', zone],
        ['recordName', `${prop}.recordName`],
        // A failover alias must evaluate its target's health (Route 53 refuses it otherwise): the API targets take no such option.
        ['target', `${r53}.RecordTarget.fromAlias(${routing.role ? `{ bind: (record, zone) => ({ ...${target}.bind(record, zone), evaluateTargetHealth: true }) }` : target})`],
        ['failover', routing.role && `${r53}.Failover.${routing.role}`],
        ['weight', routing.weighted && '1'],
        ['setIdentifier', (routing.role || routing.weighted) && tsString(routing.role ? `${route53.name}-${routing.role.toLowerCase()}` : `${route53.name}-${api.id}`)],
        ['healthCheck', healthCheck],
    ])})`, route53));
    return lines;
}
