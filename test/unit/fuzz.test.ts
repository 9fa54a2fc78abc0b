import * as assert from 'node:assert';
import { loadCorpus } from '../fuzz/corpus.js';
import { typecheckGeneratedApps } from '../fuzz/cdk-typecheck.js';
import { describeFailures, fuzzInput, runFuzz } from '../fuzz/fuzzer.js';
import { seedFromEnvironment } from '../fuzz/random.js';

// The bounded fuzz run of the test suite: 2,000 mutated designs through everything a user can reach. The seed is
// printed; `RESIL_FUZZ_SEED=<seed> npm run fuzz` replays the run (see test/fuzz/main.ts).
const INPUTS = 2000;

describe('fuzz (bounded run)', function () {
    // About a minute on an idle 2-core machine (two worker threads); generous for a busy one.
    this.timeout(1_200_000);
    const seed = seedFromEnvironment();
    const corpus = loadCorpus();
    let cleanDesigns: string[] = [];

    it(`survives ${INPUTS} mutated designs (seed ${seed})`, async () => {
        console.log(`      fuzz seed ${seed}: replay with RESIL_FUZZ_SEED=${seed} npm run fuzz`);
        const report = await runFuzz({ seed, inputs: INPUTS, corpus, timeBoundMs: 20_000, layoutEvery: 250 });
        assert.strictEqual(report.inputs, INPUTS);
        assert.deepStrictEqual(report.failures.map(f => f.index), [], describeFailures(report));
        // A few of the mutated designs that still check clean, for the type-check below.
        const sample = report.cleanIndexes.length > 3
            ? [report.cleanIndexes[0], report.cleanIndexes[Math.floor(report.cleanIndexes.length / 2)], report.cleanIndexes[report.cleanIndexes.length - 1]]
            : report.cleanIndexes;
        cleanDesigns = sample.map(index => fuzzInput(corpus, seed, index));
    });

    it('generates CDK code that type-checks for mutated designs that check clean', async () => {
        const designs = cleanDesigns.length > 0 ? cleanDesigns : corpus.slice(0, 1);
        const result = await typecheckGeneratedApps(designs);
        assert.ok(result.ok, `tsc failed on the apps in ${result.folder}:\n${result.output.slice(0, 4000)}`);
    });
});
