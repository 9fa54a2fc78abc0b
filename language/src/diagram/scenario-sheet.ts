import type { ScenarioJson } from '../protocol/failures.js';
import { statesOf } from './blast-states.js';
import { SVG_MARKER } from './diagram-file-marker.js';
import { FONT_FAMILY, diagramCss, type Palette } from './diagram-style.js';
import type { DiagramLayout } from './layout.js';
import { escapeXml, renderSvgWithTexts } from './svg-renderer.js';

/**
 * The scenario sheet: one picture with a small copy of the diagram per failure (every region, AZ and cell replica
 * failing alone), each with its own failure summary and customers down, so that a reader compares them at a glance.
 * One layout serves every copy: only the colouring differs.
 */
export interface SheetOptions {
    readonly palette: Palette;
    /** Width of one small copy. */
    readonly tileWidth?: number;
}

const GAP = 24;
const TITLE = 44;

export function renderScenarioSheet(layout: DiagramLayout, scenarios: readonly ScenarioJson[], options: SheetOptions): string {
    const tileWidth = options.tileWidth ?? 520;
    const tiles = scenarios.map(scenario => {
        const drawn = renderSvgWithTexts(layout, { scenario, states: statesOf(layout.model, scenario), palette: options.palette });
        const scale = Math.min(1, tileWidth / drawn.width);
        return { svg: drawn.svg, width: drawn.width * scale, height: drawn.height * scale, viewBox: `0 0 ${drawn.width} ${drawn.height}` };
    });
    const columns = Math.max(1, Math.min(tiles.length, Math.ceil(Math.sqrt(tiles.length))));
    const rows: Array<typeof tiles> = [];
    for (let i = 0; i < tiles.length; i += columns) rows.push(tiles.slice(i, i + columns));
    const width = Math.ceil(GAP + columns * (tileWidth + GAP));
    const parts: string[] = [];
    let y = TITLE;
    for (const row of rows) {
        row.forEach((tile, i) => {
            const x = GAP + i * (tileWidth + GAP);
            // Each copy is a whole diagram in a nested <svg>, scaled by its viewBox: its own header, legend and ids.
            parts.push(`<rect class="sheet-frame" x="${x - 4}" y="${y - 4}" width="${tile.width + 8}" height="${tile.height + 8}" rx="6"/>` +
                tile.svg.replace('<svg ', `<svg x="${x}" y="${y}" `).replace(/ width="[\d.]+" height="[\d.]+" viewBox="[^"]*"/, ` width="${tile.width}" height="${tile.height}" viewBox="${tile.viewBox}"`));
        });
        y += Math.max(...row.map(t => t.height)) + GAP;
    }
    const height = Math.ceil(y);
    const title = `${layout.model.title}: every single failure (${scenarios.length})`;
    return `<svg xmlns="http://www.w3.org/2000/svg" class="resil-diagram resil-sheet" font-family="${escapeXml(FONT_FAMILY)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
        `${SVG_MARKER}<style>${diagramCss(options.palette)} .resil-sheet .sheet-frame { fill: none; stroke: ${options.palette.containerStroke}; stroke-width: 1; }</style>` +
        `<rect class="background" width="${width}" height="${height}"/>` +
        `<text x="${GAP}" y="28" font-size="18" class="bold">${escapeXml(title)}</text>${parts.join('')}</svg>`;
}
