import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection, RequestType } from 'vscode-languageserver';
import type { Model } from '../generated/ast.js';
import { invalidParams, type DocumentParams } from '../protocol/index.js';

/**
 * A custom request about one design: the server reads its params, finds the document and waits until it is built
 * as far as the answer needs, then answers. Params it cannot read and URIs it does not know answer InvalidParams.
 */
export interface DocumentRequest<P extends DocumentParams, R> {
    readonly type: RequestType<P, R, void>;
    /** The params if well formed; throws InvalidParams (`invalidParams`) otherwise. */
    readonly params: (raw: unknown) => P;
    /** Linked for what reads the AST or the topology only; Validated for what reads the findings or the analysis. */
    readonly state: DocumentState.Linked | DocumentState.Validated;
    answer(document: LangiumDocument<Model>, params: P): R | Promise<R>;
}

/** Answers `request` with params as they arrived: from the connection, or from a caller in the server. */
export async function answerDocumentRequest<P extends DocumentParams, R>(
    shared: LangiumSharedServices, request: DocumentRequest<P, R>, raw: unknown,
): Promise<R> {
    const params = request.params(raw);
    const uri = parseUri(params.uri);
    const documents = shared.workspace.LangiumDocuments;
    const unknown = () => invalidParams(`not a Resil document the server knows: ${params.uri}`);
    if (!uri || !documents.hasDocument(uri)) throw unknown();
    await shared.workspace.DocumentBuilder.waitUntil(request.state, uri);
    const document = documents.getDocument(uri) as LangiumDocument<Model> | undefined;
    if (!document) throw unknown(); // closed while it was being built
    return request.answer(document, params);
}

/** The URI, or undefined when the text is not one (`URI.parse` throws on a scheme with a space, say). */
function parseUri(text: string): URI | undefined {
    try {
        return URI.parse(text);
    } catch {
        return undefined;
    }
}

export function registerDocumentRequests(
    connection: Connection, shared: LangiumSharedServices, requests: ReadonlyArray<DocumentRequest<DocumentParams, unknown>>,
): void {
    for (const request of requests) connection.onRequest(request.type, (raw: unknown) => answerDocumentRequest(shared, request, raw));
}
