import type { Capacity, ComponentOf, TopologyAz, TopologyComponent, TopologyRegion } from '../model/topology.js';
import { writerPlacementState } from './database-failover.js';
import { canFailOver, State, STATE_NAMES, type GraphNode, type InstanceGraph, type RouterNode, type StateName, type Term } from './instance-graph.js';
import { egressLosses, type EgressLoss } from './egress-loss.js';
import { entryWeights } from './traffic.js';
import type { FailureScenario, FailureTarget } from './scenarios.js';
import { pushAll } from '../util/arrays.js';

/**
 * The state of every component instance under a scenario (analysis.md, "State of a service under a scenario"):
 * own placement first (static stability, ElastiCache failover), then propagation to a fixed point over the
 * precomputed instance graph. States only move up (ok, degraded, failed) and every rule is monotone, so a worklist
 * that re-evaluates the dependents of each node whose state rose terminates in linear time, cycles included.
 */

export interface CapacityLeft {
    readonly unit: Capacity['unit'];
    readonly left: number;
    readonly total: number;
    readonly needs?: number;
}

export interface ScenarioOutcome {
    readonly scenario: FailureScenario;
    readonly graph: InstanceGraph;
    /** The state of a graph node under the scenario. */
    stateOf(node: number): State;
    /** Whether a node failed on its own (placement or a direct failure), before propagation. */
    failedOnItsOwn(node: number): boolean;
    /** Entry point instances that are failed. */
    readonly failedEntryPoints: number;
    /** Failed and degraded service instances, sorted by name. */
    readonly failed: readonly string[];
    readonly degraded: readonly string[];
    /** Entry point instance names (sorted) to their state. */
    readonly entryPoints: ReadonlyMap<string, StateName>;
    /** Share of customers whose requests fail, 0..1. */
    readonly customersDown: number;
    /** Zonal instances that lost capacity, by instance name. */
    readonly capacityLeft: ReadonlyMap<string, CapacityLeft>;
    /** VPC callers whose AZs still up lost their NAT gateway, by instance name. */
    readonly egressLost: ReadonlyMap<string, EgressLoss>;
}

export function simulate(graph: InstanceGraph, scenario: FailureScenario): ScenarioOutcome {
    const { state, own } = scratchOf(graph);
    const { seeds, capacityLeft, egressLost } = ownStates(graph, own, scenario.targets);
    const touched: number[] = [];
    const worklist: number[] = [];
    const raise = (node: number, value: State): void => {
        if (value <= state[node]) return;
        if (state[node] === State.Ok) touched.push(node);
        state[node] = value;
        for (const dependent of graph.nodes[node].dependents) worklist.push(dependent);
    };
    for (const seed of seeds) raise(seed, own[seed]);
    while (worklist.length > 0) {
        const node = worklist.pop()!;
        raise(node, evaluate(graph.nodes[node], own[node], state));
    }
    const outcome = summarize(graph, scenario, state, seeds.filter(node => own[node] === State.Failed), touched, capacityLeft, egressLost);
    for (const node of touched) state[node] = State.Ok;
    for (const node of seeds) own[node] = State.Ok;
    return outcome;
}

interface Scratch {
    readonly state: Uint8Array;
    readonly own: Uint8Array;
}

/**
 * One pair of state arrays per graph, reused by every simulation (each resets the nodes it touched): a scenario
 * costs what its failure reaches, not the size of the model, and outcomes keep only the nodes that are not ok.
 */
const scratches = new WeakMap<InstanceGraph, Scratch>();

function scratchOf(graph: InstanceGraph): Scratch {
    let scratch = scratches.get(graph);
    if (!scratch) {
        scratch = { state: new Uint8Array(graph.nodes.length), own: new Uint8Array(graph.nodes.length) };
        scratches.set(graph, scratch);
    }
    return scratch;
}

function evaluate(node: GraphNode, own: State, state: Uint8Array): State {
    let result = own;
    for (const term of node.terms) {
        const input = termState(term, state);
        const effect = input === State.Failed ? term.onFailed : input === State.Degraded ? term.onDegraded : State.Ok;
        if (effect > result) result = effect;
        if (result === State.Failed) break;
    }
    return result;
}

/** A single target's state; a redundant group is failed when every member is, degraded when any is not ok. */
export function termState(term: Term, state: Uint8Array): State {
    if (term.targets.length === 1) return state[term.targets[0]];
    let allFailed = true;
    let anyBad = false;
    for (const target of term.targets) {
        if (state[target] !== State.Failed) allFailed = false;
        if (state[target] !== State.Ok) anyBad = true;
    }
    return allFailed ? State.Failed : anyBad ? State.Degraded : State.Ok;
}

/** Share of customers down with `failed` of `cells` cells failed, each customer on `k` cells: C(f,k) / C(n,k). */
export function shareDown(failed: number, cells: number, k: number): number {
    if (cells <= 0 || failed < k) return 0;
    let share = 1;
    for (let i = 0; i < k; i++) share *= (failed - i) / (cells - i);
    return share;
}

