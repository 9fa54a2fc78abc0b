import * as assert from 'node:assert';
import { loadCorpus } from '../fuzz/corpus.js';
import { describeProtocolFuzz, runProtocolFuzz } from '../fuzz/lsp-fuzzer.js';
import { seedFromEnvironment } from '../fuzz/random.js';

// The bounded protocol fuzz run of the test suite: 2,000 editor operations against the built server (stdio). The
// seed is printed; `RESIL_FUZZ_SEED=<seed> RESIL_LSP_FUZZ_OPERATIONS=2000 npm run fuzz:lsp` replays the run.
const OPERATIONS = 2000;

describe('protocol fuzz (bounded run, dist/server.cjs)', function () {
    // About a minute on an idle 2-core machine; generous for a busy one.
    this.timeout(600_000);
    const seed = seedFromEnvironment();

    it(`never exits, answers every request and ends with the CLI's diagnostics over ${OPERATIONS} operations (seed ${seed})`, async () => {
        console.log(`      protocol fuzz seed ${seed}: replay with RESIL_FUZZ_SEED=${seed} RESIL_LSP_FUZZ_OPERATIONS=${OPERATIONS} npm run fuzz:lsp`);
        const report = await runProtocolFuzz({ seed, operations: OPERATIONS, corpus: loadCorpus(), checkEvery: 500, requestTimeoutMs: 60_000 });
        assert.deepStrictEqual(report.problems, [], describeProtocolFuzz(report));
        assert.strictEqual(report.operations, OPERATIONS);
    });
});
