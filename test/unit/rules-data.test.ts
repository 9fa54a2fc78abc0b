import * as assert from 'node:assert';
import { inRegion } from '../support/services.js';
import { expectFindings, expectFixed, expectQuiet } from '../support/rule-checks.js';

const indent = (body: string) => body.split('\n').map(l => `      ${l}`).join('\n');
const table = (body: string) => inRegion(`    dynamodb orders {\n${indent(body)}\n    }`);
const cache = (header: string, body: string) => inRegion(`    elasticache ${header} {\n${indent(body)}\n    }`);
const GOOD_CACHE = 'engine redis\nreplicas 2\nmulti-az on\nfailover auto\nsnapshots retain 15d';

describe('data rules', () => {
    describe('dynamodb-pitr', () => {
        it('fires on the name, or on `pitr off`', async () => {
            await expectFindings(table('backup daily'), 'dynamodb-pitr', 'warning', ['orders']);
            await expectFindings(table('pitr off'), 'dynamodb-pitr', 'warning', ['off']);
        });
        it('stays quiet with `pitr on`', async () => {
            await expectQuiet(table('pitr on'), 'dynamodb-pitr');
        });
        it('turns point-in-time recovery on', async () => {
            assert.match(await expectFixed(table('pitr off'), 'dynamodb-pitr'), /pitr on\n/);
            assert.match(await expectFixed(inRegion('    dynamodb orders'), 'dynamodb-pitr'), /dynamodb orders \{\n      pitr on\n    \}/);
        });
    });

    describe('dynamodb-backup', () => {
        it('fires (info) without a backup plan', async () => {
            await expectFindings(table('pitr on'), 'dynamodb-backup', 'info', ['orders']);
        });
        it('stays quiet with one', async () => {
            await expectQuiet(table('pitr on\nbackup weekly retain 90d'), 'dynamodb-backup');
        });
    });

    describe('elasticache-replicas', () => {
        it('fires on `replicas 0` and on a cache without replicas', async () => {
            await expectFindings(cache('sessions in a, b, c', 'replicas 0'), 'elasticache-replicas', 'error', ['0']);
            await expectFindings(cache('sessions in a, b, c', 'engine redis'), 'elasticache-replicas', 'error', ['sessions']);
        });
        it('stays quiet with replicas, and for memcached', async () => {
            await expectQuiet(cache('sessions in a, b, c', GOOD_CACHE), 'elasticache-replicas');
            await expectQuiet(cache('sessions in a, b, c', 'engine memcached'), 'elasticache-replicas');
        });
        it('sets enough replicas for the nodes to cover the cache\'s AZs', async () => {
            const fixed = await expectFixed(cache('sessions in a, b, c', 'replicas 0\nmulti-az on\nfailover auto'), 'elasticache-replicas');
            assert.match(fixed, /replicas 2\n/);
            const spread = await expectFixed(cache('sessions in a, b', 'engine redis'), 'elasticache-replicas');
            assert.match(spread, /replicas 1\n/);
        });
    });

    describe('elasticache-multi-az', () => {
        it('fires without multi-az and automatic failover', async () => {
            await expectFindings(cache('sessions in a, b, c', 'replicas 2'), 'elasticache-multi-az', 'warning', ['sessions']);
            await expectFindings(cache('sessions in a, b, c', 'replicas 2\nmulti-az off\nfailover auto'), 'elasticache-multi-az', 'warning', ['off']);
        });
        it('stays quiet with both', async () => {
            await expectQuiet(cache('sessions in a, b, c', GOOD_CACHE), 'elasticache-multi-az');
        });
        it('turns both on, replacing `off` values', async () => {
            const fixed = await expectFixed(cache('sessions in a, b, c', 'replicas 2\nfailover off'), 'elasticache-multi-az');
            assert.match(fixed, /failover auto\n      multi-az on\n/);
        });
    });

    describe('elasticache-spread', () => {
        it('fires when a shard\'s nodes sit in fewer AZs than they could', async () => {
            await expectFindings(cache('sessions in a', GOOD_CACHE), 'elasticache-spread', 'warning', ['a']);
            await expectFindings(cache('sessions in a, b', GOOD_CACHE), 'elasticache-spread', 'warning', ['a']);
        });
        it('stays quiet when the nodes cover min(3, 1 + replicas) AZs, or all the region has', async () => {
            await expectQuiet(cache('sessions in a, b, c', GOOD_CACHE), 'elasticache-spread');
            await expectQuiet(cache('sessions in a, b', 'replicas 1\nmulti-az on\nfailover auto'), 'elasticache-spread');
            await expectQuiet(`system T {\n  region use1 {\n    az a\n    az b\n    elasticache sessions {\n${indent(GOOD_CACHE)}\n    }\n  }\n}\n`, 'elasticache-spread');
        });
    });

    describe('elasticache-backups', () => {
        it('fires on a Redis cache without snapshots', async () => {
            await expectFindings(cache('sessions in a, b, c', 'replicas 2'), 'elasticache-backups', 'warning', ['sessions']);
        });
        it('stays quiet with snapshots, and for memcached', async () => {
            await expectQuiet(cache('sessions in a, b, c', GOOD_CACHE), 'elasticache-backups');
            await expectQuiet(cache('sessions in a, b, c', 'engine memcached'), 'elasticache-backups');
        });
        it('keeps snapshots for 15 days', async () => {
            assert.match(await expectFixed(cache('sessions in a, b, c', 'replicas 2'), 'elasticache-backups'), /snapshots retain 15d\n/);
        });
    });
});
