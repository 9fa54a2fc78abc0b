import type {
    DependencyEdge, Topology, TopologyAz, TopologyCell, TopologyComponent, TopologyRegion,
} from '../model/topology.js';
import { pushAll } from '../util/arrays.js';
import { cachedSteps, runSteps } from '../util/steps.js';
import { buildEgressIndex, type EgressIndex } from './egress-loss.js';

/**
 * The dependency graph the simulation walks, built once per topology: one node per component instance (a component
 * inside a cell has one instance per replica) and one node per cell replica. Precomputed so that a scenario only
 * touches the nodes its failure reaches: no per-scenario rebuilding.
 */

/** Ordered so that "worse" is larger: a fixed point only ever moves states up. */
export enum State { Ok = 0, Degraded = 1, Failed = 2 }

export const STATE_NAMES = ['ok', 'degraded', 'failed'] as const;
export type StateName = typeof STATE_NAMES[number];

/**
 * One input of a node: a single target, or a redundant group (up while any member is up: failover pairs, the cell
 * replicas behind a router, a service of another cell). `onDegraded`/`onFailed` say what the input does to the node.
 */
export interface Term {
    readonly targets: readonly number[];
    readonly onDegraded: State;
    readonly onFailed: State;
    /** The edge the term comes from (undefined for a router's cells and a replica's members). */
    readonly edge?: DependencyEdge;
}

export interface GraphNode {
    readonly index: number;
    /** `use1.api`, `use1.payments[2].ledger`, or for a replica node `use1.payments[2]`. */
    readonly name: string;
    /** Undefined for a cell replica node. */
    readonly component?: TopologyComponent;
    readonly cell?: TopologyCell;
    /** Replica index inside `cell`, or -1 outside cells. */
    readonly replica: number;
    readonly terms: readonly Term[];
    /** Nodes with a term naming this node: they are re-evaluated when this node's state changes. */
    readonly dependents: readonly number[];
}

export interface RouterNode {
    readonly node: number;
    readonly cell: TopologyCell;
    /** Cells each customer uses (`shuffle shard k`; 1 without shuffle sharding). */
    readonly shardSize: number;
}

export interface InstanceGraph {
    readonly topology: Topology;
    readonly nodes: readonly GraphNode[];
    readonly instancesOf: ReadonlyMap<TopologyComponent, readonly number[]>;
    /** Replica nodes of each cell, by replica index. */
    readonly replicasOf: ReadonlyMap<TopologyCell, readonly number[]>;
    /** Zonal instances with capacity in an AZ: the ones an AZ failure has to look at. */
    readonly zonalIn: ReadonlyMap<TopologyAz, readonly number[]>;
    /** Every instance of a region's components. */
    readonly instancesIn: ReadonlyMap<TopologyRegion, readonly number[]>;
    /** Instance nodes of the entry points, sorted by name. */
    readonly entryNodes: readonly number[];
    readonly routers: readonly RouterNode[];
    /** The VPC callers whose calls out go through NAT gateways (analysis.md, "Egress"), by instance node. */
    readonly egress: EgressIndex;
}

const cache = new WeakMap<Topology, InstanceGraph>();

export function getInstanceGraph(topology: Topology): InstanceGraph {
    return runSteps(instanceGraphInSteps(topology));
}

/**
 * `getInstanceGraph` a step at a time (a thousand components or a hundred cells): the language server answers
 * requests between two steps of a large design's graph (checks-ahead.ts).
 */
export function* instanceGraphInSteps(topology: Topology): Generator<void, InstanceGraph> {
    return yield* cachedSteps(() => cache.get(topology), () => instanceGraphSteps(topology), graph => cache.set(topology, graph));
}

/** The components, or the cells, that one step of `instanceGraphInSteps` adds. */
const COMPONENTS_PER_STEP = 1024;
const CELLS_PER_STEP = 128;

type Effect = Pick<Term, 'onDegraded' | 'onFailed'>;
const FAILS: Effect = { onDegraded: State.Degraded, onFailed: State.Failed };
const DEGRADES: Effect = { onDegraded: State.Degraded, onFailed: State.Degraded };
const DEGRADES_ON_FAILURE: Effect = { onDegraded: State.Ok, onFailed: State.Degraded };

/** What a failed or degraded dependency does to its caller (analysis.md, "State of a service", rule 3). */
export function edgeEffect(edge: Pick<DependencyEdge, 'hard' | 'sync'>): Effect {
    if (edge.hard && edge.sync) return FAILS;
    if (edge.hard) return DEGRADES;
    return DEGRADES_ON_FAILURE;
}

