import { type AstNode, type ValidationAcceptor } from 'langium';
import { CancellationToken } from '../util/cancellation.js';
import { interruptForRequests } from '../util/request-turn.js';
import type { Model, Router } from '../generated/ast.js';
import {
    getTopology, occupiedAzs, type DependencyEdge, type Topology, type TopologyAz, type TopologyCell, type TopologyComponent,
} from '../model/topology.js';
import { andList } from '../util/wording.js';
import type { RuleReporter } from './rule-reporter.js';
import { pushAll } from '../util/arrays.js';
import { postOrder } from '../util/post-order.js';

/** The smallest task count that, spread over `azCount` AZs, keeps `needs` tasks after losing the fullest AZ. */
export function smallestStableTasks(needs: number, azCount: number): number | undefined {
    if (azCount < 2 || needs < 0 || !Number.isFinite(needs)) return undefined;
    // Losing the fullest AZ of T tasks leaves T - ceil(T / n) = floor(T * (n - 1) / n), at least `needs` from
    // T = ceil(needs * n / (n - 1)) on. Start just below (counting up from `needs` hangs on `needs 1e30`); a step or
    // two correct the rounding.
    let tasks = Math.max(1, Math.ceil((needs * azCount) / (azCount - 1)) - 1);
    for (let step = 0; step < 3 && tasks - Math.ceil(tasks / azCount) < needs; step++) tasks++;
    return tasks;
}

/** The property that holds the instances an ECS service or an Auto Scaling group runs in steady state. */
export function stableCountProperty(component: TopologyComponent): 'tasks' | 'desired' | 'min' {
    if (component.kind !== 'asg') return 'tasks';
    return component.ast.desired !== undefined || component.ast.min === undefined ? 'desired' : 'min';
}

/** n choose k, exactly for the small numbers of cells a router spreads over. */
export function binomial(n: number, k: number): number {
    // C(n, k) = C(n, n - k): the shorter product. Each factor is at least 2 while i <= n / 2, so the product leaves
    // the doubles after about a thousand steps: stop there, whatever the counts (a fuzzed cell of 10^300 replicas).
    const steps = Math.min(k, n - k);
    let result = 1;
    for (let i = 1; i <= steps && Number.isFinite(result); i++) result = (result * (n - steps + i)) / i;
    return Math.round(result);
}

/** A count of shards as a reader takes it in: exact while a double holds it exactly, else its order of magnitude. */
function shardCount(shards: number): string {
    if (!Number.isFinite(shards)) return 'more than 1e308';
    return shards <= Number.MAX_SAFE_INTEGER ? String(shards) : `about ${shards.toExponential(1)}`;
}

/** For each AZ whose loss alone fails a component, one zonal service placed only there that causes it. */
type AzFailures = ReadonlyMap<TopologyAz, TopologyComponent>;
const NO_FAILURES: AzFailures = new Map();

const isHardSync = (edge: DependencyEdge): boolean => edge.hard && edge.sync;

/**
 * Topology rules: what per-resource linters cannot see because it needs the whole graph. All of them work on the
 * shared topology and are linear in its size.
 */
/** Edges checked between two chances for the language server to answer a request. */
const EDGES_PER_INTERRUPT = 4096;

export class TopologyValidator {
    constructor(private readonly reporter: RuleReporter) { }

