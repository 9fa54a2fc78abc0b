import type { DiagramEdgeKind } from './diagram-types.js';

/**
 * The diagram's stylesheet. The renderer only emits classes; colours come from a palette: in the webview the
 * palette is made of VS Code theme variables (light, dark and high contrast follow), exported files embed
 * concrete colours so that they look the same everywhere (and resvg can rasterise them).
 */
export interface Palette {
    readonly background: string;
    readonly foreground: string;
    readonly muted: string;
    readonly nodeFill: string;
    readonly nodeStroke: string;
    readonly containerFill: string;
    readonly containerStroke: string;
    readonly bandFill: string;
    readonly edge: string;
    /** One colour per kind of edge (with its own dash pattern, so that it also reads in grey or to colour-blind eyes). */
    readonly edges: Readonly<Record<DiagramEdgeKind, string>>;
    /** The hatching of a failed AZ's column. */
    readonly hatch: string;
    readonly failed: string;
    readonly failedFill: string;
    readonly degraded: string;
    readonly degradedFill: string;
    readonly healthyFill: string;
    readonly focus: string;
    readonly compute: string;
    readonly data: string;
    readonly messaging: string;
    readonly streaming: string;
    readonly network: string;
}

const CATEGORY = { compute: '#d86613', data: '#3b48cc', messaging: '#c7265c', streaming: '#7d3fd1', network: '#0f7d8c' } as const;

/** For exported SVG and PNG files: light, printable, independent of the editor's theme. */
export const LIGHT_PALETTE: Palette = {
    background: '#ffffff', foreground: '#1f2328', muted: '#59636e', nodeFill: '#ffffff', nodeStroke: '#8c959f',
    containerFill: '#f6f8fa', containerStroke: '#6e7781', bandFill: '#eef2f6', edge: '#57606a',
    edges: {
        hard: '#424a53', soft: '#9a6700', async: '#0969da', consumes: '#1b7c83', dlq: '#8250df',
        failover: '#1a7f37', 'replica-of': CATEGORY.data, routes: '#1f2328',
    },
    hatch: '#cf222e',
    failed: '#cf222e', failedFill: '#ffebe9', degraded: '#b35900', degradedFill: '#fff4d6', healthyFill: '#ffffff',
    focus: '#0969da', ...CATEGORY,
};

/** Exports for dark pages and slides (`resil diagram --theme dark`). */
export const DARK_PALETTE: Palette = {
    background: '#0d1117', foreground: '#e6edf3', muted: '#9198a1', nodeFill: '#161b22', nodeStroke: '#6e7681',
    containerFill: '#151b23', containerStroke: '#8b949e', bandFill: '#1f2630', edge: '#9198a1',
    edges: {
        hard: '#d1d9e0', soft: '#d29922', async: '#4493f8', consumes: '#39c5cf', dlq: '#ab7df8',
        failover: '#3fb950', 'replica-of': '#8d96ff', routes: '#f0f6fc',
    },
    hatch: '#f85149',
    failed: '#f85149', failedFill: '#3d1418', degraded: '#d29922', degradedFill: '#3b2a0a', healthyFill: '#161b22',
    focus: '#4493f8', ...CATEGORY,
};

/** High contrast: black and white with saturated marks, thicker lines come from the stylesheet's own widths. */
export const HIGH_CONTRAST_PALETTE: Palette = {
    background: '#000000', foreground: '#ffffff', muted: '#ffffff', nodeFill: '#000000', nodeStroke: '#ffffff',
    containerFill: '#000000', containerStroke: '#ffffff', bandFill: '#0a0a0a', edge: '#ffffff',
    edges: {
        hard: '#ffffff', soft: '#ffd700', async: '#00e5ff', consumes: '#7cff7c', dlq: '#ff8cff',
        failover: '#7cff7c', 'replica-of': '#8cb4ff', routes: '#ffffff',
    },
    hatch: '#ff4040',
    failed: '#ff4040', failedFill: '#400000', degraded: '#ffd700', degradedFill: '#332b00', healthyFill: '#000000',
    focus: '#00e5ff', ...CATEGORY,
};

/** The palettes of exported files, by the name `--theme` takes. */
export const EXPORT_PALETTES = { light: LIGHT_PALETTE, dark: DARK_PALETTE, 'high-contrast': HIGH_CONTRAST_PALETTE } as const;
export type ExportTheme = keyof typeof EXPORT_PALETTES;

