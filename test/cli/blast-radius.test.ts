import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runResil } from '../support/cli.js';
import { TOUR_FILE } from '../support/paths.js';

const TOUR = TOUR_FILE;

/** Runs the built binary as a user would. */
function resil(...args: string[]) {
    return runResil(args);
}

function json(...args: string[]) {
    const result = resil(...args, '--format', 'json');
    assert.strictEqual(result.status, 0, result.stderr);
    return JSON.parse(result.stdout) as { scenarios: Array<Record<string, unknown>> };
}

describe('resil blast-radius', function () {
    this.timeout(60_000);

    it('prints each entry point\'s availability with its derivation and the assumptions, not only when a requirement fails', () => {
        const { availability } = json('blast-radius', TOUR) as unknown as {
            availability: { entryPoints: Record<string, { estimate: number; derivation: string[] }>; assumptions: string[] };
        };
        const dns = availability.entryPoints.dns;
        assert.ok(dns.estimate > 0.99 && dns.estimate < 1, String(dns.estimate));
        assert.match(dns.derivation[0], /^dns itself: 100% \(Amazon Route 53 SLA/);
        assert.match(dns.derivation.at(-1)!, /^= \d/);
        assert.ok(availability.assumptions.some(a => /A failover is not instant/.test(a)));
    });

    it('prints every single-failure scenario as JSON, lists sorted, services per replica', () => {
        const { scenarios } = json('blast-radius', TOUR);
        assert.strictEqual(scenarios.length, 12);
        const cell = scenarios.find(s => s.name === 'use1.payments[2]')!;
        assert.deepStrictEqual(cell, {
            name: 'use1.payments[2]', fail: ['use1.payments[2]'],
            failed: ['use1.payments[2].authorize', 'use1.payments[2].ledger'],
            degraded: ['dns', 'use1.api', 'use1.customerRouter', 'use1.edge'],
            entryPoints: { dns: 'degraded' }, customersDown: 0,
        });
        for (const s of scenarios) {
            for (const key of ['failed', 'degraded'] as const) {
                const list = s[key] as string[];
                assert.deepStrictEqual(list, [...list].sort(), `${s.name} ${key}`);
            }
        }
    });

    it('fails several names together and runs a scenario block', () => {
        const together = json('blast-radius', TOUR, '--fail', 'use1.payments[3]', '--fail', 'use1.payments[1]');
        assert.deepStrictEqual(together.scenarios.map(s => [s.fail, s.customersDown]), [[['use1.payments[1]', 'use1.payments[3]'], 0.166667]]);
        const scenario = json('blast-radius', TOUR, '--scenario', 'badDeploy');
        assert.strictEqual(scenario.scenarios[0].name, 'badDeploy');
        assert.strictEqual(scenario.scenarios[0].customersDown, 0.166667);
        const service = json('blast-radius', TOUR, '--fail', 'use1.payments[2].authorize');
        assert.deepStrictEqual(service.scenarios[0].failed, ['use1.payments[2].authorize']);
    });

    it('prints a readable table, with details for named failures', () => {
        const all = resil('blast-radius', TOUR);
        assert.strictEqual(all.status, 0, all.stderr);
        const lines = all.stdout.trimEnd().split('\n');
        assert.match(lines[0], /^scenario\s+failed\s+degraded\s+customers down\s+entry points$/);
        assert.match(all.stdout, /^use1\.a\s+0\s+0\s+0%\s+dns ok$/m);
        assert.strictEqual(lines.length, 13);
        const named = resil('blast-radius', TOUR, '--fail', 'use1.a');
        assert.match(named.stdout, /use1\.a: fails use1\.a\n {2}failed: {3}\(none\)\n {2}degraded: \(none\)\n {2}capacity left:\n {4}use1\.api: 6 of 9 tasks, needs 6/);
    });

    it('rejects unknown names with the closest valid ones and exit code 2', () => {
        const unknown = resil('blast-radius', TOUR, '--fail', 'use1.paymnts[2]');
        assert.strictEqual(unknown.status, 2);
        assert.match(unknown.stderr, /resil blast-radius: unknown cell 'use1\.paymnts' in 'use1\.paymnts\[2\]'; did you mean use1\.payments\[2\]/);
        const range = resil('blast-radius', TOUR, '--fail', 'use1.payments[9]');
        assert.match(range.stderr, /cell use1\.payments has 4 replicas, numbered 0 to 3/);
        const scenario = resil('blast-radius', TOUR, '--scenario', 'badDeploi');
        assert.strictEqual(scenario.status, 2);
        assert.match(scenario.stderr, /unknown scenario 'badDeploi'; did you mean badDeploy\?/);
        assert.strictEqual(resil('blast-radius', TOUR, '--format', 'xml').status, 2);
        assert.strictEqual(resil('blast-radius').status, 2);
    });

    it('exits 2 with file:line:column errors for a design that does not link', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-blast-'));
        const file = path.join(dir, 'broken.resil');
        fs.writeFileSync(file, 'system T {\n  region use1 {\n    az a\n    lambda f { uses nowhere }\n  }\n}\n');
        const result = resil('blast-radius', file);
        assert.strictEqual(result.status, 2);
        assert.match(result.stderr, /broken\.resil:4:\d+ /);
        assert.strictEqual(result.stdout, '');
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
