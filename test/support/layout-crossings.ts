import { containerTitleBox } from '../../language/src/diagram/container-titles.js';
import type { DiagramLayout, PlacedNode, Point } from '../../language/src/diagram/layout.js';
import { SpatialIndex, segmentBox, segmentEntersBox } from '../../language/src/diagram/segments.js';

/**
 * The readability check of a laid-out diagram, computed from its geometry: every place where an edge's segment
 * passes through a card (a service, a collapsed container, an AZ lane header), a container's title line (region, AZ
 * band, cell: `title:<id>`) or an edge label that is not its own.
 * An edge may touch its own source and target, and run along a box's border (1 px inside counts as outside).
 */
export interface Crossing {
    readonly edge: string;
    /** The id of the card crossed, or `label:<edge id>` for another edge's label. */
    readonly box: string;
    readonly from: Point;
    readonly to: Point;
}

interface Obstacle {
    readonly id: string;
    /** The node ids this box stands for: an edge from or to one of them may touch it. */
    readonly owners: ReadonlySet<string>;
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
}

export function layoutCrossings(layout: DiagramLayout): Crossing[] {
    const obstacles: Obstacle[] = [];
    const visit = (nodes: readonly PlacedNode[]) => {
        for (const placed of nodes) {
            const card = placed.children.length === 0 || placed.children.every(c => c.node.kind === 'az');
            if (card) obstacles.push({ id: placed.node.id, owners: new Set([placed.node.id]), x: placed.x, y: placed.y, width: placed.width, height: placed.height });
            // A collapsed container is a card: an edge to it may touch it, title included.
            const title = card ? undefined : containerTitleBox(placed);
            if (title) obstacles.push({ id: `title:${placed.node.id}`, owners: new Set(), ...title });
            visit(placed.children);
        }
    };
    visit(layout.nodes);
    for (const placed of layout.edges) {
        const label = placed.label;
        if (label) obstacles.push({ id: `label:${placed.edge.id}`, owners: new Set(), ...label });
    }
    const index = new SpatialIndex<Obstacle>();
    for (const box of obstacles) index.add(box, box);
    const crossings: Crossing[] = [];
    for (const placed of layout.edges) {
        const { edge, points } = placed;
        for (let i = 1; i < points.length; i++) {
            const from = points[i - 1];
            const to = points[i];
            for (const box of index.near(segmentBox(from, to))) {
                if (box.owners.has(edge.source) || box.owners.has(edge.target)) continue;
                if (box.id === `label:${edge.id}`) continue;
                if (segmentEntersBox(from, to, box)) crossings.push({ edge: edge.id, box: box.id, from, to });
            }
        }
    }
    return crossings;
}
