import { cellBadgeText, cellBadgeWidth, titleBaseline, titleFont, titleLabel } from './container-titles.js';
import type { ScenarioJson } from '../protocol/failures.js';
import type { NodeState } from './blast-states.js';
import { SVG_MARKER } from './diagram-file-marker.js';
import { EDGE_STYLES, FONT_FAMILY, diagramCss, type Palette } from './diagram-style.js';
import type { DiagramEdgeKind, DiagramNode } from './diagram-types.js';
import { isCollapsed } from './diagram-view.js';
import { ENTRY_TAG, FONT, PADDING, SERVICE, laneLabel } from './geometry.js';
import { GLYPHS } from './glyphs.js';
import { capacityText, explainFailure, type CapacityLost, type FailureExplanation } from './failure-reasons.js';
import { findingsOnElements, type DrawnFinding } from './diagram-findings.js';
import type { DiagramLayout, PlacedEdge, PlacedNode, Point } from './layout.js';
import { shrinkToFit, textWidth } from './text-metrics.js';

/**
 * Renders a laid-out diagram as an SVG string: pure string building, shared by the webview and the CLI. Every
 * text that comes from the user (names, titles, labels) goes through `escapeXml`.
 */
export interface RenderOptions {
    /** Node states under the selected failure (see `statesOf`). */
    readonly states?: ReadonlyMap<string, NodeState>;
    /** The selected failure, for the legend. */
    readonly scenario?: ScenarioJson;
    /** Embed a stylesheet with these colours (files); without it the page's stylesheet styles the classes. */
    readonly palette?: Palette;
    /** Draw collapse/expand toggles (the webview). */
    readonly interactive?: boolean;
    /** Rule findings, drawn as a badge on the element each is about. */
    readonly findings?: readonly DrawnFinding[];
}

