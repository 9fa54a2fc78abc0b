import * as assert from 'node:assert';
import { analysisOf, outcomesFor, scenarioJson } from '../../language/src/analysis/analysis.js';
import { build } from '../support/services.js';

/** Simulates `fail` (names failed together) in `text` and returns the CLI's JSON for it. */
async function simulate(text: string, ...fail: string[]) {
    const document = await build(text);
    const [outcome] = outcomesFor(analysisOf(document.parseResult.value), { fail });
    return scenarioJson(outcome);
}

/** Two entry points of one region (each carries half of the customers): `web` reads `db`, `files` serves `assets`. */
const TWO_ENTRIES = (db: string, assets = 's3 assets { versioning on }') => `system T {
  region use1 "us-east-1" {
    az a
    az b
    az c
    ecs web in a, b, c { entry tasks 6 uses db }
    ecs files in a, b, c { entry tasks 6 uses assets }
    ${db}
    ${assets}
  }
}
`;

describe('simulation of databases and buckets', () => {
    it('fails over an Aurora cluster whose writer AZ is lost to a reader in another AZ: degraded, not failed', async () => {
        // Writer in a, readers in b and c: losing a promotes a reader, so db and its caller web are degraded.
        const result = await simulate(TWO_ENTRIES('aurora db in a, b, c { readers 2 }'), 'use1.a');
        assert.deepStrictEqual(result.failed, []);
        assert.deepStrictEqual(result.degraded, ['use1.db', 'use1.web']);
        assert.deepStrictEqual(result.entryPoints, { 'use1.files': 'ok', 'use1.web': 'degraded' });
        assert.strictEqual(result.customersDown, 0);
    });

    it('fails an Aurora cluster whose writer AZ is lost when no reader sits in another AZ', async () => {
        // No reader: the writer's AZ takes the cluster, and web with it; files still serves: 1 of 2 entry points down.
        const result = await simulate(TWO_ENTRIES('aurora db in a, b, c'), 'use1.a');
        assert.deepStrictEqual(result.failed, ['use1.db', 'use1.web']);
        assert.deepStrictEqual(result.degraded, []);
        assert.deepStrictEqual(result.entryPoints, { 'use1.files': 'ok', 'use1.web': 'failed' });
        assert.strictEqual(result.customersDown, 0.5);
    });

    it('leaves an Aurora cluster ok when only a reader\'s AZ is lost', async () => {
        const result = await simulate(TWO_ENTRIES('aurora db in a, b, c { readers 2 }'), 'use1.b');
        assert.deepStrictEqual([result.failed, result.degraded], [[], []]);
    });

    it('fails a single-AZ RDS instance with its AZ, and fails a Multi-AZ one over to its standby', async () => {
        const single = await simulate(TWO_ENTRIES('rds db in b'), 'use1.b');
        assert.deepStrictEqual(single.failed, ['use1.db', 'use1.web']);
        assert.strictEqual(single.customersDown, 0.5);
        // Primary in a, standby in b: losing a is a failover (degraded), losing c touches nothing.
        const multi = await simulate(TWO_ENTRIES('rds db in a, b, c { multi-az on }'), 'use1.a');
        assert.deepStrictEqual([multi.failed, multi.degraded], [[], ['use1.db', 'use1.web']]);
        const untouched = await simulate(TWO_ENTRIES('rds db in a, b, c { multi-az on }'), 'use1.c');
        assert.deepStrictEqual([untouched.failed, untouched.degraded], [[], []]);
    });

    it('keeps a Multi-AZ DB cluster up through the loss of two of its three AZs, and fails it with the third', async () => {
        const text = TWO_ENTRIES('rds db in a, b, c { multi-az cluster }');
        const two = await simulate(text, 'use1.a', 'use1.b');
        assert.deepStrictEqual(two.failed, []);
        assert.deepStrictEqual(two.degraded, ['use1.db', 'use1.web']);
        const three = await simulate(text, 'use1.a', 'use1.b', 'use1.c');
        assert.ok(three.failed.includes('use1.db'));
    });

    it('fails a One Zone bucket with its AZ, and keeps a regional bucket through any AZ', async () => {
        // The bucket sits in b only: losing b fails it and files; web (reading a regional table) stays ok.
        const oneZone = await simulate(TWO_ENTRIES('dynamodb db', 's3 assets in b { storage one-zone versioning on }'), 'use1.b');
        assert.deepStrictEqual(oneZone.failed, ['use1.assets', 'use1.files']);
        assert.deepStrictEqual(oneZone.entryPoints, { 'use1.files': 'failed', 'use1.web': 'ok' });
        assert.strictEqual(oneZone.customersDown, 0.5);
        const regional = await simulate(TWO_ENTRIES('dynamodb db'), 'use1.b');
        assert.deepStrictEqual([regional.failed, regional.degraded], [[], []]);
    });

    it('leaves a global database secondary to serve its own region when the primary region is lost', async () => {
        const text = `system T {
  region use1 "us-east-1" {
    az a
    az b
    alb web in a, b { entry uses db }
    aurora db in a, b { readers 1 }
  }
  region usw2 "us-west-2" {
    az a
    az b
    alb web in a, b { entry uses db }
    aurora db in a, b replica of use1.db { readers 1 }
  }
}
`;
        const result = await simulate(text, 'use1');
        assert.deepStrictEqual(result.failed, ['use1.db', 'use1.web']);
        // The secondary loses its replication source: degraded until it is promoted, and its region's entry point with
        // it; that entry point still serves (half of the customers, who came through use1.web, are down).
        assert.deepStrictEqual(result.degraded, ['usw2.db', 'usw2.web']);
        assert.deepStrictEqual(result.entryPoints, { 'use1.web': 'failed', 'usw2.web': 'degraded' });
        assert.strictEqual(result.customersDown, 0.5);
    });
});
