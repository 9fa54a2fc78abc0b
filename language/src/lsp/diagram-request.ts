import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ResponseError, type Connection } from 'vscode-languageserver';
import { buildDiagramModel } from '../diagram/diagram-model.js';
import { DIAGRAM_REQUEST, type DiagramResult } from '../diagram/diagram-protocol.js';
import type { Model } from '../generated/ast.js';

const INVALID_PARAMS = -32602;

/** Registers `resil/diagram`; answers as soon as the document is linked, without waiting for validation. */
export function registerDiagramRequest(connection: Connection, shared: LangiumSharedServices): void {
    connection.onRequest(DIAGRAM_REQUEST, (params: unknown) => diagramOf(shared, params));
}

export async function diagramOf(shared: LangiumSharedServices, params: unknown): Promise<DiagramResult> {
    const uri = (params as { uri?: unknown } | undefined)?.uri;
    if (typeof uri !== 'string') throw new ResponseError(INVALID_PARAMS, 'expected { uri: string }');
    const parsed = URI.parse(uri);
    if (!shared.workspace.LangiumDocuments.hasDocument(parsed)) {
        throw new ResponseError(INVALID_PARAMS, `not a Resil document the server knows: ${uri}`);
    }
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked, parsed);
    const document = shared.workspace.LangiumDocuments.getDocument(parsed) as LangiumDocument<Model>;
    return { uri, version: document.textDocument.version, model: buildDiagramModel(document.parseResult.value) };
}
