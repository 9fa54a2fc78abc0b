import type { DiagramModel } from './diagram-types.js';

/**
 * `resil/diagram { uri }`: the diagram model of a document as the server has it linked. The extension asks again
 * after every change (debounced); the webview lays it out and draws it. Pure: the extension bundle imports this.
 */
export const DIAGRAM_REQUEST = 'resil/diagram';

export interface DiagramParams {
    readonly uri: string;
}

export interface DiagramResult {
    readonly uri: string;
    /** The document version the model was built from. */
    readonly version: number;
    readonly model: DiagramModel;
}