    /** Asynchronous so that the language server answers requests between its parts on a large design (interruptForRequests). */
    readonly checkModel = async (model: Model, accept: ValidationAcceptor, cancelToken = CancellationToken.None): Promise<void> => {
        if (!model.system) return;
        const topology = getTopology(model);
        const occupied = new Map<TopologyComponent, ReadonlySet<TopologyAz>>();
        const occupiedOf = (c: TopologyComponent) => {
            let azs = occupied.get(c);
            if (!azs) occupied.set(c, azs = new Set(occupiedAzs(c)));
            return azs;
        };
        for (let i = 0; i < topology.edges.length; i++) {
            if (i % EDGES_PER_INTERRUPT === EDGES_PER_INTERRUPT - 1) await interruptForRequests(cancelToken);
            const edge = topology.edges[i];
            if (edge.kind === 'uses') {
                this.checkAzIndependence(edge, occupiedOf, accept);
                this.checkCrossRegion(edge, accept);
            }
            if (edge.kind === 'uses' || edge.kind === 'consumes') this.checkCellIsolation(edge, accept);
        }
        await interruptForRequests(cancelToken);
        for (const component of topology.components) {
            this.checkStaticStability(component, accept);
            if (component.kind === 'router') this.checkShuffleShard(component.ast, accept);
        }
        await interruptForRequests(cancelToken);
        this.checkSingleAzDependencies(topology, accept);
        await interruptForRequests(cancelToken);
        this.checkReachability(topology, accept);
        this.checkTrafficShares(topology, accept);
    };

    private checkAzIndependence(edge: DependencyEdge, occupiedOf: (c: TopologyComponent) => ReadonlySet<TopologyAz>, accept: ValidationAcceptor): void {
        const { from, to } = edge;
        if (from.placement !== 'zonal' || to.placement !== 'zonal' || from.region !== to.region) return;
        // Every caller of a database reaches its one writer, and of a zonal bucket its one AZ, wherever it runs:
        // the AZ dependency is the database's own (database-spread, s3-one-zone-path), not the caller's.
        if (to.kind === 'aurora' || to.kind === 'rds' || to.kind === 's3') return;
        const targetAzs = occupiedOf(to);
        const missing = from.azs.filter(az => !targetAzs.has(az));
        if (missing.length === 0) return;
        const names = andList(missing.map(az => az.id));
        this.reporter.report(accept, 'az-independence',
            `\`${from.id}\` runs in ${names} but \`${to.id}\` has no instance there: its calls from ${names} cross AZs, so an outage of another AZ also reaches ${missing.length === 1 ? 'that one' : 'them'}. Place \`${to.name}\` in ${andList(missing.map(az => az.name))} too, so that the callers in every AZ reach an instance in their own AZ; where it cannot run there, make the call \`soft\` so that an outage of another AZ only degrades \`${from.name}\` in ${names}.`,
            { node: edge.source });
    }

    private checkCrossRegion(edge: DependencyEdge, accept: ValidationAcceptor): void {
        const { from, to } = edge;
        if (!isHardSync(edge) || !from.region || !to.region || from.region === to.region) return;
        this.reporter.report(accept, 'cross-region-dependency',
            `\`${from.id}\` calls \`${to.id}\` in region ${to.region.id} (hard, synchronous): an outage of ${to.region.id} also stops ${from.region.id}, so the regions are not autonomous. Use a replica in ${from.region.id}, or make the call \`async\` or \`soft\`.`,
            { node: edge.source });
    }

    private checkCellIsolation(edge: DependencyEdge, accept: ValidationAcceptor): void {
        const { from, to } = edge;
        const cell = to.cell;
        if (!cell || from.cell === cell) return;
        if (from.kind === 'router' && cell.routers.includes(from)) return;
        const routers = cell.routers.map(r => `\`${r.name}\``);
        const through = routers.length > 0 ? `through its router ${routers.join(' or ')}` : `through a \`router ... over ${cell.name}\``;
        const message = from.cell
            ? `\`${from.id}\` in cell ${from.cell.id} depends on \`${to.id}\` in cell ${cell.id}: a failure of one cell then spreads to the other, defeating the isolation. Keep each cell self-contained, or go ${through}.`
            : `\`${from.id}\` depends on \`${to.id}\` inside cell ${cell.id} without going through a router: every customer then depends on one cell replica, so one cell's failure reaches all of them. Go ${through}.`;
        this.reporter.report(accept, 'cell-isolation', message, { node: edge.source });
    }

