import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { generateModel } from '../../bench/generate-model.js';
import { LspClient } from '../support/lsp-client.js';
import { build } from '../support/services.js';
import { REPO_ROOT, TOUR_FILE } from '../support/cli.js';
import { editSequence, settledDiagnostics, type EditStep } from './load-edits.js';

// The built language server (`dist/server.cjs`, `npm run build`) under load, over a real stdio connection.
// The 10,000-edit memory soak runs in the benchmarks (`npm run bench -- lsp-memory-soak`): too slow for CI.

/** Errors a request may end with when the document changed under it (LSP ContentModified, RequestCancelled). */
const ACCEPTABLE_CODES = new Set([-32801, -32800]);

interface RequestOutcome {
    readonly method: string;
    readonly ok: boolean;
    readonly code?: number;
    readonly message?: string;
}

function outcome(method: string, promise: Promise<unknown>): Promise<RequestOutcome> {
    return promise.then(
        () => ({ method, ok: true }),
        (error: { code?: number; message?: string }) => ({ method, ok: false, code: error.code, message: error.message }),
    );
}

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

    it('answers every request during 1,000 rapid edits, cancels stale work and ends with the diagnostics of the final text', async () => {
        const uri = 'file:///load/rapid.resil';
        client.open(uri, tour);
        await client.nextDiagnostics(uri);
        const steps: EditStep[] = editSequence(tour, 1000);
        const requests: Array<Promise<RequestOutcome>> = [];
        const publishedBefore = client.published.get(uri)?.length ?? 0;
        for (const [i, step] of steps.entries()) {
            client.change(uri, step.text, i + 2);
            if (i % 10 === 0) {
                const textDocument = { uri };
                const position = step.cursor;
                requests.push(outcome('hover', client.request('textDocument/hover', { textDocument, position })));
                requests.push(outcome('completion', client.request('textDocument/completion', { textDocument, position })));
                requests.push(outcome('codeLens', client.request('textDocument/codeLens', { textDocument })));
                requests.push(outcome('blastRadius', client.request('resil/blastRadius', { uri })));
            }
            // Let the server read now and then, as an editor's typing would, without waiting for it.
            if (i % 50 === 0) await new Promise(resolve => setImmediate(resolve));
        }
        const outcomes = await Promise.all(requests);
        const unexpected = outcomes.filter(o => !o.ok && !ACCEPTABLE_CODES.has(o.code ?? 0));
        assert.deepStrictEqual(unexpected, [], `requests failed: ${JSON.stringify(unexpected.slice(0, 5))}\n${client.serverStderr}`);
        assert.strictEqual(outcomes.length, 400);

        const finalText = steps[steps.length - 1].text;
        const final = await settledDiagnostics(client, uri);
        const expected = ((await build(finalText)).diagnostics ?? []).map(summary).sort();
        assert.deepStrictEqual(final.map(summary).sort(), expected);
        assert.ok(expected.some(line => line.includes('static-stability')), 'the final text must differ from the tour in its diagnostics');

        // Stale versions are dropped: far fewer validations than edits reach the client.
        const published = (client.published.get(uri)?.length ?? 0) - publishedBefore;
        assert.ok(published < steps.length / 4, `${published} diagnostics notifications for ${steps.length} edits: stale builds are not cancelled`);
        client.close(uri);
    });

    it('keeps answering requests on a small file in under 1 s while a 10,000-service file is opened', async () => {
        const small = 'file:///load/small.resil';
        client.open(small, tour);
        await client.nextDiagnostics(small);
        const big = 'file:///load/big.resil';
        const bigDiagnostics = client.nextDiagnostics(big, () => true, 180_000);
        const bigText = generateModel({ services: 10_000 }).text;
        const latencies: number[] = [];
        let bigDone = false;
        void bigDiagnostics.then(() => { bigDone = true; });
        client.open(big, bigText);
        const position = { line: 30, character: 10 };
        while (!bigDone) {
            const start = performance.now();
            await client.request('textDocument/hover', { textDocument: { uri: small }, position });
            latencies.push(performance.now() - start);
            await new Promise(resolve => setTimeout(resolve, 50));
        }
        await bigDiagnostics;
        const worst = Math.max(...latencies);
        console.log(`      hover on the small file while the big one was built: ${latencies.length} requests, worst ${Math.round(worst)} ms`);
        assert.ok(worst < 1000, `a hover on another file waited ${Math.round(worst)} ms while the 10,000-service file was built`);
        client.close(big);
        client.close(small);
    });
});