interface OwnStates {
    /** The nodes failed on their own, marked Failed in `own`, or degraded on their own (a database failover, lost egress). */
    readonly seeds: number[];
    readonly capacityLeft: Map<string, CapacityLeft>;
    readonly egressLost: Map<string, EgressLoss>;
}

/** Own placement and direct failures, looking only at the nodes the failed domains contain. */
function ownStates(graph: InstanceGraph, own: Uint8Array, targets: readonly FailureTarget[]): OwnStates {
    const seeds: number[] = [];
    const degradedSeeds: number[] = [];
    const capacityLeft = new Map<string, CapacityLeft>();
    const failedAzs = new Set<TopologyAz>();
    const failedRegions = new Set<TopologyRegion>();
    const fail = (node: number | undefined): void => {
        if (node === undefined || own[node] === State.Failed) return;
        own[node] = State.Failed;
        seeds.push(node);
    };
    for (const target of targets) {
        switch (target.kind) {
            case 'region': failedRegions.add(target.region); break;
            case 'az': failedAzs.add(target.az); break;
            case 'cell':
                for (const replica of graph.replicasOf.get(target.cell) ?? []) fail(replica);
                for (const member of target.cell.components) graph.instancesOf.get(member)?.forEach(fail);
                break;
            case 'cell-replica':
                fail(graph.replicasOf.get(target.cell)?.[target.replica]);
                for (const member of target.cell.components) fail(graph.instancesOf.get(member)?.[target.replica]);
                break;
            case 'service': {
                const instances = graph.instancesOf.get(target.component) ?? [];
                if (target.replica === undefined) instances.forEach(fail);
                else fail(instances[target.replica]);
                break;
            }
        }
    }
    // A region all of whose AZs are lost is lost too.
    for (const region of graph.topology.regions) {
        if (region.azs.length > 0 && region.azs.every(az => failedAzs.has(az))) failedRegions.add(region);
    }
    const candidates = new Set<number>();
    for (const region of failedRegions) graph.instancesIn.get(region)?.forEach(n => candidates.add(n));
    for (const az of failedAzs) graph.zonalIn.get(az)?.forEach(n => candidates.add(n));
    for (const node of candidates) {
        const component = graph.nodes[node].component;
        if (!component || own[node] === State.Failed) continue;
        if (component.region && failedRegions.has(component.region)) {
            fail(node);
            continue;
        }
        const placement = placementState(component, failedAzs);
        if (placement.left) capacityLeft.set(graph.nodes[node].name, placement.left);
        if (placement.state === State.Failed) fail(node);
        else if (placement.state === State.Degraded) degradedSeeds.push(node);
    }
    for (const node of degradedSeeds) own[node] = State.Degraded;
    pushAll(seeds, degradedSeeds);
    // Egress last: it depends on which NAT gateways the placement step failed.
    const egressLost = new Map<string, EgressLoss>();
    const losses = egressLosses(graph.egress, failedAzs, n => own[n] === State.Failed, seeds, c => graph.instancesOf.get(c) ?? []);
    for (const [node, { state, loss }] of losses) {
        if (own[node] !== State.Ok) continue;
        own[node] = state;
        seeds.push(node);
        egressLost.set(graph.nodes[node].name, loss);
    }
    return { seeds, capacityLeft, egressLost };
}

/** A zonal component with some of its AZs lost: failed when nothing or too little is left (static stability). */
export function placementState(component: TopologyComponent, failedAzs: ReadonlySet<TopologyAz>): { state: State; left?: CapacityLeft } {
    const alive = component.azs.filter(az => !failedAzs.has(az));
    const capacity = component.capacity;
    let left: CapacityLeft | undefined;
    if (capacity) {
        let count = 0;
        for (const [az, n] of capacity.perAz) if (!failedAzs.has(az)) count += n;
        left = { unit: capacity.unit, left: count, total: capacity.total, needs: capacity.needs };
    }
    if (component.azs.length > 0 && alive.length === 0) return { state: State.Failed, left };
    if (component.kind === 'elasticache' && !elastiCacheSurvives(component, failedAzs)) return { state: State.Failed, left };
    if (component.kind === 'aurora' || component.kind === 'rds') return { state: writerPlacementState(component, failedAzs), left };
    if (left && component.kind !== 'elasticache') {
        if (left.total > 0 && left.left === 0) return { state: State.Failed, left };
        if (left.needs !== undefined && left.left < left.needs) return { state: State.Failed, left };
    }
    return { state: State.Ok, left };
}

/**
 * Each shard's primary sits in the first listed AZ; its replicas round-robin over the AZs after it. Losing the
 * primary's AZ is survived only by an automatic failover to a replica in an AZ that is still up.
 */
