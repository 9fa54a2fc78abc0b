/**
 * `npm run fuzz:lsp`: a long protocol fuzz run against the built server. Environment: RESIL_FUZZ_SEED (replay a
 * run), RESIL_LSP_FUZZ_OPERATIONS (default 20000), RESIL_LSP_FUZZ_CHECK_EVERY (default 500). Exits 1 on a problem.
 */
import { loadCorpus } from './corpus.js';
import { describeProtocolFuzz, runProtocolFuzz } from './lsp-fuzzer.js';
import { numberFromEnvironment, seedFromEnvironment } from './random.js';

const seed = seedFromEnvironment();
const operations = numberFromEnvironment('RESIL_LSP_FUZZ_OPERATIONS', 20_000);
console.log(`protocol fuzz: seed ${seed} (replay with RESIL_FUZZ_SEED=${seed}), ${operations} operations`);
const report = await runProtocolFuzz({
    seed,
    operations,
    corpus: loadCorpus(),
    checkEvery: numberFromEnvironment('RESIL_LSP_FUZZ_CHECK_EVERY', 500),
    requestTimeoutMs: 30_000,
    onProgress: done => { if (done % 1000 === 0) console.log(`  ${done} operations`); },
});
console.log(describeProtocolFuzz(report));
console.log(`${(report.elapsedMs / 1000).toFixed(1)} s`);
process.exitCode = report.problems.length > 0 ? 1 : 0;
