import {
    ErrorCodes, type DataCallback, type Message, type MessageReader, type MessageWriter, type ResponseMessage,
} from 'vscode-languageserver/node.js';
import { jsonKind } from '../../language/src/util/json-kind.js';

/**
 * vscode-jsonrpc (8.2) takes a message for a request only when its id is a string or a number, for a notification
 * only when it has no id at all; anything else (`"id": {}`, `"id": null`, `"id": [1]`, a method that is not a
 * string, a message that is not an object) it logs as invalid and drops, so the client waits forever for an answer.
 * It offers no hook to answer such a message (its message strategy sees it but cannot write, and a second writer on
 * the same stream would interleave with its own), so the server screens what it reads, before the library: a
 * malformed request gets JSON-RPC's answer, an `InvalidRequest` error, with the id `null` when the id was unusable.
 */

/** The answer JSON-RPC 2.0 prescribes for `message`, or undefined when it is a well-formed message (or a response). */
export function invalidRequestAnswer(message: unknown): ResponseMessage | undefined {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        return errorAnswer(null, 'a JSON-RPC message must be an object');
    }
    // Without a method it is a response (or garbage that is not a request): never answered.
    if (!('method' in message)) return undefined;
    const { id, method } = message as { id?: unknown; method: unknown };
    const usableId = typeof id === 'string' || typeof id === 'number' ? id : null;
    if (typeof method !== 'string') return errorAnswer(usableId, 'the method must be a string');
    if (id !== undefined && usableId === null) return errorAnswer(null, `the id of '${method}' must be a string or a number, not ${jsonKind(id)}`);
    return undefined;
}

/**
 * Wraps `reader` so that malformed requests are answered through `writer` (which the connection shares, so answers
 * never interleave with its own) and reported through `onInvalid`, instead of reaching vscode-jsonrpc.
 */
export function answeringInvalidRequests(reader: MessageReader, writer: MessageWriter, onInvalid: (why: string) => void): MessageReader {
    return {
        onError: reader.onError,
        onClose: reader.onClose,
        onPartialMessage: reader.onPartialMessage,
        listen: (callback: DataCallback) => reader.listen(message => {
            const answer = invalidRequestAnswer(message);
            if (!answer) {
                callback(message);
                return;
            }
            onInvalid(answer.error?.message ?? 'invalid request');
            writer.write(answer as Message).catch(error => onInvalid(`the answer could not be sent: ${String(error)}`));
        }),
        dispose: () => reader.dispose(),
    };
}

function errorAnswer(id: string | number | null, why: string): ResponseMessage {
    return { jsonrpc: '2.0', id, error: { code: ErrorCodes.InvalidRequest, message: `Invalid request: ${why}.` } };
}
