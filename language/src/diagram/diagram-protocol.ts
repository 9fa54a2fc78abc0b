import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { DiagramModel } from './diagram-types.js';
import type { DiagramView } from './diagram-view.js';

/**
 * `resil/diagram { uri, view?, layout? }`: the diagram model of a document as the server has it linked. The extension
 * asks again after every change (debounced). With `layout: true` the server also lays the model out under `view`
 * (the default view when absent) in its layout thread, so that a webview can draw at once; the webview lays out
 * itself only what the server did not (another view chosen meanwhile). Pure: the extension bundle imports this.
 */
export const DIAGRAM_REQUEST = 'resil/diagram';

export interface DiagramParams {
    readonly uri: string;
    readonly view?: DiagramView;
    readonly layout?: boolean;
}

/** ELK's answer for the model under `view`, as `prepareLayout(applyView(model, view)).read` takes it. */
export interface PrecomputedLayout {
    readonly view: Required<DiagramView>;
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
