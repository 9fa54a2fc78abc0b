import { allNodes, type DeclaredView, type DiagramEdge, type DiagramModel, type DiagramNode } from './diagram-types.js';
import { focusModel } from './focus-view.js';
import { pushAll } from '../util/arrays.js';

/**
 * What the user chose to see: cells expanded to one box per replica, containers (cells, AZ bands, regions)
 * collapsed to a single box. Pure: the webview, the CLI and the benchmarks apply the same view.
 */
export interface DiagramView {
    /** Cell ids (`use1.payments`) drawn as one box per replica instead of one box with a `×n` badge. */
    readonly expandedCells?: readonly string[];
    /** Container ids (cells, replicas, `use1#azs`, regions) drawn without their content. */
    readonly collapsed?: readonly string[];
    /** A view declared in the design (`view checkout { ... }`): only the part it keeps is drawn. */
    readonly named?: string;
}

/** A view with every list given, as the webview keeps it and the server answers with. */
export type FullView = Required<Omit<DiagramView, 'named'>> & Pick<DiagramView, 'named'>;

/** The part of the design a declared view draws (before what it collapses). */
export function declaredPart(model: DiagramModel, declared: DeclaredView): DiagramModel {
    return focusModel(model, { ...declared, focus: declared.around });
}

/** The view the design declares under this name, if any. */
export function declaredView(model: DiagramModel, name: string | undefined): DeclaredView | undefined {
    return name === undefined ? undefined : model.views?.find(v => v.name === name);
}

/**
 * What choosing a declared view shows first: its part of the design, with what it collapses (and, when that part is
 * still large, every cell and AZ band); the user may then expand and collapse as anywhere.
 */
export function namedView(model: DiagramModel, name: string): FullView {
    const declared = declaredView(model, name);
    const shown = declared ? declaredPart(model, declared) : model;
    const collapsed = new Set([...declared?.collapsed ?? [], ...defaultCollapsedForSize(shown, COLLAPSE_ABOVE)]);
    return { named: name, expandedCells: [], collapsed: [...collapsed] };
}

/** A container drawn without its content: it shows how many services it hides. */
export interface CollapsedNode extends DiagramNode {
    /** How many services it hides. */
    readonly hidden: number;
    /** The names of what it hides, per replica for cell services: their states colour the box. */
    readonly hiddenIds: string[];
}

export function isCollapsed(node: DiagramNode): node is CollapsedNode {
    return Array.isArray((node as Partial<CollapsedNode>).hiddenIds);
}

export function applyView(model: DiagramModel, view: DiagramView): DiagramModel {
    const expanded = new Set(view.expandedCells ?? []);
    const declared = declaredView(model, view.named);
    let result = declared ? declaredPart(model, declared) : model;
    if (expanded.size > 0) result = expandCells(result, expanded);
    const collapsed = new Set(view.collapsed ?? []);
    if (collapsed.size > 0) result = collapseContainers(result, collapsed);
    return result;
}

function expandCells(model: DiagramModel, expanded: ReadonlySet<string>): DiagramModel {
    /** Collapsed id (cell or cell service) to its per-replica ids. */
    const perReplica = new Map<string, string[]>();
    const cellOfId = new Map<string, string>();
    const expand = (nodes: readonly DiagramNode[]): DiagramNode[] => nodes.flatMap(node => {
        if (node.kind === 'cell' && expanded.has(node.id) && node.replicaIds && node.replicaIds.length > 0) {
            perReplica.set(node.id, node.replicaIds);
            return node.replicaIds.map((replicaId, replica) => ({
                ...node, id: replicaId, label: `${node.label}[${replica}]`, replica, replicas: undefined,
                children: node.children.map(child => {
                    const id = child.instanceIds?.[replica] ?? `${replicaId}.${child.label}`;
                    perReplica.set(child.id, [...(perReplica.get(child.id) ?? []), id]);
                    cellOfId.set(child.id, node.id);
                    return { ...child, id, instanceIds: undefined };
                }),
            }));
        }
        return [{ ...node, children: expand(node.children) }];
    });
    const nodes = expand(model.nodes);
    const edges: DiagramEdge[] = [];
    for (const edge of model.edges) {
        const sources = perReplica.get(edge.source);
        const targets = perReplica.get(edge.target);
        const sameCell = sources && targets && cellOfId.get(edge.source) === cellOfId.get(edge.target);
        if (sameCell) {
            // Inside one cell: each replica's services talk to their own replica.
            sources.forEach((source, i) => edges.push({ ...edge, id: `${edge.id}@${i}`, source, target: targets[i] }));
        } else if (sources || targets) {
            for (const [i, source] of (sources ?? [edge.source]).entries()) {
                for (const [j, target] of (targets ?? [edge.target]).entries()) {
                    edges.push({ ...edge, id: `${edge.id}@${i}.${j}`, source, target });
                }
            }
        } else {
            edges.push(edge);
        }
    }
    return { ...model, nodes, edges };
}

