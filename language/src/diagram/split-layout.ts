import type { ElkExtendedEdge, ElkNode, ElkPoint } from 'elkjs/lib/elk-api.js';
import type { ElkEngine } from './layout.js';

/**
 * ELK on several engines at once (threads, web workers). A per-container layout (SEPARATE_CHILDREN) lays out each
 * top-level container (a region, the global services) on its own, before the root and without seeing the rest:
 * each such container is then a layout job of its own, run side by side on the engines, and the root is laid out
 * last with each container a box of the size its job found, its ports fixed where that job put them. The answer is
 * ELK's answer for the whole graph, to the coordinate (`test/unit/diagram-split-layout.test.ts`), so its reader does
 * not know it was split. Any other graph (one laid out as a whole, INCLUDE_CHILDREN) goes whole to the first engine.
 */
export function splitLayouts(engines: readonly ElkEngine[]): ElkEngine {
    if (engines.length === 0) throw new Error('splitLayouts needs an engine');
    return { layout: graph => layOutSplit(graph, engines) };
}

async function layOutSplit(graph: ElkNode, engines: readonly ElkEngine[]): Promise<ElkNode> {
    const parts = separateParts(graph);
    if (engines.length === 1 || parts.length < 2) return engines[0].layout(graph);
    const laidOut = await Promise.all(distribute(parts, engines).map(({ part, engine }) => engine.layout(partGraph(graph, part))));
    const boxes = new Map(laidOut.map(wrapper => {
        const container = wrapper.children![0];
        return [container.id, container] as const;
    }));
    const root = await engines[0].layout({ ...graph, children: graph.children!.map(child => fixedBox(boxes.get(child.id)) ?? child) });
    return { ...root, children: root.children!.map(placed => placedPart(placed, boxes.get(placed.id))) };
}

/**
 * The top-level containers that ELK lays out apart from the rest: only under SEPARATE_CHILDREN, and only when every
 * edge at the root joins top-level nodes or their ports (an edge into a container's inside would tie its layout to
 * the root's).
 */
function separateParts(graph: ElkNode): ElkNode[] {
    if (graph.layoutOptions?.['elk.hierarchyHandling'] !== 'SEPARATE_CHILDREN') return [];
    const children = graph.children ?? [];
    const topLevel = new Set(children.flatMap(child => [child.id, ...(child.ports ?? []).map(port => port.id)]));
    const edges = (graph.edges ?? []) as ElkExtendedEdge[];
    if (!edges.every(edge => [...edge.sources, ...edge.targets].every(end => topLevel.has(end)))) return [];
    return children.filter(child => (child.children?.length ?? 0) > 0);
}

/** The parts over the engines, the largest first, each to the engine with the least work given so far. */
function distribute(parts: readonly ElkNode[], engines: readonly ElkEngine[]): { part: ElkNode; engine: ElkEngine }[] {
    const load = engines.map(() => 0);
    return [...parts].sort((a, b) => size(b) - size(a)).map(part => {
        const least = load.indexOf(Math.min(...load));
        load[least] += size(part);
        return { part, engine: engines[least] };
    });
}

/** A container's nodes, ports and edges: how long its layout takes, roughly. */
function size(node: ElkNode): number {
    return 1 + (node.ports?.length ?? 0) + (node.edges?.length ?? 0) + (node.children ?? []).reduce((sum, child) => sum + size(child), 0);
}

/**
 * A top-level container alone under a root like the graph's: ELK lays out a graph's root without the ports an
 * inner container has, so the container goes in as the root's only child (that outer layout costs nothing).
 */
function partGraph(graph: ElkNode, part: ElkNode): ElkNode {
    return { id: graph.id, layoutOptions: graph.layoutOptions, children: [part], edges: [] };
}

/** A laid-out container as the root's layout sees it: a box of its size, its ports where its layout put them. */
function fixedBox(container: ElkNode | undefined): ElkNode | undefined {
    if (!container) return undefined;
    const { x = 0, y = 0 } = container;
    return {
        id: container.id, width: container.width, height: container.height,
        ports: (container.ports ?? []).map(port => ({ id: port.id, x: (port.x ?? 0) - x, y: (port.y ?? 0) - y, width: port.width, height: port.height })),
        layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
    };
}

/**
 * The container's own layout moved to where the root's layout placed its box: every coordinate of the answer is
 * the root's (`elk.json.shapeCoords` and `edgeCoords` ROOT), so each moves by the same offset.
 */
function placedPart(placed: ElkNode, container: ElkNode | undefined): ElkNode {
    if (!container) return placed;
    return moved(container, (placed.x ?? 0) - (container.x ?? 0), (placed.y ?? 0) - (container.y ?? 0));
}

function moved(node: ElkNode, dx: number, dy: number): ElkNode {
    const point = (p: ElkPoint): ElkPoint => ({ x: p.x + dx, y: p.y + dy });
    const shape = <T extends { x?: number; y?: number }>(s: T): T => ({ ...s, x: (s.x ?? 0) + dx, y: (s.y ?? 0) + dy });
    const edge = (e: ElkExtendedEdge): ElkExtendedEdge => ({
        ...e,
        sections: e.sections?.map(s => ({ ...s, startPoint: point(s.startPoint), endPoint: point(s.endPoint), bendPoints: s.bendPoints?.map(point) })),
        labels: e.labels?.map(shape),
        ...(junctionPoints(e) && { junctionPoints: junctionPoints(e)!.map(point) }),
    });
    return {
        ...shape(node),
        ports: node.ports?.map(shape),
        labels: node.labels?.map(shape),
        children: node.children?.map(child => moved(child, dx, dy)),
        edges: (node.edges as ElkExtendedEdge[] | undefined)?.map(edge),
    };
}

/** ELK's answer has them on edges with bends shared by several routes; elkjs's types do not. */
function junctionPoints(edge: ElkExtendedEdge): ElkPoint[] | undefined {
    return (edge as { junctionPoints?: ElkPoint[] }).junctionPoints;
}