export function escapeXml(text: string): string {
    // Characters XML 1.0 forbids even escaped (controls in a title, lone surrogates) would make the SVG unreadable.
    return text.replace(/[&<>"']/g, ch => ESCAPES[ch]).replace(NOT_XML, '\ufffd');
}
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' };

/** A text as drawn, with the box it must stay inside: what the image tests check. */
export interface DrawnText {
    readonly text: string;
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
    /** The box it belongs in (its card, lane, container, or the whole picture), in the same coordinates. */
    readonly within: Box;
    /** The element it belongs to (a node id, an edge id, `#header`). */
    readonly owner: string;
}
export interface RenderedSvg {
    readonly svg: string;
    readonly texts: DrawnText[];
    readonly width: number;
    readonly height: number;
}
export interface Box { readonly x: number; readonly y: number; readonly width: number; readonly height: number; }

const LEGEND_ITEM = 34;
/** Arrowheads are the same size on every edge, whatever its width. */
export const ARROW = 10;
const HEADER_LINE = 24;
const HEADER_TOP = 14;
/** The header wraps at the drawing's width, but never narrower than this. */
const MIN_HEADER_WIDTH = 520;

export function renderSvg(layout: DiagramLayout, options: RenderOptions = {}): string {
    return new SvgWriter(layout, options).write().svg;
}

/** The SVG and every text in it with its box. */
export function renderSvgWithTexts(layout: DiagramLayout, options: RenderOptions = {}): RenderedSvg {
    return new SvgWriter(layout, options).write();
}

/** Height of the title, legend and failure summary above the diagram (they wrap on narrow drawings). */
export function headerHeight(layout: DiagramLayout, options: RenderOptions): number {
    return planHeader(layout, options).height;
}

/** The kinds of edges a layout draws, in legend order: the legend shows only these. */
export function drawnEdgeKinds(layout: DiagramLayout): DiagramEdgeKind[] {
    const drawn = new Set(layout.edges.map(e => e.edge.kind));
    return (Object.keys(EDGE_STYLES) as DiagramEdgeKind[]).filter(kind => drawn.has(kind));
}

/** One piece of the header: drawn at (x, baseline), `width` wide. */
interface HeaderItem {
    readonly width: number;
    /** Starts a new line. */
    readonly newLine?: boolean;
    /** Part of the failure summary (`.blast-legend`), not of the title or edge legend. */
    readonly blast?: boolean;
    draw(x: number, baseline: number, writer: HeaderOutput): void;
}
interface HeaderOutput {
    push(svg: string): void;
    text(text: string, x: number, baseline: number, size: number, cls: string, bold: boolean): void;
}

/** The header's items flowed into lines no wider than the picture. */
function planHeader(layout: DiagramLayout, options: RenderOptions): { width: number; height: number; placed: Array<{ item: HeaderItem; x: number; baseline: number }> } {
    const items = headerItems(layout, options);
    const title = items[0].width + 32;
    const width = Math.ceil(Math.max(layout.width, MIN_HEADER_WIDTH, title));
    const placed: Array<{ item: HeaderItem; x: number; baseline: number }> = [];
    let x = 16;
    let baseline = HEADER_TOP + 14;
    for (const [i, item] of items.entries()) {
        if (i > 0 && (item.newLine || x + item.width > width - 16)) {
            x = 16;
            baseline += HEADER_LINE;
        }
        placed.push({ item, x, baseline });
        x += item.width + 16;
    }
    return { width, height: baseline + 16, placed };
}

function headerItems(layout: DiagramLayout, options: RenderOptions): HeaderItem[] {
    const { title, subtitle } = layout.model;
    const text = (value: string, size: number, cls = '', bold = false, newLine = false): HeaderItem => ({
        width: textWidth(value, size, bold), newLine,
        draw: (x, baseline, out) => out.text(value, x, baseline, size, cls, bold),
    });
    const items: HeaderItem[] = [text(title, 16, 'bold', true)];
    if (subtitle) items.push(text(subtitle, 12, 'muted'));
    drawnEdgeKinds(layout).forEach((kind, i) => {
        const label = EDGE_STYLES[kind].legend;
        items.push({
            width: LEGEND_ITEM + textWidth(label, FONT.small), newLine: i === 0,
            draw: (x, baseline, out) => {
                out.push(`<path class="edge edge-${kind}" d="M${x} ${baseline - 4}h${LEGEND_ITEM - 6}" marker-end="url(#${markerId(kind)})"${kind === 'replica-of' ? ` marker-start="url(#${markerId(kind, true)})"` : ''}/>`);
                out.text(label, x + LEGEND_ITEM, baseline, FONT.small, 'muted', false);
            },
        });
    });
    const scenario = options.scenario;
    if (scenario) items.push(...blastItems(scenario, text));
    return items;
}

/** The failure summary: its name, the colours' legend, the customers and entry points down. */
function blastItems(scenario: ScenarioJson, text: (value: string, size: number, cls?: string, bold?: boolean, newLine?: boolean) => HeaderItem): HeaderItem[] {
    const items: HeaderItem[] = [];
    items.push(text(`Failure: ${scenario.name}`, FONT.name, 'bold', true, true));
    const swatch = (state: string, label: string): HeaderItem => ({
        width: 20 + textWidth(label, FONT.detail),
        draw: (x, baseline, out) => {
            out.push(`<rect class="swatch-${state}" x="${x}" y="${baseline - 11}" width="14" height="14" rx="3"/>`);
            out.text(label, x + 20, baseline, FONT.detail, 'muted', false);
        },
    });
    items.push(swatch('cause', 'cause'), swatch('failed', `failed (${scenario.failed.length})`), swatch('degraded', `degraded (${scenario.degraded.length})`), swatch('ok', 'healthy'));
    const down = Math.round(scenario.customersDown * 1000) / 10;
    items.push(text(`Customers down: ${down}%`, FONT.name, down > 0 ? 'bold note-failed' : 'bold', true));
    const entries = Object.values(scenario.entryPoints);
    const entriesDown = entries.filter(s => s === 'failed').length;
    if (entries.length > 0) items.push(text(`Entry points down: ${entriesDown} of ${entries.length}`, FONT.detail, entriesDown > 0 ? 'note-failed' : 'muted'));
    return items.map(item => ({ ...item, blast: true }));
}

/** Markers point along the path's direction (`orient="auto"`); a start marker has its own reversed shape, as
 * rasterisers such as resvg ignore `auto-start-reverse`. */
function markerId(kind: DiagramEdgeKind | 'failed', start = false): string {
    return `resil-arrow-${kind}${start ? '-start' : ''}`;
}

class SvgWriter {
    private readonly out: string[] = [];
    private readonly states: ReadonlyMap<string, NodeState>;
    private readonly texts: DrawnText[] = [];
    private picture: Box = { x: 0, y: 0, width: 0, height: 0 };
    /** The header's height: the drawing below it is shifted down by it. */
    private offset = 0;
    /** Why each element failed, under a failure. */
    private readonly explanation?: FailureExplanation;
    /** Reasons cut on their card, listed whole below the drawing: `[node id, reason]`, numbered from 1. */
    private readonly footnotes: Array<[string, string]> = [];
    private readonly placedNodes = new Map<string, PlacedNode>();
    /** The AZ bands, and the zonal service cards in them: their slots sit in the band's columns. */
    private readonly bands: PlacedNode[] = [];
    private readonly bandOf = new Map<string, PlacedNode>();

    constructor(private readonly layout: DiagramLayout, private readonly options: RenderOptions) {
        this.states = options.states ?? new Map();
        if (options.scenario) this.explanation = explainFailure(layout.model, options.scenario, this.states);
        const collect = (nodes: readonly PlacedNode[]) => nodes.forEach(n => {
            this.placedNodes.set(n.node.id, n);
            if (n.node.kind === 'zonal') {
                this.bands.push(n);
                for (const card of n.children) if (card.node.kind === 'service') this.bandOf.set(card.node.id, n);
            }
            collect(n.children);
        });
        collect(layout.nodes);
    }

    write(): RenderedSvg {
        const plan = planHeader(this.layout, this.options);
        const header = plan.height;
        const width = plan.width;
        const footer = this.footerHeight();
        const height = Math.ceil(this.layout.height + header + footer);
        this.picture = { x: 0, y: 0, width, height };
        this.out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="resil-diagram" font-family="${escapeXml(FONT_FAMILY)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
        if (this.options.palette) {
            this.out.push(SVG_MARKER);
            this.out.push(`<style>${diagramCss(this.options.palette)}</style>`);
            this.out.push(`<rect class="background" width="${width}" height="${height}"/>`);
        }
        this.defs();
        this.header(plan.placed);
        this.offset = header;
        this.out.push(`<g transform="translate(0,${header})">`);
        this.out.push('<g class="containers">');
        for (const node of this.layout.nodes) this.container(node);
        this.out.push('</g><g class="edges">');
        for (const edge of this.layout.edges) this.edge(edge);
        this.out.push('</g><g class="lanes">');
        for (const node of this.layout.nodes) this.lanes(node);
        this.out.push('</g><g class="services">');
        for (const node of this.layout.nodes) this.leaves(node);
        this.out.push('</g><g class="failed-columns">');
        for (const band of this.bands) this.failedColumns(band);
        this.out.push('</g><g class="finding-badges">');
        this.findingBadges();
        this.out.push('</g><g class="edge-labels">');
        for (const edge of this.layout.edges) this.edgeLabel(edge);
        this.out.push('</g>');
        this.footer();
        this.out.push('</g></svg>');
        return { svg: this.out.join(''), texts: this.texts, width, height };
    }

    /**
     * Room below the drawing for the reasons that do not fit on their cards. Known before drawing: a reason is cut
     * when it does not fit the card's second line even shrunk (the same test `text` makes).
     */
    private footerHeight(): number {
        if (!this.explanation || this.options.interactive) return 0;
        let cut = 0;
        const visit = (nodes: readonly PlacedNode[]) => {
            for (const placed of nodes) {
                const explained = placed.node.kind === 'service' ? this.secondLine(placed.node).explained : undefined;
                if (explained && reasonCut(placed, explained)) cut++;
                visit(placed.children);
            }
        };
        visit(this.layout.nodes);
        return cut === 0 ? 0 : FOOTNOTE.top + cut * FOOTNOTE.line;
    }

    /** The numbered reasons, below the drawing, each on a line of its own. */
    private footer(): void {
        if (this.footnotes.length === 0) return;
        this.out.push('<g class="footnotes">');
        const top = this.layout.height + FOOTNOTE.top;
        this.footnotes.forEach(([id, reason], i) => {
            const baseline = top + i * FOOTNOTE.line;
            this.text(`${i + 1}`, 16, baseline, FONT.small, { cls: 'bold note-degraded', bold: true, within: this.picture, owner: id });
            this.text(`${id}: ${reason}`, 36, baseline, FONT.detail, { room: this.picture.width - 52, within: this.picture, owner: id });
        });
        this.out.push('</g>');
    }

    /**
     * Draws a text that must stay inside `within`: shrunk, then cut, to `room` (the full text stays in the
     * element's tooltip). Recorded in picture coordinates for the image tests.
     */
    private text(value: string, x: number, baseline: number, size: number, opts: { cls?: string; bold?: boolean; room?: number; anchor?: 'middle' | 'end'; within: Box; owner: string }): number {
        // The stylesheet draws notes and bold classes bold: measure them so.
        const bold = opts.bold ?? /\b(bold|note-)/.test(opts.cls ?? '');
        const fitted = opts.room === undefined ? { text: value, size } : shrinkToFit(value, size, opts.room, bold);
        const width = textWidth(fitted.text, fitted.size, bold);
        const left = opts.anchor === 'middle' ? x - width / 2 : opts.anchor === 'end' ? x - width : x;
        const anchor = opts.anchor ? ` text-anchor="${opts.anchor}"` : '';
        this.out.push(`<text x="${round(x)}" y="${round(baseline)}"${anchor} font-size="${fitted.size}"${opts.cls ? ` class="${opts.cls}"` : ''}>${escapeXml(fitted.text)}</text>`);
        const within = opts.within === this.picture ? this.picture : { ...opts.within, y: opts.within.y + this.offset };
        this.texts.push({ text: fitted.text, x: left, y: baseline + this.offset - fitted.size * 0.8, width, height: fitted.size, within, owner: opts.owner });
        return width;
    }

    private defs(): void {
        const marker = (id: string, cls: string, start: boolean) =>
            `<marker id="${id}" viewBox="0 0 10 10" refX="${start ? 1 : 9}" refY="5" markerUnits="userSpaceOnUse" markerWidth="${ARROW}" markerHeight="${ARROW}" orient="auto">` +
            `<path class="${cls}" d="${start ? 'M10 0L0 5L10 10z' : 'M0 0L10 5L0 10z'}"/></marker>`;
        const markers: string[] = [];
        for (const kind of [...drawnEdgeKinds(this.layout), 'failed' as const]) {
            markers.push(marker(markerId(kind), `arrow-${kind}`, false));
            if (kind === 'replica-of' || kind === 'failed') markers.push(marker(markerId(kind, true), `arrow-${kind}`, true));
        }
        const hatch = '<pattern id="resil-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="hatch" width="3" height="8"/></pattern>';
        this.out.push(`<defs>${markers.join('')}${hatch}</defs>`);
    }

    private header(placed: ReturnType<typeof planHeader>['placed']): void {
        this.out.push('<g class="header">');
        const output: HeaderOutput = {
            push: svg => this.out.push(svg),
            text: (value, x, baseline, size, cls, bold) => {
                this.text(value, x, baseline, size, { cls, bold, room: this.picture.width - 16 - x, within: this.picture, owner: '#header' });
            },
        };
        let blast = false;
        for (const { item, x, baseline } of placed) {
            if (item.blast && !blast) this.out.push('<g class="blast-legend">');
            blast = item.blast === true;
            item.draw(x, baseline, output);
        }
        this.out.push(blast ? '</g></g>' : '</g>');
    }

    private stateClass(id: string): string {
        const state = this.states.get(id)?.state;
        return state && state !== 'ok' ? ` state-${state}` : '';
    }

    private open(node: DiagramNode, cls: string): void {
        const state = this.states.get(node.id);
        const reason = this.explanation?.reasons.get(node.id);
        const tip = `${node.id}${node.detail ? ` (${node.detail})` : ''}${state && state.state !== 'ok' ? `: ${state.state}${state.note ? `, ${state.note}` : ''}` : ''}` +
            `${reason ? ` (${reason.text})` : ''}`;
        this.out.push(`<g class="${cls}${this.stateClass(node.id)}${reason?.cause ? ' cause' : ''}" data-id="${escapeXml(node.id)}"><title>${escapeXml(tip)}</title>`);
        if (reason?.cause && node.kind !== 'az') this.causeRing(this.placedOf(node));
    }

    /** The injected failure's ring: a bold dashed outline around the element, apart from what fails because of it. */
    private causeRing(placed: PlacedNode | undefined): void {
        if (!placed) return;
        const { x, y, width, height } = placed;
        this.out.push(`<rect class="cause-ring" x="${x - 4}" y="${y - 4}" width="${width + 8}" height="${height + 8}" rx="10"/>`);
    }

    private placedOf(node: DiagramNode): PlacedNode | undefined {
        return this.placedNodes.get(node.id);
    }

    private container(placed: PlacedNode): void {
        const { node, x, y, width, height } = placed;
        if (node.kind === 'service' || node.kind === 'az') return;
        this.open(node, `node container kind-${node.kind}`);
        this.out.push(`<rect class="box ${node.kind}" x="${x}" y="${y}" width="${width}" height="${height}" rx="${node.kind === 'zonal' ? 6 : 10}"/>`);
        this.containerTitle(placed);
        if (isCollapsed(node)) {
            const hidden = `${node.hidden} service${node.hidden === 1 ? '' : 's'} hidden`;
            const lanes = placed.children.some(c => c.node.kind === 'az');
            this.text(hidden, x + PADDING.side, y + (lanes ? height - 10 : height - 14), FONT.detail, { cls: 'muted', room: width - 2 * PADDING.side, within: placed, owner: node.id });
        }
        this.out.push('</g>');
        for (const child of placed.children) this.container(child);
    }

    /**
     * A failed AZ's column, from its lane header to the band's bottom, hatched over the cards in it: what runs there
     * is gone.
     */
    private failedColumns(band: PlacedNode): void {
        for (const lane of band.children) {
            if (lane.node.kind !== 'az' || this.states.get(lane.node.id)?.state !== 'failed') continue;
            const top = lane.y + lane.height;
            const bottom = band.y + band.height - 4;
            if (bottom > top) this.out.push(`<rect class="az-failed-column" data-az="${escapeXml(lane.node.id)}" x="${lane.x}" y="${top}" width="${lane.width}" height="${bottom - top}" fill="url(#resil-hatch)"/>`);
        }
    }

    /** AZ lane headers sit above the edges: an edge entering the band passes behind them, never over their text. */
    private lanes(placed: PlacedNode): void {
        if (placed.node.kind === 'az') this.lane(placed);
        for (const child of placed.children) this.lanes(child);
    }

    private containerTitle(placed: PlacedNode): void {
        const { node, x, y, width } = placed;
        const size = titleFont(node);
        const baseline = y + titleBaseline(node);
        const label = titleLabel(node);
        const state = this.states.get(node.id);
        const note = state?.note;
        const right = x + width - PADDING.side - (this.options.interactive && node.kind !== 'global' ? 24 : 0);
        const noteWidth = note ? textWidth(note, FONT.detail) + 10 : 0;
        const badgeWidth = node.kind === 'cell' ? cellBadgeWidth(node) + 10 : 0;
        const left = placed.title?.x ?? x + PADDING.side;
        const titleWidth = this.text(label, left, baseline, size, {
            cls: node.kind === 'zonal' ? 'muted bold' : 'bold', bold: true, room: Math.max(1, right - left - noteWidth - badgeWidth), within: placed, owner: node.id,
        });
        let after = left + titleWidth + 10;
        if (node.detail && node.kind !== 'zonal') {
            const room = right - after - noteWidth - badgeWidth;
            if (room > 0) after += this.text(node.detail, after, baseline, FONT.detail, { cls: 'muted', room, within: placed, owner: node.id }) + 10;
        }
        if (node.kind === 'cell') this.cellBadge(node, after, baseline);
        if (note) this.text(note, right, baseline, FONT.detail, { cls: `note-${state.state}`, anchor: 'end', within: placed, owner: node.id });
        if (this.options.interactive && node.kind !== 'global') {
            this.toggle(x + width - 26, y + 8, 'collapse', node.id, isCollapsed(node) ? '+' : '−', isCollapsed(node) ? 'Expand' : 'Collapse');
        }
    }

    private cellBadge(node: DiagramNode, x: number, baseline: number): void {
        const text = cellBadgeText(node);
        const width = cellBadgeWidth(node);
        const cellId = node.replica !== undefined ? node.id.replace(/\[\d+\]$/, '') : node.id;
        const canToggle = this.options.interactive && (node.replicas ?? 0) > 1 || node.replica !== undefined;
        const attrs = this.options.interactive && canToggle
            ? ` class="toggle badge-toggle" data-toggle="replicas" data-target="${escapeXml(cellId)}"` : '';
        const tip = node.replica !== undefined ? 'Show the replicas as one box' : 'Show one box per replica';
        this.out.push(`<g${attrs}>${attrs ? `<title>${tip}</title>` : ''}<rect class="badge" x="${x}" y="${baseline - 13}" width="${width}" height="17" rx="8.5"/>` +
            `<text class="badge-text" x="${x + width / 2}" y="${baseline}" text-anchor="middle" font-size="${FONT.detail}">${escapeXml(text)}</text></g>`);
    }

    private toggle(x: number, y: number, action: string, target: string, symbol: string, tip: string): void {
        this.out.push(`<g class="toggle" data-toggle="${action}" data-target="${escapeXml(target)}"><title>${tip}</title>` +
            `<rect class="button" x="${x}" y="${y}" width="18" height="18" rx="4"/><text x="${x + 9}" y="${y + 13.5}" text-anchor="middle" font-size="14">${symbol}</text></g>`);
    }

    private lane(placed: PlacedNode): void {
        const { node, x, y, width, height } = placed;
        this.open(node, 'node lane-node');
        if (this.explanation?.reasons.get(node.id)?.cause) this.causeRing(placed);
        this.out.push(`<rect class="lane" x="${x}" y="${y}" width="${width}" height="${height}" rx="5"/>`);
        const label = laneLabel(node);
        const detail = node.detail ?? '';
        // The band is made wide enough for both (geometry.ts); a very long AZ id shrinks, then is cut.
        const labelWidth = textWidth(label, FONT.detail, true);
        const total = labelWidth + (detail ? 6 + textWidth(detail, FONT.small) : 0);
        const start = x + Math.max(6, (width - total) / 2);
        const drawn = this.text(label, start, y + 18, FONT.detail, { cls: 'bold', bold: true, room: width - 12, within: placed, owner: node.id });
        if (detail) {
            const room = x + width - 6 - (start + drawn + 6);
            if (room > 0) this.text(detail, start + drawn + 6, y + 18, FONT.small, { cls: 'muted', room, within: placed, owner: node.id });
        }
        this.out.push('</g>');
    }

    private leaves(placed: PlacedNode): void {
        if (placed.node.kind === 'service') this.service(placed);
        for (const child of placed.children) this.leaves(child);
    }

    private service(placed: PlacedNode): void {
        const { node, x, y, width } = placed;
        this.open(node, `node service-node kind-${node.serviceKind ?? 'service'}`);
        this.out.push(`<rect class="service" x="${x}" y="${y}" width="${width}" height="${placed.height}" rx="7"/>`);
        const glyph = node.serviceKind ? GLYPHS[node.serviceKind] : undefined;
        if (glyph) {
            const gx = x + SERVICE.glyphX;
            const gy = y + (SERVICE.height - SERVICE.glyph) / 2;
            this.out.push(`<rect class="tile cat-${glyph.category}" x="${gx}" y="${gy}" width="${SERVICE.glyph}" height="${SERVICE.glyph}" rx="5"/>` +
                `<path class="glyph" transform="translate(${gx + 3} ${gy + 3}) scale(0.833)" d="${glyph.path}"/>`);
        }
        const room = width - SERVICE.textX - 8 - (node.entry ? ENTRY_TAG : 0);
        this.text(node.label, x + SERVICE.textX, y + 22, FONT.name, { cls: 'bold', bold: true, room, within: placed, owner: node.id });
        const { text: second, cls: secondClass, explained } = this.secondLine(node);
        const noted = explained !== undefined && !this.options.interactive && reasonCut(placed, explained);
        this.text(second, x + SERVICE.textX, y + 38, FONT.detail, { cls: secondClass, room: width - SERVICE.textX - 8 - (noted ? FOOTNOTE.mark : 0), within: placed, owner: node.id });
        const capacity = this.explanation?.capacity.get(node.id);
        if (noted) this.footnote(placed, explained);
        if (capacity) this.capacityBar(placed, capacity);
        if (node.entry) {
            this.out.push(`<rect class="entry-tag" x="${x + width - 44}" y="${y + 9}" width="36" height="15" rx="7.5"/>` +
                `<text class="entry-text" x="${x + width - 26}" y="${y + 20}" text-anchor="middle" font-size="9.5">entry</text>`);
        }
        this.slots(placed);
        this.out.push('</g>');
    }

    /**
     * A card's second line: how much of a node drawn once for several replicas is down, else why it failed or what
     * capacity it lost (`explained`), else its kind.
     */
    private secondLine(node: DiagramNode): { text: string; cls: string; explained?: string } {
        const state = this.states.get(node.id);
        if (state?.note) return { text: state.note, cls: `note-${state.state}` };
        const reason = this.explanation?.reasons.get(node.id);
        const capacity = this.explanation?.capacity.get(node.id);
        const explained = reason && !reason.cause ? reason.text : capacity ? capacityText(capacity) : undefined;
        if (!explained) return { text: node.detail ?? '', cls: 'muted' };
        return { text: explained, cls: state && state.state !== 'ok' ? `note-${state.state}` : 'muted', explained };
    }

    /** A numbered mark on the card's corner; the reason is listed whole below the drawing. */
    private footnote(placed: PlacedNode, reason: string): void {
        this.footnotes.push([placed.node.id, reason]);
        const n = `${this.footnotes.length}`;
        const r = FOOTNOTE.mark / 2 - 1;
        const cx = placed.x + placed.width - 6 - r;
        const cy = placed.y + 34;
        this.out.push(`<circle class="footnote-mark" cx="${cx}" cy="${cy}" r="${r}"/>`);
        this.text(n, cx, cy + 3.5, FONT.small, { cls: 'badge-text', anchor: 'middle', room: 2 * r - 2, within: { x: cx - r, y: cy - r, width: 2 * r, height: 2 * r }, owner: placed.node.id });
    }

    /** What is left of a zonal service's instances, against what it needs: a bar along the card's bottom. */
    private capacityBar(placed: PlacedNode, capacity: CapacityLost): void {
        const left = placed.x + 8;
        const width = placed.width - 16;
        const y = placed.y + placed.height - 5;
        const share = (n: number) => capacity.total > 0 ? Math.min(1, n / capacity.total) * width : 0;
        const short = capacity.needs !== undefined && capacity.left < capacity.needs;
        this.out.push(`<g class="capacity-bar"><title>${escapeXml(capacityText(capacity))}</title>` +
            `<rect class="capacity-track" x="${left}" y="${y}" width="${width}" height="3" rx="1.5"/>` +
            `<rect class="capacity-left${short ? ' short' : ''}" x="${left}" y="${y}" width="${share(capacity.left)}" height="3" rx="1.5"/>` +
            (capacity.needs !== undefined ? `<rect class="capacity-needs" x="${left + share(capacity.needs) - 1}" y="${y - 2}" width="2" height="7"/>` : '') + '</g>');
    }

    /** One slot per AZ of the region, in lane order: the AZ name and the instances there. */
    private slots(placed: PlacedNode): void {
        const slots = placed.node.azSlots ?? [];
        if (slots.length === 0) return;
        const y = placed.y + SERVICE.height - 4;
        const spans = this.slotSpans(placed, slots.length);
        slots.forEach((slot, i) => {
            const { x: sx, width } = spans[i];
            const failed = this.states.get(slot.az)?.state === 'failed' && slot.used;
            const cls = `slot ${slot.used ? 'used' : 'unused'}${failed ? ' failed' : ''}`;
            const text = slot.used ? (slot.count > 0 ? `${slot.label} · ${slot.count}` : slot.label) : '–';
            this.out.push(`<rect class="${cls}" x="${sx}" y="${y}" width="${width}" height="17" rx="3"/>`);
            this.text(text, sx + width / 2, y + 12.5, FONT.small, { cls: slot.used ? '' : 'muted', anchor: 'middle', room: width - 4, within: { x: sx, y, width, height: 17 }, owner: placed.node.id });
        });
    }

    /**
     * One badge per element with findings, on its top right corner: how many, coloured by the worst, the findings in
     * its tooltip. The webview takes a click on it to the first of them in the source.
     */
    private findingBadges(): void {
        if (!this.options.findings?.length) return;
        for (const [id, { findings, severity }] of findingsOnElements(this.layout.model, this.options.findings)) {
            const placed = this.placedNodes.get(id);
            if (!placed) continue;
            const r = BADGE_RADIUS;
            const cx = placed.x + placed.width - r / 2;
            const cy = placed.y + r / 2;
            const tip = findings.map(f => `${f.severity}${f.rule ? ` ${f.rule}` : ''}: ${f.message}`).join('\n');
            this.out.push(`<g class="finding-badge severity-${severity}" data-finding="${escapeXml(id)}"><title>${escapeXml(tip)}</title><circle cx="${cx}" cy="${cy}" r="${r}"/>`);
            const count = findings.length > 99 ? '99+' : `${findings.length}`;
            this.text(count, cx, cy + 3.5, FONT.small, { cls: 'badge-text', anchor: 'middle', room: 2 * r - 2, within: { x: cx - r, y: cy - r, width: 2 * r, height: 2 * r }, owner: id });
            this.out.push('</g>');
        }
    }

    /** A card's AZ slots: in a band, each inside its AZ's column (the card is as wide as the columns). */
    private slotSpans(placed: PlacedNode, count: number): Array<{ x: number; width: number }> {
        const lanes = this.bandOf.get(placed.node.id)?.children.filter(c => c.node.kind === 'az');
        if (lanes?.length === count) return lanes.map(lane => ({ x: lane.x + SLOT_INSET, width: lane.width - 2 * SLOT_INSET }));
        const gap = 4;
        const width = (placed.width - 16 - (count - 1) * gap) / count;
        return Array.from({ length: count }, (_, i) => ({ x: placed.x + 8 + i * (width + gap), width }));
    }

    private edge(placed: PlacedEdge): void {
        if (placed.points.length < 2) return;
        const { edge } = placed;
        const toFailed = this.states.get(edge.target)?.state === 'failed';
        const kind = toFailed ? 'failed' : edge.kind;
        const both = edge.kind === 'replica-of' ? ` marker-start="url(#${markerId(kind, true)})"` : '';
        const failover = edge.kind === 'failover' && this.explanation ? (this.explanation.failoverTaken.has(edge.id) ? ' path-taken' : ' path-idle') : '';
        this.out.push(`<path class="edge edge-${edge.kind}${toFailed ? ' to-failed' : ''}${failover}" data-edge="${escapeXml(edge.id)}" d="${pathOf(placed.points)}" marker-end="url(#${markerId(kind)})"${both}/>`);
    }

    private edgeLabel(placed: PlacedEdge): void {
        const label = placed.label;
        if (!label) return;
        this.out.push(`<rect class="edge-label-bg" x="${label.x}" y="${label.y}" width="${label.width}" height="${label.height}" rx="3"/>`);
        this.text(label.text, label.x + label.width / 2, label.y + label.height - 4.5, FONT.small, { cls: 'muted', anchor: 'middle', room: label.width - 2, within: label, owner: placed.edge.id });
    }
}

const BADGE_RADIUS = 9;

/** Between a column's side and the slot of its AZ on a card. */
const SLOT_INSET = 4;

/** The reasons' list below the drawing, and the numbered mark (`mark` wide) at the end of a card's second line. */
const FOOTNOTE = { top: 26, line: 17, mark: 18 } as const;

/** Whether a reason cannot be drawn whole on a service card's second line, even shrunk (reasons are bold notes). */
function reasonCut(placed: PlacedNode, reason: string): boolean {
    return shrinkToFit(reason, FONT.detail, placed.width - SERVICE.textX - 8, true).text !== reason;
}

function pathOf(points: readonly Point[]): string {
    return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)} ${round(p.y)}`).join('');
}

function round(n: number): number {
    return Math.round(n * 10) / 10;
}