/** The shard size of a router: `shuffle shard k`, or 1 (each customer in one cell). */
export function shardSizeOf(router: TopologyComponent): number {
    const k = router.kind === 'router' ? router.ast.shuffleShard : undefined;
    return k !== undefined && Number.isInteger(k) && k >= 1 ? k : 1;
}

/** ElastiCache's primary fails over only with `multi-az on`, `failover auto` and at least one replica. */
export function canFailOver(component: TopologyComponent): boolean {
    if (component.kind !== 'elasticache') return false;
    const ast = component.ast;
    return ast.engine !== 'memcached' && ast.multiAz === 'on' && ast.failover === 'auto' && (ast.replicas ?? 0) >= 1;
}

/** Uncached: for benchmarks; everything else goes through `getInstanceGraph`. */
export function buildInstanceGraph(topology: Topology): InstanceGraph {
    return runSteps(instanceGraphSteps(topology));
}

/**
 * The loops over the design are indexed: this runs cold in the CLI, where a `for...of` allocates an iterator result
 * per step. The graph of a design is about as large as its AST, and all of it stays: each node's terms and dependents are
 * made to size once counted (an array grown by `push` reserves 17 slots), the nodes last; a term's targets share the
 * instance list of its target, or one single-node list per node, rather than a copy each.
 */
function* instanceGraphSteps(topology: Topology): Generator<void, InstanceGraph> {
    const names: string[] = [];
    const componentOf: Array<TopologyComponent | undefined> = [];
    const cellOf: Array<TopologyCell | undefined> = [];
    const replicaOf: number[] = [];
    const add = (name: string, component: TopologyComponent | undefined, cell: TopologyCell | undefined, replica: number): number => {
        names.push(name);
        componentOf.push(component);
        cellOf.push(cell);
        replicaOf.push(replica);
        return names.length - 1;
    };
    const instancesOf = new Map<TopologyComponent, number[]>();
    const components = topology.components;
    for (let c = 0; c < components.length; c++) {
        const component = components[c];
        // Made to size: most components have one instance, and a list grown by `push` reserves 17 slots.
        const ids = component.instanceIds;
        const instances = new Array<number>(ids.length);
        for (let replica = 0; replica < ids.length; replica++) instances[replica] = add(ids[replica], component, component.cell, component.cell ? replica : -1);
        instancesOf.set(component, instances);
    }
    const replicasOf = new Map<TopologyCell, number[]>();
    for (let c = 0; c < topology.cells.length; c++) {
        const cell = topology.cells[c];
        const replicas = new Array<number>(cell.replicaIds.length);
        for (let replica = 0; replica < cell.replicaIds.length; replica++) replicas[replica] = add(cell.replicaIds[replica], undefined, cell, replica);
        replicasOf.set(cell, replicas);
    }
    // The terms in the order they are added, each with its node: handed to the nodes once all are known.
    const termNodes: number[] = [];
    const terms: Term[] = [];
    const addTerm = (from: number, term: Term): void => {
        if (term.targets.length === 0) return;
        termNodes.push(from);
        terms.push(term);
    };
    const singletons: Array<number[] | undefined> = new Array(names.length);
    /** The instances an edge from replica `replica` of `from` reaches: the same replica inside one cell, else all. */
    const targetsOf = (from: TopologyComponent, replica: number, to: TopologyComponent): readonly number[] => {
        const instances = instancesOf.get(to) ?? [];
        if (!(to.cell && to.cell === from.cell && replica >= 0)) return instances;
        const node = instances[replica];
        return singletons[node] ??= [node];
    };

    for (let c = 0; c < components.length; c++) {
        if (c % COMPONENTS_PER_STEP === COMPONENTS_PER_STEP - 1) yield;
        const component = components[c];
        const instances = instancesOf.get(component) ?? [];
        const outgoing = component.outgoing;
        for (let i = 0; i < instances.length; i++) {
            const node = instances[i];
            const replica = component.cell ? i : -1;
            let failover: number[] | undefined;
            for (let e = 0; e < outgoing.length; e++) {
                const edge = outgoing[e];
                // A NAT gateway serves each AZ of its caller separately: the simulation's egress step, not a term.
                if (edge.kind === 'egress' && edge.to.kind === 'nat') continue;
                if (edge.kind === 'failover') {
                    pushAll(failover ??= [], targetsOf(component, replica, edge.to));
                    continue;
                }
                const effect = edgeEffect(edge);
                addTerm(node, { targets: targetsOf(component, replica, edge.to), onDegraded: effect.onDegraded, onFailed: effect.onFailed, edge });
            }
            // Route 53 failover: up while the primary or the secondary is up.
            if (failover) addTerm(node, { targets: [...new Set(failover)], onDegraded: State.Degraded, onFailed: State.Failed });
        }
    }

    const routers: RouterNode[] = [];
    for (let c = 0; c < topology.cells.length; c++) {
        if (c % CELLS_PER_STEP === CELLS_PER_STEP - 1) yield;
        const cell = topology.cells[c];
        const replicas = replicasOf.get(cell) ?? [];
        const fronts = new Set(cell.frontComponents);
        for (let replica = 0; replica < replicas.length; replica++) {
            for (let m = 0; m < cell.components.length; m++) {
                const member = cell.components[m];
                const instance = instancesOf.get(member)?.[replica];
                if (instance === undefined) continue;
                // A replica fails with any of its front services; any failed or degraded member degrades it.
                addTerm(replicas[replica], { targets: singletons[instance] ??= [instance], onDegraded: State.Degraded, onFailed: fronts.has(member) ? State.Failed : State.Degraded });
            }
        }
        for (const router of cell.routers) {
            for (const node of instancesOf.get(router) ?? []) {
                addTerm(node, { targets: replicas, onDegraded: State.Degraded, onFailed: State.Failed });
                routers.push({ node, cell, shardSize: shardSizeOf(router) });
            }
        }
    }

    const nodes = makeNodes(names, componentOf, cellOf, replicaOf, termNodes, terms);
    const zonalIn = new Map<TopologyAz, number[]>(topology.azs.map(az => [az, []]));
    const instancesIn = new Map<TopologyRegion, number[]>(topology.regions.map(r => [r, []]));
    for (let c = 0; c < components.length; c++) {
        const component = components[c];
        const instances = instancesOf.get(component) ?? [];
        for (let a = 0; a < component.azs.length; a++) pushAll(zonalIn.get(component.azs[a]) ?? [], instances);
        if (component.region) pushAll(instancesIn.get(component.region) ?? [], instances);
    }
    const entryNodes = topology.entryPoints.flatMap(c => instancesOf.get(c) ?? [])
        .sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
    const egress = buildEgressIndex(topology, instancesOf);
    return { topology, nodes, instancesOf, replicasOf, zonalIn, instancesIn, entryNodes, routers, egress };
}