    private checkStaticStability(component: TopologyComponent, accept: ValidationAcceptor): void {
        const capacity = component.capacity;
        if ((component.kind !== 'ecs' && component.kind !== 'asg') || !capacity || capacity.needs === undefined) return;
        // A count too large for a number is value-range's finding; no capacity arithmetic holds with it.
        if (!Number.isFinite(capacity.total) || !Number.isFinite(capacity.needs)) return;
        let fullest: TopologyAz | undefined;
        for (const [az, count] of capacity.perAz) if (!fullest || count > capacity.perAz.get(fullest)!) fullest = az;
        if (!fullest) return;
        const lost = capacity.perAz.get(fullest)!;
        const left = capacity.total - lost;
        if (left >= capacity.needs) return;
        const tasks = smallestStableTasks(capacity.needs, component.azs.length);
        const count = stableCountProperty(component);
        const fix = tasks !== undefined
            ? `Raise \`${count}\` to ${tasks}.`
            : `Place it in 2 or more AZs and raise \`${count}\` so that any one AZ may fail.`;
        // The count when the design gives it, else `needs` (the count is the default: one per AZ).
        const given = (component.ast as unknown as Record<string, unknown>)[count] !== undefined;
        this.reporter.report(accept, 'static-stability',
            `\`${component.id}\`: losing ${fullest.id} (${lost} of ${capacity.total} ${capacity.unit}) leaves ${left}, fewer than the ${capacity.needs} it needs, and nothing may scale during the outage. ${fix}`,
            { node: component.ast as AstNode, property: given ? count : 'needs' });
    }

    private checkShuffleShard(router: Router, accept: ValidationAcceptor): void {
        const k = router.shuffleShard;
        const cell = router.over?.ref;
        if (k === undefined || !cell || cell.$type !== 'Cell') return;
        const n = cell.count;
        if (!Number.isInteger(k) || !Number.isInteger(n) || k < 1 || k >= n) return;
        const shards = binomial(n, k);
        const share = shards > 1e6 ? `${(100 / shards).toExponential(1)}%` : `${(100 / shards).toFixed(shards > 1000 ? 4 : 2)}%`;
        this.reporter.report(accept, 'shuffle-shard-overlap',
            `Router \`${router.name}\` gives each customer ${k} of the ${n} replicas of cell ${cell.name}: C(${n},${k}) = ${shardCount(shards)} shards, so two customers share all their cells with a chance of 1 in ${shardCount(shards)} (${share}), and a failure that takes one customer's cells down leaves the others up.`,
            { node: router, property: 'shuffleShard' });
    }

    /**
     * `single-az-dependency`: the AZs whose loss alone fails each component through hard, synchronous
     * dependencies, computed once per component (iterative post-order, so deep chains cannot overflow the stack).
     * A route53 failover fails only when both targets fail; a router fails when its cell's front services fail.
     */
    private checkSingleAzDependencies(topology: Topology, accept: ValidationAcceptor): void {
        const hard = hardDependencyLists(topology);
        const failures = azFailures(topology, hard);
        for (const entry of topology.entryPoints) {
            const culprits = new Map<TopologyComponent, TopologyAz>();
            for (const dependency of hard[entry.index]) {
                const inherited = failures.get(dependency);
                if (!inherited || inherited.size === 0) continue;
                for (const [az, culprit] of inherited) {
                    if (culprit !== entry && !culprits.has(culprit)) culprits.set(culprit, az);
                }
            }
            for (const [culprit, az] of culprits) {
                if (culprit.kind === 's3') {
                    this.reporter.report(accept, 's3-one-zone-path',
                        `Entry point \`${entry.id}\` fails when ${az.id} fails: it depends (hard, synchronous) on \`${culprit.id}\`, a bucket whose objects live only in ${az.id} (One Zone storage); an AZ outage makes them unavailable, a destroyed AZ loses them. Use regional storage (remove \`storage ${culprit.ast.storage}\`), or make the dependency \`soft\` or \`async\`.`,
                        { node: entry.ast, property: 'name' });
                    continue;
                }
                this.reporter.report(accept, 'single-az-dependency',
                    `Entry point \`${entry.id}\` fails when ${az.id} fails: it depends (hard, synchronous) on \`${culprit.id}\`, placed only in ${az.id}. Place \`${culprit.name}\` in 2 or more AZs, or make the dependency on it \`soft\` or \`async\`.`,
                    { node: entry.ast, property: 'name' });
            }
        }
    }

