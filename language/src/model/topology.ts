import { AstUtils, type AstNode, type Reference } from 'langium';
import {
    isCell, isEcs, isEks, isElastiCache, isKinesis, isKinesisConsumer, isLambda, isRegion, isRoute53, isRouter,
    type Az, type Cell, type Element, type KinesisConsumer, type Model, type Region, type Router, type Scenario,
    type Service, type System,
} from '../generated/ast.js';
import { qualifiedName } from '../scoping/qualified-names.js';

/**
 * The topology: what the linked model means for failures. Built once per document version (the AST root is
 * replaced on every re-parse) and shared by validation, hover, code lens, the analysis, the diagram, the CLI and the
 * CDK generator. Nothing here reads text: only linked AST nodes.
 */

export type ComponentKind =
    | 'lambda' | 'ecs' | 'eks' | 'dynamodb' | 'elasticache' | 'kinesis' | 'kinesis-consumer' | 'sqs' | 'sns' | 'alb'
    | 'route53' | 'router';

/** Zonal: instances sit in AZs. Regional: survives any one AZ, fails with its region. Global: fails only directly. */
export type PlacementKind = 'zonal' | 'regional' | 'global';

export type DependencyKind = 'uses' | 'consumes' | 'dlq' | 'on-failure' | 'failover' | 'replica-of' | 'router';

export interface TopologyRegion {
    readonly id: string;
    readonly name: string;
    /** The AWS region code, e.g. `us-east-1`, when given. */
    readonly code?: string;
    readonly ast: Region;
    readonly azs: TopologyAz[];
    readonly cells: TopologyCell[];
    /** Every component of the region, including those inside its cells. */
    readonly components: TopologyComponent[];
}

export interface TopologyAz {
    readonly id: string;
    readonly name: string;
    /** The AZ id, e.g. `use1-az1`, when given. */
    readonly zoneId?: string;
    readonly region: TopologyRegion;
    readonly ast: Az;
}

export interface TopologyCell {
    readonly id: string;
    readonly name: string;
    readonly region: TopologyRegion;
    readonly ast: Cell;
    /** Number of replicas (`cell payments[4]`). */
    readonly count: number;
    readonly azs: TopologyAz[];
    readonly components: TopologyComponent[];
    /** The routers whose `over` names this cell. */
    readonly routers: TopologyComponent[];
    /** `use1.payments[0]` ... one name per replica. */
    readonly replicaIds: string[];
    /** The services of the cell that no other service of the cell uses: a replica fails when one of them fails. */
    readonly frontComponents: TopologyComponent[];
}

/** Instances (tasks, nodes, workers) per AZ, spread as evenly as possible over the listed AZs in order. */
export interface Capacity {
    readonly unit: 'tasks' | 'nodes' | 'workers';
    readonly total: number;
    readonly perAz: ReadonlyMap<TopologyAz, number>;
    /** Instances needed at peak (`needs`); a scenario leaving fewer fails the service (static stability). */
    readonly needs?: number;
}

export interface TopologyComponent {
    /** Qualified declaration name, e.g. `use1.payments.ledger` (replicas: see `instanceIds`). */
    readonly id: string;
    readonly name: string;
    readonly kind: ComponentKind;
    readonly ast: Service | Router | KinesisConsumer;
    /** Undefined for global services. */
    readonly region?: TopologyRegion;
    readonly cell?: TopologyCell;
    readonly placement: PlacementKind;
    /** Where a zonal component's instances sit; empty for regional and global ones. */
    readonly azs: TopologyAz[];
    readonly capacity?: Capacity;
    /** Marked `entry` in the model. */
    readonly explicitEntry: boolean;
    readonly outgoing: DependencyEdge[];
    readonly incoming: DependencyEdge[];
    /** One name per replica for components inside a cell (`use1.payments[2].ledger`), else `[id]`. */
    readonly instanceIds: string[];
}