const NO_TERMS: readonly Term[] = [];
const NO_DEPENDENTS: readonly number[] = [];

/** The nodes, each with its terms in the order they were added and its dependents in the order their terms were. */
function makeNodes(
    names: readonly string[], componentOf: ReadonlyArray<TopologyComponent | undefined>, cellOf: ReadonlyArray<TopologyCell | undefined>,
    replicaOf: readonly number[], termNodes: readonly number[], terms: readonly Term[],
): GraphNode[] {
    const termCount = new Int32Array(names.length);
    const dependentCount = new Int32Array(names.length);
    for (let t = 0; t < terms.length; t++) {
        termCount[termNodes[t]]++;
        const targets = terms[t].targets;
        for (let i = 0; i < targets.length; i++) dependentCount[targets[i]]++;
    }
    const nodes: Array<GraphNode & { readonly terms: Term[]; readonly dependents: number[] }> = [];
    for (let index = 0; index < names.length; index++) {
        nodes.push({
            index, name: names[index], component: componentOf[index], cell: cellOf[index], replica: replicaOf[index],
            // The shared empty lists are never written: a node has no term nor dependent to put there.
            terms: termCount[index] > 0 ? new Array<Term>(termCount[index]) : NO_TERMS as Term[],
            dependents: dependentCount[index] > 0 ? new Array<number>(dependentCount[index]) : NO_DEPENDENTS as number[],
        });
    }
    // The counts become each node's next free place.
    termCount.fill(0);
    dependentCount.fill(0);
    for (let t = 0; t < terms.length; t++) {
        const from = termNodes[t];
        nodes[from].terms[termCount[from]++] = terms[t];
        const targets = terms[t].targets;
        for (let i = 0; i < targets.length; i++) nodes[targets[i]].dependents[dependentCount[targets[i]]++] = from;
    }
    return nodes;
}
