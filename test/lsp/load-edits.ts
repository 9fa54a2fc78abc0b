import type { Diagnostic, Position } from 'vscode-languageserver';
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

export function editSequence(text: string, count: number): EditStep[] {
    return [...typingSession(text, count)];
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
