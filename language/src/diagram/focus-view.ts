import { allNodes, type DiagramModel, type DiagramNode } from './diagram-types.js';

/**
 * A part of the design to draw: one region (with the global services), and/or the neighbourhood of a service at
 * `hops` edges in either direction. What is left out is not drawn at all (collapsing draws it as one box).
 */
export interface FocusView {
    readonly region?: string;
    readonly focus?: string;
    /** Edges from `focus`, either way (default 2). */
    readonly hops?: number;
}

export const DEFAULT_HOPS = 2;

/** A name in a focus view that the design does not have: the message says which and what would do. */
export class UnknownFocusName extends Error { }

export function focusModel(model: DiagramModel, view: FocusView): DiagramModel {
    let result = model;
    if (view.region !== undefined) result = onlyRegion(result, view.region);
    if (view.focus !== undefined) result = neighbourhood(result, view.focus, view.hops ?? DEFAULT_HOPS);
    return result;
}

function onlyRegion(model: DiagramModel, region: string): DiagramModel {
    const regions = model.nodes.filter(n => n.kind === 'region');
    if (!regions.some(r => r.id === region)) {
        throw new UnknownFocusName(`unknown region '${region}'; the design has ${regions.map(r => r.id).join(', ') || 'no region'}`);
    }
    const keep = new Set<string>();
    for (const node of allNodes(model.nodes.filter(n => n.kind !== 'region' || n.id === region))) if (node.kind === 'service') keep.add(node.id);
    return pruned(model, keep);
}

function neighbourhood(model: DiagramModel, focus: string, hops: number): DiagramModel {
    const services = [...allNodes(model.nodes)].filter(n => n.kind === 'service');
    if (!services.some(s => s.id === focus)) throw new UnknownFocusName(`unknown service '${focus}' to focus on (give its qualified name, e.g. use1.api)`);
    const neighbours = new Map<string, string[]>();
    const link = (a: string, b: string) => neighbours.set(a, [...neighbours.get(a) ?? [], b]);
    for (const edge of model.edges) {
        link(edge.source, edge.target);
        link(edge.target, edge.source);
    }
    // Containers (a cell a router routes to) stand for their services: reaching one reaches them all.
    const inside = new Map<string, string[]>();
    for (const node of allNodes(model.nodes)) {
        if (node.kind !== 'service') inside.set(node.id, [...allNodes(node.children)].filter(n => n.kind === 'service').map(n => n.id));
    }
    const seen = new Set([focus]);
    let frontier = [focus];
    for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
        const next: string[] = [];
        for (const id of frontier) {
            for (const neighbour of neighbours.get(id) ?? []) {
                for (const reached of [neighbour, ...inside.get(neighbour) ?? []]) {
                    if (seen.has(reached)) continue;
                    seen.add(reached);
                    next.push(reached);
                }
            }
        }
        frontier = next;
    }
    return pruned(model, seen);
}

/** The model with only the services in `keep`, the containers holding them, and the edges between what is left. */
function pruned(model: DiagramModel, keep: ReadonlySet<string>): DiagramModel {
    const prune = (nodes: readonly DiagramNode[]): DiagramNode[] => nodes.flatMap(node => {
        if (node.kind === 'service') return keep.has(node.id) ? [node] : [];
        if (node.kind === 'az') return [node];
        const children = prune(node.children);
        return children.some(c => c.kind !== 'az') ? [{ ...node, children }] : [];
    });
    const nodes = prune(model.nodes);
    const drawn = new Set([...allNodes(nodes)].map(n => n.id));
    return { ...model, nodes, edges: model.edges.filter(e => drawn.has(e.source) && drawn.has(e.target)) };
}
