/**
 * `npm run fuzz:cdk`: the CDK invariant on 200 random valid designs (RESIL_CDK_DESIGNS), with a random seed unless
 * RESIL_FUZZ_SEED replays one. Exits 1 on any violation, printing the seed to replay it with.
 */
import * as path from 'node:path';
import { numberFromEnvironment, seedFromEnvironment } from '../fuzz/random.js';
import { describeInvariant, holdInvariant } from '../support/cdk-invariant.js';
import { REPO_ROOT } from '../support/paths.js';

const seed = seedFromEnvironment();
const count = numberFromEnvironment('RESIL_CDK_DESIGNS', 200);
console.log(`CDK invariant: seed ${seed}, ${count} designs`);
const started = Date.now();
const report = await holdInvariant(seed, count, path.join(REPO_ROOT, '.tmp', 'cdk-fuzz'), {
    progress: line => console.log(`  ${line} (${((Date.now() - started) / 1000).toFixed(0)} s)`),
});
console.log(describeInvariant(report));
console.log(`${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = report.violations.length > 0 ? 1 : 0;
