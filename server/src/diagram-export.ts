import { DocumentState } from 'langium';
import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import { LIGHT_PALETTE } from '../../language/src/diagram/diagram-style.js';
import type { ElkEngine } from '../../language/src/diagram/layout.js';
import { renderDiagram } from '../../language/src/diagram/render-diagram.js';
import { scenarioJson } from '../../language/src/analysis/analysis.js';
import { outcomesOf } from '../../language/src/lsp/blast-radius-request.js';
import type { DocumentRequest } from '../../language/src/lsp/document-request.js';
import {
    DiagramSvgRequest, parseBlastRadiusParams, type DiagramSvgParams, type DiagramSvgResult,
} from '../../language/src/protocol/index.js';

/**
 * `resil/diagramSvg`: the same model, layout and renderer as `resil diagram` and the webview, for
 * `Resil: Export Diagram`, laid out by the server's layout thread.
 */
export function diagramSvgRequest(elk: ElkEngine): DocumentRequest<DiagramSvgParams, DiagramSvgResult> {
    return {
        type: DiagramSvgRequest,
        params: parseBlastRadiusParams,
        state: DocumentState.Validated,
        async answer(document, selection) {
            const failing = (selection.fail?.length ?? 0) > 0 || selection.scenario !== undefined;
            const [outcome] = failing ? outcomesOf(document, selection) : [];
            const scenario = outcome && scenarioJson(outcome);
            const { svg } = await renderDiagram({ model: buildDiagramModel(document.parseResult.value), elk, scenario, palette: LIGHT_PALETTE });
            return { svg };
        },
    };
}
