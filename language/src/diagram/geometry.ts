import type { DiagramNode } from './diagram-types.js';
import { isCollapsed } from './diagram-view.js';
import { textWidth } from './text-metrics.js';

/** Sizes shared by the layout (which reserves the room) and the renderer (which draws into it). */
export const FONT = { name: 13, detail: 11, title: 14, small: 10.5 } as const;

export const SERVICE = {
    minWidth: 150,
    maxWidth: 440,
    height: 50,
    slotsHeight: 22,
    glyph: 26,
    glyphX: 10,
    textX: 46,
} as const;

export const COLLAPSED = { width: 190, height: 58 } as const;

/** Room above a container's content for its title (and the AZ lane headers of a band). */
export const PADDING = {
    region: 42,
    cell: 38,
    global: 36,
    zonalTitle: 24,
    laneHeader: 36,
    side: 14,
    bottom: 14,
} as const;

export const LANE = { minWidth: 96, height: 28, gap: 6 } as const;

/** Room the `entry` tag takes right of a service's name. */
export const ENTRY_TAG = 40;

export function serviceSize(node: DiagramNode): { width: number; height: number } {
    const text = Math.max(textWidth(node.label, FONT.name, true) + (node.entry ? ENTRY_TAG : 0), textWidth(node.detail ?? '', FONT.detail));
    const width = Math.min(SERVICE.maxWidth, Math.max(SERVICE.minWidth, SERVICE.textX + text + 14));
    return { width, height: SERVICE.height + (node.azSlots && node.azSlots.length > 0 ? SERVICE.slotsHeight : 0) };
}

/** Size of a node laid out as a leaf: a service, or a collapsed container. */
export function leafSize(node: DiagramNode): { width: number; height: number } {
    if (node.kind === 'service') return serviceSize(node);
    const lanes = node.kind === 'zonal' ? node.children.filter(c => c.kind === 'az').length : 0;
    const width = Math.max(COLLAPSED.width, textWidth(node.label, FONT.title, true) + 80, lanesWidth(node));
    const height = isCollapsed(node) && lanes > 0 ? PADDING.zonalTitle + PADDING.laneHeader + 28 : COLLAPSED.height;
    return { width, height };
}

export function topPadding(node: DiagramNode): number {
    switch (node.kind) {
        case 'region': return PADDING.region;
        case 'cell': return PADDING.cell;
        case 'global': return PADDING.global;
        // Open, its AZ columns' header is a box of the layout (see `columnsWidth`); collapsed, it is drawn inside.
        case 'zonal': return isCollapsed(node) ? PADDING.zonalTitle + PADDING.laneHeader : PADDING.zonalTitle;
        default: return 0;
    }
}

/** The AZ band must be wide enough for its lane headers even when few services sit in it. */
export function minimumContainerWidth(node: DiagramNode): number {
    // Cells: room for the `×4` badge and the blast-radius note (`2/4 cells down`) beside the title.
    const note = node.kind === 'cell' ? textWidth('×44  44/44 cells down', FONT.detail, true) : 0;
    const title = textWidth(`${node.label}  ${node.detail ?? ''}`, FONT.title, true) + 90 + note;
    return Math.max(title, lanesWidth(node));
}

/** An AZ lane header's text: `AZ a` in bold, then its AZ id. */
export function laneLabel(az: DiagramNode): string {
    return `AZ ${az.label}`;
}

/** Width a lane needs to show its name and AZ id whole (`AZ a  usw2-az1`). */
export function laneTextWidth(az: DiagramNode): number {
    return textWidth(laneLabel(az), FONT.detail, true) + (az.detail ? 6 + textWidth(az.detail, FONT.small) : 0) + 12;
}

/** A band's lanes share its width equally: each as wide as the widest needs. */
function lanesWidth(node: DiagramNode): number {
    const azs = node.kind === 'zonal' ? node.children.filter(c => c.kind === 'az') : [];
    if (azs.length === 0) return 0;
    const lane = Math.max(LANE.minWidth, ...azs.map(laneTextWidth));
    return azs.length * (lane + LANE.gap) + 2 * PADDING.side;
}

/**
 * The width of an open AZ band's columns, one per AZ side by side: its header and every zonal service card in it
 * are this wide, so that a card's AZ slots sit in the columns of their AZs. Room for the lane headers and for the
 * widest card's text.
 */
export function columnsWidth(band: DiagramNode): number {
    const lanes = lanesWidth(band) - 2 * PADDING.side - LANE.gap;
    const cards = band.children.filter(c => c.kind === 'service').map(c => serviceSize(c).width);
    return Math.max(lanes, ...cards);
}

/** The columns of `count` AZs across `width` from `x`, in lane order. */
export function columnSpans(x: number, width: number, count: number): Array<{ x: number; width: number }> {
    const column = (width - (count - 1) * LANE.gap) / count;
    return Array.from({ length: count }, (_, i) => ({ x: x + i * (column + LANE.gap), width: column }));
}
