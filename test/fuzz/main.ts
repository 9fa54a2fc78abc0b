/**
 * `npm run fuzz`: a long fuzz run. Environment: RESIL_FUZZ_SEED (replay a run), RESIL_FUZZ_INPUTS (default
 * 10000), RESIL_FUZZ_ONLY (comma-separated input indexes to replay), RESIL_FUZZ_LAYOUT_EVERY (default 25),
 * RESIL_FUZZ_TIME_BOUND_MS (default 20000). Exits 1 when an input had a problem.
 */
import { loadCorpus } from './corpus.js';
import { describeFailures, runFuzz } from './fuzzer.js';
import { numberFromEnvironment, seedFromEnvironment } from './random.js';

const seed = seedFromEnvironment();
const only = process.env.RESIL_FUZZ_ONLY?.split(',').filter(Boolean).map(Number);
const inputs = numberFromEnvironment('RESIL_FUZZ_INPUTS', 10_000);
console.log(`fuzz: seed ${seed} (replay with RESIL_FUZZ_SEED=${seed}), ${only ? `inputs ${only.join(',')}` : `${inputs} inputs`}`);
const report = await runFuzz({
    seed,
    inputs,
    only,
    corpus: loadCorpus(),
    timeBoundMs: numberFromEnvironment('RESIL_FUZZ_TIME_BOUND_MS', 20_000),
    layoutEvery: numberFromEnvironment('RESIL_FUZZ_LAYOUT_EVERY', 25),
    onInput: (_, done) => { if (done % 500 === 0) console.log(`  ${done} inputs`); },
});
console.log(describeFailures(report));
console.log(`${(report.elapsedMs / 1000).toFixed(1)} s, ${report.cleanIndexes.length} inputs checked clean`);
const slowest = Object.entries(report.stageMs).sort((a, b) => b[1] - a[1]).slice(0, 6);
console.log(`time per stage: ${slowest.map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
process.exitCode = report.failures.length > 0 ? 1 : 0;
