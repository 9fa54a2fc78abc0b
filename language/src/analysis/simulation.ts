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
 *
 * The loops a scenario runs are indexed: the CLI runs them cold, in the interpreter, where a `for...of` allocates an
 * iterator result per step, and a design's thousands of single failures made that a good part of what they allocated.
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
    const { state, own, seen, worklist } = scratchOf(graph);
    const owned = ownStates(graph, own, seen, scenario.targets);
    const seeds = owned.seeds;
    const nodes = graph.nodes;
    const touched: number[] = [];
    worklist.size = 0;
    for (let i = 0; i < seeds.length; i++) raise(nodes, state, touched, worklist, seeds[i], own[seeds[i]]);
    while (worklist.size > 0) {
        const node = worklist.nodes[--worklist.size];
        // A failed node stays failed: nothing its inputs say can raise it.
        if (state[node] === State.Failed) continue;
        raise(nodes, state, touched, worklist, node, evaluate(nodes[node], own[node], state));
    }
    const ownFailed: number[] = [];
    for (let i = 0; i < seeds.length; i++) if (own[seeds[i]] === State.Failed) ownFailed.push(seeds[i]);
    const outcome = new Outcome(graph, scenario, state, touched, ownFailed, owned);
    for (let i = 0; i < touched.length; i++) state[touched[i]] = State.Ok;
    for (let i = 0; i < seeds.length; i++) own[seeds[i]] = State.Ok;
    return outcome;
}

/** Raises `node` to `value` if that is worse, and queues its dependents to be evaluated again. */
function raise(nodes: readonly GraphNode[], state: Uint8Array, touched: number[], worklist: Worklist, node: number, value: State): void {
    if (value <= state[node]) return;
    if (state[node] === State.Ok) touched.push(node);
    state[node] = value;
    const dependents = nodes[node].dependents;
    for (let i = 0; i < dependents.length; i++) worklist.nodes[worklist.size++] = dependents[i];
}

/**
 * The nodes to evaluate again, a stack. A node is raised at most twice (ok to degraded to failed) and queues its
 * dependents each time: twice the dependents of all nodes bound it, so one array per graph serves every scenario.
 */
interface Worklist {
    readonly nodes: Int32Array;
    size: number;
}

interface Scratch {
    readonly state: Uint8Array;
    readonly own: Uint8Array;
    /** The nodes a scenario already looked at (a node in two failed domains is looked at once). */
    readonly seen: Uint8Array;
    readonly worklist: Worklist;
}

/**
 * One set of state arrays per graph, reused by every simulation (each resets the nodes it touched): a scenario
 * costs what its failure reaches, not the size of the model, and outcomes keep only the nodes that are not ok.
 */
const scratches = new WeakMap<InstanceGraph, Scratch>();

function scratchOf(graph: InstanceGraph): Scratch {
    let scratch = scratches.get(graph);
    if (!scratch) {
        const size = graph.nodes.length;
        let dependents = 0;
        for (let i = 0; i < size; i++) dependents += graph.nodes[i].dependents.length;
        const worklist = { nodes: new Int32Array(2 * dependents), size: 0 };
        scratch = { state: new Uint8Array(size), own: new Uint8Array(size), seen: new Uint8Array(size), worklist };
        scratches.set(graph, scratch);
    }
    return scratch;
}

