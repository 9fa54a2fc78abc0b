import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import { isRecord } from './guards.js';

/** What every request about one design sends: the design's URI, as the editor names it. */
export interface DocumentParams {
    readonly uri: string;
}

/** A JSON-RPC `InvalidParams` error: what the server answers to params it cannot read, instead of failing on them. */
export function invalidParams(message: string, data?: object): ResponseError<object | undefined> {
    return new ResponseError(ErrorCodes.InvalidParams, message, data);
}

/**
 * The params of a request about one document, as a record to read the other fields from; InvalidParams when there
 * is no string `uri`.
 */
export function documentParams(raw: unknown): DocumentParams & Readonly<Record<string, unknown>> {
    if (!isRecord(raw) || typeof raw.uri !== 'string') throw invalidParams('expected { uri: string }');
    return raw as DocumentParams & Record<string, unknown>;
}

/** The `uri` of `{ uri }` params. */
export function parseDocumentParams(raw: unknown): DocumentParams {
    return { uri: documentParams(raw).uri };
}