    /** `unreachable`: with explicit entry points, every component should be reached from one of them. */
    private checkReachability(topology: Topology, accept: ValidationAcceptor): void {
        if (!topology.components.some(c => c.explicitEntry)) return;
        const reached = new Set<TopologyComponent>(topology.entryPoints);
        const queue = [...topology.entryPoints];
        const visit = (c: TopologyComponent) => { if (!reached.has(c)) { reached.add(c); queue.push(c); } };
        // Indexed loops: this visits every component of the design, cold, where a for-of allocates at each step.
        while (queue.length > 0) {
            const component = queue.pop()!;
            const { outgoing, incoming } = component;
            for (let i = 0; i < outgoing.length; i++) visit(outgoing[i].to);
            // Messages flow from a queue, topic or stream to whatever consumes it.
            for (let i = 0; i < incoming.length; i++) if (incoming[i].kind === 'consumes') visit(incoming[i].from);
            const routed = routedCell(topology, component)?.components;
            for (let i = 0; i < (routed?.length ?? 0); i++) visit(routed![i]);
        }
        const entries = andList(topology.entryPoints.map(e => `\`${e.id}\``));
        for (const component of topology.components) {
            if (reached.has(component)) continue;
            this.reporter.report(accept, 'unreachable',
                `\`${component.id}\` is reached from no entry point (${entries}): nothing calls it, it consumes nothing that is fed, so it is dead weight or a \`uses\` line is missing. Add the dependency, mark it \`entry\`, or remove it.`,
                { node: component.ast, property: 'name' });
        }
    }

    /** `traffic-off-entry`: a share of the customers means something on an entry point only. */
    private checkTrafficShares(topology: Topology, accept: ValidationAcceptor): void {
        const explicit = topology.components.some(c => c.explicitEntry);
        for (const component of topology.components) {
            if (!('traffic' in component.ast) || component.ast.traffic === undefined || topology.isEntryPoint(component)) continue;
            const why = explicit
                ? `the design marks its entry points (${andList(topology.entryPoints.map(e => `\`${e.id}\``))}) and \`${component.id}\` is not one`
                : component.incoming.length > 0
                    ? `\`${component.id}\` is called by ${andList([...new Set(component.incoming.map(e => `\`${e.from.id}\``))])}, so it is no way in`
                    : `a ${component.kind} is never a way in`;
            this.reporter.report(accept, 'traffic-off-entry',
                `\`traffic\` on \`${component.id}\` counts for nothing: ${why}, and customers down divides the customers over the entry points only. Mark it \`entry\` if customers come in through it${explicit ? '' : ' (and then every other entry point too)'}, or move the share to the entry point they come in through.`,
                { node: component.ast, property: 'traffic' });
        }
    }
}

/** The cell a router routes to: it stands for that cell's services. */
function routedCell(topology: Topology, component: TopologyComponent): TopologyCell | undefined {
    if (component.kind !== 'router') return undefined;
    const over = component.ast.over?.ref;
    // `$type`, not `isCell`: no type extends Cell, and this runs for every router of the design.
    return over?.$type === 'Cell' ? topology.cellOf(over) : undefined;
}

const NO_COMPONENTS: readonly TopologyComponent[] = [];