export interface DependencyEdge {
    readonly from: TopologyComponent;
    readonly to: TopologyComponent;
    readonly kind: DependencyKind;
    /** A failed hard dependency fails the caller; a failed soft one only degrades it. */
    readonly hard: boolean;
    /** Async dependencies (queues, `async`, consumes, DLQs) only degrade the caller when they fail. */
    readonly sync: boolean;
    /** The AST node the edge comes from (a `uses` line, a `dlq`, a `failover`...), for diagnostics. */
    readonly source: AstNode;
}

export interface Topology {
    readonly model: Model;
    readonly system?: System;
    readonly regions: TopologyRegion[];
    readonly azs: TopologyAz[];
    readonly cells: TopologyCell[];
    readonly components: TopologyComponent[];
    readonly edges: DependencyEdge[];
    /** Components marked `entry`, or when none is, the components nothing depends on. */
    readonly entryPoints: TopologyComponent[];
    readonly scenarios: Scenario[];
    /** Component, region, AZ or cell of an AST node. */
    componentOf(node: AstNode | undefined): TopologyComponent | undefined;
    regionOf(node: AstNode | undefined): TopologyRegion | undefined;
    azOf(node: AstNode | undefined): TopologyAz | undefined;
    cellOf(node: AstNode | undefined): TopologyCell | undefined;
    /** Looks up any qualified name: region, AZ, cell, component. */
    byId(id: string): TopologyRegion | TopologyAz | TopologyCell | TopologyComponent | undefined;
}

const ZONAL_KINDS: ReadonlySet<ComponentKind> = new Set(['alb', 'ecs', 'eks', 'elasticache', 'kinesis-consumer']);

export function componentKind(node: Service | Router | KinesisConsumer): ComponentKind {
    switch (node.$type) {
        case 'Lambda': return 'lambda';
        case 'Ecs': return 'ecs';
        case 'Eks': return 'eks';
        case 'DynamoDb': return 'dynamodb';
        case 'ElastiCache': return 'elasticache';
        case 'Kinesis': return 'kinesis';
        case 'KinesisConsumer': return 'kinesis-consumer';
        case 'Sqs': return 'sqs';
        case 'Sns': return 'sns';
        case 'Alb': return 'alb';
        case 'Route53': return 'route53';
        case 'Router': return 'router';
    }
}

const cache = new WeakMap<Model, Topology>();

/** The topology of a linked model, built on first use and cached for the lifetime of this AST. */
export function getTopology(model: Model): Topology {
    let topology = cache.get(model);
    if (!topology) {
        topology = new TopologyBuilder(model).build();
        cache.set(model, topology);
    }
    return topology;
}

/** More replicas of one cell than the topology models (the analysis simulates the loss of each). */
export const MAX_CELL_REPLICAS = 1000;

/** Splits `total` instances over `azs` as evenly as possible, the first AZs taking the remainder. */
export function spread(total: number, azs: readonly TopologyAz[]): Map<TopologyAz, number> {
    const perAz = new Map<TopologyAz, number>();
    if (azs.length === 0) return perAz;
    const whole = Math.max(0, Math.floor(total));
    const base = Math.floor(whole / azs.length);
    const remainder = whole % azs.length;
    azs.forEach((az, i) => perAz.set(az, base + (i < remainder ? 1 : 0)));
    return perAz;
}

class TopologyBuilder {
    private readonly regions: TopologyRegion[] = [];
    private readonly azs: TopologyAz[] = [];
    private readonly cells: TopologyCell[] = [];
    private readonly components: TopologyComponent[] = [];
    private readonly edges: DependencyEdge[] = [];
    private readonly byAst = new Map<AstNode, TopologyComponent | TopologyRegion | TopologyAz | TopologyCell>();
    private readonly byName = new Map<string, TopologyRegion | TopologyAz | TopologyCell | TopologyComponent>();

    constructor(private readonly model: Model) { }

