import type { Diagnostic, Position } from 'vscode-languageserver';
import { BlastRadiusRequest } from '../../language/src/protocol/index.js';
import type { LspClient } from '../support/lsp-client.js';

/** One edit of a typing session: the whole new text and where the cursor is. */
export interface EditStep {
    readonly text: string;
    readonly cursor: Position;
}

/**
 * `count` edits of `text` as a user types them: a comment typed and erased character by character in the middle
 * of the design (passing through every prefix), then, in the last two edits, `needs 6` becomes `needs 8`, so
 * that the final text has a finding (static stability) the original does not.
 */
export function* typingSession(text: string, count: number): Generator<EditStep> {
    const lines = text.split('\n');
    const line = Math.floor(lines.length / 3);
    const comment = ' // typed under load: uses ecs { tasks 3 }';
    const base = lines[line];
    const at = (typed: string) => {
        const copy = [...lines];
        copy[line] = base + typed;
        return { text: copy.join('\n'), cursor: { line, character: base.length + typed.length } };
    };
    let typed = '';
    for (let i = 0; i < count - 2; i++) {
        // Type up to the whole comment, then erase it, and again.
        const phase = i % (2 * comment.length);
        typed = phase < comment.length ? comment.slice(0, phase + 1) : comment.slice(0, 2 * comment.length - phase - 1);
        yield at(typed);
    }
    const last = at(typed).text;
    // The typed comment has no `needs 6`: the first one is the design's.
    const offset = last.indexOf('needs 6');
    if (offset < 0) throw new Error('the text for the typing session must contain `needs 6`');
    const position = (at: number) => {
        const before = last.slice(0, at);
        return { line: before.split('\n').length - 1, character: at - before.lastIndexOf('\n') - 1 };
    };
    yield { text: last.slice(0, offset) + 'needs ' + last.slice(offset + 'needs 6'.length), cursor: position(offset + 6) };
    yield { text: last.slice(0, offset) + 'needs 8' + last.slice(offset + 'needs 6'.length), cursor: position(offset + 7) };
}

/** How a request ended: answered, or an error (with its JSON-RPC code). */
export interface RequestOutcome {
    readonly method: string;
    readonly ok: boolean;
    readonly code?: number;
    readonly message?: string;
}

/** Errors a request may end with when the document changed under it (LSP ContentModified, RequestCancelled). */
export const STALE_CODES: ReadonlySet<number> = new Set([-32801, -32800]);

function outcome(method: string, promise: Promise<unknown>): Promise<RequestOutcome> {
    return promise.then(
        () => ({ method, ok: true }),
        (error: { code?: number; message?: string }) => ({ method, ok: false, code: error.code, message: error.message }),
    );
}

/**
 * Sends `steps` as rapid `didChange` notifications (versions from `firstVersion`) with hover, completion, code
 * lens and `resil/blastRadius` requests interleaved every `requestEvery` edits; resolves with the text sent
 * last and how every request ended. Edits are not paced by answers: the server sees a burst, as from fast typing.
 */
export async function runTypingSession(client: LspClient, uri: string, steps: Iterable<EditStep>, options: { firstVersion: number; requestEvery: number; onEdit?: (index: number) => Promise<void> }): Promise<{ lastText: string; edits: number; outcomes: RequestOutcome[] }> {
    const requests: Array<Promise<RequestOutcome>> = [];
    let lastText = '';
    let i = 0;
    for (const step of steps) {
        client.change(uri, step.text, options.firstVersion + i);
        lastText = step.text;
        if (i % options.requestEvery === 0) {
            const textDocument = { uri };
            const position = step.cursor;
            requests.push(outcome('hover', client.request('textDocument/hover', { textDocument, position })));
            requests.push(outcome('completion', client.request('textDocument/completion', { textDocument, position })));
            requests.push(outcome('codeLens', client.request('textDocument/codeLens', { textDocument })));
            requests.push(outcome('blastRadius', client.request(BlastRadiusRequest.method, { uri })));
        }
        // Let the server read now and then, as an editor's typing would, without waiting for it.
        if (i % 50 === 0) await new Promise(resolve => setImmediate(resolve));
        await options.onEdit?.(i);
        i++;
    }
    return { lastText, edits: i, outcomes: await Promise.all(requests) };
}

/**
 * The diagnostics the server ends with for `uri`: waits for a request that needs the current version validated
 * (a code action), then until no publication has arrived for `quietMs`.
 */
export async function settledDiagnostics(client: LspClient, uri: string, quietMs = 750): Promise<Diagnostic[]> {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    let seen = -1;
    while (seen !== (client.published.get(uri)?.length ?? 0)) {
        seen = client.published.get(uri)?.length ?? 0;
        await new Promise(resolve => setTimeout(resolve, quietMs));
    }
    const latest = client.latest(uri);
    if (!latest) throw new Error(`no diagnostics were published for ${uri}`);
    return latest.diagnostics;
}
