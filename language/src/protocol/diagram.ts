/** The diagram requests: the model for the webview, and the drawing for `Resil: Export Diagram`. */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { RequestType } from 'vscode-languageserver-protocol';
import type { DiagramModel } from '../diagram/diagram-types.js';
import { parseDiagramView, type DiagramView, type FullView } from '../diagram/diagram-view.js';
import type { BlastRadiusParams } from './failures.js';
import { documentParams, type DocumentParams } from './params.js';

export interface DiagramParams extends DocumentParams {
    readonly view?: DiagramView;
    readonly layout?: boolean;
}

/** ELK's answer for the model under `view`, as `prepareLayout(applyView(model, view)).read` takes it. */
export interface PrecomputedLayout {
    readonly view: FullView;
    readonly graph: ElkNode;
}

export interface DiagramResult {
    readonly uri: string;
    /** The document version the model was built from. */
    readonly version: number;
    readonly model: DiagramModel;
    /** When asked for and the layout thread could do it. */
    readonly layout?: PrecomputedLayout;
}

/**
 * `resil/diagram { uri, view?, layout? }`: the diagram model of a document as the server has it linked. The extension
 * asks again after every change (debounced). With `layout: true` the server also lays the model out under `view`
 * (the default view when absent) in its layout thread, so that a webview can draw at once; the webview lays out
 * itself only what the server did not (another view chosen meanwhile).
 */
export const DiagramRequest = new RequestType<DiagramParams, DiagramResult, void>('resil/diagram');

/** A malformed `view` is ignored (the default view), as a stale view from an older webview would be. */
export function parseDiagramParams(raw: unknown): DiagramParams {
    const { uri, view, layout } = documentParams(raw);
    return { uri, view: parseDiagramView(view), layout: layout === true };
}

/** The diagram as a standalone SVG (light theme), with the selected failure coloured when there is one. */
export type DiagramSvgParams = BlastRadiusParams;

export interface DiagramSvgResult {
    readonly svg: string;
}

/** The same model, layout and renderer as `resil diagram` and the webview, laid out by the server's layout thread. */
export const DiagramSvgRequest = new RequestType<DiagramSvgParams, DiagramSvgResult, void>('resil/diagramSvg');