    build(): Topology {
        const system = this.model.system;
        for (const region of system?.regions ?? []) this.addRegion(region);
        for (const global of system?.globals ?? []) {
            for (const service of global.services) this.addComponent(service, undefined, undefined);
        }
        for (const component of this.components) this.addEdges(component);
        for (const cell of this.cells) this.completeCell(cell);
        this.attachRouters();
        const lookup = <T>(node: AstNode | undefined, guard: (x: unknown) => x is T): T | undefined => {
            for (let current = node; current; current = current.$container) {
                const found = this.byAst.get(current);
                if (found && guard(found)) return found;
            }
            return undefined;
        };
        return {
            model: this.model,
            system,
            regions: this.regions,
            azs: this.azs,
            cells: this.cells,
            components: this.components,
            edges: this.edges,
            entryPoints: this.entryPoints(),
            scenarios: system?.scenarios ?? [],
            componentOf: node => lookup(node, isTopologyComponent),
            regionOf: node => lookup(node, isTopologyRegion),
            azOf: node => lookup(node, isTopologyAz),
            cellOf: node => lookup(node, isTopologyCell),
            byId: id => this.byName.get(id),
        };
    }

    private register<T extends TopologyRegion | TopologyAz | TopologyCell | TopologyComponent>(item: T): T {
        this.byAst.set(item.ast, item);
        if (item.id && !this.byName.has(item.id)) this.byName.set(item.id, item);
        return item;
    }

    // An element without a name is what the parser recovered from a syntax error (already reported): it has no
    // qualified name to show or fail, so the topology leaves it out, and nothing downstream meets a nameless element.

    private addRegion(ast: Region): void {
        if (!ast.name) return;
        const region: TopologyRegion = this.register({
            id: qualifiedName(ast), name: ast.name, code: ast.code, ast, azs: [], cells: [], components: [],
        });
        this.regions.push(region);
        for (const az of ast.azs.filter(a => a.name)) {
            const topologyAz = this.register({ id: qualifiedName(az), name: az.name, zoneId: az.zoneId, region, ast: az });
            region.azs.push(topologyAz);
            this.azs.push(topologyAz);
        }
        for (const cellAst of ast.cells.filter(c => c.name)) {
            // A count beyond any real design (`cell c[1e12]`) would allocate a name per replica: cap it.
            const count = Number.isInteger(cellAst.count) && cellAst.count > 0 ? Math.min(cellAst.count, MAX_CELL_REPLICAS) : 0;
            const id = qualifiedName(cellAst);
            const cell: TopologyCell = this.register({
                id, name: cellAst.name, region, ast: cellAst, count,
                azs: cellAst.azs.length > 0 ? this.resolveAzs(cellAst.azs) : [...region.azs],
                components: [], routers: [], frontComponents: [],
                replicaIds: Array.from({ length: count }, (_, i) => `${id}[${i}]`),
            });
            region.cells.push(cell);
            this.cells.push(cell);
            for (const service of cellAst.services) this.addComponent(service, region, cell);
        }
        for (const router of ast.routers) this.addComponent(router, region, undefined);
        for (const service of ast.services) this.addComponent(service, region, undefined);
    }

    private resolveAzs(refs: ReadonlyArray<Reference<Az>>): TopologyAz[] {
        const result: TopologyAz[] = [];
        for (const ref of refs) {
            const az = ref.ref ? this.byAst.get(ref.ref) : undefined;
            if (az && isTopologyAz(az) && !result.includes(az)) result.push(az);
        }
        return result;
    }

