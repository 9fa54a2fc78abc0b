import { LspClient } from '../../test/support/lsp-client.js';
import { generateDense } from '../../test/support/generate-model.js';
import { MAX_FILE_BYTES } from '../../language/src/workspace/limits.js';
import { registerMeasurement, type BenchContext } from '../registry.js';

/** Time from `didOpen` to the first `publishDiagnostics` of that document, over stdio to the built server. */

interface LspState {
    client: LspClient;
    text: string;
    opened: number;
}

for (const [size, runs] of [[60, 9], [10000, 5]] as const) {
    registerMeasurement<LspState>({
        name: `lsp-diagnostics-${size >= 1000 ? `${size / 1000}k` : size}`,
        title: `LSP didOpen to diagnostics, ${size.toLocaleString('en')} services`,
        // Issue 20: the server at or under the CLI's memory for the same design, under 700 MB at 10,000 services.
        budget: size >= 10000 ? { mb: 700 } : undefined,
        runs,
        note: `the built \`dist/server.cjs\` over stdio; each run opens a new document and waits for its diagnostics, then closes it. Peak memory is the server's (VmHWM).${size < 1000 ? ' No example of the repository has 50 services: a generated model of three 20-service blocks stands in.' : ''}`,
        prepare: async (context: BenchContext) => ({ client: await LspClient.start(), text: context.modelText(size), opened: 0 }),
        run: (state) => openUntilDiagnostics(state, `lsp-${size}`, 120_000),
        peakMb: (state) => state.client.memoryMb().peak,
        dispose: (state) => state.client.stop(),
    });
}

registerMeasurement<LspState>({
    name: 'lsp-diagnostics-size-limit',
    title: 'LSP didOpen to diagnostics, a design at the size limit (3 MB, densest text)',
    budget: { mb: 2048 },
    runs: 1,
    warmups: 0,
    note: 'the built `dist/server.cjs` over stdio opens the design of `cli-check-size-limit` (a lambda per line, each using another, filled to the 3 MB input limit) and publishes its diagnostics. Peak memory is the server\'s (VmHWM).',
    prepare: async () => ({ client: await LspClient.start(), text: generateDense(MAX_FILE_BYTES), opened: 0 }),
    run: (state) => openUntilDiagnostics(state, 'lsp-limit', 200_000),
    peakMb: (state) => state.client.memoryMb().peak,
    dispose: (state) => state.client.stop(),
});

/** Opens the state's design as a new document; the milliseconds until its diagnostics are published. */
async function openUntilDiagnostics(state: LspState, name: string, timeoutMs: number): Promise<number> {
    const uri = `file:///bench/${name}-${++state.opened}.resil`;
    const published = state.client.nextDiagnostics(uri, () => true, timeoutMs);
    const start = performance.now();
    state.client.open(uri, state.text);
    const { at } = await published;
    state.client.close(uri);
    return at - start;
}