/** The components whose failure fails `component`: hard synchronous targets, and for a router its cell's fronts. */
function hardDependencies(topology: Topology, component: TopologyComponent): readonly TopologyComponent[] {
    let targets: TopologyComponent[] | undefined;
    // Indexed loops here and below: they run for each component of the design, cold, where a for-of allocates.
    const outgoing = component.outgoing;
    for (let i = 0; i < outgoing.length; i++) if (isHardSync(outgoing[i]) && outgoing[i].kind !== 'failover') (targets ??= []).push(outgoing[i].to);
    const cell = routedCell(topology, component);
    if (cell) pushAll(targets ??= [], cell.frontComponents);
    return targets ?? NO_COMPONENTS;
}

const hardLists = new WeakMap<Topology, ReadonlyArray<readonly TopologyComponent[]>>();

/** `hardDependencies` of every component, by its `index`: listed once per topology for the rules that walk them. */
export function hardDependencyLists(topology: Topology): ReadonlyArray<readonly TopologyComponent[]> {
    let lists = hardLists.get(topology);
    if (!lists) hardLists.set(topology, lists = topology.components.map(component => hardDependencies(topology, component)));
    return lists;
}

/**
 * Per component: the AZs whose loss alone fails it, each with a single-AZ service that causes it. Most components
 * fail in no single AZ: they share one empty map.
 */
function azFailures(topology: Topology, hard: ReadonlyArray<readonly TopologyComponent[]>): Map<TopologyComponent, AzFailures> {
    const components = topology.components;
    return postOrder(components, components.length, c => dependenciesOf(c, hard[c.index]), (c, done) => combine(c, hard[c.index], done));
}

/** The hard dependencies, then the failover targets (a Route 53 record's, a CloudFront origin group's...). */
function dependenciesOf(component: TopologyComponent, hard: readonly TopologyComponent[]): readonly TopologyComponent[] {
    let all: TopologyComponent[] | undefined;
    const outgoing = component.outgoing;
    for (let i = 0; i < outgoing.length; i++) if (outgoing[i].kind === 'failover') (all ??= [...hard]).push(outgoing[i].to);
    return all ?? hard;
}

function combine(component: TopologyComponent, hard: readonly TopologyComponent[], done: ReadonlyMap<TopologyComponent, AzFailures>): AzFailures {
    let failures: Map<TopologyAz, TopologyComponent> | undefined;
    // An Aurora cluster without readers elsewhere lives in its writer's AZ, however many AZs it lists.
    const placed = component.kind === 'aurora' ? occupiedAzs(component) : component.azs;
    if (component.placement === 'zonal' && placed.length === 1) failures = withFailure(failures, placed[0], component);
    for (let i = 0; i < hard.length; i++) {
        const inherited = done.get(hard[i]);
        if (!inherited || inherited.size === 0) continue;
        for (const [az, culprit] of inherited) failures = withFailure(failures, az, culprit);
    }
    // A failover pair fails only in the AZs whose loss fails both of its targets.
    let first: AzFailures | undefined;
    const others: AzFailures[] = [];
    const outgoing = component.outgoing;
    for (let i = 0; i < outgoing.length; i++) {
        if (outgoing[i].kind !== 'failover') continue;
        const targetFailures = done.get(outgoing[i].to) ?? NO_FAILURES;
        if (first) others.push(targetFailures);
        else first = targetFailures;
    }
    if (first) {
        for (const [az, culprit] of first) if (others.every(o => o.has(az))) failures = withFailure(failures, az, culprit);
    }
    return failures ?? NO_FAILURES;
}

/** `failures` (made on the first one) with `culprit` for `az`, unless an earlier culprit fails it already. */
function withFailure(failures: Map<TopologyAz, TopologyComponent> | undefined, az: TopologyAz, culprit: TopologyComponent): Map<TopologyAz, TopologyComponent> {
    failures ??= new Map();
    if (!failures.has(az)) failures.set(az, culprit);
    return failures;
}