    private addComponent(ast: Service | Router | KinesisConsumer, region: TopologyRegion | undefined, cell: TopologyCell | undefined): void {
        if (!ast.name) return;
        const kind = componentKind(ast);
        const azs = this.placementAzs(ast, kind, region, cell);
        const placement: PlacementKind = !region ? 'global' : azs.length > 0 && isZonal(ast, kind) ? 'zonal' : 'regional';
        const id = qualifiedName(ast);
        const component: TopologyComponent = this.register({
            id, name: ast.name, kind, ast, region, cell, placement,
            azs: placement === 'zonal' ? azs : [],
            capacity: placement === 'zonal' ? capacityOf(ast, azs) : undefined,
            explicitEntry: 'entry' in ast && ast.entry === true,
            outgoing: [], incoming: [],
            instanceIds: cell ? cell.replicaIds.map(r => `${r}.${ast.name}`) : [id],
        });
        this.components.push(component);
        region?.components.push(component);
        cell?.components.push(component);
        if (isKinesis(ast)) {
            for (const consumer of ast.consumers) this.addComponent(consumer, region, cell);
        }
    }

    /** Explicit `in` (or `vpc subnets`, or node group AZs), else the cell's AZs, else the region's. */
    private placementAzs(ast: Service | Router | KinesisConsumer, kind: ComponentKind, region: TopologyRegion | undefined, cell: TopologyCell | undefined): TopologyAz[] {
        if (!region) return [];
        const inherited = cell ? cell.azs : region.azs;
        if (isLambda(ast)) return this.resolveAzs(ast.subnets);
        if (isEks(ast)) {
            const union: TopologyAz[] = [];
            for (const group of ast.nodeGroups) {
                for (const az of group.azs.length > 0 ? this.resolveAzs(group.azs) : inherited) {
                    if (!union.includes(az)) union.push(az);
                }
            }
            return union;
        }
        if (ZONAL_KINDS.has(kind) && 'azs' in ast) {
            return ast.azs.length > 0 ? this.resolveAzs(ast.azs) : [...inherited];
        }
        return [];
    }

    private addEdges(from: TopologyComponent): void {
        const ast = from.ast;
        for (const uses of ast.uses) {
            this.addEdge(from, uses.target, 'uses', !uses.soft, !uses.async, uses);
        }
        if ('consumes' in ast) {
            for (const consumes of ast.consumes) this.addEdge(from, consumes.target, 'consumes', true, false, consumes);
        }
        if ('dlq' in ast && ast.dlq) this.addEdge(from, ast.dlq.target, 'dlq', false, false, ast.dlq);
        if ('onFailure' in ast && ast.onFailure) this.addEdge(from, ast.onFailure, 'on-failure', false, false, ast);
        if (isRoute53(ast)) {
            if (ast.primary) this.addEdge(from, ast.primary, 'failover', true, true, ast);
            if (ast.secondary) this.addEdge(from, ast.secondary, 'failover', true, true, ast);
        }
        if (ast.$type === 'DynamoDb' && ast.replicaOf) this.addEdge(from, ast.replicaOf, 'replica-of', false, false, ast);
        if (isKinesisConsumer(ast)) {
            const stream = this.byAst.get(ast.$container);
            if (stream && isTopologyComponent(stream)) this.pushEdge({ from, to: stream, kind: 'consumes', hard: true, sync: false, source: ast });
        }
    }

    private addEdge(from: TopologyComponent, ref: Reference<Element> | undefined, kind: DependencyKind, hard: boolean, sync: boolean, source: AstNode): void {
        // After a syntax error the parser may leave a `uses`/`dlq`... without its reference.
        const target = ref?.ref;
        if (!target) return;
        if (isCell(target)) {
            // `uses payments` is reported by validation (go through a router); the cell's front services stand in.
            return;
        }
        const to = this.byAst.get(target);
        if (to && isTopologyComponent(to)) this.pushEdge({ from, to, kind, hard, sync, source });
    }

    private pushEdge(edge: DependencyEdge): void {
        this.edges.push(edge);
        edge.from.outgoing.push(edge);
        edge.to.incoming.push(edge);
    }

    private completeCell(cell: TopologyCell): void {
        for (const component of cell.components) {
            const usedInCell = component.incoming.some(e => e.kind === 'uses' && e.from.cell === cell);
            // A kinesis consumer is part of its stream, not a front of the cell.
            if (!usedInCell && component.kind !== 'kinesis-consumer') cell.frontComponents.push(component);
        }
    }

