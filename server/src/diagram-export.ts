import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { blastRadius } from '../../language/src/lsp/blast-radius-request.js';
import { validatedDocument } from './design-requests.js';
import { DIAGRAM_SVG_REQUEST, type DiagramSvgParams, type DiagramSvgResult } from './protocol.js';

/**
 * `resil/diagramSvg`: the same model, layout and renderer as `resil diagram` and the webview, for
 * `Resil: Export Diagram`. Layout (ELK) loads on first use, so it costs nothing at server start.
 */
export async function diagramSvg(shared: LangiumSharedServices, params: DiagramSvgParams): Promise<DiagramSvgResult> {
    const document = await validatedDocument(shared, params?.uri);
    const failing = (params.fail?.length ?? 0) > 0 || params.scenario !== undefined;
    const scenario = failing ? (await blastRadius(shared, params)).scenarios[0] : undefined;
    const [{ buildDiagramModel }, { createNodeElk }, { renderDiagram }, { LIGHT_PALETTE }] = await Promise.all([
        import('../../language/src/diagram/diagram-model.js'),
        import('../../language/src/diagram/node-elk.js'),
        import('../../language/src/diagram/render-diagram.js'),
        import('../../language/src/diagram/diagram-style.js'),
    ]);
    const { svg } = await renderDiagram({
        model: buildDiagramModel(document.parseResult.value), elk: createNodeElk(), scenario, palette: LIGHT_PALETTE,
    });
    return { svg };
}

export function registerDiagramExport(connection: Connection, shared: LangiumSharedServices): void {
    connection.onRequest(DIAGRAM_SVG_REQUEST, (params: DiagramSvgParams) => diagramSvg(shared, params));
}