/** The webview's palette: the VS Code theme's own colours. */
export const THEME_PALETTE: Palette = {
    background: 'var(--vscode-editor-background)',
    foreground: 'var(--vscode-editor-foreground)',
    muted: 'var(--vscode-descriptionForeground)',
    nodeFill: 'var(--vscode-editorWidget-background, var(--vscode-editor-background))',
    nodeStroke: 'var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #8c959f))',
    containerFill: 'color-mix(in srgb, var(--vscode-editor-foreground) 4%, var(--vscode-editor-background))',
    containerStroke: 'color-mix(in srgb, var(--vscode-editor-foreground) 45%, transparent)',
    bandFill: 'color-mix(in srgb, var(--vscode-editor-foreground) 7%, var(--vscode-editor-background))',
    edge: 'color-mix(in srgb, var(--vscode-editor-foreground) 65%, transparent)',
    edges: {
        hard: 'color-mix(in srgb, var(--vscode-editor-foreground) 75%, transparent)',
        soft: 'var(--vscode-charts-yellow, #bf8803)', async: 'var(--vscode-charts-blue, #1a85ff)',
        consumes: 'var(--vscode-terminal-ansiCyan, #0598bc)', dlq: 'var(--vscode-charts-purple, #652d90)',
        failover: 'var(--vscode-charts-green, #388a34)', 'replica-of': 'var(--vscode-charts-blue, #1a85ff)',
        routes: 'var(--vscode-editor-foreground)',
    },
    hatch: 'var(--vscode-errorForeground)',
    failed: 'var(--vscode-errorForeground)',
    failedFill: 'color-mix(in srgb, var(--vscode-errorForeground) 18%, var(--vscode-editor-background))',
    degraded: 'var(--vscode-editorWarning-foreground)',
    degradedFill: 'color-mix(in srgb, var(--vscode-editorWarning-foreground) 18%, var(--vscode-editor-background))',
    healthyFill: 'var(--vscode-editorWidget-background, var(--vscode-editor-background))',
    focus: 'var(--vscode-focusBorder)',
    ...CATEGORY,
};

/**
 * How each kind of edge is drawn: its colour comes from the palette, its dash pattern and width from here, so that
 * two kinds differ in pattern as well as in colour. The legend names them with `legend`.
 */
export const EDGE_STYLES: Readonly<Record<DiagramEdgeKind, { readonly legend: string; readonly dash?: string; readonly width: number }>> = {
    hard: { legend: 'uses', width: 1.5 },
    soft: { legend: 'soft', dash: '7 4', width: 1.5 },
    async: { legend: 'async', dash: '1.5 3.5', width: 1.9 },
    consumes: { legend: 'consumes', dash: '8 3 1.5 3', width: 1.7 },
    dlq: { legend: 'DLQ / on failure', dash: '3 3', width: 1.3 },
    failover: { legend: 'failover', dash: '10 3 2 3 2 3', width: 1.7 },
    'replica-of': { legend: 'replica', dash: '14 5', width: 1.5 },
    routes: { legend: 'router to cells', width: 2.4 },
};

function edgeCss(s: string, p: Palette): string {
    return Object.entries(EDGE_STYLES).map(([kind, style]) =>
        `${s} .edge-${kind} { stroke: ${p.edges[kind as DiagramEdgeKind]}; stroke-width: ${style.width};` +
        `${style.dash ? ` stroke-dasharray: ${style.dash};` : ''}${style.dash?.startsWith('1.5') ? ' stroke-linecap: round;' : ''} }` +
        ` ${s} .arrow-${kind} { fill: ${p.edges[kind as DiagramEdgeKind]}; }`).join('\n');
}

/** Unquoted: resvg gives up on quoted family names and falls back to a serif face. */
export const FONT_FAMILY = 'Segoe UI, Helvetica Neue, Arial, DejaVu Sans, Liberation Sans, sans-serif';

