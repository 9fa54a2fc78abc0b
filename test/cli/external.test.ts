import * as assert from 'node:assert';
import { runResil } from '../support/cli.js';
import { repoPath } from '../support/paths.js';

const FRAGILE = repoPath('test', 'fixtures', 'edge', 'edge-fragile.resil');

describe('resil blast-radius --fail on an external dependency', function () {
    this.timeout(60_000);

    it('fails the third party and every caller that needs it (hard, synchronous), up to the entry point', () => {
        const result = runResil(['blast-radius', FRAGILE, '--fail', 'stripe', '--format', 'json']);
        assert.strictEqual(result.status, 0, result.stderr);
        const [scenario] = (JSON.parse(result.stdout) as { scenarios: Array<Record<string, unknown>> }).scenarios;
        assert.deepStrictEqual(scenario, {
            name: 'stripe', fail: ['stripe'], failed: ['cdn', 'stripe', 'use1.api', 'use1.checkout'], degraded: [],
            entryPoints: { cdn: 'failed' }, customersDown: 1,
        });
    });

    it('names the external dependency a misspelt --fail meant', () => {
        const result = runResil(['blast-radius', FRAGILE, '--fail', 'strpe']);
        assert.strictEqual(result.status, 2);
        assert.match(result.stderr, /unknown name 'strpe'; did you mean stripe\?/);
    });
});