function evaluate(node: GraphNode, own: State, state: Uint8Array): State {
    let result = own;
    const terms = node.terms;
    for (let i = 0; i < terms.length; i++) {
        const term = terms[i];
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
    for (let i = 0; i < term.targets.length; i++) {
        const target = state[term.targets[i]];
        if (target !== State.Failed) allFailed = false;
        if (target !== State.Ok) anyBad = true;
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
    readonly failedAzs: ReadonlySet<TopologyAz>;
    /** The zonal nodes whose placement was looked at: those that lost capacity are among them. */
    readonly placed: readonly number[];
    readonly egressLost: ReadonlyMap<string, EgressLoss>;
}

/** The egress lost by a scenario that cuts none (most of them): one map for all. */
const NO_EGRESS_LOST: ReadonlyMap<string, EgressLoss> = new Map();

/** Own placement and direct failures, looking only at the nodes the failed domains contain. */
function ownStates(graph: InstanceGraph, own: Uint8Array, seen: Uint8Array, targets: readonly FailureTarget[]): OwnStates {
    const seeds: number[] = [];
    const fail = (node: number | undefined): void => {
        if (node === undefined || own[node] === State.Failed) return;
        own[node] = State.Failed;
        seeds.push(node);
    };
    for (let t = 0; t < targets.length; t++) {
        const target = targets[t];
        switch (target.kind) {
            case 'region': case 'az': break;
            case 'cell':
                for (const replica of graph.replicasOf.get(target.cell) ?? []) fail(replica);
                for (const member of target.cell.components) graph.instancesOf.get(member)?.forEach(fail);
                break;
            case 'cell-replica':
                fail(graph.replicasOf.get(target.cell)?.[target.replica]);
                for (let i = 0; i < target.cell.components.length; i++) fail(graph.instancesOf.get(target.cell.components[i])?.[target.replica]);
                break;
            case 'service': {
                const instances = graph.instancesOf.get(target.component) ?? [];
                if (target.replica === undefined) instances.forEach(fail);
                else fail(instances[target.replica]);
                break;
            }
        }
    }
    const domains = failedDomains(graph, targets);
    const placed = domains === NO_DOMAINS ? NONE : placementFailures(graph, own, seen, domains, seeds);
    // Egress last: it depends on which NAT gateways the placement step failed.
    if (graph.egress.callers.size === 0) return { seeds, failedAzs: domains.azs, placed, egressLost: NO_EGRESS_LOST };
    const egressLost = new Map<string, EgressLoss>();
    const losses = egressLosses(graph.egress, domains.azs, n => own[n] === State.Failed, seeds, c => graph.instancesOf.get(c) ?? []);
    for (const [node, { state, loss }] of losses) {
        if (own[node] !== State.Ok) continue;
        own[node] = state;
        seeds.push(node);
        egressLost.set(graph.nodes[node].name, loss);
    }
    return { seeds, failedAzs: domains.azs, placed, egressLost };
}

interface FailedDomains {
    readonly azs: ReadonlySet<TopologyAz>;
    readonly regions: ReadonlySet<TopologyRegion>;
}

/** What a scenario that fails no AZ and no region (a cell replica, a service) fails of them: one object for all. */
const NO_DOMAINS: FailedDomains = { azs: new Set(), regions: new Set() };
const NONE: readonly number[] = [];

/** The AZs and the regions a scenario fails, in the order of its targets; a region all of whose AZs are lost is lost too. */
function failedDomains(graph: InstanceGraph, targets: readonly FailureTarget[]): FailedDomains {
    let azs: Set<TopologyAz> | undefined;
    let regions: Set<TopologyRegion> | undefined;
    for (let t = 0; t < targets.length; t++) {
        const target = targets[t];
        if (target.kind === 'region') (regions ??= new Set()).add(target.region);
        else if (target.kind === 'az') (azs ??= new Set()).add(target.az);
    }
    if (!azs && !regions) return NO_DOMAINS;
    regions ??= new Set();
    if (azs) {
        for (const region of graph.topology.regions) {
            if (region.azs.length > 0 && region.azs.every(az => azs.has(az))) regions.add(region);
        }
    }
    return { azs: azs ?? new Set(), regions };
}

/**
 * Marks Failed in `own` the instances of the failed regions and the zonal instances left without enough of their
 * AZs, then Degraded those that only lose part of them (a database failover), adding both to `seeds`: each node of
 * the failed domains once, in the order of the domains. Returns the nodes whose placement it looked at.
 */
function placementFailures(graph: InstanceGraph, own: Uint8Array, seen: Uint8Array, domains: FailedDomains, seeds: number[]): number[] {
    const candidates: number[] = [];
    const collect = (nodes: readonly number[] = NONE): void => {
        for (let i = 0; i < nodes.length; i++) {
            const node = nodes[i];
            if (seen[node]) continue;
            seen[node] = 1;
            candidates.push(node);
        }
    };
    for (const region of domains.regions) collect(graph.instancesIn.get(region));
    for (const az of domains.azs) collect(graph.zonalIn.get(az));
    const placed: number[] = [];
    const degraded: number[] = [];
    for (let i = 0; i < candidates.length; i++) {
        const node = candidates[i];
        seen[node] = 0;
        const component = graph.nodes[node].component;
        if (!component || own[node] === State.Failed) continue;
        const inFailedRegion = component.region !== undefined && domains.regions.has(component.region);
        if (!inFailedRegion) placed.push(node);
        const state = inFailedRegion ? State.Failed : placementState(component, domains.azs);
        if (state === State.Failed) {
            own[node] = State.Failed;
            seeds.push(node);
        } else if (state === State.Degraded) {
            degraded.push(node);
        }
    }
    for (let i = 0; i < degraded.length; i++) own[degraded[i]] = State.Degraded;
    pushAll(seeds, degraded);
    return placed;
}

/** A zonal component with some of its AZs lost: failed when nothing or too little is left (static stability). */
export function placementState(component: TopologyComponent, failedAzs: ReadonlySet<TopologyAz>): State {
    if (component.azs.length > 0 && component.azs.every(az => failedAzs.has(az))) return State.Failed;
    if (component.kind === 'elasticache') return elastiCacheSurvives(component, failedAzs) ? State.Ok : State.Failed;
    if (component.kind === 'aurora' || component.kind === 'rds') return writerPlacementState(component, failedAzs);
    const capacity = component.capacity;
    if (capacity) {
        const left = instancesLeft(capacity, failedAzs);
        if (capacity.total > 0 && left === 0) return State.Failed;
        if (capacity.needs !== undefined && left < capacity.needs) return State.Failed;
    }
    return State.Ok;
}

/** What a zonal component keeps of its capacity when `failedAzs` are lost. */
export function capacityLeftOf(component: TopologyComponent, failedAzs: ReadonlySet<TopologyAz>): CapacityLeft | undefined {
    const capacity = component.capacity;
    if (!capacity) return undefined;
    return { unit: capacity.unit, left: instancesLeft(capacity, failedAzs), total: capacity.total, needs: capacity.needs };
}

function instancesLeft(capacity: Capacity, failedAzs: ReadonlySet<TopologyAz>): number {
    let count = 0;
    for (const az of capacity.perAz.keys()) if (!failedAzs.has(az)) count += capacity.perAz.get(az)!;
    return count;
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

/**
 * What a scenario did, kept small: the touched nodes with their states (the only ones not ok). The lookups the
 * checks of a design's thousands of single failures rarely make (a node's state, the names, the capacity left) are
 * built on first use; the counts they all read are computed at once.
 */
class Outcome implements ScenarioOutcome {
    readonly failedEntryPoints: number;
    readonly customersDown: number;
    readonly egressLost: ReadonlyMap<string, EgressLoss>;
    private readonly touched: readonly number[];
    private readonly touchedStates: Uint8Array;
    private readonly ownFailed: readonly number[];
    private readonly failedAzs: ReadonlySet<TopologyAz>;
    private readonly placed: readonly number[];
    private states?: Map<number, State>;
    private ownFailures?: Set<number>;
    private names?: ServiceStates;
    private entryStates?: Map<string, StateName>;
    private capacity?: Map<string, CapacityLeft>;

    constructor(
        readonly graph: InstanceGraph, readonly scenario: FailureScenario, state: Uint8Array, touched: readonly number[],
        ownFailed: readonly number[], owned: OwnStates,
    ) {
        this.touched = touched;
        this.touchedStates = new Uint8Array(touched.length);
        for (let i = 0; i < touched.length; i++) this.touchedStates[i] = state[touched[i]];
        this.ownFailed = ownFailed;
        this.failedAzs = owned.failedAzs;
        this.placed = owned.placed;
        this.egressLost = owned.egressLost;
        const lookup = lookupOf(graph);
        // Only touched nodes are not ok: the failed entry points are among them. Summed in the order of `entryNodes`,
        // so that the share is the same floating-point number whatever the order the failure reached them in.
        const failedRanks: number[] = [];
        for (let i = 0; i < touched.length; i++) {
            const rank = lookup.entryRank[touched[i]];
            if (rank >= 0 && state[touched[i]] === State.Failed) failedRanks.push(rank);
        }
        failedRanks.sort((a, b) => a - b);
        let failedTraffic = 0;
        for (let i = 0; i < failedRanks.length; i++) failedTraffic += lookup.entryWeight[failedRanks[i]];
        this.failedEntryPoints = failedRanks.length;
        this.customersDown = customersDown(graph, lookup, touched, state, failedTraffic);
    }

    stateOf(node: number): State {
        if (!this.states) {
            this.states = new Map();
            for (let i = 0; i < this.touched.length; i++) this.states.set(this.touched[i], this.touchedStates[i]);
        }
        return this.states.get(node) ?? State.Ok;
    }

    failedOnItsOwn(node: number): boolean {
        return (this.ownFailures ??= new Set(this.ownFailed)).has(node);
    }

    get failed(): readonly string[] {
        return (this.names ??= serviceStates(this.graph, this.touched, this.touchedStates)).failed;
    }

    get degraded(): readonly string[] {
        return (this.names ??= serviceStates(this.graph, this.touched, this.touchedStates)).degraded;
    }

    // Built on first read: the requirements and the table only count, and a model may have hundreds of entry points.
    get entryPoints(): ReadonlyMap<string, StateName> {
        return this.entryStates ??= new Map(this.graph.entryNodes.map(n => [this.graph.nodes[n].name, STATE_NAMES[this.stateOf(n)]]));
    }

    get capacityLeft(): ReadonlyMap<string, CapacityLeft> {
        if (!this.capacity) {
            this.capacity = new Map();
            for (const node of this.placed) {
                const { component, name } = this.graph.nodes[node];
                const left = component && capacityLeftOf(component, this.failedAzs);
                if (left) this.capacity.set(name, left);
            }
        }
        return this.capacity;
    }
}

interface ServiceStates {
    readonly failed: readonly string[];
    readonly degraded: readonly string[];
}

/** The failed and the degraded service instances among the nodes that are not ok, each sorted by name. */
function serviceStates(graph: InstanceGraph, touched: readonly number[], states: Uint8Array): ServiceStates {
    const failed: string[] = [];
    const degraded: string[] = [];
    for (let i = 0; i < touched.length; i++) {
        const { component, name } = graph.nodes[touched[i]];
        if (!component) continue;
        (states[i] === State.Failed ? failed : degraded).push(name);
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
    for (let i = 0; i < touched.length; i++) {
        if (state[touched[i]] !== State.Degraded) continue;
        const routers = lookup.routersAt.get(touched[i]);
        if (!routers) continue;
        for (const router of routers) {
            const replicas = graph.replicasOf.get(router.cell) ?? [];
            let failedCells = 0;
            for (let r = 0; r < replicas.length; r++) if (state[replicas[r]] === State.Failed) failedCells++;
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
    /** By node: its place in `entryNodes`, -1 for a node that is no entry point. */
    readonly entryRank: Int32Array;
    /** By place in `entryNodes`: its share of the customers. */
    readonly entryWeight: Float64Array;
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
        const entryRank = new Int32Array(graph.nodes.length).fill(-1);
        const entryWeight = new Float64Array(graph.entryNodes.length);
        const weights = entryWeights(graph);
        graph.entryNodes.forEach((node, rank) => {
            entryRank[node] = rank;
            entryWeight[rank] = weights.get(node) ?? 0;
        });
        lookup = { entryRank, entryWeight, routersAt };
        lookups.set(graph, lookup);
    }
    return lookup;
}

export function byName(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
