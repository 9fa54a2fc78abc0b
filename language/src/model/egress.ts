import type { Consumes, KinesisConsumer, Uses } from '../generated/ast.js';
import type {
    ComponentKind, ComponentOf, DependencyEdge, TopologyAz, TopologyComponent, TopologyRegion,
} from './topology.js';

/**
 * How calls leave the region's VPC (analysis.md, "Egress: NAT gateways and VPC endpoints"). A service running in
 * the VPC that calls a regional AWS service's API, or anything in another region, needs a way out: a VPC endpoint
 * for that AWS service, else a NAT gateway. The one in the caller's own AZ if there is one, else the first one
 * declared: NAT gateway basics, https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html.
 * A region that declares no `nat` models no egress (designs written before `nat` keep their meaning).
 */

/** The AWS services a VPC endpoint can serve (`endpoint x for dynamodb`). */
export type EndpointService = ComponentOf<'endpoint'>['ast']['service'];

/**
 * What a call to a component of each kind needs to leave the VPC: the API of an AWS service (reachable through its
 * endpoint or a NAT gateway), a NAT gateway (the internet: a third party, a CloudFront distribution, an AWS API
 * the VPC endpoints modelled here do not serve), or nothing (the target is in the VPC, or answers through the
 * VPC's DNS resolver).
 */
const TARGET_EGRESS: Readonly<Record<ComponentKind, EndpointService | 'nat-only' | 'in-vpc'>> = {
    lambda: 'lambda', dynamodb: 'dynamodb', sqs: 'sqs', sns: 'sns', kinesis: 'kinesis', s3: 's3',
    eventbridge: 'events', stepfunctions: 'states',
    // A database's endpoint is a network interface in the VPC's subnets.
    aurora: 'in-vpc', rds: 'in-vpc',
    ecs: 'in-vpc', eks: 'in-vpc', asg: 'in-vpc', alb: 'in-vpc', elasticache: 'in-vpc', 'kinesis-consumer': 'in-vpc',
    router: 'in-vpc', route53: 'in-vpc', nat: 'in-vpc', endpoint: 'in-vpc',
    apigateway: 'nat-only', cloudfront: 'nat-only', cognito: 'nat-only', external: 'nat-only',
};

/** The kinds whose code runs in the VPC's subnets when zonal (Lambda only with `vpc subnets`). */
const RUNS_IN_VPC: Readonly<Record<ComponentKind, boolean>> = {
    ecs: true, eks: true, asg: true, 'kinesis-consumer': true, lambda: true,
    dynamodb: false, sqs: false, sns: false, kinesis: false, alb: false, elasticache: false, router: false,
    route53: false, nat: false, endpoint: false, aurora: false, rds: false, s3: false, eventbridge: false, stepfunctions: false,
    apigateway: false, cloudfront: false, cognito: false, external: false,
};

/** One AZ of a caller and the NAT gateway its calls out of the VPC go through. */
export interface EgressRoute {
    readonly az: TopologyAz;
    readonly gateway: TopologyAz;
    readonly nat: ComponentOf<'nat'>;
}

/** Whether `component` runs code in its region's VPC, so that its calls to AWS APIs need a way out. */
export function runsInVpc(component: TopologyComponent): boolean {
    return RUNS_IN_VPC[component.kind] && component.placement === 'zonal';
}

/** The lines a call out of the VPC comes from: a `uses`, a `consumes`, a kinesis consumer reading its stream. */
export type OutboundSource = Uses | Consumes | KinesisConsumer;
type OutboundCall = Extract<DependencyEdge, { kind: 'uses' | 'consumes' }>;

/** The edges whose calls leave the VPC: `uses`, and `consumes` polled by the caller's own code (not Lambda's). */
function outboundCalls(caller: TopologyComponent): OutboundCall[] {
    return caller.outgoing.filter((edge): edge is OutboundCall =>
        edge.kind === 'uses' || (edge.kind === 'consumes' && caller.kind !== 'lambda'));
}

/** The AWS service a call reaches over the network outside the VPC, or 'nat-only' for another region or the internet. */
export function egressNeed(caller: TopologyComponent, target: TopologyComponent): EndpointService | 'nat-only' | undefined {
    if (target.region && caller.region && target.region !== caller.region) return 'nat-only';
    const need = TARGET_EGRESS[target.kind];
    return need === 'in-vpc' ? undefined : need;
}