/** Stylesheet for the classes the renderer emits, scoped to `.resil-diagram`. */
export function diagramCss(p: Palette): string {
    const s = '.resil-diagram';
    return `
${s} { font-family: ${FONT_FAMILY}; }
${s} text { fill: ${p.foreground}; }
${s} .muted { fill: ${p.muted}; }
${s} .bold { font-weight: 700; }
${s} .background { fill: ${p.background}; }
${s} .box { fill: ${p.containerFill}; stroke: ${p.containerStroke}; stroke-width: 1.2; }
${s} .box.region { stroke-width: 1.6; }
${s} .box.zonal { fill: ${p.bandFill}; stroke: none; }
${s} .box.cell { stroke-dasharray: 7 4; fill: none; stroke-width: 1.4; }
${s} .box.global { stroke-dasharray: 2 3; }
${s} .lane { fill: ${p.nodeFill}; stroke: ${p.containerStroke}; stroke-width: 1; }
${s} .service { fill: ${p.nodeFill}; stroke: ${p.nodeStroke}; stroke-width: 1.2; }
${s} .tile { stroke: none; }
${s} .glyph { fill: none; stroke: #ffffff; stroke-width: 1.7; stroke-linecap: round; stroke-linejoin: round; }
${s} .cat-compute { fill: ${p.compute}; } ${s} .cat-data { fill: ${p.data}; } ${s} .cat-messaging { fill: ${p.messaging}; }
${s} .cat-streaming { fill: ${p.streaming}; } ${s} .cat-network { fill: ${p.network}; }
${s} .slot { fill: none; stroke: ${p.nodeStroke}; stroke-width: 1; }
${s} .slot.used { fill: ${p.bandFill}; }
${s} .slot.unused { stroke-dasharray: 2 2; }
${s} .badge { fill: ${p.foreground}; }
${s} text.badge-text { fill: ${p.background}; font-weight: 700; }
${s} .entry-tag { fill: none; stroke: ${p.focus}; stroke-width: 1; }
${s} text.entry-text { fill: ${p.focus}; }
${s} .edge { fill: none; stroke: ${p.edge}; stroke-width: 1.4; }
${edgeCss(s, p)}
${s} .edge.to-failed { stroke: ${p.failed}; }
${s} .arrow-failed { fill: ${p.failed}; }
${s} .edge-label-bg { fill: ${p.background}; opacity: 0.9; }
${s} .state-failed > .service, ${s} .state-failed > .lane { fill: ${p.failedFill}; stroke: ${p.failed}; stroke-width: 2.4; }
${s} .state-degraded > .service, ${s} .state-degraded > .lane { fill: ${p.degradedFill}; stroke: ${p.degraded}; stroke-width: 2.4; }
${s} .state-failed > .box { stroke: ${p.failed}; stroke-width: 2.4; }
${s} .state-degraded > .box { stroke: ${p.degraded}; stroke-width: 2.4; }
${s} .state-failed > .box.region, ${s} .state-failed > .box.global { fill: ${p.failedFill}; }
${s} .slot.failed { fill: ${p.failedFill}; stroke: ${p.failed}; }
${s} text.note-failed { fill: ${p.failed}; font-weight: 700; }
${s} text.note-degraded { fill: ${p.degraded}; font-weight: 700; }
${s} .cause-ring, ${s} .swatch-cause { fill: none; stroke: ${p.failed}; stroke-width: 2.2; stroke-dasharray: 5 3; }
${s} .hatch { fill: ${p.hatch}; opacity: 0.28; }
${s} .footnote-mark { fill: ${p.degraded}; }
${s} .capacity-track { fill: ${p.bandFill}; stroke: ${p.nodeStroke}; stroke-width: 0.5; }
${s} .capacity-left { fill: ${p.degraded}; } ${s} .capacity-left.short { fill: ${p.failed}; }
${s} .capacity-needs { fill: ${p.foreground}; }
${s} .edge.path-taken { stroke: ${p.focus}; stroke-width: 3.2; }
${s} .edge.path-idle { opacity: 0.45; }
${s} .swatch-failed { fill: ${p.failedFill}; stroke: ${p.failed}; stroke-width: 2; }
${s} .swatch-degraded { fill: ${p.degradedFill}; stroke: ${p.degraded}; stroke-width: 2; }
${s} .swatch-ok { fill: ${p.healthyFill}; stroke: ${p.nodeStroke}; stroke-width: 1.2; }
${s} .highlight > .service, ${s} .highlight > .box, ${s} .highlight > .lane { stroke: ${p.focus}; stroke-width: 3; }
${s} .toggle .button { fill: ${p.nodeFill}; stroke: ${p.containerStroke}; }
${s} .toggle { cursor: pointer; }
${s} [data-id] { cursor: pointer; }
${s} .finding-badge circle { stroke: ${p.background}; stroke-width: 1.5; }
${s} .finding-badge.severity-error circle { fill: ${p.failed}; }
${s} .finding-badge.severity-warning circle { fill: ${p.degraded}; }
${s} .finding-badge.severity-info circle { fill: ${p.focus}; }
${s} .finding-badge { cursor: pointer; }
`;
}