    /** Each router joins the routers of the cell its `over` names (one pass, not one per cell). */
    private attachRouters(): void {
        for (const component of this.components) {
            if (!isRouter(component.ast)) continue;
            const cell = component.ast.over?.ref ? this.byAst.get(component.ast.over.ref) : undefined;
            if (cell && isTopologyCell(cell)) cell.routers.push(component);
        }
    }

    private entryPoints(): TopologyComponent[] {
        const explicit = this.components.filter(c => c.explicitEntry);
        if (explicit.length > 0) return explicit;
        return this.components.filter(c => c.incoming.length === 0 && c.kind !== 'kinesis-consumer');
    }
}

function isZonal(ast: Service | Router | KinesisConsumer, kind: ComponentKind): boolean {
    if (isLambda(ast)) return ast.subnets.length > 0;
    return ZONAL_KINDS.has(kind);
}

function capacityOf(ast: Service | Router | KinesisConsumer, azs: readonly TopologyAz[]): Capacity | undefined {
    if (isEcs(ast)) {
        const total = ast.tasks ?? azs.length;
        return { unit: 'tasks', total, perAz: spread(total, azs), needs: ast.needs };
    }
    if (isKinesisConsumer(ast)) {
        const total = ast.workers ?? 1;
        return { unit: 'workers', total, perAz: spread(total, azs) };
    }
    if (isEks(ast)) {
        const perAz = new Map<TopologyAz, number>();
        let total = 0;
        for (const group of ast.nodeGroups) {
            const groupAzs = group.azs.length > 0 ? azs.filter(az => group.azs.some(r => r.ref === az.ast)) : azs;
            const nodes = group.min ?? group.desired ?? 0;
            total += nodes;
            for (const [az, n] of spread(nodes, groupAzs)) perAz.set(az, (perAz.get(az) ?? 0) + n);
        }
        return { unit: 'nodes', total, perAz };
    }
    if (isElastiCache(ast)) {
        // Each shard: a primary in the first AZ, replicas round-robin over the following AZs.
        const shards = ast.shards ?? 1;
        const replicas = ast.replicas ?? 0;
        // Round-robin is an even spread, computed without a loop per node (`replicas` may be any number before validation).
        const perAz = new Map([...spread(replicas + 1, azs)].map(([az, nodes]) => [az, nodes * shards]));
        return { unit: 'nodes', total: shards * (replicas + 1), perAz };
    }
    return undefined;
}

export function isTopologyComponent(x: unknown): x is TopologyComponent {
    return typeof x === 'object' && x !== null && 'kind' in x && 'placement' in x;
}
export function isTopologyRegion(x: unknown): x is TopologyRegion {
    return typeof x === 'object' && x !== null && 'ast' in x && isRegion((x as { ast: AstNode }).ast);
}
export function isTopologyAz(x: unknown): x is TopologyAz {
    return typeof x === 'object' && x !== null && 'ast' in x && (x as { ast: AstNode }).ast.$type === 'Az';
}
export function isTopologyCell(x: unknown): x is TopologyCell {
    return typeof x === 'object' && x !== null && 'ast' in x && isCell((x as { ast: AstNode }).ast);
}

/** The AZs holding at least one instance of a zonal component (e.g. an ElastiCache shard's nodes), in order. */
export function occupiedAzs(component: TopologyComponent): TopologyAz[] {
    const perAz = component.capacity?.perAz;
    return perAz ? component.azs.filter(az => (perAz.get(az) ?? 0) > 0) : component.azs;
}

/** Whether some other element sends its failed messages here (`dlq` or `on-failure`): a queue that is a DLQ. */
export function isFailureDestination(component: TopologyComponent): boolean {
    return component.incoming.some(edge => edge.kind === 'dlq' || edge.kind === 'on-failure');
}

/** The topology of the document an AST node belongs to. */
export function topologyOfNode(node: AstNode): Topology {
    return getTopology(AstUtils.findRootNode(node) as Model);
}
