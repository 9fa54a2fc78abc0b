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
    failed: '#cf222e', failedFill: '#ffebe9', degraded: '#b35900', degradedFill: '#fff4d6', healthyFill: '#ffffff',
    focus: '#0969da', ...CATEGORY,
};

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
    failed: 'var(--vscode-errorForeground)',
    failedFill: 'color-mix(in srgb, var(--vscode-errorForeground) 18%, var(--vscode-editor-background))',
    degraded: 'var(--vscode-editorWarning-foreground)',
    degradedFill: 'color-mix(in srgb, var(--vscode-editorWarning-foreground) 18%, var(--vscode-editor-background))',
    healthyFill: 'var(--vscode-editorWidget-background, var(--vscode-editor-background))',
    focus: 'var(--vscode-focusBorder)',
    ...CATEGORY,
};

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
${s} .edge-soft { stroke-dasharray: 6 4; }
${s} .edge-async, ${s} .edge-consumes { stroke-dasharray: 1.5 3.5; stroke-linecap: round; stroke-width: 1.8; }
${s} .edge-dlq { stroke-dasharray: 1.5 3.5; stroke-linecap: round; stroke: ${p.muted}; }
${s} .edge-failover { stroke-dasharray: 9 3 2 3; stroke-width: 1.6; }
${s} .edge-replica-of { stroke-dasharray: 12 5; stroke: ${p.data}; }
${s} .edge-routes { stroke-width: 2.2; }
${s} .edge.to-failed { stroke: ${p.failed}; }
${s} .arrow { fill: ${p.edge}; } ${s} .arrow-failed { fill: ${p.failed}; } ${s} .arrow-replica { fill: ${p.data}; }
${s} .edge-label-bg { fill: ${p.background}; opacity: 0.9; }
${s} .state-failed > .service, ${s} .state-failed > .lane { fill: ${p.failedFill}; stroke: ${p.failed}; stroke-width: 2.4; }
${s} .state-degraded > .service, ${s} .state-degraded > .lane { fill: ${p.degradedFill}; stroke: ${p.degraded}; stroke-width: 2.4; }
${s} .state-failed > .box { stroke: ${p.failed}; stroke-width: 2.4; }
${s} .state-degraded > .box { stroke: ${p.degraded}; stroke-width: 2.4; }
${s} .state-failed > .box.region, ${s} .state-failed > .box.global { fill: ${p.failedFill}; }
${s} .slot.failed { fill: ${p.failedFill}; stroke: ${p.failed}; }
${s} text.note-failed { fill: ${p.failed}; font-weight: 700; }
${s} text.note-degraded { fill: ${p.degraded}; font-weight: 700; }
${s} .swatch-failed { fill: ${p.failedFill}; stroke: ${p.failed}; stroke-width: 2; }
${s} .swatch-degraded { fill: ${p.degradedFill}; stroke: ${p.degraded}; stroke-width: 2; }
${s} .swatch-ok { fill: ${p.healthyFill}; stroke: ${p.nodeStroke}; stroke-width: 1.2; }
${s} .highlight > .service, ${s} .highlight > .box, ${s} .highlight > .lane { stroke: ${p.focus}; stroke-width: 3; }
${s} .toggle .button { fill: ${p.nodeFill}; stroke: ${p.containerStroke}; }
${s} .toggle { cursor: pointer; }
${s} [data-id] { cursor: pointer; }
`;
}
