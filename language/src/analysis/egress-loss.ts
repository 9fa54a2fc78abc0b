import { egressRoutes, regionNetwork, type EgressRoute } from '../model/egress.js';
import type { DependencyEdge, Topology, TopologyAz, TopologyComponent } from '../model/topology.js';
import { edgeEffect, State } from './instance-graph.js';

/**
 * Egress through NAT gateways under a scenario (analysis.md, "Egress: NAT gateways and VPC endpoints"). Each AZ of
 * a VPC caller goes out through one gateway: its own AZ's, else the first one. Losing a gateway (its AZ, or the
 * `nat` failed directly) cuts the calls out of the VPC from the AZs routed through it, even when those AZs are up:
 * a single gateway in AZ a takes egress away from the tasks in b and c when a fails. A VPC endpoint is an ordinary
 * dependency (a term of the instance graph); a NAT gateway is not, because its effect differs per AZ of the caller.
 */

interface EgressCaller {
    readonly component: TopologyComponent;
    readonly routes: readonly EgressRoute[];
    /** The strongest call that needs the gateways: what losing them does to the caller. */
    readonly edge: DependencyEdge;
}

export interface EgressIndex {
    readonly callers: ReadonlyMap<number, EgressCaller>;
    /** Caller nodes with a route through a gateway in each AZ: the ones an AZ failure has to look at. */
    readonly viaAz: ReadonlyMap<TopologyAz, readonly number[]>;
    /** Caller nodes of each `nat` instance node: the ones a direct failure of the `nat` reaches. */
    readonly viaNat: ReadonlyMap<number, readonly number[]>;
}

/** What a caller lost: the AZs still up whose calls out of the VPC have no gateway left, and the gateways lost. */
export interface EgressLoss {
    readonly azs: readonly TopologyAz[];
    readonly gateways: readonly TopologyAz[];
    /** Instances left that can still reach out, when the caller counts instances. */
    readonly left?: number;
}

export function buildEgressIndex(topology: Topology, instancesOf: ReadonlyMap<TopologyComponent, readonly number[]>): EgressIndex {
    const callers = new Map<number, EgressCaller>();
    const viaAz = new Map<TopologyAz, number[]>();
    const viaNat = new Map<number, number[]>();
    // Without a NAT gateway in any region, no call goes out through one: not a look at each edge of the design.
    if (!topology.regions.some(region => regionNetwork(region).nats.length > 0)) return { callers, viaAz, viaNat };
    const add = <K>(map: Map<K, number[]>, key: K, node: number): void => {
        const list = map.get(key);
        if (!list) map.set(key, [node]);
        else if (list[list.length - 1] !== node) list.push(node);
    };
    for (const edge of topology.edges) {
        if (edge.kind !== 'egress' || edge.to.kind !== 'nat') continue;
        const caller = edge.from;
        const nodes = instancesOf.get(caller) ?? [];
        if (nodes.length === 0 || callers.has(nodes[0])) continue;
        const routes = egressRoutes(caller);
        for (const node of nodes) {
            callers.set(node, { component: caller, routes, edge });
            for (const route of routes) {
                add(viaAz, route.gateway, node);
                for (const natNode of instancesOf.get(route.nat) ?? []) add(viaNat, natNode, node);
            }
        }
    }
    return { callers, viaAz, viaNat };
}

/**
 * The nodes whose egress a scenario cuts, with what it does to them (the edge's effect: a hard synchronous call
 * fails the caller when every AZ still up lost its way out, or when the instances that can still reach out are
 * fewer than `needs`; otherwise the loss degrades it).
 */
export function egressLosses(
    index: EgressIndex, failedAzs: ReadonlySet<TopologyAz>, natFailed: (natNode: number) => boolean, seeds: readonly number[],
    instancesOf: (component: TopologyComponent) => readonly number[],
): Map<number, { state: State; loss: EgressLoss }> {
    const candidates = new Set<number>();
    for (const az of failedAzs) index.viaAz.get(az)?.forEach(n => candidates.add(n));
    for (const seed of seeds) index.viaNat.get(seed)?.forEach(n => candidates.add(n));
    const losses = new Map<number, { state: State; loss: EgressLoss }>();
    for (const node of candidates) {
        const caller = index.callers.get(node);
        if (!caller) continue;
        const gatewayLost = (route: EgressRoute): boolean =>
            failedAzs.has(route.gateway) || instancesOf(route.nat).some(natFailed);
        const perAz = caller.component.capacity?.perAz;
        const up = caller.routes.filter(r => !failedAzs.has(r.az) && (!perAz || (perAz.get(r.az) ?? 0) > 0));
        const cut = up.filter(gatewayLost);
        if (cut.length === 0) continue;
        const capacity = caller.component.capacity;
        const left = perAz ? up.filter(r => !cut.includes(r)).reduce((sum, r) => sum + (perAz.get(r.az) ?? 0), 0) : undefined;
        const belowNeeds = capacity?.needs !== undefined && left !== undefined && left < capacity.needs;
        const input = cut.length === up.length || belowNeeds ? State.Failed : State.Degraded;
        const effect = edgeEffect(caller.edge);
        const state = input === State.Failed ? effect.onFailed : effect.onDegraded;
        if (state === State.Ok) continue;
        const gateways = [...new Set(cut.map(r => r.gateway))];
        losses.set(node, { state, loss: { azs: cut.map(r => r.az), gateways, left } });
    }
    return losses;
}