interface RegionNetwork {
    readonly nats: ReadonlyArray<ComponentOf<'nat'>>;
    readonly endpoints: ReadonlyMap<EndpointService, ComponentOf<'endpoint'>>;
}

const networks = new WeakMap<TopologyRegion, RegionNetwork>();

/** The NAT gateways and endpoints of a region, read once per region (not once per caller). */
export function regionNetwork(region: TopologyRegion): RegionNetwork {
    let network = networks.get(region);
    if (!network) {
        const nats: Array<ComponentOf<'nat'>> = [];
        const endpoints = new Map<EndpointService, ComponentOf<'endpoint'>>();
        for (const component of region.components) {
            if (component.kind === 'nat' && component.azs.length > 0) nats.push(component);
            if (component.kind === 'endpoint' && !endpoints.has(component.ast.service)) endpoints.set(component.ast.service, component);
        }
        networks.set(region, network = { nats, endpoints });
    }
    return network;
}

/** The NAT gateway each AZ of a caller goes out through: its own AZ's, else the first one declared. */
export function egressRoutes(caller: TopologyComponent): EgressRoute[] {
    const nats = caller.region ? regionNetwork(caller.region).nats : [];
    if (nats.length === 0) return [];
    const first = { gateway: nats[0].azs[0], nat: nats[0] };
    return caller.azs.map(az => {
        const own = nats.find(nat => nat.azs.includes(az));
        return { az, ...(own ? { gateway: az, nat: own } : first) };
    });
}

/** How strongly a failed path fails its caller: a hard synchronous call fails it, the others degrade it. */
function strength(edge: DependencyEdge): number {
    return edge.hard && edge.sync ? 2 : edge.hard ? 1 : 0;
}

/**
 * The egress edges of every VPC caller: to the endpoint of each AWS service it calls, and to the NAT gateways its
 * AZs go out through for the calls no endpoint serves. Each edge is as strong as the strongest call it carries,
 * and points at that call's line.
 */
export function egressEdges(components: readonly TopologyComponent[]): DependencyEdge[] {
    const edges: DependencyEdge[] = [];
    for (const caller of components) {
        if (!caller.region || !runsInVpc(caller)) continue;
        const network = regionNetwork(caller.region);
        // A region without gateways nor endpoints models no egress: no call of its callers is one.
        if (network.nats.length === 0 && network.endpoints.size === 0) continue;
        let nats: ReadonlySet<TopologyComponent> | undefined;
        const strongest = new Map<TopologyComponent, OutboundCall>();
        const through = (path: TopologyComponent, call: OutboundCall): void => {
            const known = strongest.get(path);
            if (!known || strength(call) > strength(known)) strongest.set(path, call);
        };
        for (const call of outboundCalls(caller)) {
            const need = egressNeed(caller, call.to);
            if (!need) continue;
            const endpoint = need === 'nat-only' ? undefined : network.endpoints.get(need);
            if (endpoint) through(endpoint, call);
            else for (const nat of nats ??= new Set(egressRoutes(caller).map(r => r.nat))) through(nat, call);
        }
        for (const [to, call] of strongest) {
            edges.push({ from: caller, to, kind: 'egress', hard: call.hard, sync: call.sync, source: call.source });
        }
    }
    return edges;
}

/** How a VPC caller's calls leave the VPC, in words (hover): which gateway each AZ uses, and the endpoints. */
export function egressSummary(caller: TopologyComponent): string | undefined {
    const paths = caller.outgoing.filter(e => e.kind === 'egress');
    if (paths.length === 0) return undefined;
    const parts: string[] = [];
    if (paths.some(e => e.to.kind === 'nat')) {
        const routes = egressRoutes(caller);
        const own = routes.filter(r => r.gateway === r.az).map(r => r.az.name);
        if (own.length > 0) parts.push(`the NAT gateway of its own AZ in ${own.join(', ')}`);
        for (const gateway of new Set(routes.filter(r => r.gateway !== r.az).map(r => r.gateway))) {
            const from = routes.filter(r => r.gateway === gateway && r.az !== gateway).map(r => r.az.name);
            parts.push(`the NAT gateway in ${gateway.id} from ${from.join(', ')}`);
        }
    }
    const endpoints = paths.filter(e => e.to.kind === 'endpoint').map(e => `\`${e.to.id}\``);
    if (endpoints.length > 0) parts.push(`endpoint${endpoints.length > 1 ? 's' : ''} ${endpoints.join(', ')}`);
    return `Out of the VPC through ${parts.join('; ')}`;
}