function elastiCacheSurvives(component: ComponentOf<'elasticache'>, failedAzs: ReadonlySet<TopologyAz>): boolean {
    const azs = component.azs;
    if (azs.length === 0 || !failedAzs.has(azs[0])) return true;
    if (component.ast.engine === 'memcached') {
        return azs.some(az => !failedAzs.has(az));
    }
    if (!canFailOver(component)) return false;
    const replicas = component.ast.replicas ?? 0;
    for (let i = 1; i <= replicas; i++) {
        const az = azs[i % azs.length];
        if (az !== azs[0] && !failedAzs.has(az)) return true;
    }
    return false;
}

function summarize(
    graph: InstanceGraph, scenario: FailureScenario, state: Uint8Array, ownFailed: readonly number[], touched: readonly number[],
    capacityLeft: ReadonlyMap<string, CapacityLeft>, egressLost: ReadonlyMap<string, EgressLoss>,
): ScenarioOutcome {
    const states = new Map<number, State>();
    for (const node of touched) states.set(node, state[node]);
    // Named on first read: the checks of a design's thousands of single failures mostly only count.
    let names: ServiceStates | undefined;
    const ownFailures = new Set(ownFailed);
    const lookup = lookupOf(graph);
    // Only touched nodes are not ok: the failed entry points are among them. Summed in the order of `entryNodes`,
    // so that the share is the same floating-point number whatever the order the failure reached them in.
    const failedEntries = touched.filter(n => state[n] === State.Failed && lookup.entryRank.has(n))
        .sort((a, b) => lookup.entryRank.get(a)! - lookup.entryRank.get(b)!);
    const failedEntryPoints = failedEntries.length;
    let failedTraffic = 0;
    const weights = entryWeights(graph);
    for (const n of failedEntries) failedTraffic += weights.get(n) ?? 0;
    const stateOf = (node: number): State => states.get(node) ?? State.Ok;
    // Built on first read: the requirements and the table only count, and a model may have hundreds of entry points.
    let entryPoints: Map<string, StateName> | undefined;
    return {
        scenario, graph, failedEntryPoints, stateOf,
        get failed() {
            return (names ??= serviceStates(graph, states)).failed;
        },
        get degraded() {
            return (names ??= serviceStates(graph, states)).degraded;
        },
        failedOnItsOwn: node => ownFailures.has(node),
        get entryPoints() {
            return entryPoints ??= new Map(graph.entryNodes.map(n => [graph.nodes[n].name, STATE_NAMES[stateOf(n)]]));
        },
        customersDown: customersDown(graph, lookup, touched, state, failedTraffic),
        capacityLeft,
        egressLost,
    };
}

interface ServiceStates {
    readonly failed: readonly string[];
    readonly degraded: readonly string[];
}

/** The failed and the degraded service instances among the nodes that are not ok, each sorted by name. */
function serviceStates(graph: InstanceGraph, states: ReadonlyMap<number, State>): ServiceStates {
    const failed: string[] = [];
    const degraded: string[] = [];
    for (const [node, state] of states) {
        const { component, name } = graph.nodes[node];
        if (!component) continue;
        (state === State.Failed ? failed : degraded).push(name);
    }
    return { failed: failed.sort(byName), degraded: degraded.sort(byName) };
}

/**
 * Customers are down when the entry point they come through is failed (each entry point carrying its traffic share:
 * traffic.ts), or when every cell of their shuffle shard is failed behind a router that still answers. A failed
 * router's customers count only through the entry points: when those are up, failover served them elsewhere.
 */
function customersDown(graph: InstanceGraph, lookup: NodeLookup, touched: readonly number[], state: Uint8Array, failedTraffic: number): number {
    let down = Math.min(1, failedTraffic);
    // A degraded router was touched: look among the touched nodes, not at every router of the design.
    for (const node of touched) {
        if (state[node] !== State.Degraded) continue;
        for (const router of lookup.routersAt.get(node) ?? []) {
            const replicas = graph.replicasOf.get(router.cell) ?? [];
            const failedCells = replicas.filter(r => state[r] === State.Failed).length;
            down = Math.max(down, shareDown(failedCells, replicas.length, router.shardSize));
        }
    }
    return down;
}

/**
 * Where each entry node stands in `entryNodes`, and the routers at each node: a design of 500 cells is 2,000
 * single failures, and each looked at every entry point and router of the design to count what it failed.
 */
interface NodeLookup {
    readonly entryRank: ReadonlyMap<number, number>;
    readonly routersAt: ReadonlyMap<number, readonly RouterNode[]>;
}

const lookups = new WeakMap<InstanceGraph, NodeLookup>();

function lookupOf(graph: InstanceGraph): NodeLookup {
    let lookup = lookups.get(graph);
    if (!lookup) {
        const routersAt = new Map<number, RouterNode[]>();
        for (const router of graph.routers) {
            const at = routersAt.get(router.node);
            if (at) at.push(router);
            else routersAt.set(router.node, [router]);
        }
        lookup = { entryRank: new Map(graph.entryNodes.map((node, rank) => [node, rank])), routersAt };
        lookups.set(graph, lookup);
    }
    return lookup;
}

export function byName(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
