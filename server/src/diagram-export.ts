import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import { LIGHT_PALETTE } from '../../language/src/diagram/diagram-style.js';
import type { ElkEngine } from '../../language/src/diagram/layout.js';
import { renderDiagram } from '../../language/src/diagram/render-diagram.js';
import { blastRadius } from '../../language/src/lsp/blast-radius-request.js';
import { validatedDocument } from './design-requests.js';
import { DIAGRAM_SVG_REQUEST, type DiagramSvgParams, type DiagramSvgResult } from './protocol.js';

/**
 * `resil/diagramSvg`: the same model, layout and renderer as `resil diagram` and the webview, for
 * `Resil: Export Diagram`, laid out by the server's layout thread.
 */
export async function diagramSvg(shared: LangiumSharedServices, params: DiagramSvgParams, elk: ElkEngine): Promise<DiagramSvgResult> {
    const document = await validatedDocument(shared, params?.uri);
    const failing = (params.fail?.length ?? 0) > 0 || params.scenario !== undefined;
    const scenario = failing ? (await blastRadius(shared, params)).scenarios[0] : undefined;
    const { svg } = await renderDiagram({ model: buildDiagramModel(document.parseResult.value), elk, scenario, palette: LIGHT_PALETTE });
    return { svg };
}

export function registerDiagramExport(connection: Connection, shared: LangiumSharedServices, elk: ElkEngine): void {
    connection.onRequest(DIAGRAM_SVG_REQUEST, (params: DiagramSvgParams) => diagramSvg(shared, params, elk));
}
