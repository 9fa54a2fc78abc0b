import { diagramCss, THEME_PALETTE } from '../../../language/src/diagram/diagram-style.js';

/**
 * The webview's page. Strict Content-Security-Policy: nothing by default; scripts and styles only with the
 * page's nonce; images only from the page itself (`blob:`/`data:` for PNG export); the layout worker is built from
 * a blob of the worker script fetched from the extension's own files. No inline handlers, no remote resources.
 * Pure (no `vscode`): the browser tests build the same page.
 */
export interface DiagramPageOptions {
    /** `webview.cspSource`: the origin the extension's files are served from. */
    readonly cspSource: string;
    readonly nonce: string;
    readonly scriptUri: string;
    readonly workerUri: string;
}

export function diagramHtml(options: DiagramPageOptions): string {
    const { cspSource, nonce } = options;
    const csp = [
        `default-src 'none'`,
        `script-src 'nonce-${nonce}'`,
        `style-src 'nonce-${nonce}'`,
        `img-src ${cspSource} blob: data:`,
        `font-src ${cspSource}`,
        `connect-src ${cspSource}`,
        `worker-src blob:`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Resil diagram</title>
<style nonce="${attr(nonce)}">${PAGE_CSS}${diagramCss(THEME_PALETTE)}</style>
</head>
<body>
<div id="toolbar" role="toolbar" aria-label="Diagram">
  <label for="failure">Failure</label>
  <select id="failure" title="Colour what a failure takes down"><option value="">None</option></select>
  <label for="view" hidden>View</label>
  <select id="view" title="Draw a view the design declares" hidden><option value="">Whole design</option></select>
  <span class="sep"></span>
  <button id="zoom-out" title="Zoom out (-)">−</button>
  <button id="zoom-in" title="Zoom in (+)">+</button>
  <button id="fit" title="Fit to view (0)">Fit</button>
  <span class="sep"></span>
  <button id="collapse-all" title="Collapse every cell and AZ band">Collapse</button>
  <button id="expand-all" title="Expand everything">Expand</button>
  <span class="sep"></span>
  <button id="export-svg" title="Save as SVG">SVG</button>
  <button id="export-png" title="Save as PNG">PNG</button>
  <span id="status" role="status"></span>
</div>
<div id="viewport" tabindex="0" aria-label="Topology diagram: arrow keys pan, + and - zoom, 0 fits"><div id="canvas"></div></div>
<script nonce="${attr(nonce)}" id="resil-config" type="application/json">${json({ workerUri: options.workerUri })}</script>
<script nonce="${attr(nonce)}" src="${attr(options.scriptUri)}"></script>
</body>
</html>`;
}

/** A fresh nonce per page. */
export function createNonce(random: (n: number) => Uint8Array): string {
    return Array.from(random(18), b => b.toString(16).padStart(2, '0')).join('');
}

function attr(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** JSON inside a script element: `<` escaped so that no `</script>` can end it early. */
function json(value: unknown): string {
    return JSON.stringify(value).replace(/</g, '\\u003c');
}

const PAGE_CSS = `
html, body { margin: 0; padding: 0; height: 100%; overflow: hidden; background: var(--vscode-editor-background); color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
#toolbar { display: flex; align-items: center; gap: 6px; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border, transparent); background: var(--vscode-editorWidget-background); flex-wrap: wrap; }
#toolbar button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 2px 8px; cursor: pointer; min-width: 26px; }
#toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground); }
#toolbar button:focus-visible, #toolbar select:focus-visible, #viewport:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
#toolbar select { background: var(--vscode-dropdown-background); color: var(--vscode-dropdown-foreground); border: 1px solid var(--vscode-dropdown-border); padding: 2px 4px; max-width: 280px; }
#toolbar .sep { width: 1px; height: 18px; background: var(--vscode-panel-border, var(--vscode-editorWidget-border)); }
#status { margin-left: auto; color: var(--vscode-descriptionForeground); }
#status.error { color: var(--vscode-errorForeground); }
#viewport { position: absolute; top: 38px; left: 0; right: 0; bottom: 0; overflow: hidden; cursor: grab; }
#viewport.panning { cursor: grabbing; }
#canvas { transform-origin: 0 0; position: absolute; left: 0; top: 0; }
#canvas svg { display: block; }
body.vscode-high-contrast .resil-diagram .service, body.vscode-high-contrast .resil-diagram .box { stroke: var(--vscode-contrastBorder); stroke-width: 2; }
`;
