import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { generateModel } from '../support/generate-model.js';
import { LspClient, pathToUri } from '../support/lsp-client.js';

// What editors other than VS Code (and VS Code itself, in corners) send, over a real stdio connection to the built
// server: each sequence once ended the server (issue 11, items 1 and 2).

const DESIGN = 'system S {\n  region r "us-east-1" {\n    az a\n    sqs q\n  }\n}\n';
const EDITED = DESIGN.replace('sqs q', 'sqs q { dlq nowhere }');
const SETTLE_MS = 1_500;

function settle(): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, SETTLE_MS));
}

function messages(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => d.message);
}

describe('language server and unusual clients (stdio, dist/server.cjs)', function () {
    this.timeout(60_000);
    let client: LspClient;
    let folder: string;

    beforeEach(async () => {
        folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-lsp-'));
        client = await LspClient.start({ workspaceFolder: folder });
    });
    afterEach(async () => {
        await client.stop();
        fs.rmSync(folder, { recursive: true, force: true });
    });

    /** The server still runs, answers a request and checks an edit of a saved design. */
    async function assertAlive(): Promise<void> {
        const file = path.join(folder, `alive-${Date.now()}.resil`);
        fs.writeFileSync(file, DESIGN);
        const uri = pathToUri(file);
        const checked = client.nextDiagnostics(uri, d => messages(d).some(m => m.includes('nowhere')), 20_000);
        client.open(uri, EDITED);
        await checked;
        const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
        assert.ok(symbols.length > 0);
        assert.ok(client.running, `the server exited: ${client.serverStderr}`);
    }

    for (const untitledText of ['lambda f { uses nothere }', 'system U { region r { az a lambda f { uses nothere } } }']) {
        it(`keeps checking a saved design after an untitled document is closed unsaved (${untitledText.slice(0, 12)}...)`, async () => {
            const file = path.join(folder, 'saved.resil');
            fs.writeFileSync(file, DESIGN);
            const saved = pathToUri(file);
            client.open(saved, DESIGN);
            await client.nextDiagnostics(saved);
            const untitled = 'untitled:Untitled-1';
            client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: untitled, languageId: 'resil', version: 1, text: untitledText } });
            await client.nextDiagnostics(untitled);
            const cleared = client.nextDiagnostics(untitled, d => d.length === 0);
            client.close(untitled);
            await cleared;
            const edited = client.nextDiagnostics(saved, d => messages(d).some(m => m.includes('nowhere')));
            client.change(saved, EDITED, 2);
            await edited;
            await assertAlive();
        });
    }

    it('survives documents that are not on disk changed and closed while another document is checked', async () => {
        // Without a workspace folder (as a single file opened in an editor). Each document is checked once; then, while a
        // large design keeps the builder busy, each is changed and closed: the builds of the changes run after the
        // closes, with the documents neither open nor on disk.
        await client.stop();
        client = await LspClient.start();
        const missing = Array.from({ length: 5 }, (_, i) => pathToUri(path.join(folder, 'not-saved', `missing-${i}.resil`)));
        for (const uri of missing) {
            client.open(uri, DESIGN);
            await client.nextDiagnostics(uri);
        }
        const large = pathToUri(path.join(folder, 'not-saved', 'large.resil'));
        client.open(large, generateModel({ services: 2_000 }).text);
        for (const uri of missing) {
            client.change(uri, EDITED, 2);
            client.close(uri);
        }
        await client.nextDiagnostics(large, () => true, 30_000);
        await assertAlive();
        for (const uri of missing) assert.deepEqual(client.latest(uri)?.diagnostics, [], `diagnostics left for closed ${uri}`);
    });

    it('re-reads a closed file from disk: its diagnostics are those of the saved text, not of the unsaved edit', async () => {
        const file = path.join(folder, 'dirty.resil');
        fs.writeFileSync(file, DESIGN);
        const uri = pathToUri(file);
        client.open(uri, DESIGN);
        await client.nextDiagnostics(uri);
        const dirty = client.nextDiagnostics(uri, d => messages(d).some(m => m.includes('nowhere')));
        client.change(uri, EDITED, 2);
        await dirty;
        const reverted = client.nextDiagnostics(uri, d => !messages(d).some(m => m.includes('nowhere')));
        client.close(uri);
        await reverted;
        await assertAlive();
    });

    for (const [label, text] of [['null', null], ['a number', 42], ['an object', {}]] as const) {
        it(`ignores a didOpen whose text is ${label}, with a warning to the client`, async () => {
            const uri = pathToUri(path.join(folder, `malformed-${label.replace(' ', '-')}.resil`));
            client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'resil', version: 1, text } });
            await settle();
            await assertAlive();
            assert.equal(client.published.get(uri), undefined, 'diagnostics published for a document with no text');
            assert.ok(client.logs.some(log => log.type === 2 && log.message.includes(uri) && log.message.includes(label)),
                `no warning among ${JSON.stringify(client.logs)}`);
        });
    }

    it('ignores a document of another language and answers requests on it', async () => {
        const uri = 'file:///x.txt';
        client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: 'hello' } });
        const hover = await client.request<unknown>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } })
            .catch((error: Error) => error);
        client.close(uri);
        await settle();
        await assertAlive();
        assert.ok(hover === null || hover instanceof Error, `hover on plain text: ${JSON.stringify(hover)}`);
        assert.equal(client.published.get(uri), undefined, 'diagnostics published for a plain text file');
    });

    for (const [label, id] of [['an object', {}], ['an array', [1]], ['null', null], ['a boolean', true]] as const) {
        it(`answers a request whose id is ${label} with InvalidRequest (id null), and keeps answering`, async () => {
            await client.sendRaw({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x.resil' }, position: { line: 0, character: 0 } } });
            const answer = await waitFor(() => client.received.find(m => 'error' in m && (m as { id?: unknown }).id === null));
            assert.equal((answer as { error?: { code: number } }).error?.code, -32600);
            await assertAlive();
        });
    }

    it('answers a request whose method is not a string with InvalidRequest under its id', async () => {
        await client.sendRaw({ jsonrpc: '2.0', id: 7001, method: 42 });
        const answer = await waitFor(() => client.received.find(m => (m as { id?: unknown }).id === 7001));
        assert.equal((answer as { error?: { code: number } }).error?.code, -32600);
        await assertAlive();
    });
});

async function waitFor<T>(find: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    const started = Date.now();
    for (;;) {
        const found = find();
        if (found !== undefined) return found;
        if (Date.now() - started > timeoutMs) throw new Error(`nothing within ${timeoutMs} ms`);
        await new Promise(resolve => setTimeout(resolve, 20));
    }
}
