import type { ElkEdgeSection, ElkExtendedEdge, ElkLabel, ElkNode, ElkPort, LayoutOptions } from 'elkjs/lib/elk-api.js';
import { serviceCount, type DiagramEdge, type DiagramModel, type DiagramNode } from './diagram-types.js';
import { FONT, LANE, PADDING, columnSpans, columnsWidth, leafSize, minimumContainerWidth, serviceSize, topPadding } from './geometry.js';
import { placeTitles } from './container-titles.js';
import { inReplicaOrder } from './replica-order.js';
import { SpatialIndex, segmentBox, segmentEntersBox, type Point, type Rect } from './segments.js';
import { textWidth } from './text-metrics.js';

/**
 * Lays the diagram out with elkjs (layered, nested). The ELK instance is passed in: the CLI uses the bundled
 * build, the webview one backed by a web worker, so the editor never waits on the layout.
 */
export interface ElkEngine {
    layout(graph: ElkNode): Promise<ElkNode>;
}

export type { Point } from './segments.js';

/** A node with its absolute box. */
export interface PlacedNode {
    readonly node: DiagramNode;
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
    readonly children: PlacedNode[];
    /** A container's title line, where no edge runs through it (`placeTitles`). */
    readonly title?: Rect;
}

export interface PlacedEdge {
    readonly edge: DiagramEdge;
    readonly points: Point[];
    readonly label?: { readonly text: string; readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

export interface DiagramLayout {
    readonly model: DiagramModel;
    readonly width: number;
    readonly height: number;
    readonly nodes: PlacedNode[];
    readonly edges: PlacedEdge[];
}

/**
 * `hierarchical` lays out the whole nesting at once (INCLUDE_CHILDREN): the best routes, but slow on big graphs.
 * `per-container` lays out each container on its own (seconds faster at 1,000 services); an edge between
 * containers is cut where it crosses a container's border, at a port of that container, and each piece is routed
 * by the layout of the container it runs in, so that it too goes around the cards and labels there.
 */
export type LayoutMode = 'hierarchical' | 'per-container';

/** Above this many services the hierarchical layout takes longer than an editor should wait. */
export const HIERARCHICAL_LIMIT = 120;

/**
 * Edges that must not pull nodes into layers: a table's replica in another region is its peer, not below it.
 * They are routed below the whole diagram instead (see `busEdge`).
 */
const SIDEWAYS: ReadonlySet<DiagramEdge['kind']> = new Set(['replica-of']);
const BUS_GAP = 14;

const EDGE_LABEL_FONT = FONT.small;

export async function layoutDiagram(model: DiagramModel, elk: ElkEngine, mode?: LayoutMode): Promise<DiagramLayout> {
    const { graph, read } = prepareLayout(model, mode);
    return read(await elk.layout(graph));
}

/**
 * The two halves of a layout, for when ELK runs elsewhere: the graph to give ELK, and how to read its answer back
 * into a layout of `model`. The language server lays out in its own thread and the webview reads the result.
 */
export interface PreparedLayout {
    readonly graph: ElkNode;
    read(result: ElkNode): DiagramLayout;
}

export function prepareLayout(model: DiagramModel, mode?: LayoutMode): PreparedLayout {
    const services = serviceCount(model.nodes);
    const builder = new ElkGraphBuilder(model, mode ?? (services <= HIERARCHICAL_LIMIT ? 'hierarchical' : 'per-container'));
    return { graph: builder.graph(), read: result => builder.read(result) };
}

/**
 * What `read` needs of ELK's answer, without the options ELK echoes back: the positions and routes only
 * (a third of the size, for the answer the server sends).
 */
export function layoutResult(result: ElkNode): ElkNode {
    const edge = (e: ElkExtendedEdge): ElkExtendedEdge => ({
        id: e.id, sources: e.sources, targets: e.targets, sections: e.sections,
        labels: e.labels?.map(l => ({ text: l.text, x: l.x, y: l.y, width: l.width, height: l.height })),
    });
    const node = (n: ElkNode): ElkNode => ({
        id: n.id, x: n.x, y: n.y, width: n.width, height: n.height,
        ports: n.ports?.map(p => ({ id: p.id, x: p.x, y: p.y, width: p.width, height: p.height })),
        children: n.children?.map(node), edges: (n.edges as ElkExtendedEdge[] | undefined)?.map(edge),
    });
    return node(result);
}

function rootOptions(mode: LayoutMode): LayoutOptions {
    return {
        'elk.algorithm': 'layered',
        'elk.direction': 'DOWN',
        'elk.hierarchyHandling': mode === 'hierarchical' ? 'INCLUDE_CHILDREN' : 'SEPARATE_CHILDREN',
        'elk.edgeRouting': 'ORTHOGONAL',
        'elk.spacing.nodeNode': '30',
        'elk.layered.spacing.nodeNodeBetweenLayers': '46',
        'elk.spacing.edgeNode': '18',
        'elk.spacing.edgeEdge': '10',
        'elk.layered.spacing.edgeNodeBetweenLayers': '18',
        'elk.spacing.edgeLabel': '4',
        'elk.edgeLabels.placement': 'CENTER',
        // Declarations keep their order: `payments[0]` left of `payments[1]`. Per container it made ELK six times
        // slower at 1,000 services; there the replicas are put back in order afterwards (`inReplicaOrder`).
        ...(mode === 'hierarchical' && {
            'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
            'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
        }),
        // Brandes-Köpf placement and a low crossing-minimisation thoroughness: several times faster than the
        // defaults at 50 services, with the same readability for these mostly tree-shaped graphs. Per container, one
        // try of crossing minimisation instead of two: a tenth to a fifth of ELK's time at 1,000 services, and as
        // many edge crossings (27,546 and 27,544 at 1,000 services, 2,436 both at 300).
        'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
        'elk.layered.thoroughness': mode === 'hierarchical' ? '2' : '1',
        'elk.padding': '[top=12,left=12,bottom=12,right=12]',
        'elk.json.shapeCoords': 'ROOT',
        'elk.json.edgeCoords': 'ROOT',
    };
}

/** A zonal service's row in its band's stack: its top and height in the stack, and its ports. */
interface StackRow {
    readonly node: DiagramNode;
    readonly y: number;
    readonly height: number;
    readonly in: ElkPort[];
    readonly out: ElkPort[];
    /** Into the card from another card of the band: on the right, beside `out`, for a short loop outside the stack. */
    readonly loop: ElkPort[];
}

/**
 * The ELK box holding a band's cards and their ports: a child of the band, or per container the band itself, the
 * stack then `inset` within it.
 */
interface BandStack {
    readonly band: DiagramNode;
    readonly stack: ElkNode;
    readonly rows: StackRow[];
    readonly inset: { readonly x: number; readonly y: number };
    /** The columns' width: the cards'. */
    readonly width: number;
}

/** Between the rows of a band's stack: room for the edges a card's slots do not hide. */
const ROW_GAP = 12;

/** One piece of an edge as ELK routes it; `reversed` when ELK was given it backwards (a sideways edge's end at its target). */
interface EdgePiece {
    readonly elkId: string;
    readonly reversed: boolean;
}

/** An edge cut into pieces at container ports, in order from its source to its target. */
interface PortedEdge {
    readonly edge: DiagramEdge;
    readonly pieces: EdgePiece[];
    /** A sideways edge between top-level containers: the two ports below them that a bus joins. */
    readonly bus?: { readonly from: string; readonly to: string };
}

/**
 * ELK sees short ids of its own (`n12`, `e3`), never the user's names: ELK hashes an id at every lookup, and a name
 * of 40,000 characters (a paste gone wrong) made a 15-node layout take a minute. Two designs of the same shape then
 * also make the same ELK graph, and share a cached layout.
 */
class ElkGraphBuilder {
    private readonly byId = new Map<string, DiagramNode>();
    private readonly parentOf = new Map<string, string>();
    /** Diagram id to ELK id, and ELK ids back to what they stand for. */
    private readonly elkIds = new Map<string, string>([['root', 'root']]);
    private readonly nodeOfElkId = new Map<string, DiagramNode>();
    /** ELK nodes by ELK id: where the pieces of edges and the ports go. */
    private readonly containers = new Map<string, ElkNode>();
    private readonly ported: PortedEdge[] = [];
    private pieceCount = 0;
    private portCount = 0;
    /** Edges ELK does not route; drawn straight between the boxes, or along a bus below the diagram. */
    private readonly straight: DiagramEdge[] = [];
    /** Open AZ bands by the ELK id of their stack, and the row of each card in one. */
    private readonly stacks = new Map<string, BandStack>();
    /** Per container: the bands that are one box of their region's layout, their cards' ports on its sides. */
    private readonly flatBands = new Set<string>();
    /** A port on a flat band's side, to the x of its card's side: the edge goes on to the card. */
    private readonly cardSideOf = new Map<string, number>();
    private readonly rowOf = new Map<string, StackRow>();
    /** The container each port is on, by ELK id. */
    private readonly portOwner = new Map<string, string>();
    /** Per container, the one port of each row and end of a band's stack, and the pieces through the band's border that start or end there. */
    private readonly sharedRowPorts = new Set<string>();
    private readonly sharedPieces = new Map<string, { port: string; piece: EdgePiece }>();

    constructor(private readonly model: DiagramModel, private readonly mode: LayoutMode) { }

    graph(): ElkNode {
        const children = this.model.nodes.map(n => this.elkNode(n, 'root'));
        const root: ElkNode = { id: 'root', layoutOptions: rootOptions(this.mode), children, edges: [] };
        this.containers.set('root', root);
        for (const edge of this.model.edges) {
            if (!this.byId.has(edge.source) || !this.byId.has(edge.target)) continue;
            const routed = this.mode === 'hierarchical' ? this.atRoot(edge) : this.throughPorts(edge);
            if (routed) this.ported.push(routed);
            else this.straight.push(edge);
        }
        this.placeStackPorts();
        return root;
    }

    /**
     * Hierarchical: every edge lives at the root, in one piece; a sideways one between top-level containers leaves
     * both through ports below them, for a bus to join.
     */
    private atRoot(edge: DiagramEdge): PortedEdge | undefined {
        if (SIDEWAYS.has(edge.kind)) {
            const [source, target] = [edge.source, edge.target].map(id => this.ancestors(id).at(-2)!);
            if (source === target) return undefined;
            const from = this.port(source);
            const to = this.port(target);
            const pieces = [this.piece('root', this.endpoint(edge.source, 'out'), from), { ...this.piece('root', this.endpoint(edge.target, 'out'), to), reversed: true }];
            return { edge, pieces, bus: { from, to } };
        }
        return { edge, pieces: [this.piece('root', this.endpoint(edge.source, 'out'), this.endpoint(edge.target, this.entry(edge)), edge.label)] };
    }

    /**
     * Per container: the edge leaves each container around its source through a port, runs in the innermost
     * container holding both ends, and enters each container around its target through a port. A sideways edge
     * between top-level containers leaves both through ports below them instead, for a bus to join.
     */
    private throughPorts(edge: DiagramEdge): PortedEdge | undefined {
        const up = this.ancestors(edge.source);
        const down = this.ancestors(edge.target);
        const common = up.find(id => down.includes(id));
        if (common === undefined || common === edge.source || common === edge.target) return undefined;
        const pieces: EdgePiece[] = [];
        let from = this.endpoint(edge.source, 'out');
        for (const container of up.slice(1, up.indexOf(common))) {
            const { port, piece } = this.borderPiece(container, from, 'leaving');
            pieces.push(piece);
            from = port;
        }
        const entering: EdgePiece[] = [];
        const sideways = SIDEWAYS.has(edge.kind) && common === 'root';
        let to = this.endpoint(edge.target, sideways ? 'out' : this.entry(edge));
        for (const container of down.slice(1, down.indexOf(common))) {
            if (sideways) {
                // Into the target from a port below its container: ELK is told the piece runs out to the port.
                const port = this.port(container);
                entering.unshift({ ...this.piece(container, to, port), reversed: true });
                to = port;
                continue;
            }
            const { port, piece } = this.borderPiece(container, to, 'entering');
            entering.unshift(piece);
            to = port;
        }
        if (sideways) return { edge, pieces: [...pieces, ...entering], bus: { from, to } };
        pieces.push(this.piece(common, from, to, edge.label));
        return { edge, pieces: [...pieces, ...entering] };
    }

    /** How an edge enters a card of a band: from the left, or from the right when it comes from the same band. */
    private entry(edge: DiagramEdge): 'in' | 'loop' {
        return this.rowOf.has(edge.source) && this.parentOf.get(edge.source) === this.parentOf.get(edge.target) ? 'loop' : 'in';
    }

    /** The node's id, then its containers' outwards, ending with `root` (a flat band is not a container to cross). */
    private ancestors(id: string): string[] {
        const chain = [id];
        for (let parent = this.parentOf.get(id); parent !== undefined; parent = this.parentOf.get(parent)) {
            if (!this.flatBands.has(parent)) chain.push(parent);
        }
        return chain;
    }

    /**
     * The piece of an edge between a node in `container` and a port on the container's border. Edges into or out of
     * the same row of a band's stack share that piece and its port: a band at 1,000 services is then a few dozen
     * edges for ELK instead of hundreds (most of the layout's time went there), and the edges merge at its border.
     */
    private borderPiece(container: string, inner: string, way: 'leaving' | 'entering'): { port: string; piece: EdgePiece } {
        const key = `${way} ${inner}`;
        const shared = this.sharedPieces.get(key);
        if (shared) return shared;
        const port = this.port(container);
        const made = { port, piece: way === 'leaving' ? this.piece(container, inner, port) : this.piece(container, port, inner) };
        if (this.sharedRowPorts.has(inner)) this.sharedPieces.set(key, made);
        return made;
    }

    private port(container: string): string {
        const elk = this.containers.get(this.elkIds.get(container)!)!;
        const id = `p${this.portCount++}`;
        (elk.ports ??= []).push({ id, width: 0, height: 0 });
        this.portOwner.set(id, container);
        return id;
    }

    private piece(container: string, from: string, to: string, label?: string): EdgePiece {
        const elkId = `e${this.pieceCount++}`;
        const elkEdge: ElkExtendedEdge = { id: elkId, sources: [from], targets: [to] };
        if (label) elkEdge.labels = [{ id: `${elkId}l`, text: label, width: textWidth(label, EDGE_LABEL_FONT) + 8, height: 16 }];
        const elk = this.containers.get(container === 'root' ? 'root' : this.elkIds.get(container)!)!;
        (elk.edges ??= []).push(elkEdge);
        return { elkId, reversed: false };
    }

    private elkNode(node: DiagramNode, parent: string, width?: number): ElkNode {
        this.byId.set(node.id, node);
        this.parentOf.set(node.id, parent);
        const id = `n${this.nodeOfElkId.size}`;
        this.elkIds.set(node.id, id);
        this.nodeOfElkId.set(id, node);
        const content = node.children.filter(c => c.kind !== 'az');
        for (const az of node.children) if (az.kind === 'az') this.byId.set(az.id, az);
        if (content.length === 0) {
            const size = leafSize(node);
            const leaf = { id, ...size, width: width ?? size.width };
            this.containers.set(id, leaf);
            return leaf;
        }
        if (node.kind === 'zonal') return this.band(node, id);
        const options: LayoutOptions = {
            ...this.containerOptions(node),
            'elk.nodeSize.constraints': '[MINIMUM_SIZE]',
            // Given as (height, width): ELK 0.12's layered layout with direction DOWN swaps a compound node's minimum.
            'elk.nodeSize.minimum': `(40,${minimumContainerWidth(node)})`,
        };
        const elk: ElkNode = { id, layoutOptions: options, children: content.map(c => this.elkNode(c, node.id)) };
        this.containers.set(id, elk);
        return elk;
    }

    /** Room for the container's title; per container, the options of a layout of its own. */
    private containerOptions(node: DiagramNode): LayoutOptions {
        const padding = `[top=${topPadding(node)},left=${PADDING.side},bottom=${PADDING.bottom},right=${PADDING.side}]`;
        return this.mode === 'per-container' ? { ...rootOptions(this.mode), 'elk.padding': padding } : { 'elk.padding': padding };
    }

    /**
     * An open AZ band as columns: ELK sees one box, the stack of its AZ columns' header and its zonal service cards,
     * one per row, each as wide as the columns so that its AZ slots sit in them. Edges reach a card through a port on
     * the stack's side at the card's row, on the left into it and on the right out of it: they never pass through the
     * stack, so never through a card or the lane names. Rows follow the band's own edges.
     */
    private band(node: DiagramNode, id: string): ElkNode {
        const width = columnsWidth(node);
        // Per container, the band is itself the stack's box, its title and padding around the stack: its layout
        // of one box and an edge per port was a third of a region's layout time at 1,000 services.
        const flat = this.mode === 'per-container';
        const inset = flat ? { x: PADDING.side, y: topPadding(node) } : { x: 0, y: 0 };
        const stack: ElkNode = { id: flat ? id : `${id}s`, width: width + 2 * inset.x, height: 0, layoutOptions: { 'elk.portConstraints': 'FIXED_POS' }, ports: [] };
        const rows: StackRow[] = [];
        let y = LANE.height + ROW_GAP;
        for (const service of rowOrder(node.children.filter(c => c.kind !== 'az'), this.model.edges)) {
            this.byId.set(service.id, service);
            this.parentOf.set(service.id, node.id);
            const { height } = serviceSize(service);
            const row: StackRow = { node: service, y, height, in: [], out: [], loop: [] };
            rows.push(row);
            this.rowOf.set(service.id, row);
            y += height + ROW_GAP;
        }
        stack.height = y - ROW_GAP + (flat ? inset.y + PADDING.bottom : 0);
        this.stacks.set(stack.id, { band: node, stack, rows, inset, width });
        if (flat) {
            this.flatBands.add(node.id);
            this.containers.set(id, stack);
            return stack;
        }
        const elk: ElkNode = { id, layoutOptions: this.containerOptions(node), children: [stack] };
        this.containers.set(id, elk);
        return elk;
    }

    /** Where an edge's piece starts or ends at a node: the node, or for a card in a band's stack a port at its row. */
    private endpoint(id: string, end: 'out' | 'in' | 'loop'): string {
        const row = this.rowOf.get(id);
        if (!row) return this.elkIds.get(id)!;
        if (this.mode === 'per-container' && row[end].length > 0) return row[end][0].id;
        const port: ElkPort = { id: `p${this.portCount++}`, width: 0, height: 0 };
        row[end].push(port);
        if (this.mode === 'per-container') this.sharedRowPorts.add(port.id);
        return port.id;
    }

    /** The stacks' ports, spread along the side of each card's row, now that every edge has taken its ports. */
    private placeStackPorts(): void {
        for (const { stack, rows, inset, width } of this.stacks.values()) {
            for (const row of rows) {
                for (const [side, ports, x, card] of [['WEST', row.in, 0, inset.x], ['EAST', [...row.out, ...row.loop], stack.width ?? 0, inset.x + width]] as const) {
                    ports.forEach((port, i) => {
                        port.x = x;
                        port.y = inset.y + row.y + (row.height * (i + 1)) / (ports.length + 1);
                        if (x !== card) this.cardSideOf.set(port.id, card - x);
                        port.layoutOptions = { 'elk.port.side': side };
                        stack.ports!.push(port);
                    });
                }
            }
        }
    }

    /** Where a band's stack was placed: its columns' header on top, then its cards. */
    private stackFrame(stack: ElkNode): ElkNode {
        const { inset, width } = this.stacks.get(stack.id)!;
        return { id: stack.id, x: (stack.x ?? 0) + inset.x, y: (stack.y ?? 0) + inset.y, width };
    }

    /** The cards of a band's stack, in their rows. */
    private cards(stack: ElkNode): PlacedNode[] {
        const { rows } = this.stacks.get(stack.id)!;
        const { x = 0, y = 0, width = 0 } = this.stackFrame(stack);
        return rows.map(row => ({ node: row.node, x, y: y + row.y, width, height: row.height, children: [] }));
    }

    /** A piece's route, on from a flat band's side to its card's side where it starts or ends there. */
    private toCards(elk: ElkExtendedEdge | undefined, route: Point[]): Point[] {
        if (!elk || route.length === 0) return route;
        const start = this.cardSideOf.get(elk.sources[0]);
        const end = this.cardSideOf.get(elk.targets[0]);
        if (start !== undefined) route.unshift({ x: route[0].x + start, y: route[0].y });
        if (end !== undefined) route.push({ x: route[route.length - 1].x + end, y: route[route.length - 1].y });
        return route;
    }

    read(result: ElkNode): DiagramLayout {
        const placed = new Map<string, PlacedNode>();
        const ports = new Map<string, Point>();
        const elkEdges = new Map<string, ElkExtendedEdge>();
        const place = (elk: ElkNode): PlacedNode | undefined => {
            for (const port of elk.ports ?? []) ports.set(port.id, { x: (port.x ?? 0) + (port.width ?? 0) / 2, y: (port.y ?? 0) + (port.height ?? 0) / 2 });
            for (const e of (elk.edges ?? []) as ElkExtendedEdge[]) elkEdges.set(e.id, e);
            const node = this.nodeOfElkId.get(elk.id);
            if (!node) return undefined;
            const box = { node, x: elk.x ?? 0, y: elk.y ?? 0, width: elk.width ?? 0, height: elk.height ?? 0 };
            const children = (elk.children ?? []).map(place).filter((c): c is PlacedNode => c !== undefined);
            const stack = this.stacks.has(elk.id) ? elk : elk.children?.find(c => this.stacks.has(c.id));
            const result: PlacedNode = { ...box, children: [...laneHeaders(box, stack && this.stackFrame(stack)), ...children, ...(stack ? this.cards(stack) : [])] };
            placed.set(node.id, result);
            for (const child of result.children) placed.set(child.node.id, child);
            return result;
        };
        for (const e of (result.edges ?? []) as ElkExtendedEdge[]) elkEdges.set(e.id, e);
        const nodes = (result.children ?? []).map(place).filter((c): c is PlacedNode => c !== undefined);
        const edges: PlacedEdge[] = [];
        let height = result.height ?? 0;
        let buses = 0;
        const bus = () => {
            const lane = (result.height ?? 0) + BUS_GAP * ++buses;
            height = Math.max(height, lane + BUS_GAP);
            return lane;
        };
        for (const { edge, pieces, bus: ends } of this.ported) {
            const points: Point[] = [];
            let label: PlacedEdge['label'];
            for (const piece of pieces) {
                const elk = elkEdges.get(piece.elkId);
                const route = this.toCards(elk, pointsOf(elk?.sections ?? []));
                if (piece.reversed) route.reverse();
                if (ends && piece === pieces.find(p => p.reversed)) {
                    const lane = bus();
                    const down = busExit(ports.get(ends.from)!, placed.get(this.portOwner.get(ends.from)!)!, lane);
                    const up = busExit(ports.get(ends.to)!, placed.get(this.portOwner.get(ends.to)!)!, lane).reverse();
                    points.push(...down, ...up);
                    label = edge.label ? busLabel(edge.label, down.at(-1)!, up[0], lane) : undefined;
                }
                points.push(...route);
                label ??= labelOf(elk?.labels?.[0]);
            }
            edges.push({ edge, points: withoutRepeats(points), label });
        }
        for (const edge of this.straight) {
            const from = placed.get(edge.source);
            const to = placed.get(edge.target);
            if (!from || !to) continue;
            edges.push(SIDEWAYS.has(edge.kind) ? busEdge(edge, from, to, bus()) : straightEdge(edge, from, to));
        }
        const ordered = inReplicaOrder({ model: this.model, width: result.width ?? 0, height, nodes, edges: clearLabels(nodes, edges) });
        return { ...ordered, nodes: placeTitles(ordered.nodes, ordered.edges) };
    }
}

/**
 * The AZ lane headers of a band: over its columns' header box when it is open, else spread over its width below its
 * title.
 */
function laneHeaders(band: Omit<PlacedNode, 'children'>, header: ElkNode | undefined): PlacedNode[] {
    const azs = band.node.kind === 'zonal' ? band.node.children.filter(c => c.kind === 'az') : [];
    if (azs.length === 0) return [];
    const x = header ? header.x ?? 0 : band.x + PADDING.side;
    const y = header ? header.y ?? 0 : band.y + PADDING.zonalTitle;
    const spans = columnSpans(x, header ? header.width ?? 0 : band.width - 2 * PADDING.side, azs.length);
    return azs.map((az, i) => ({ node: az, ...spans[i], y, height: LANE.height, children: [] }));
}

/**
 * The zonal services of a band from top to bottom: each after those in the band that lead to it (edges followed
 * depth first from the sources, in declaration order), so that the band's own edges run downwards.
 */
function rowOrder(services: readonly DiagramNode[], edges: readonly DiagramEdge[]): DiagramNode[] {
    const inBand = new Set(services.map(s => s.id));
    const next = new Map<string, string[]>();
    const incoming = new Set<string>();
    for (const edge of edges) {
        if (!inBand.has(edge.source) || !inBand.has(edge.target) || edge.source === edge.target) continue;
        next.set(edge.source, [...next.get(edge.source) ?? [], edge.target]);
        incoming.add(edge.target);
    }
    const done = new Set<string>();
    const order: string[] = [];
    const visit = (id: string) => {
        if (done.has(id)) return;
        done.add(id);
        for (const to of [...next.get(id) ?? []].reverse()) visit(to);
        order.push(id);
    };
    // Backwards, as the order found is reversed at the end.
    const backwards = [...services].reverse();
    for (const service of backwards) if (!incoming.has(service.id)) visit(service.id);
    for (const service of backwards) visit(service.id);
    const byId = new Map(services.map(s => [s.id, s]));
    return order.reverse().map(id => byId.get(id)!);
}

function pointsOf(sections: ElkEdgeSection[]): Point[] {
    const points: Point[] = [];
    for (const s of sections) {
        points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    }
    return points.map(p => ({ x: p.x, y: p.y }));
}

function labelOf(label: ElkLabel | undefined): PlacedEdge['label'] {
    if (!label?.text) return undefined;
    return { text: label.text, x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 };
}

/** A straight line between the borders of two boxes, aimed centre to centre. */
function straightEdge(edge: DiagramEdge, from: PlacedNode, to: PlacedNode): PlacedEdge {
    const a = border(from, centre(to));
    const b = border(to, centre(from));
    const text = edge.label;
    const label = text ? { text, x: (a.x + b.x) / 2 - (textWidth(text, EDGE_LABEL_FONT) + 8) / 2, y: (a.y + b.y) / 2 - 8, width: textWidth(text, EDGE_LABEL_FONT) + 8, height: 16 } : undefined;
    return { edge, points: [a, b], label };
}

/** Down from the source, along a lane below the diagram, up into the target. */
function busEdge(edge: DiagramEdge, from: PlacedNode, to: PlacedNode, lane: number): PlacedEdge {
    const a = { x: from.x + from.width / 2, y: from.y + from.height };
    const b = { x: to.x + to.width / 2, y: to.y + to.height };
    const label = edge.label ? busLabel(edge.label, a, b, lane) : undefined;
    return { edge, points: [a, { x: a.x, y: lane }, { x: b.x, y: lane }, b], label };
}

/**
 * From a port on a top-level container's border down to a bus lane below the diagram, outside the container: straight
 * down from its bottom, else out of its side (or over its top and out of its left side) and down beside it.
 */
function busExit(port: Point, box: PlacedNode, lane: number): Point[] {
    const near = (a: number, b: number) => Math.abs(a - b) < 0.5;
    if (near(port.y, box.y + box.height)) return [port, { x: port.x, y: lane }];
    const right = near(port.x, box.x + box.width);
    const beside = right ? box.x + box.width + BUS_GAP / 2 : box.x - BUS_GAP / 2;
    if (right || near(port.x, box.x)) return [port, { x: beside, y: port.y }, { x: beside, y: lane }];
    const over = box.y - BUS_GAP;
    return [port, { x: port.x, y: over }, { x: beside, y: over }, { x: beside, y: lane }];
}

/** A bus's label, on its lane halfway between its ends. */
function busLabel(text: string, a: Point, b: Point, lane: number): NonNullable<PlacedEdge['label']> {
    const width = textWidth(text, EDGE_LABEL_FONT) + 8;
    return { text, x: (a.x + b.x) / 2 - width / 2, y: lane - 8, width, height: 16 };
}

/**
 * Moves each edge label that another route runs through, or that covers a card or another label, to the first clear
 * place along its own route (ELK places labels of loops and of edges cut at ports without seeing the rest).
 */
function clearLabels(nodes: readonly PlacedNode[], edges: PlacedEdge[]): PlacedEdge[] {
    const segments = new SpatialIndex<{ readonly owner: PlacedEdge; readonly a: Point; readonly b: Point }>();
    for (const owner of edges) {
        for (let i = 1; i < owner.points.length; i++) {
            const [a, b] = [owner.points[i - 1], owner.points[i]];
            segments.add(segmentBox(a, b), { owner, a, b });
        }
    }
    const cards = new SpatialIndex<Rect>();
    const collect = (placed: readonly PlacedNode[]) => placed.forEach(n => {
        if (n.children.length === 0) cards.add(n, n);
        collect(n.children);
    });
    collect(nodes);
    /** Where each label is now; the index also holds where moved ones were. */
    const labelOf = new Map<PlacedEdge, Rect>();
    const labels = new SpatialIndex<PlacedEdge>();
    for (const placed of edges) {
        if (!placed.label) continue;
        labelOf.set(placed, placed.label);
        labels.add(placed.label, placed);
    }
    const clear = (owner: PlacedEdge, box: Rect) =>
        ![...segments.near(box)].some(s => s.owner !== owner && segmentEntersBox(s.a, s.b, box))
        && ![...cards.near(box)].some(card => boxesOverlap(card, box))
        && ![...labels.near(box)].some(other => other !== owner && boxesOverlap(labelOf.get(other)!, box));
    return edges.map(placed => {
        const label = placed.label;
        if (!label || clear(placed, label)) return placed;
        const moved = firstClearPlace(placed.points, label, box => clear(placed, box));
        if (!moved) return placed;
        labelOf.set(placed, moved);
        labels.add(moved, placed);
        return { ...placed, label: { ...label, ...moved } };
    });
}

/** Along the route from the middle of each segment outwards, on the line, else beside it. */
function firstClearPlace(points: readonly Point[], label: Rect, clear: (box: Rect) => boolean): Rect | undefined {
    for (let i = 1; i < points.length; i++) {
        const [a, b] = [points[i - 1], points[i]];
        const length = Math.hypot(b.x - a.x, b.y - a.y);
        for (let step = 0; step <= length / 2; step += LABEL_STEP) {
            for (const at of [length / 2 + step, length / 2 - step]) {
                const t = length === 0 ? 0 : at / length;
                const x = a.x + (b.x - a.x) * t;
                const y = a.y + (b.y - a.y) * t;
                for (const [dx, dy] of [[0, 0], [label.width / 2 + 3, 0], [-label.width / 2 - 3, 0], [0, label.height / 2 + 3], [0, -label.height / 2 - 3]]) {
                    const box = { x: x + dx - label.width / 2, y: y + dy - label.height / 2, width: label.width, height: label.height };
                    if (clear(box)) return box;
                }
            }
        }
    }
    return undefined;
}

const LABEL_STEP = 8;

function boxesOverlap(a: Rect, b: Rect): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A route without the same point twice in a row (where two pieces meet at a port). */
function withoutRepeats(points: readonly Point[]): Point[] {
    return points.filter((p, i) => i === 0 || Math.abs(p.x - points[i - 1].x) > 0.01 || Math.abs(p.y - points[i - 1].y) > 0.01);
}

function centre(box: PlacedNode): Point {
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function border(box: PlacedNode, toward: Point): Point {
    const c = centre(box);
    const dx = toward.x - c.x;
    const dy = toward.y - c.y;
    if (dx === 0 && dy === 0) return c;
    const scale = Math.min(dx === 0 ? Infinity : (box.width / 2) / Math.abs(dx), dy === 0 ? Infinity : (box.height / 2) / Math.abs(dy));
    return { x: c.x + dx * scale, y: c.y + dy * scale };
}
