/**
 * The CDK invariant on random valid designs (test/support/random-design.ts), in every `npm test`: 20 designs of a
 * seed that is printed for replay (`RESIL_FUZZ_SEED`, `RESIL_CDK_DESIGNS`); `npm run fuzz:cdk` runs 200.
 */
import * as assert from 'node:assert';
import * as path from 'node:path';
import { describeInvariant, holdInvariant, type InvariantReport } from '../support/cdk-invariant.js';
import { REPO_ROOT } from '../support/paths.js';
import { KINDS } from '../support/random-design.js';
import { numberFromEnvironment, seedFromEnvironment } from '../fuzz/random.js';

describe('random valid designs: the CDK invariant (generate, tsc, synth, cdk-nag, cfn-lint, model check)', function () {
    this.timeout(900_000);
    let report: InvariantReport;

    before(async () => {
        const seed = seedFromEnvironment();
        const count = numberFromEnvironment('RESIL_CDK_DESIGNS', 20);
        console.log(`      random designs: seed ${seed}, ${count} designs (replay: RESIL_FUZZ_SEED=${seed} RESIL_CDK_DESIGNS=${count})`);
        report = await holdInvariant(seed, count, path.join(REPO_ROOT, '.tmp', 'cdk-random'));
    });

    it('holds on every design: no violation at any step', () => {
        assert.deepStrictEqual(report.violations, [], describeInvariant(report));
    });

    it('covers every service kind, cells with routers, replicas and failover over the run', () => {
        const wanted = [...KINDS.map(k => k.kind), 'nat', 'endpoint', 'cell', 'router', 'alb', 'route53', 'replica-of', 'failover', 'cloudfront'];
        if (report.designs < 20) return; // a replayed handful need not cover everything
        assert.deepStrictEqual(wanted.filter(k => !report.kinds.has(k)), [], `seed ${report.seed}`);
    });
});
