import type { DiagramNode } from './diagram-types.js';
import { FONT, PADDING } from './geometry.js';
import type { PlacedEdge, PlacedNode, Point } from './layout.js';
import { SpatialIndex, segmentBox, segmentEntersBox, type Rect } from './segments.js';
import { textWidth } from './text-metrics.js';

/**
 * The title line of a container (region, global box, AZ band, cell): its name, its detail and a cell's replica badge,
 * at the top left. The renderer draws it here and the crossing check keeps edges out of it.
 */
export function titleFont(node: DiagramNode): number {
    return node.kind === 'zonal' ? FONT.small : node.kind === 'cell' ? FONT.name : FONT.title;
}

/** The title's baseline below the container's top. */
export function titleBaseline(node: DiagramNode): number {
    return node.kind === 'zonal' ? 16 : node.kind === 'cell' ? 24 : 26;
}

export function titleLabel(node: DiagramNode): string {
    return node.kind === 'zonal' ? node.label.toUpperCase() : node.label;
}

export function cellBadgeText(node: DiagramNode): string {
    return node.replica !== undefined ? `of ${node.replicaIds?.length ?? '?'}` : `×${node.replicas ?? 1}`;
}

export function cellBadgeWidth(node: DiagramNode): number {
    return textWidth(cellBadgeText(node), FONT.detail, true) + 12;
}

/** The badge reaches 13 px above the baseline and 4 below; text less. */
const ABOVE = 13;
const BELOW = 4;

/**
 * The box of a container's title line, from its name to the end of its detail and badge (at most the container's
 * width inside its padding); undefined for what has no title (a service, an AZ lane header).
 */
export function containerTitleBox(placed: PlacedNode): Rect | undefined {
    if (placed.title) return placed.title;
    const { node, x, y, width } = placed;
    if (node.kind === 'service' || node.kind === 'az') return undefined;
    const left = x + PADDING.side;
    let length = textWidth(titleLabel(node), titleFont(node), true);
    if (node.detail && node.kind !== 'zonal') length += 10 + textWidth(node.detail, FONT.detail);
    if (node.kind === 'cell') length += 10 + cellBadgeWidth(node);
    const baseline = y + titleBaseline(node);
    return { x: left, y: baseline - ABOVE, width: Math.max(0, Math.min(length, x + width - PADDING.side - left)), height: ABOVE + BELOW };
}

/** Between a title moved aside and the edge it makes way for. */
const TITLE_GAP = 8;
/** Room kept at a container's top right for its collapse button. */
const BUTTON_ROOM = 24;

/**
 * Each container with its title line placed where no edge runs through it: at the top left, else just right of the
 * edges that cross the top left (ELK routes edges into a container through its top padding, where the title is).
 */
export function placeTitles(nodes: readonly PlacedNode[], edges: readonly PlacedEdge[]): PlacedNode[] {
    const segments = new SpatialIndex<{ readonly a: Point; readonly b: Point }>();
    for (const { points } of edges) {
        for (let i = 1; i < points.length; i++) segments.add(segmentBox(points[i - 1], points[i]), { a: points[i - 1], b: points[i] });
    }
    const crossed = (box: Rect) => [...segments.near(box)].filter(s => segmentEntersBox(s.a, s.b, box));
    const place = (placed: PlacedNode): PlacedNode => {
        const children = placed.children.map(place);
        const title = containerTitleBox(placed);
        if (!title || placed.children.length === 0) return { ...placed, children };
        const right = placed.x + placed.width - PADDING.side - BUTTON_ROOM;
        let box = title;
        for (let tries = 0; tries < 50; tries++) {
            const through = crossed(box);
            if (through.length === 0) return { ...placed, children, title: box };
            const x = Math.max(...through.map(s => Math.max(s.a.x, s.b.x))) + TITLE_GAP;
            if (x >= right) break;
            box = { ...box, x, width: Math.min(title.width, right - x) };
        }
        return { ...placed, children, title };
    };
    return nodes.map(place);
}
