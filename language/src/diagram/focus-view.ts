import { allNodes, type DiagramEdge, type DiagramModel, type DiagramNode } from './diagram-types.js';

/**
 * A part of the design to draw: one region (with the global services), one cell, the neighbourhood of a service at
 * `hops` edges in either direction, what an entry point depends on. With several, what they all keep is drawn. What
 * is left out is not drawn at all (collapsing draws it as one box).
 */
export interface FocusView {
    readonly region?: string;
    readonly cell?: string;
    readonly focus?: string;
    /** Edges from `focus`, either way (default 2). */
    readonly hops?: number;
    /** Follows the edges from this one (an entry point, usually): what it calls, reads and routes to. */
    readonly pathFrom?: string;
}

export const DEFAULT_HOPS = 2;

/** A name in a focus view that the design does not have: the message says which and what would do. */
export class UnknownFocusName extends Error { }

export function focusModel(model: DiagramModel, view: FocusView): DiagramModel {
    const kept: ReadonlySet<string>[] = [];
    if (view.region !== undefined) kept.push(regionServices(model, view.region));
    if (view.cell !== undefined) kept.push(new Set(servicesIn(model, view.cell, 'cell')));
    if (view.focus !== undefined) kept.push(reached(model, servicesIn(model, view.focus, 'service'), view.hops ?? DEFAULT_HOPS, 'either'));
    if (view.pathFrom !== undefined) kept.push(reached(model, servicesIn(model, view.pathFrom, 'service'), Infinity, 'forward'));
    if (kept.length === 0) return model;
    const [first, ...others] = kept;
    return pruned(model, new Set([...first].filter(id => others.every(set => set.has(id)))));
}

function regionServices(model: DiagramModel, region: string): Set<string> {
    const regions = model.nodes.filter(n => n.kind === 'region');
    if (!regions.some(r => r.id === region)) {
        throw new UnknownFocusName(`unknown region '${region}'; the design has ${regions.map(r => r.id).join(', ') || 'no region'}`);
    }
    const keep = new Set<string>();
    for (const node of allNodes(model.nodes.filter(n => n.kind !== 'region' || n.id === region))) if (node.kind === 'service') keep.add(node.id);
    return keep;
}

/** The services of an element: itself for a service, those inside it for a container (none for an AZ). */
function servicesIn(model: DiagramModel, id: string, what: 'cell' | 'service'): string[] {
    const node = [...allNodes(model.nodes)].find(n => n.id === id);
    if (!node) {
        throw new UnknownFocusName(what === 'cell'
            ? `unknown cell '${id}' (give its qualified name, e.g. use1.payments)`
            : `unknown service '${id}' to focus on (give its qualified name, e.g. use1.api)`);
    }
    return [...allNodes([node])].filter(n => n.kind === 'service').map(n => n.id);
}

/** The services `hops` edges or fewer from `start`, following edges forward only or either way. */
function reached(model: DiagramModel, start: readonly string[], hops: number, direction: 'forward' | 'either'): Set<string> {
    const neighbours = new Map<string, string[]>();
    const link = (a: string, b: string) => neighbours.set(a, [...neighbours.get(a) ?? [], b]);
    for (const edge of model.edges) {
        link(edge.source, edge.target);
        if (direction === 'either') link(edge.target, edge.source);
    }
    // Containers (a cell a router routes to) stand for their services: reaching one reaches them all.
    const inside = new Map<string, string[]>();
    for (const node of allNodes(model.nodes)) {
        if (node.kind !== 'service') inside.set(node.id, [...allNodes(node.children)].filter(n => n.kind === 'service').map(n => n.id));
    }
    const seen = new Set(start);
    let frontier = [...start];
    for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
        const next: string[] = [];
        for (const id of frontier) {
            for (const neighbour of neighbours.get(id) ?? []) {
                for (const found of [neighbour, ...inside.get(neighbour) ?? []]) {
                    if (seen.has(found)) continue;
                    seen.add(found);
                    next.push(found);
                }
            }
        }
        frontier = next;
    }
    return seen;
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
    const edges: DiagramEdge[] = model.edges.filter(e => drawn.has(e.source) && drawn.has(e.target));
    return { ...model, nodes, edges };
}
