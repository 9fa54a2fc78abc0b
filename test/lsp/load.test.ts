import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { LspClient } from '../support/lsp-client.js';
import { build } from '../support/services.js';
import { generateModel } from '../support/generate-model.js';
import { runTypingSession, settledDiagnostics, STALE_CODES, typingSession } from '../support/load-edits.js';
import { REPO_ROOT, TOUR_FILE } from '../support/paths.js';

// The built language server (`dist/server.cjs`, `npm run build`) under load, over a real stdio connection.
// The 10,000-edit memory soak runs in the benchmarks (`npm run bench -- lsp-memory-soak`): too slow for CI.

/** In the tour: the name of `ecs api` in region use1 (line 32, 1-based). */
const API_NAME = { line: 31, character: 9 };

/** What a diagnostic says, for comparing the server's with a fresh in-process check. */
function summary(d: Diagnostic): string {
    return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${d.message}`;
}

describe('language server under load (stdio, dist/server.cjs)', function () {
    this.timeout(240_000);
    let client: LspClient;
    const tour = fs.readFileSync(TOUR_FILE, 'utf8');

    before(async () => {
        client = await LspClient.start({ workspaceFolder: path.join(REPO_ROOT, 'test', 'fixtures') });
    });
    after(async () => {
        await client?.stop();
    });

    it('answers every request during 1,000 rapid edits and ends with the diagnostics of the final text', async () => {
        const uri = 'file:///load/rapid.resil';
        client.open(uri, tour);
        await client.nextDiagnostics(uri);
        const publishedBefore = client.published.get(uri)?.length ?? 0;
        const session = await runTypingSession(client, uri, typingSession(tour, 1000), { firstVersion: 2, requestEvery: 10 });
        const unexpected = session.outcomes.filter(o => !o.ok && !STALE_CODES.has(o.code ?? 0));
        assert.deepStrictEqual(unexpected, [], `requests failed: ${JSON.stringify(unexpected.slice(0, 5))}\n${client.serverStderr}`);
        assert.strictEqual(session.outcomes.length, 400);

        const final = await settledDiagnostics(client, uri);
        const expected = ((await build(session.lastText)).diagnostics ?? []).map(summary).sort();
        assert.deepStrictEqual(final.map(summary).sort(), expected);
        assert.ok(expected.some(line => line.includes('static-stability')), 'the final text must differ from the tour in its diagnostics');

        // A build overtaken by a newer edit is cancelled and publishes nothing; how many are overtaken depends on how
        // fast the machine keeps up (under load most are, on a quiet machine few), so the count is a benchmark
        // figure (`lsp-rapid-edits-1k`). What must hold anywhere: never more than one publication per version.
        const published = (client.published.get(uri)?.length ?? 0) - publishedBefore;
        assert.ok(published <= session.edits, `${published} diagnostics notifications for ${session.edits} edits`);
        client.close(uri);
    });

    it('answers requests on another file while a 10,000-service file is opened, then diagnoses the big one', async () => {
        // How long those requests wait is a benchmark figure (`npm run bench -- lsp-other-file-latency-10k`).
        const small = 'file:///load/small.resil';
        client.open(small, tour);
        await client.nextDiagnostics(small);
        const big = 'file:///load/big.resil';
        const bigDiagnostics = client.nextDiagnostics(big, () => true, 200_000);
        client.open(big, generateModel({ services: 10_000 }).text);
        const hovers = await Promise.all([0, 1, 2].map(async i => {
            await new Promise(resolve => setTimeout(resolve, i * 200));
            return client.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri: small }, position: API_NAME });
        }));
        for (const hover of hovers) assert.match(JSON.stringify(hover?.contents ?? ''), /api/);
        const { diagnostics } = await bigDiagnostics;
        assert.deepStrictEqual(diagnostics.filter(d => d.severity === 1).map(d => d.message), []);
        client.close(big);
        client.close(small);
    });
});
