import type { ElkEdgeSection, ElkExtendedEdge, ElkLabel, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import { serviceCount, type DiagramEdge, type DiagramModel, type DiagramNode } from './diagram-types.js';
import { FONT, LANE, PADDING, leafSize, minimumContainerWidth, topPadding } from './geometry.js';
import { inReplicaOrder } from './replica-order.js';
import { textWidth } from './text-metrics.js';

/**
 * Lays the diagram out with elkjs (layered, nested). The ELK instance is passed in: the CLI uses the bundled
 * build, the webview one backed by a web worker, so the editor never waits on the layout.
 */
export interface ElkEngine {
    layout(graph: ElkNode): Promise<ElkNode>;
}

export interface Point { readonly x: number; readonly y: number; }

/** A node with its absolute box. */
export interface PlacedNode {
    readonly node: DiagramNode;
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
    readonly children: PlacedNode[];
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
 * `per-container` lays out each container on its own (seconds faster at 1,000 services); edges that cross
 * containers are then drawn straight between the boxes.
 */
export type LayoutMode = 'hierarchical' | 'per-container';

/** Above this many services the hierarchical layout takes longer than an editor should wait. */
export const HIERARCHICAL_LIMIT = 120;
/** Per container: a container with more children than this is packed in rows (ELK `box`), its edges drawn straight. */
const PACK_ABOVE = 60;

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
        'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
        // Replicas, AZ lanes and declarations keep their order: `payments[0]` left of `payments[1]`.
        'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
        // Brandes-Köpf placement and a low crossing-minimisation thoroughness: several times faster than the
        // defaults at 50 services, with the same readability for these mostly tree-shaped graphs.
        'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
        'elk.layered.thoroughness': '2',
        'elk.padding': '[top=12,left=12,bottom=12,right=12]',
        'elk.json.shapeCoords': 'ROOT',
        'elk.json.edgeCoords': 'ROOT',
    };
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
    private readonly edgeOfElkId = new Map<string, DiagramEdge>();
    /** Edges ELK does not route; drawn straight between the boxes. */
    private readonly straight: DiagramEdge[] = [];
    /** Containers laid out as packed rows rather than layers. */
    private readonly packed = new Set<string>();

    constructor(private readonly model: DiagramModel, private readonly mode: LayoutMode) { }

    graph(): ElkNode {
        const children = this.model.nodes.map(n => this.elkNode(n, 'root'));
        const root: ElkNode = { id: 'root', layoutOptions: rootOptions(this.mode), children, edges: [] };
        const containers = new Map<string, ElkNode>([['root', root]]);
        const collect = (nodes: ElkNode[] | undefined) => {
            for (const n of nodes ?? []) {
                containers.set(n.id, n);
                collect(n.children);
            }
        };
        collect(children);
        for (const edge of this.model.edges) {
            if (!this.byId.has(edge.source) || !this.byId.has(edge.target)) continue;
            const container = this.edgeContainer(edge);
            if (container === undefined || SIDEWAYS.has(edge.kind)) {
                this.straight.push(edge);
                continue;
            }
            const id = `e${this.edgeOfElkId.size}`;
            this.edgeOfElkId.set(id, edge);
            const elkEdge: ElkExtendedEdge = { id, sources: [this.elkIds.get(edge.source)!], targets: [this.elkIds.get(edge.target)!] };
            if (edge.label) {
                elkEdge.labels = [{ id: `${id}l`, text: edge.label, width: textWidth(edge.label, EDGE_LABEL_FONT) + 8, height: 16 }];
            }
            const target = containers.get(this.elkIds.get(container)!)!;
            (target.edges ??= []).push(elkEdge);
        }
        return root;
    }

    /** Hierarchical: every edge lives at the root. Per container: only edges between siblings are laid out. */
    private edgeContainer(edge: DiagramEdge): string | undefined {
        if (this.mode === 'hierarchical') return 'root';
        const a = this.parentOf.get(edge.source);
        return a !== undefined && a === this.parentOf.get(edge.target) && !this.packed.has(a) ? a : undefined;
    }

    private elkNode(node: DiagramNode, parent: string): ElkNode {
        this.byId.set(node.id, node);
        this.parentOf.set(node.id, parent);
        const id = `n${this.nodeOfElkId.size}`;
        this.elkIds.set(node.id, id);
        this.nodeOfElkId.set(id, node);
        const content = node.children.filter(c => c.kind !== 'az');
        for (const az of node.children) if (az.kind === 'az') this.byId.set(az.id, az);
        if (content.length === 0) {
            return { id, ...leafSize(node) };
        }
        const options: LayoutOptions = {
            'elk.padding': `[top=${topPadding(node)},left=${PADDING.side},bottom=${PADDING.bottom},right=${PADDING.side}]`,
            'elk.nodeSize.constraints': '[MINIMUM_SIZE]',
            // Given as (height, width): ELK 0.12's layered layout with direction DOWN swaps a compound node's minimum.
            'elk.nodeSize.minimum': `(40,${minimumContainerWidth(node)})`,
        };
        if (this.mode === 'per-container') {
            Object.assign(options, rootOptions(this.mode), { 'elk.padding': options['elk.padding'] });
            if (content.length > PACK_ABOVE) {
                options['elk.algorithm'] = 'box';
                this.packed.add(node.id);
            }
        }
        return { id, layoutOptions: options, children: content.map(c => this.elkNode(c, node.id)) };
    }

    read(result: ElkNode): DiagramLayout {
        const placed = new Map<string, PlacedNode>();
        const place = (elk: ElkNode): PlacedNode | undefined => {
            const node = this.nodeOfElkId.get(elk.id);
            if (!node) return undefined;
            const box = { node, x: elk.x ?? 0, y: elk.y ?? 0, width: elk.width ?? 0, height: elk.height ?? 0 };
            const children = (elk.children ?? []).map(place).filter((c): c is PlacedNode => c !== undefined);
            const result: PlacedNode = { ...box, children: [...laneHeaders(box), ...children] };
            placed.set(node.id, result);
            for (const lane of result.children) if (lane.node.kind === 'az') placed.set(lane.node.id, lane);
            return result;
        };
        const nodes = (result.children ?? []).map(place).filter((c): c is PlacedNode => c !== undefined);
        const edges: PlacedEdge[] = [];
        const readEdges = (elk: ElkNode) => {
            for (const e of (elk.edges ?? []) as ElkExtendedEdge[]) {
                const edge = this.edgeOfElkId.get(e.id);
                if (edge) edges.push({ edge, points: pointsOf(e.sections ?? []), label: labelOf(e.labels?.[0]) });
            }
            for (const child of elk.children ?? []) readEdges(child);
        };
        readEdges(result);
        let height = result.height ?? 0;
        let buses = 0;
        for (const edge of this.straight) {
            const from = placed.get(edge.source);
            const to = placed.get(edge.target);
            if (!from || !to) continue;
            if (SIDEWAYS.has(edge.kind)) {
                const lane = (result.height ?? 0) + BUS_GAP * ++buses;
                edges.push(busEdge(edge, from, to, lane));
                height = Math.max(height, lane + BUS_GAP);
            } else {
                edges.push(straightEdge(edge, from, to));
            }
        }
        return inReplicaOrder({ model: this.model, width: result.width ?? 0, height, nodes, edges });
    }
}

/** The AZ lane headers of a band, spread over its width below its title. */
function laneHeaders(band: Omit<PlacedNode, 'children'>): PlacedNode[] {
    const azs = band.node.kind === 'zonal' ? band.node.children.filter(c => c.kind === 'az') : [];
    if (azs.length === 0) return [];
    const inner = band.width - 2 * PADDING.side;
    const width = (inner - (azs.length - 1) * LANE.gap) / azs.length;
    return azs.map((az, i) => ({
        node: az, x: band.x + PADDING.side + i * (width + LANE.gap), y: band.y + PADDING.zonalTitle,
        width, height: LANE.height, children: [],
    }));
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
    const text = edge.label;
    const width = text ? textWidth(text, EDGE_LABEL_FONT) + 8 : 0;
    const label = text ? { text, x: (a.x + b.x) / 2 - width / 2, y: lane - 8, width, height: 16 } : undefined;
    return { edge, points: [a, { x: a.x, y: lane }, { x: b.x, y: lane }, b], label };
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
