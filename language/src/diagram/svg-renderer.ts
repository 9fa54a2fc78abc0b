import type { ScenarioJson } from '../protocol/failures.js';
import type { NodeState } from './blast-states.js';
import { SVG_MARKER } from './diagram-file-marker.js';
import { FONT_FAMILY, diagramCss, type Palette } from './diagram-style.js';
import type { DiagramEdge, DiagramNode } from './diagram-types.js';
import { isCollapsed } from './diagram-view.js';
import { FONT, PADDING, SERVICE } from './geometry.js';
import { GLYPHS } from './glyphs.js';
import type { DiagramLayout, PlacedEdge, PlacedNode, Point } from './layout.js';
import { fitText, textWidth } from './text-metrics.js';

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
}

export function escapeXml(text: string): string {
    // Characters XML 1.0 forbids even escaped (controls in a title, lone surrogates) would make the SVG unreadable.
    return text.replace(/[&<>"']/g, ch => ESCAPES[ch]).replace(NOT_XML, '\ufffd');
}
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' };

const HEADER = { plain: 62, scenario: 90 } as const;
const EDGE_LEGEND: ReadonlyArray<[DiagramEdge['kind'], string]> = [
    ['hard', 'uses'], ['soft', 'soft'], ['async', 'async / consumes'], ['dlq', 'DLQ'], ['failover', 'failover'],
    ['replica-of', 'replica'], ['routes', 'router to cells'],
];
const LEGEND_ITEM = 34;

export function renderSvg(layout: DiagramLayout, options: RenderOptions = {}): string {
    return new SvgWriter(layout, options).write();
}

/** Height of the title and legend above the diagram. */
export function headerHeight(options: RenderOptions): number {
    return options.scenario ? HEADER.scenario : HEADER.plain;
}

class SvgWriter {
    private readonly out: string[] = [];
    private readonly states: ReadonlyMap<string, NodeState>;

    constructor(private readonly layout: DiagramLayout, private readonly options: RenderOptions) {
        this.states = options.states ?? new Map();
    }

    write(): string {
        const header = headerHeight(this.options);
        const legendWidth = EDGE_LEGEND.reduce((w, [, label]) => w + LEGEND_ITEM + textWidth(label, FONT.small) + 16, 32);
        const width = Math.ceil(Math.max(this.layout.width, legendWidth, this.titleWidth() + 32));
        const height = Math.ceil(this.layout.height + header);
        this.out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="resil-diagram" font-family="${escapeXml(FONT_FAMILY)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
        if (this.options.palette) {
            this.out.push(SVG_MARKER);
            this.out.push(`<style>${diagramCss(this.options.palette)}</style>`);
            this.out.push(`<rect class="background" width="${width}" height="${height}"/>`);
        }
        this.defs();
        this.header();
        this.out.push(`<g transform="translate(0,${header})">`);
        this.out.push('<g class="containers">');
        for (const node of this.layout.nodes) this.container(node);
        this.out.push('</g><g class="edges">');
        for (const edge of this.layout.edges) this.edge(edge);
        this.out.push('</g><g class="lanes">');
        for (const node of this.layout.nodes) this.lanes(node);
        this.out.push('</g><g class="services">');
        for (const node of this.layout.nodes) this.leaves(node);
        this.out.push('</g><g class="edge-labels">');
        for (const edge of this.layout.edges) this.edgeLabel(edge);
        this.out.push('</g></g></svg>');
        return this.out.join('');
    }

    private titleWidth(): number {
        const { title, subtitle } = this.layout.model;
        return textWidth(title, 16, true) + (subtitle ? 16 + textWidth(subtitle, 12) : 0);
    }

    private defs(): void {
        const marker = (id: string, cls: string, reverse = false) =>
            `<marker id="${id}" viewBox="0 0 10 10" refX="${reverse ? 1 : 9}" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
            `<path class="${cls}" d="M0 0L10 5L0 10z"/></marker>`;
        this.out.push(`<defs>${marker('resil-arrow', 'arrow')}${marker('resil-arrow-failed', 'arrow-failed')}${marker('resil-arrow-replica', 'arrow-replica')}</defs>`);
    }

    private header(): void {
        const { title, subtitle } = this.layout.model;
        this.out.push('<g class="header">');
        this.out.push(`<text x="16" y="26" font-size="16" class="bold">${escapeXml(title)}</text>`);
        if (subtitle) this.out.push(`<text x="${32 + textWidth(title, 16, true)}" y="26" font-size="12" class="muted">${escapeXml(subtitle)}</text>`);
        let x = 16;
        for (const [kind, label] of EDGE_LEGEND) {
            const marker = kind === 'replica-of' ? 'resil-arrow-replica' : 'resil-arrow';
            this.out.push(`<path class="edge edge-${kind}" d="M${x} 46h${LEGEND_ITEM - 6}" marker-end="url(#${marker})"/>`);
            x += LEGEND_ITEM;
            this.out.push(`<text x="${x}" y="50" font-size="${FONT.small}" class="muted">${escapeXml(label)}</text>`);
            x += textWidth(label, FONT.small) + 16;
        }
        const scenario = this.options.scenario;
        if (scenario) this.scenarioLegend(scenario);
        this.out.push('</g>');
    }

    private scenarioLegend(scenario: ScenarioJson): void {
        const y = 78;
        const parts: string[] = [];
        let x = 16;
        const text = (value: string, cls = '', size: number = FONT.name) => {
            parts.push(`<text x="${x}" y="${y}" font-size="${size}"${cls ? ` class="${cls}"` : ''}>${escapeXml(value)}</text>`);
            x += textWidth(value, size, cls.includes('bold')) + 14;
        };
        const swatch = (state: string, label: string) => {
            parts.push(`<rect class="swatch-${state}" x="${x}" y="${y - 11}" width="14" height="14" rx="3"/>`);
            x += 20;
            text(label, 'muted', FONT.detail);
        };
        text(`Failure: ${scenario.name}`, 'bold');
        swatch('failed', `failed (${scenario.failed.length})`);
        swatch('degraded', `degraded (${scenario.degraded.length})`);
        swatch('ok', 'healthy');
        const down = Math.round(scenario.customersDown * 1000) / 10;
        text(`Customers down: ${down}%`, down > 0 ? 'bold note-failed' : 'bold');
        const entries = Object.values(scenario.entryPoints);
        const entriesDown = entries.filter(s => s === 'failed').length;
        if (entries.length > 0) text(`Entry points down: ${entriesDown} of ${entries.length}`, entriesDown > 0 ? 'note-failed' : 'muted', FONT.detail);
        this.out.push(`<g class="blast-legend">${parts.join('')}</g>`);
    }

    private stateClass(id: string): string {
        const state = this.states.get(id)?.state;
        return state && state !== 'ok' ? ` state-${state}` : '';
    }

    private open(node: DiagramNode, cls: string): void {
        const state = this.states.get(node.id);
        const tip = `${node.id}${node.detail ? ` (${node.detail})` : ''}${state && state.state !== 'ok' ? `: ${state.state}${state.note ? `, ${state.note}` : ''}` : ''}`;
        this.out.push(`<g class="${cls}${this.stateClass(node.id)}" data-id="${escapeXml(node.id)}"><title>${escapeXml(tip)}</title>`);
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
            this.out.push(`<text x="${x + PADDING.side}" y="${y + (lanes ? height - 10 : height - 14)}" font-size="${FONT.detail}" class="muted">${escapeXml(hidden)}</text>`);
        }
        this.out.push('</g>');
        for (const child of placed.children) this.container(child);
    }

    /** AZ lane headers sit above the edges: an edge entering the band passes behind them, never over their text. */
    private lanes(placed: PlacedNode): void {
        if (placed.node.kind === 'az') this.lane(placed);
        for (const child of placed.children) this.lanes(child);
    }

    private containerTitle(placed: PlacedNode): void {
        const { node, x, y, width } = placed;
        const size = node.kind === 'zonal' ? FONT.small : node.kind === 'cell' ? FONT.name : FONT.title;
        const baseline = y + (node.kind === 'zonal' ? 16 : node.kind === 'cell' ? 24 : 26);
        const label = node.kind === 'zonal' ? node.label.toUpperCase() : node.label;
        const room = width - 2 * PADDING.side - (this.options.interactive ? 24 : 0);
        const fitted = fitText(label, size, room, node.kind !== 'zonal');
        this.out.push(`<text x="${x + PADDING.side}" y="${baseline}" font-size="${size}" class="${node.kind === 'zonal' ? 'muted bold' : 'bold'}">${escapeXml(fitted)}</text>`);
        let after = x + PADDING.side + textWidth(fitted, size, true) + 10;
        if (node.detail && node.kind !== 'zonal') {
            this.out.push(`<text x="${after}" y="${baseline}" font-size="${FONT.detail}" class="muted">${escapeXml(fitText(node.detail, FONT.detail, Math.max(0, x + room - after)))}</text>`);
            after += textWidth(node.detail, FONT.detail) + 10;
        }
        if (node.kind === 'cell') this.cellBadge(node, after, baseline);
        const note = this.states.get(node.id)?.note;
        if (note) this.out.push(`<text x="${x + width - PADDING.side - (this.options.interactive ? 24 : 0)}" y="${baseline}" text-anchor="end" font-size="${FONT.detail}" class="note-${this.states.get(node.id)!.state}">${escapeXml(note)}</text>`);
        if (this.options.interactive && node.kind !== 'global') {
            this.toggle(x + width - 26, y + 8, 'collapse', node.id, isCollapsed(node) ? '+' : '−', isCollapsed(node) ? 'Expand' : 'Collapse');
        }
    }

    private cellBadge(node: DiagramNode, x: number, baseline: number): void {
        const text = node.replica !== undefined ? `of ${node.replicaIds?.length ?? '?'}` : `×${node.replicas ?? 1}`;
        const width = textWidth(text, FONT.detail, true) + 12;
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
        this.out.push(`<rect class="lane" x="${x}" y="${y}" width="${width}" height="${height}" rx="5"/>`);
        const label = `AZ ${node.label}`;
        const detail = node.detail ?? '';
        const total = textWidth(label, FONT.detail, true) + (detail ? 6 + textWidth(detail, FONT.small) : 0);
        const start = x + Math.max(6, (width - total) / 2);
        this.out.push(`<text x="${start}" y="${y + 18}" font-size="${FONT.detail}" class="bold">${escapeXml(fitText(label, FONT.detail, width - 12, true))}</text>`);
        if (detail && total + 12 <= width) {
            this.out.push(`<text x="${start + textWidth(label, FONT.detail, true) + 6}" y="${y + 18}" font-size="${FONT.small}" class="muted">${escapeXml(detail)}</text>`);
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
        const room = width - SERVICE.textX - 8 - (node.entry ? 40 : 0);
        this.out.push(`<text x="${x + SERVICE.textX}" y="${y + 22}" font-size="${FONT.name}" class="bold">${escapeXml(fitText(node.label, FONT.name, room, true))}</text>`);
        const state = this.states.get(node.id);
        const second = state?.note ?? node.detail ?? '';
        const secondClass = state?.note ? `note-${state.state}` : 'muted';
        this.out.push(`<text x="${x + SERVICE.textX}" y="${y + 38}" font-size="${FONT.detail}" class="${secondClass}">${escapeXml(fitText(second, FONT.detail, width - SERVICE.textX - 8))}</text>`);
        if (node.entry) {
            this.out.push(`<rect class="entry-tag" x="${x + width - 44}" y="${y + 9}" width="36" height="15" rx="7.5"/>` +
                `<text class="entry-text" x="${x + width - 26}" y="${y + 20}" text-anchor="middle" font-size="9.5">entry</text>`);
        }
        this.slots(placed);
        this.out.push('</g>');
    }

    /** One slot per AZ of the region, in lane order: the AZ name and the instances there. */
    private slots(placed: PlacedNode): void {
        const slots = placed.node.azSlots ?? [];
        if (slots.length === 0) return;
        const gap = 4;
        const left = placed.x + 8;
        const width = (placed.width - 16 - (slots.length - 1) * gap) / slots.length;
        const y = placed.y + SERVICE.height - 4;
        slots.forEach((slot, i) => {
            const sx = left + i * (width + gap);
            const failed = this.states.get(slot.az)?.state === 'failed' && slot.used;
            const cls = `slot ${slot.used ? 'used' : 'unused'}${failed ? ' failed' : ''}`;
            const text = slot.used ? (slot.count > 0 ? `${slot.label} · ${slot.count}` : slot.label) : '–';
            this.out.push(`<rect class="${cls}" x="${sx}" y="${y}" width="${width}" height="17" rx="3"/>` +
                `<text x="${sx + width / 2}" y="${y + 12.5}" text-anchor="middle" font-size="${FONT.small}" class="${slot.used ? '' : 'muted'}">${escapeXml(fitText(text, FONT.small, width - 4))}</text>`);
        });
    }

    private edge(placed: PlacedEdge): void {
        if (placed.points.length < 2) return;
        const { edge } = placed;
        const toFailed = this.states.get(edge.target)?.state === 'failed';
        const marker = toFailed ? 'resil-arrow-failed' : edge.kind === 'replica-of' ? 'resil-arrow-replica' : 'resil-arrow';
        const both = edge.kind === 'replica-of' ? ` marker-start="url(#${marker})"` : '';
        this.out.push(`<path class="edge edge-${edge.kind}${toFailed ? ' to-failed' : ''}" data-edge="${escapeXml(edge.id)}" d="${pathOf(placed.points)}" marker-end="url(#${marker})"${both}/>`);
    }

    private edgeLabel(placed: PlacedEdge): void {
        const label = placed.label;
        if (!label) return;
        this.out.push(`<rect class="edge-label-bg" x="${label.x}" y="${label.y}" width="${label.width}" height="${label.height}" rx="3"/>` +
            `<text x="${label.x + label.width / 2}" y="${label.y + label.height - 4.5}" text-anchor="middle" font-size="${FONT.small}" class="muted">${escapeXml(label.text)}</text>`);
    }
}

function pathOf(points: readonly Point[]): string {
    return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)} ${round(p.y)}`).join('');
}

function round(n: number): number {
    return Math.round(n * 10) / 10;
}
