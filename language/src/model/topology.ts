import { AstUtils, type AstNode, type Reference } from 'langium';
import type {
    Aurora, Az, Cell, CloudFront, Consumes, DeadLetter, DynamoDb, Element, EventBridge, EventTarget, External, KinesisConsumer, Lambda, Model, Network, Rds,
    Region, RegionPart, Route53, Router, S3, Scenario, Service, System, Uses, VpcEndpoint,
} from '../generated/ast.js';
import { qualifiedName } from '../scoping/qualified-names.js';
import { egressEdges, type OutboundSource } from './egress.js';
import { systemFilesOf } from './system-files.js';
import { cachedSteps, runSteps } from '../util/steps.js';

/**
 * The topology: what the linked model means for failures. Built once per document version (the AST root is
 * replaced on every re-parse) and shared by validation, hover, code lens, the analysis, the diagram, the CLI and the
 * CDK generator. Nothing here reads text: only linked AST nodes.
 */

/**
 * The kind of each AST node that declares a component: the one place a kind is added. A grammar rule added to
 * `Service` makes this switch incomplete (it must return); once its case is here, the compiler lists every
 * `Record<ComponentKind, ...>` table and exhaustive switch that must handle the new kind.
 */
function kindedAst(ast: ComponentAst) {
    switch (ast.$type) {
        case 'Lambda': return { kind: 'lambda', ast } as const;
        case 'Ecs': return { kind: 'ecs', ast } as const;
        case 'Eks': return { kind: 'eks', ast } as const;
        case 'DynamoDb': return { kind: 'dynamodb', ast } as const;
        case 'ElastiCache': return { kind: 'elasticache', ast } as const;
        case 'Kinesis': return { kind: 'kinesis', ast } as const;
        case 'KinesisConsumer': return { kind: 'kinesis-consumer', ast } as const;
        case 'Sqs': return { kind: 'sqs', ast } as const;
        case 'Sns': return { kind: 'sns', ast } as const;
        case 'Alb': return { kind: 'alb', ast } as const;
        case 'Route53': return { kind: 'route53', ast } as const;
        case 'Router': return { kind: 'router', ast } as const;
        case 'Aurora': return { kind: 'aurora', ast } as const;
        case 'Rds': return { kind: 'rds', ast } as const;
        case 'S3': return { kind: 's3', ast } as const;
        case 'AutoScalingGroup': return { kind: 'asg', ast } as const;
        case 'NatGateway': return { kind: 'nat', ast } as const;
        case 'VpcEndpoint': return { kind: 'endpoint', ast } as const;
        case 'EventBridge': return { kind: 'eventbridge', ast } as const;
        case 'StepFunctions': return { kind: 'stepfunctions', ast } as const;
        case 'ApiGateway': return { kind: 'apigateway', ast } as const;
        case 'CloudFront': return { kind: 'cloudfront', ast } as const;
        case 'Cognito': return { kind: 'cognito', ast } as const;
        case 'External': return { kind: 'external', ast } as const;
    }
}

/** The AST nodes that declare a component. */
export type ComponentAst = Service | Network | Router | KinesisConsumer | CloudFront | External;

/** A component's kind with the AST node of that kind: `kind === 'ecs'` makes `ast` an `Ecs`. */
type KindedAst = ReturnType<typeof kindedAst>;
export type ComponentKind = KindedAst['kind'];

/** Zonal: instances sit in AZs. Regional: survives any one AZ, fails with its region. Global: fails only directly. */
export type PlacementKind = 'zonal' | 'regional' | 'global';

/** The AST nodes each kind of dependency comes from: what a finding about the edge points at. */
interface DependencySources {
    readonly uses: Uses;
    /** A `consumes` line, or a kinesis consumer (it reads the stream it is declared in). */
    readonly consumes: Consumes | KinesisConsumer;
    /** A `dlq` line, or an EventBridge rule target's `dlq`. */
    readonly dlq: DeadLetter | EventTarget;
    readonly 'on-failure': Lambda | KinesisConsumer;
    /** Route 53 failover records, an EventBridge global endpoint, a CloudFront origin group. */
    readonly failover: Route53 | EventBridge | CloudFront;
    /** An EventBridge rule's target: delivered asynchronously by the bus. */
    readonly target: EventTarget;
    readonly 'replica-of': DynamoDb | Aurora | Rds | S3;
    readonly router: Router;
    /** The call that needs a way out of the VPC (egress.ts): to a NAT gateway or a VPC endpoint. */
    readonly egress: OutboundSource;
}

