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
    readonly terms: Term[];
    /** Nodes with a term naming this node: they are re-evaluated when this node's state changes. */
    readonly dependents: number[];
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

/** What a failed or degraded dependency does to its caller (analysis.md, "State of a service", rule 3). */
export function edgeEffect(edge: Pick<DependencyEdge, 'hard' | 'sync'>): Pick<Term, 'onDegraded' | 'onFailed'> {
    if (edge.hard && edge.sync) return { onDegraded: State.Degraded, onFailed: State.Failed };
    if (edge.hard) return { onDegraded: State.Degraded, onFailed: State.Degraded };
    return { onDegraded: State.Ok, onFailed: State.Degraded };
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

function* instanceGraphSteps(topology: Topology): Generator<void, InstanceGraph> {
    const nodes: GraphNode[] = [];
    const add = (name: string, component: TopologyComponent | undefined, cell: TopologyCell | undefined, replica: number): number => {
        const index = nodes.length;
        nodes.push({ index, name, component, cell, replica, terms: [], dependents: [] });
        return index;
    };
    const instancesOf = new Map<TopologyComponent, number[]>();
    for (const component of topology.components) {
        instancesOf.set(component, component.instanceIds.map((id, replica) => add(id, component, component.cell, component.cell ? replica : -1)));
    }
    const replicasOf = new Map<TopologyCell, number[]>();
    for (const cell of topology.cells) {
        replicasOf.set(cell, cell.replicaIds.map((id, replica) => add(id, undefined, cell, replica)));
    }
    const addTerm = (from: number, term: Term): void => {
        if (term.targets.length === 0) return;
        nodes[from].terms.push(term);
        for (const target of term.targets) nodes[target].dependents.push(from);
    };
    /** The instances an edge from replica `replica` of `from` reaches: the same replica inside one cell, else all. */
    const targetsOf = (from: TopologyComponent, replica: number, to: TopologyComponent): number[] => {
        const instances = instancesOf.get(to) ?? [];
        return to.cell && to.cell === from.cell && replica >= 0 ? [instances[replica]] : [...instances];
    };

    for (let c = 0; c < topology.components.length; c++) {
        if (c % COMPONENTS_PER_STEP === COMPONENTS_PER_STEP - 1) yield;
        const component = topology.components[c];
        const instances = instancesOf.get(component) ?? [];
        instances.forEach((node, i) => {
            const replica = component.cell ? i : -1;
            const failover: number[] = [];
            for (const edge of component.outgoing) {
                // A NAT gateway serves each AZ of its caller separately: the simulation's egress step, not a term.
                if (edge.kind === 'egress' && edge.to.kind === 'nat') continue;
                if (edge.kind === 'failover') {
                    failover.push(...targetsOf(component, replica, edge.to));
                    continue;
                }
                addTerm(node, { targets: targetsOf(component, replica, edge.to), ...edgeEffect(edge), edge });
            }
            // Route 53 failover: up while the primary or the secondary is up.
            if (failover.length > 0) addTerm(node, { targets: [...new Set(failover)], onDegraded: State.Degraded, onFailed: State.Failed });
        });
    }

    const routers: RouterNode[] = [];
    for (let c = 0; c < topology.cells.length; c++) {
        if (c % CELLS_PER_STEP === CELLS_PER_STEP - 1) yield;
        const cell = topology.cells[c];
        const replicas = replicasOf.get(cell) ?? [];
        const fronts = new Set(cell.frontComponents);
        replicas.forEach((replicaNode, replica) => {
            for (const member of cell.components) {
                const instance = instancesOf.get(member)?.[replica];
                if (instance === undefined) continue;
                // A replica fails with any of its front services; any failed or degraded member degrades it.
                addTerm(replicaNode, { targets: [instance], onDegraded: State.Degraded, onFailed: fronts.has(member) ? State.Failed : State.Degraded });
            }
        });
        for (const router of cell.routers) {
            for (const node of instancesOf.get(router) ?? []) {
                addTerm(node, { targets: replicas, onDegraded: State.Degraded, onFailed: State.Failed });
                routers.push({ node, cell, shardSize: shardSizeOf(router) });
            }
        }
    }

    const zonalIn = new Map<TopologyAz, number[]>(topology.azs.map(az => [az, []]));
    const instancesIn = new Map<TopologyRegion, number[]>(topology.regions.map(r => [r, []]));
    for (const component of topology.components) {
        const instances = instancesOf.get(component) ?? [];
        for (const az of component.azs) pushAll(zonalIn.get(az) ?? [], instances);
        if (component.region) pushAll(instancesIn.get(component.region) ?? [], instances);
    }
    const entryNodes = topology.entryPoints.flatMap(c => instancesOf.get(c) ?? [])
        .sort((a, b) => (nodes[a].name < nodes[b].name ? -1 : nodes[a].name > nodes[b].name ? 1 : 0));
    const egress = buildEgressIndex(topology, instancesOf);
    return { topology, nodes, instancesOf, replicasOf, zonalIn, instancesIn, entryNodes, routers, egress };
}