function collapseContainers(model: DiagramModel, collapsed: ReadonlySet<string>): DiagramModel {
    /** Every hidden node id to the collapsed container that stands in for it. */
    const standIn = new Map<string, string>();
    const collapse = (nodes: readonly DiagramNode[]): DiagramNode[] => nodes.map(node => {
        if (collapsed.has(node.id) && node.children.length > 0 && node.kind !== 'service') {
            let hidden = 0;
            const hiddenIds: string[] = [];
            for (const inner of allNodes(node.children)) {
                standIn.set(inner.id, node.id);
                if (inner.kind !== 'service') continue;
                hidden++;
                pushAll(hiddenIds, inner.instanceIds ?? [inner.id]);
            }
            const keep = node.kind === 'zonal' ? node.children.filter(c => c.kind === 'az') : [];
            for (const az of keep) standIn.delete(az.id);
            const result: CollapsedNode = { ...node, children: keep, hidden, hiddenIds };
            return result;
        }
        return { ...node, children: collapse(node.children) };
    });
    const nodes = collapse(model.nodes);
    const edges: DiagramEdge[] = [];
    const seen = new Set<string>();
    for (const edge of model.edges) {
        const source = standIn.get(edge.source) ?? edge.source;
        const target = standIn.get(edge.target) ?? edge.target;
        if (source === target) continue;
        const key = `${source}->${target}:${edge.kind}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const moved = source !== edge.source || target !== edge.target;
        edges.push(moved ? { ...edge, id: key, source, target, label: undefined } : edge);
    }
    return { ...model, nodes, edges };
}

/** A view names containers: a design has fewer than this. */
const MAX_VIEW_IDS = 100_000;
/** Ids are qualified names: anything longer is not one of ours. */
const MAX_ID = 1_000;

/**
 * A view as the webview or an LSP client sent it, if it is well formed: lists of ids (non-empty strings), each list
 * optional. Anything else is undefined: whoever asked then gets the default view.
 */
export function parseDiagramView(raw: unknown): DiagramView | undefined {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
    const { expandedCells, collapsed, named } = raw as { expandedCells?: unknown; collapsed?: unknown; named?: unknown };
    const isId = (id: unknown): id is string => typeof id === 'string' && id.length > 0 && id.length <= MAX_ID;
    const ids = (x: unknown): x is string[] | undefined => x === undefined
        || (Array.isArray(x) && x.length <= MAX_VIEW_IDS && x.every(isId));
    if (!ids(expandedCells) || !ids(collapsed) || (named !== undefined && !isId(named))) return undefined;
    return {
        ...(expandedCells !== undefined && { expandedCells: [...expandedCells] }),
        ...(collapsed !== undefined && { collapsed: [...collapsed] }),
        ...(named !== undefined && { named }),
    };
}

/** Above this many services, cells and AZ bands start collapsed. */
export const COLLAPSE_ABOVE = 300;

/** What a diagram shows before the user changes anything: everything, unless it is large. */
export function defaultView(model: DiagramModel): FullView {
    return { expandedCells: [], collapsed: defaultCollapsedForSize(model, COLLAPSE_ABOVE) };
}

/** Whether two views show the same (order does not matter). */
export function sameView(a: DiagramView, b: DiagramView): boolean {
    const same = (x: readonly string[] = [], y: readonly string[] = []) => x.length === y.length && x.every(id => y.includes(id));
    return a.named === b.named && same(a.expandedCells, b.expandedCells) && same(a.collapsed, b.collapsed);
}

export function defaultCollapsedForSize(model: DiagramModel, maxServices: number): string[] {
    let services = 0;
    const containers: string[] = [];
    for (const node of allNodes(model.nodes)) {
        if (node.kind === 'service') services++;
        if ((node.kind === 'cell' || node.kind === 'zonal') && node.children.some(c => c.kind === 'service')) containers.push(node.id);
    }
    return services > maxServices ? containers : [];
}
