import type { ScenarioJson } from '../protocol/failures.js';
import { statesOf } from './blast-states.js';
import type { Palette } from './diagram-style.js';
import type { DrawnFinding } from './diagram-findings.js';
import type { DiagramModel } from './diagram-types.js';
import { applyView, type DiagramView } from './diagram-view.js';
import { layoutDiagram, type DiagramLayout, type ElkEngine, type LayoutMode } from './layout.js';
import { renderSvg } from './svg-renderer.js';

export interface DiagramRequest {
    readonly model: DiagramModel;
    readonly elk: ElkEngine;
    readonly view?: DiagramView;
    /** The failure to colour, as `resil blast-radius --format json` reports it. */
    readonly scenario?: ScenarioJson;
    readonly palette?: Palette;
    readonly interactive?: boolean;
    readonly mode?: LayoutMode;
    /** Rule findings to draw as badges on their elements. */
    readonly findings?: readonly DrawnFinding[];
}

export interface RenderedDiagram {
    readonly svg: string;
    readonly layout: DiagramLayout;
}

/** View, layout, colouring and drawing: the one pipeline of the webview, the CLI and the benchmarks. */
export async function renderDiagram(request: DiagramRequest): Promise<RenderedDiagram> {
    const viewed = applyView(request.model, request.view ?? {});
    const layout = await layoutDiagram(viewed, request.elk, request.mode);
    return { layout, svg: drawDiagram(layout, request) };
}

/** Draws an existing layout again: a new failure selection needs no new layout. */
export function drawDiagram(layout: DiagramLayout, request: Pick<DiagramRequest, 'scenario' | 'palette' | 'interactive' | 'findings'>): string {
    const states = request.scenario ? statesOf(layout.model, request.scenario) : undefined;
    return renderSvg(layout, { states, scenario: request.scenario, palette: request.palette, interactive: request.interactive, findings: request.findings });
}
