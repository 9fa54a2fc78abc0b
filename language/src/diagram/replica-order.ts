import type { DiagramNode } from './diagram-types.js';
import type { DiagramLayout, PlacedEdge, PlacedNode } from './layout.js';

/**
 * Puts the expanded replicas of a cell in index order, left to right (then top to bottom). ELK's nested layout
 * reorders sibling boxes to save crossings whatever their model order (`payments[2] [1] [0] [3]`), and no ELK option
 * stops it. The replicas of a cell are alike, box for box and edge for edge, so the fix is a relabelling: replica k
 * takes the place ELK gave the k-th box, with its contents and the routes of its edges. Replicas that differ (one
 * collapsed alone) are left where they are.
 */
export function inReplicaOrder(layout: DiagramLayout): DiagramLayout {
    const moves = new Map<string, string>(); // replica id -> the replica id whose place it takes
    const byId = new Map<string, PlacedNode>();
    const collect = (nodes: readonly PlacedNode[]) => {
        for (const node of nodes) {
            byId.set(node.node.id, node);
            collect(node.children);
        }
    };
    collect(layout.nodes);
    const plan = (siblings: readonly PlacedNode[]) => {
        const cells = new Map<string, PlacedNode[]>();
        for (const sibling of siblings) {
            const cell = cellOf(sibling.node);
            if (cell !== undefined) cells.set(cell, [...cells.get(cell) ?? [], sibling]);
        }
        for (const replicas of cells.values()) {
            if (replicas.length < 2 || !alike(replicas)) continue;
            const byIndex = [...replicas].sort((a, b) => (a.node.replica ?? 0) - (b.node.replica ?? 0));
            const byPlace = [...replicas].sort((a, b) => a.y - b.y || a.x - b.x);
            byIndex.forEach((replica, k) => {
                if (replica !== byPlace[k]) moves.set(replica.node.id, byPlace[k].node.id);
            });
        }
        for (const sibling of siblings) plan(sibling.children);
    };
    plan(layout.nodes);
    if (moves.size === 0) return layout;

    /** The id of the box whose place `id` takes: the same element in the replica it moves to. */
    const placeOf = (id: string): string => {
        for (const [replica, target] of moves) {
            if (id === replica || id.startsWith(`${replica}.`) || id.startsWith(`${replica}#`)) return target + id.slice(replica.length);
        }
        return id;
    };
    const relabel = (node: PlacedNode): PlacedNode => {
        const place = byId.get(placeOf(node.node.id)) ?? node;
        return { node: node.node, x: place.x, y: place.y, width: place.width, height: place.height, children: node.children.map(relabel) };
    };
    const routes = new Map(layout.edges.map(e => [endpoints(e.edge.kind, e.edge.source, e.edge.target), e]));
    const reroute = (edge: PlacedEdge): PlacedEdge => {
        const twin = routes.get(endpoints(edge.edge.kind, placeOf(edge.edge.source), placeOf(edge.edge.target)));
        if (!twin || twin === edge) return edge;
        const label = edge.label && twin.label ? { ...twin.label, text: edge.label.text } : edge.label;
        return { edge: edge.edge, points: twin.points, ...(label && { label }) };
    };
    return { ...layout, nodes: layout.nodes.map(relabel), edges: layout.edges.map(reroute) };
}

/** The cell an expanded replica belongs to (`use1.payments` for `use1.payments[2]`). */
function cellOf(node: DiagramNode): string | undefined {
    if (node.kind !== 'cell' || node.replica === undefined) return undefined;
    const match = /^(.*)\[\d+\]$/.exec(node.id);
    return match?.[1];
}

/** Same boxes (by their ids within the replica) of the same sizes. */
function alike(replicas: readonly PlacedNode[]): boolean {
    const shape = (replica: PlacedNode): string => {
        const parts: string[] = [];
        const visit = (node: PlacedNode) => {
            parts.push(`${node.node.id.slice(replica.node.id.length)} ${node.width}x${node.height}`);
            node.children.forEach(visit);
        };
        visit(replica);
        return parts.join('|');
    };
    const first = shape(replicas[0]);
    return replicas.every(r => shape(r) === first);
}

function endpoints(kind: string, source: string, target: string): string {
    return `${kind} ${source} ${target}`;
}