export type DependencyKind = keyof DependencySources;

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
    readonly routers: Array<ComponentOf<'router'>>;
    /** `use1.payments[0]` ... one name per replica. */
    readonly replicaIds: string[];
    /** The services of the cell that no other service of the cell uses: a replica fails when one of them fails. */
    readonly frontComponents: TopologyComponent[];
}

/** Instances (tasks, nodes, workers) per AZ, spread as evenly as possible over the listed AZs in order. */
export interface Capacity {
    readonly unit: 'tasks' | 'nodes' | 'workers' | 'instances' | 'gateways';
    readonly total: number;
    readonly perAz: ReadonlyMap<TopologyAz, number>;
    /** Instances needed at peak (`needs`); a scenario leaving fewer fails the service (static stability). */
    readonly needs?: number;
}

interface ComponentFacts {
    /** Qualified declaration name, e.g. `use1.payments.ledger` (replicas: see `instanceIds`). */
    readonly id: string;
    /** Its place in `Topology.components`: walks over the graph keep what they know of each in arrays, not maps. */
    readonly index: number;
    readonly name: string;
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

/** A component, discriminated by `kind`: its `ast` is the node of that kind. */
export type TopologyComponent = ComponentFacts & KindedAst;
/** A component of kind `K`, e.g. `ComponentOf<'ecs'>` with an `Ecs` as its `ast`. */
export type ComponentOf<K extends ComponentKind> = Extract<TopologyComponent, { readonly kind: K }>;

/** One dependency, discriminated by `kind`: its `source` is the node of that kind of dependency. */
export type DependencyEdge = { [K in DependencyKind]: DependencyEdgeOf<K> }[DependencyKind];

interface DependencyEdgeOf<K extends DependencyKind> {
    readonly from: TopologyComponent;
    readonly to: TopologyComponent;
    readonly kind: K;
    /** A failed hard dependency fails the caller; a failed soft one only degrades it. */
    readonly hard: boolean;
    /** Async dependencies (queues, `async`, consumes, DLQs) only degrade the caller when they fail. */
    readonly sync: boolean;
    /** The AST node the edge comes from (a `uses` line, a `dlq`, a `failover`...), for diagnostics. */
    readonly source: DependencySources[K];
}

/** What a qualified name denotes. */
export type NamedElement =
    | { readonly kind: 'region'; readonly region: TopologyRegion }
    | { readonly kind: 'az'; readonly az: TopologyAz }
    | { readonly kind: 'cell'; readonly cell: TopologyCell }
    | { readonly kind: 'service'; readonly component: TopologyComponent };

export interface Topology {
    /** The file that declares the system (its other files: `parts`). */
    readonly model: Model;
    /** The files that say `part of system ...` for this system (none for a system in one file). */
    readonly parts: readonly Model[];
    readonly system?: System;
    readonly regions: TopologyRegion[];
    readonly azs: TopologyAz[];
    readonly cells: TopologyCell[];
    readonly components: TopologyComponent[];
    readonly edges: DependencyEdge[];
    /** Components marked `entry`, or when none is, the components nothing depends on. */
    readonly entryPoints: TopologyComponent[];
    /** Whether a component is one of `entryPoints` (without a walk of the list). */
    isEntryPoint(component: TopologyComponent): boolean;
    readonly scenarios: Scenario[];
    /** Component, region, AZ or cell of an AST node. */
    componentOf(node: AstNode | undefined): TopologyComponent | undefined;
    regionOf(node: AstNode | undefined): TopologyRegion | undefined;
    azOf(node: AstNode | undefined): TopologyAz | undefined;
    cellOf(node: AstNode | undefined): TopologyCell | undefined;
    /** Looks up any qualified name: region, AZ, cell, component. */
    byId(id: string): NamedElement | undefined;
}

const cache = new WeakMap<Model, { readonly parts: readonly Model[]; readonly topology: Topology }>();

/**
 * The topology of a linked model: of its whole system when the system spans files (the same object for each of its
 * files), built on first use and cached for the lifetime of these ASTs (a re-parse of any file replaces its root).
 */
export function getTopology(model: Model): Topology {
    return runSteps(topologyInSteps(model));
}

/**
 * `getTopology` a step at a time (a region, a few thousand components' edges): the language server answers requests
 * between two steps of a large design's topology (checks-ahead.ts).
 */
export function* topologyInSteps(model: Model): Generator<void, Topology> {
    const files = systemFilesOf(model);
    const cached = () => {
        const found = cache.get(files.main);
        return found && sameModels(found.parts, files.parts) ? found.topology : undefined;
    };
    return yield* cachedSteps(cached, () => new TopologyBuilder(files.main, files.parts).steps(),
        topology => cache.set(files.main, { parts: files.parts, topology }));
}

function sameModels(a: readonly Model[], b: readonly Model[]): boolean {
    return a.length === b.length && a.every((model, i) => model === b[i]);
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

/** The components whose edges one step of `topologyInSteps` adds. */
const COMPONENTS_PER_STEP = 2048;

class TopologyBuilder {
    private readonly regions: TopologyRegion[] = [];
    private readonly azs: TopologyAz[] = [];
    private readonly cells: TopologyCell[] = [];
    private readonly components: TopologyComponent[] = [];
    private readonly edges: DependencyEdge[] = [];
    private readonly regionOfAst = new Map<AstNode, TopologyRegion>();
    private readonly azOfAst = new Map<AstNode, TopologyAz>();
    private readonly cellOfAst = new Map<AstNode, TopologyCell>();
    private readonly componentOfAst = new Map<AstNode, TopologyComponent>();
    /** Every named element in declaration order: `byId`'s map is built from them on its first call (a check makes none). */
    private readonly named: NamedElement[] = [];
    private byName?: Map<string, NamedElement>;
    /** The qualified name of each region, cell or stream that holds components (see `componentId`). */
    private readonly containerIds = new Map<AstNode, string>();

    constructor(private readonly model: Model, private readonly parts: readonly Model[] = []) { }

    *steps(): Generator<void, Topology> {
        const system = this.model.system;
        const parts = this.parts.flatMap(part => part.part ?? []);
        for (const region of [...system?.regions ?? [], ...parts.flatMap(part => part.regions)]) {
            this.addRegion(region, parts.flatMap(part => part.extensions.filter(block => block.region?.$refText === region.name)));
            yield;
        }
        for (const global of system?.globals ?? []) {
            for (const service of global.services) this.addComponent(service, undefined, undefined);
        }
        for (const external of [...system?.externals ?? [], ...parts.flatMap(part => part.externals)]) this.addComponent(external, undefined, undefined);
        for (let i = 0; i < this.components.length; i++) {
            const first = this.edges.length;
            this.addEdges(this.components[i]);
            // The edges just added are the component's outgoing ones, in order: one list made to size.
            if (this.edges.length > first) (this.components[i] as EdgeLists).outgoing = this.edges.slice(first);
            if (i % COMPONENTS_PER_STEP === COMPONENTS_PER_STEP - 1) yield;
        }
        this.attachIncoming();
        for (const edge of egressEdges(this.components)) this.appendEdge(edge);
        for (const cell of this.cells) this.completeCell(cell);
        this.attachRouters();
        const entryPoints = this.entryPoints();
        const entrySet = new Set(entryPoints);
        return {
            model: this.model,
            parts: this.parts,
            system,
            regions: this.regions,
            azs: this.azs,
            cells: this.cells,
            components: this.components,
            edges: this.edges,
            entryPoints,
            isEntryPoint: component => entrySet.has(component),
            scenarios: system?.scenarios ?? [],
            componentOf: node => enclosing(this.componentOfAst, node),
            regionOf: node => enclosing(this.regionOfAst, node),
            azOf: node => enclosing(this.azOfAst, node),
            cellOf: node => enclosing(this.cellOfAst, node),
            byId: id => (this.byName ??= namesOf(this.named)).get(id),
        };
    }


    // An element without a name is what the parser recovered from a syntax error (already reported): it has no
    // qualified name to show or fail, so the topology leaves it out, and nothing downstream meets a nameless element.

    /** A region with the members that `in region` blocks of the system's other files add to it. */
    private addRegion(ast: Region, blocks: readonly RegionPart[]): void {
        if (!ast.name) return;
        const region: TopologyRegion = {
            id: qualifiedName(ast), name: ast.name, code: ast.code, ast, azs: [], cells: [], components: [],
        };
        this.regionOfAst.set(ast, region);
        for (const block of blocks) this.regionOfAst.set(block, region);
        this.named.push({ kind: 'region', region });
        this.regions.push(region);
        for (const azAst of ast.azs.filter(a => a.name)) {
            const az: TopologyAz = { id: qualifiedName(azAst), name: azAst.name, zoneId: azAst.zoneId, region, ast: azAst };
            this.azOfAst.set(azAst, az);
            this.named.push({ kind: 'az', az });
            region.azs.push(az);
            this.azs.push(az);
        }
        const holders = [ast, ...blocks];
        for (const cellAst of holders.flatMap(holder => holder.cells).filter(c => c.name)) {
            // A count beyond any real design (`cell c[1e12]`) would allocate a name per replica: cap it.
            const count = Number.isInteger(cellAst.count) && cellAst.count > 0 ? Math.min(cellAst.count, MAX_CELL_REPLICAS) : 0;
            const id = qualifiedName(cellAst);
            const cell: TopologyCell = {
                id, name: cellAst.name, region, ast: cellAst, count,
                azs: cellAst.azs.length > 0 ? this.resolveAzs(cellAst.azs) : [...region.azs],
                components: [], routers: [], frontComponents: [],
                replicaIds: Array.from({ length: count }, (_, i) => `${id}[${i}]`),
            };
            this.cellOfAst.set(cellAst, cell);
            this.named.push({ kind: 'cell', cell });
            region.cells.push(cell);
            this.cells.push(cell);
            for (const service of cellAst.services) this.addComponent(service, region, cell);
        }
        for (const router of holders.flatMap(holder => holder.routers)) this.addComponent(router, region, undefined);
        for (const service of holders.flatMap(holder => holder.services)) this.addComponent(service, region, undefined);
    }

    private resolveAzs(refs: ReadonlyArray<Reference<Az>>): TopologyAz[] {
        const result: TopologyAz[] = [];
        for (const ref of refs) {
            const az = ref.ref ? this.azOfAst.get(ref.ref) : undefined;
            if (az && !result.includes(az)) result.push(az);
        }
        return result;
    }

    private addComponent(ast: ComponentAst, region: TopologyRegion | undefined, cell: TopologyCell | undefined): void {
        if (!ast.name) return;
        const kinded = kindedAst(ast);
        const azs = region ? this.placementAzs(kinded, cell ? cell.azs : region.azs) : [];
        const placement: PlacementKind = !region ? 'global' : azs.length > 0 ? 'zonal' : 'regional';
        const id = this.componentId(ast);
        // Each property written out (`kindedAst` pairs kind and node): a spread in the literal would leave most of them
        // in a separate properties array of each of the design's components.
        const component = {
            id, index: this.components.length, name: ast.name, kind: kinded.kind, ast: kinded.ast, region, cell, placement,
            azs,
            capacity: placement === 'zonal' ? capacityOf(kinded, azs) : undefined,
            explicitEntry: 'entry' in ast && ast.entry === true,
            outgoing: [], incoming: [],
            instanceIds: cell ? cell.replicaIds.map(r => `${r}.${ast.name}`) : [id],
        } as TopologyComponent;
        this.componentOfAst.set(ast, component);
        this.named.push({ kind: 'service', component });
        this.components.push(component);
        region?.components.push(component);
        cell?.components.push(component);
        if (component.kind === 'kinesis') {
            for (const consumer of component.ast.consumers) this.addComponent(consumer, region, cell);
        }
    }

    /**
     * `qualifiedName(ast)`, its container's name computed once per region, cell or stream rather than walked up for
     * each of its components: every element above a component the topology adds has a name (a nameless region or cell
     * is left out with its members).
     */
    private componentId(ast: ComponentAst): string {
        const container = ast.$container;
        let prefix = this.containerIds.get(container);
        if (prefix === undefined) this.containerIds.set(container, prefix = qualifiedName(container));
        return prefix ? `${prefix}.${ast.name}` : ast.name;
    }

    /**
     * Where the instances of a component in a region sit: explicit `in` (or `vpc subnets`, or node group AZs),
     * else the cell's AZs, else the region's; none for kinds that AWS runs across the region's AZs itself.
     */
    private placementAzs(component: KindedAst, inherited: readonly TopologyAz[]): TopologyAz[] {
        switch (component.kind) {
            case 'lambda':
                return this.resolveAzs(component.ast.subnets);
            case 'eks': {
                const union: TopologyAz[] = [];
                for (const group of component.ast.nodeGroups) {
                    for (const az of group.azs.length > 0 ? this.resolveAzs(group.azs) : inherited) {
                        if (!union.includes(az)) union.push(az);
                    }
                }
                return union;
            }
            case 'alb': case 'ecs': case 'elasticache': case 'kinesis-consumer': case 'asg': case 'nat':
                return component.ast.azs.length > 0 ? this.resolveAzs(component.ast.azs) : [...inherited];
            case 'endpoint':
                return isGatewayEndpoint(component.ast) ? [] : component.ast.azs.length > 0 ? this.resolveAzs(component.ast.azs) : [...inherited];
            case 'dynamodb': case 'kinesis': case 'sqs': case 'sns': case 'route53': case 'router':
            case 'eventbridge': case 'stepfunctions':
            case 'apigateway': case 'cloudfront': case 'cognito': case 'external':
                return [];
            case 'aurora': case 'rds': case 's3':
                return storagePlacement(component, component.ast.azs.length > 0 ? this.resolveAzs(component.ast.azs) : inherited);
        }
    }

    private addEdges(from: TopologyComponent): void {
        const ast = from.ast;
        for (const uses of 'uses' in ast ? ast.uses : []) {
            const to = this.componentAt(uses.target);
            if (to) this.pushEdge({ from, to, kind: 'uses', hard: !uses.soft, sync: !uses.async, source: uses });
        }
        if ('consumes' in ast) {
            for (const consumes of ast.consumes) {
                const to = this.componentAt(consumes.target);
                if (to) this.pushEdge({ from, to, kind: 'consumes', hard: true, sync: false, source: consumes });
            }
        }
        if ('dlq' in ast && ast.dlq) {
            const to = this.componentAt(ast.dlq.target);
            if (to) this.pushEdge({ from, to, kind: 'dlq', hard: false, sync: false, source: ast.dlq });
        }
        if (from.kind === 'lambda' || from.kind === 'kinesis-consumer') {
            const to = this.componentAt(from.ast.onFailure);
            if (to) this.pushEdge({ from, to, kind: 'on-failure', hard: false, sync: false, source: from.ast });
        }
        if (from.kind === 'eventbridge') this.addEventEdges(from);
        if (from.kind === 'stepfunctions') {
            // A task's call is a `uses` edge; `catch` turns its failure into a degraded execution, like `soft`.
            for (const task of from.ast.tasks) {
                const to = this.componentAt(task.call?.target);
                if (to && task.call) this.pushEdge({ from, to, kind: 'uses', hard: !task.call.soft && !task.catch, sync: !task.call.async, source: task.call });
            }
        }
        if (from.kind === 'route53' || from.kind === 'eventbridge' || from.kind === 'cloudfront') {
            for (const target of [from.ast.primary, from.ast.secondary]) {
                const to = this.componentAt(target);
                if (to) this.pushEdge({ from, to, kind: 'failover', hard: true, sync: true, source: from.ast });
            }
        }
        if (from.kind === 'dynamodb' || from.kind === 'aurora' || from.kind === 'rds' || from.kind === 's3') {
            const to = this.componentAt(from.ast.replicaOf);
            if (to) this.pushEdge({ from, to, kind: 'replica-of', hard: false, sync: false, source: from.ast });
        }
        if (from.kind === 'kinesis-consumer') {
            const stream = this.componentOfAst.get(from.ast.$container);
            if (stream) this.pushEdge({ from, to: stream, kind: 'consumes', hard: true, sync: false, source: from.ast });
        }
    }

    /** Each rule target is an async dependency of its bus (EventBridge delivers and retries), its `dlq` a soft one. */
    private addEventEdges(from: ComponentOf<'eventbridge'>): void {
        for (const target of from.ast.rules.flatMap(rule => rule.targets)) {
            const to = this.componentAt(target.target);
            if (to) this.pushEdge({ from, to, kind: 'target', hard: true, sync: false, source: target });
            const dlq = this.componentAt(target.dlq);
            if (dlq) this.pushEdge({ from, to: dlq, kind: 'dlq', hard: false, sync: false, source: target });
        }
    }

    /**
     * The component a reference names, if it names one: after a syntax error the parser may leave a `uses`/`dlq`...
     * without its reference, and `uses payments` (a cell: reported by validation, go through a router) is no edge.
     */
    private componentAt(ref: Reference<Element> | undefined): TopologyComponent | undefined {
        return ref?.ref && this.componentOfAst.get(ref.ref);
    }

    /** An edge of the component whose edges `addEdges` adds: listed in its `outgoing` once all of them are. */
    private pushEdge(edge: DependencyEdge): void {
        this.edges.push(edge);
    }

    /** An edge added after the lists are made (egress edges, rare). */
    private appendEdge(edge: DependencyEdge): void {
        this.edges.push(edge);
        edge.from.outgoing.push(edge);
        edge.to.incoming.push(edge);
    }

    /**
     * Each component's incoming edges, in the order of the edges, in a list made to size: the topology stays as long
     * as the design, and a list grown by `push` reserves 17 slots for the one or two edges most components have.
     */
    private attachIncoming(): void {
        const counts = new Int32Array(this.components.length);
        for (let i = 0; i < this.edges.length; i++) counts[this.edges[i].to.index]++;
        for (const component of this.components) {
            if (counts[component.index] > 0) (component as EdgeLists).incoming = new Array<DependencyEdge>(counts[component.index]);
        }
        counts.fill(0);
        for (let i = 0; i < this.edges.length; i++) {
            const edge = this.edges[i];
            edge.to.incoming[counts[edge.to.index]++] = edge;
        }
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
            if (component.kind !== 'router') continue;
            const over = component.ast.over?.ref;
            const cell = over ? this.cellOfAst.get(over) : undefined;
            if (cell) cell.routers.push(component);
        }
    }

    private entryPoints(): TopologyComponent[] {
        const explicit = this.components.filter(c => c.explicitEntry);
        if (explicit.length > 0) return explicit;
        // A kinesis consumer is part of its stream; a NAT gateway or endpoint is the VPC's, not a way in; a third party
        // nothing calls is no way into this system either.
        return this.components.filter(c => c.incoming.length === 0 && !NEVER_ENTRY_POINTS.has(c.kind));
    }
}

/** The builder replaces a component's empty edge lists with lists made to size. */
interface EdgeLists {
    outgoing: DependencyEdge[];
    incoming: DependencyEdge[];
}

const NEVER_ENTRY_POINTS: ReadonlySet<ComponentKind> = new Set(['kinesis-consumer', 'nat', 'endpoint', 'external']);

/** The elements by qualified name; the first one declared under a name keeps it (a duplicate is reported by validation). */
function namesOf(elements: readonly NamedElement[]): Map<string, NamedElement> {
    const byName = new Map<string, NamedElement>();
    for (const element of elements) {
        const id = idOf(element);
        if (id && !byName.has(id)) byName.set(id, element);
    }
    return byName;
}

function idOf(element: NamedElement): string {
    switch (element.kind) {
        case 'region': return element.region.id;
        case 'az': return element.az.id;
        case 'cell': return element.cell.id;
        case 'service': return element.component.id;
    }
}

/** The element of `node` or of its nearest enclosing node that has one. */
function enclosing<T>(elementOfAst: ReadonlyMap<AstNode, T>, node: AstNode | undefined): T | undefined {
    for (let current = node; current; current = current.$container) {
        const found = elementOfAst.get(current);
        if (found) return found;
    }
    return undefined;
}

/** Instances per AZ of the kinds that run instances the model places: a zonal component's capacity. */
function capacityOf(component: KindedAst, azs: readonly TopologyAz[]): Capacity | undefined {
    switch (component.kind) {
        case 'ecs': {
            const total = component.ast.tasks ?? azs.length;
            return { unit: 'tasks', total, perAz: spread(total, azs), needs: component.ast.needs };
        }
        case 'kinesis-consumer': {
            const total = component.ast.workers ?? 1;
            return { unit: 'workers', total, perAz: spread(total, azs) };
        }
        case 'eks': {
            const perAz = new Map<TopologyAz, number>();
            let total = 0;
            for (const group of component.ast.nodeGroups) {
                const groupAzs = group.azs.length > 0 ? azs.filter(az => group.azs.some(r => r.ref === az.ast)) : azs;
                const nodes = group.min ?? group.desired ?? 0;
                total += nodes;
                for (const [az, n] of spread(nodes, groupAzs)) perAz.set(az, (perAz.get(az) ?? 0) + n);
            }
            return { unit: 'nodes', total, perAz };
        }
        case 'elasticache': {
            // Shard s: its primary in the s-th AZ (wrapping), its replicas round-robin over the AZs after it, as the
            // generated app places them, so that no AZ holds every primary.
            const shards = component.ast.shards ?? 1;
            const replicas = component.ast.replicas ?? 0;
            const perAz = new Map<TopologyAz, number>(azs.map(az => [az, 0]));
            // Round-robin is an even spread, and shards with the same first AZ place their nodes alike: one spread per
            // first AZ, not a loop per shard or node (`shards` and `replicas` may be any number before validation).
            const whole = Math.max(0, Math.floor(shards));
            azs.forEach((_, first) => {
                const count = Math.floor(whole / azs.length) + (first < whole % azs.length ? 1 : 0);
                for (const [az, nodes] of spread(replicas + 1, [...azs.slice(first), ...azs.slice(0, first)])) perAz.set(az, (perAz.get(az) ?? 0) + nodes * count);
            });
            return { unit: 'nodes', total: shards * (replicas + 1), perAz };
        }
        case 'aurora': case 'rds': case 's3': {
            // One instance per AZ for RDS and a zonal bucket; Aurora's readers round-robin after the writer, like a shard.
            const total = component.kind === 'aurora' ? (component.ast.readers ?? 0) + 1 : azs.length;
            return { unit: 'nodes', total, perAz: spread(total, azs) };
        }
        case 'asg': {
            // Steady state: the desired count, else the minimum (the group never runs fewer), else one per AZ.
            const total = component.ast.desired ?? component.ast.min ?? azs.length;
            return { unit: 'instances', total, perAz: spread(total, azs), needs: component.ast.needs };
        }
        case 'nat':
            return { unit: 'gateways', total: azs.length, perAz: spread(azs.length, azs) };
        case 'lambda': case 'alb': case 'dynamodb': case 'kinesis': case 'sqs': case 'sns': case 'route53': case 'router':
        case 'endpoint': case 'eventbridge': case 'stepfunctions': case 'apigateway': case 'cloudfront': case 'cognito': case 'external':
            return undefined;
    }
}

/** The DB instances of an RDS deployment: one, a Multi-AZ standby, or a Multi-AZ DB cluster's two readable standbys. */
export function rdsInstances(rds: Rds): number {
    return rds.multiAz === 'cluster' ? 3 : rds.multiAz === 'on' ? 2 : 1;
}

/** Whether a bucket's storage lives in one AZ: S3 One Zone-IA, or an S3 Express One Zone directory bucket. */
export function isZonalBucket(bucket: S3): boolean {
    return bucket.storage === 'one-zone' || bucket.storage === 'express';
}

/**
 * The AZs a database or bucket occupies out of those it may use: an Aurora cluster all of them (its writer in the
 * first), an RDS deployment one per instance, a zonal bucket the first, a regional bucket none (S3 spreads it).
 */
function storagePlacement(component: Extract<KindedAst, { kind: 'aurora' | 'rds' | 's3' }>, azs: readonly TopologyAz[]): TopologyAz[] {
    switch (component.kind) {
        case 'aurora': return [...azs];
        case 'rds': return azs.slice(0, rdsInstances(component.ast));
        case 's3': return isZonalBucket(component.ast) ? azs.slice(0, 1) : [];
    }
}

/** S3 and DynamoDB endpoints are gateway endpoints: route table entries, in no AZ; the others are interface endpoints. */
export function isGatewayEndpoint(endpoint: VpcEndpoint): boolean {
    return endpoint.service === 's3' || endpoint.service === 'dynamodb';
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
