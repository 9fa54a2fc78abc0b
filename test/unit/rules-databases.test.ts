import * as assert from 'node:assert';
import { inRegion } from '../support/services.js';
import { expectFindings, expectFixed, expectQuiet } from '../support/rule-checks.js';

const indent = (body: string) => body.split('\n').map(l => `      ${l}`).join('\n');
const element = (header: string, body: string) => inRegion(`    ${header} {\n${indent(body)}\n    }`);
const SAFE = 'backup retain 14d\ndeletion protection on';

/** A clean design with every new kind: regional data, Aurora with readers in each AZ, a proxy behind Lambda. */
const CLEAN = `system Shop {
  require survive region-loss
  global {
    route53 dns { entry health checks failover primary use1.web secondary usw2.web }
  }
  region use1 "us-east-1" {
    az a
    az b
    az c
    alb web in a, b, c { uses api }
    ecs api in a, b, c { tasks 6 needs 4 uses orders uses assets }
    lambda report { concurrency 200 uses orders allow unreachable "run by a schedule outside the design" }
    aurora orders in a, b, c { engine postgres readers 2 backup retain 14d deletion protection on proxy on }
    s3 assets { versioning on }
  }
  region usw2 "us-west-2" {
    az a
    az b
    alb web in a, b { uses api }
    ecs api in a, b { tasks 4 needs 2 uses orders uses assets }
    aurora orders in a, b replica of use1.orders { readers 1 backup retain 14d deletion protection on }
    s3 assets replica of use1.assets { versioning on rtc on }
  }
}
`;

describe('database and bucket rules', () => {
    describe('database-spread', () => {
        it('fires on an Aurora cluster or Multi-AZ database whose instances all sit in one AZ', async () => {
            const [message] = await expectFindings(element('aurora db in a', `readers 2\n${SAFE}`), 'database-spread', 'error', ['a']);
            assert.match(message, /all its instances in use1\.a: when that AZ fails.*list a second AZ/);
            const [noReaders] = await expectFindings(element('aurora db in a, b', SAFE), 'database-spread', 'error', ['a']);
            assert.match(noReaders, /To fail over, add `readers 1`\./);
            await expectFindings(element('rds db in a', `multi-az on\n${SAFE}`), 'database-spread', 'error', ['a']);
        });
        it('stays quiet with instances in two AZs, and for a single-AZ instance', async () => {
            await expectQuiet(element('aurora db in a, b', `readers 1\n${SAFE}`), 'database-spread');
            await expectQuiet(element('rds db in a, b', `multi-az on\n${SAFE}`), 'database-spread');
            await expectQuiet(element('rds db in a', SAFE), 'database-spread');
            await expectQuiet(CLEAN, 'database-spread');
        });
    });

    describe('database-backups', () => {
        it('fires on the name without a retention, or on a retention under 7 days', async () => {
            const [message] = await expectFindings(element('rds db in a, b', 'multi-az on\ndeletion protection on'), 'database-backups', 'warning', ['db']);
            assert.match(message, /sets no backup retention.*`backup retain 7d`/);
            await expectFindings(element('aurora db in a, b', 'readers 1\nbackup retain 3d'), 'database-backups', 'warning', ['3d']);
        });
        it('stays quiet with 7 days or more', async () => {
            await expectQuiet(element('aurora db in a, b', 'readers 1\nbackup retain 7d'), 'database-backups');
            await expectQuiet(CLEAN, 'database-backups');
        });
        it('sets a 7-day retention', async () => {
            assert.match(await expectFixed(element('aurora db in a, b', 'readers 1\nbackup retain 3d'), 'database-backups'), /backup retain 7d\n/);
            assert.match(await expectFixed(element('rds db in a', 'deletion protection on'), 'database-backups'), /backup retain 7d\n/);
        });
    });

    describe('database-deletion-protection', () => {
        it('fires on the name, or on `deletion protection off`', async () => {
            await expectFindings(element('rds db in a', 'backup retain 7d'), 'database-deletion-protection', 'warning', ['db']);
            await expectFindings(element('aurora db in a, b', 'deletion protection off'), 'database-deletion-protection', 'warning', ['off']);
        });
        it('stays quiet with it on', async () => {
            await expectQuiet(CLEAN, 'database-deletion-protection');
        });
        it('turns it on', async () => {
            assert.match(await expectFixed(element('aurora db in a, b', 'deletion protection off'), 'database-deletion-protection'), /deletion protection on\n/);
            assert.match(await expectFixed(element('rds db in a', 'backup retain 7d'), 'database-deletion-protection'), /deletion protection on\n/);
        });
    });

    describe('database-region-replica', () => {
        it('fires on a primary database without a copy in another region when the design must survive a region', async () => {
            const text = CLEAN.replace(/\n    aurora orders in a, b replica of use1\.orders[^\n]*/, '');
            const [message] = await expectFindings(text, 'database-region-replica', 'error', ['orders']);
            assert.match(message, /no copy outside use1.*aurora orders replica of use1\.orders/);
        });
        it('stays quiet with a global database secondary, or without the requirement', async () => {
            await expectQuiet(CLEAN, 'database-region-replica');
            await expectQuiet(element('aurora db in a, b', `readers 1\n${SAFE}`), 'database-region-replica');
        });
    });

    describe('rds-proxy', () => {
        const lambda = (lambdaBody: string, dbBody: string) => inRegion(`    lambda f { ${lambdaBody} }\n    aurora db in a, b { readers 1 ${dbBody} }`);
        it('fires on the `uses` line of a Lambda with high or no reserved concurrency', async () => {
            const [message] = await expectFindings(lambda('concurrency 500 uses db', SAFE.replace('\n', ' ')), 'rds-proxy', 'warning', ['uses db']);
            assert.match(message, /concurrency of 500 .*connection storm.*`proxy on` to `db`/);
            await expectFindings(lambda('uses db', ''), 'rds-proxy', 'warning', ['uses db']);
        });
        it('stays quiet with a proxy, or a low concurrency', async () => {
            await expectQuiet(lambda('concurrency 500 uses db', 'proxy on'), 'rds-proxy');
            await expectQuiet(lambda('concurrency 20 uses db', ''), 'rds-proxy');
            await expectQuiet(CLEAN, 'rds-proxy');
        });
        it('puts RDS Proxy in front of the database', async () => {
            assert.match(await expectFixed(lambda('concurrency 500 uses db', 'proxy off'), 'rds-proxy'), /aurora db in a, b \{ readers 1 proxy on \}/);
        });
    });

    describe('s3-versioning', () => {
        it('fires on a bucket that services use without versioning', async () => {
            const text = (body: string) => inRegion(`    lambda f { concurrency 5 uses files }\n    s3 files${body}`);
            const [message] = await expectFindings(text(''), 's3-versioning', 'warning', ['files']);
            assert.match(message, /data path of `use1\.f` without versioning/);
            await expectFindings(text(' { versioning off }'), 's3-versioning', 'warning', ['off']);
        });
        it('stays quiet with versioning, or for a bucket nothing uses', async () => {
            await expectQuiet(inRegion('    s3 files'), 's3-versioning');
            await expectQuiet(CLEAN, 's3-versioning');
        });
        it('turns versioning on', async () => {
            assert.match(await expectFixed(inRegion('    lambda f { concurrency 5 uses files }\n    s3 files { versioning off }'), 's3-versioning'), /s3 files \{ versioning on \}/);
        });
    });

    describe('s3-express-versioning', () => {
        const express = (body: string) => inRegion(`    lambda f { concurrency 5 uses seats }\n    s3 seats in a { storage express${body} }`);
        it('fires on `versioning on` on an S3 Express bucket, which S3 cannot version', async () => {
            const [message] = await expectFindings(express(' versioning on'), 's3-express-versioning', 'error', ['on']);
            assert.match(message, /`seats` is an S3 Express One Zone directory bucket, which S3 cannot version.*Remove `versioning on`/);
        });
        it('stays quiet on an Express bucket without it, and s3-versioning does not ask for it there', async () => {
            await expectQuiet(express(''), 's3-express-versioning');
            await expectQuiet(express(''), 's3-versioning');
            await expectQuiet(inRegion('    s3 files { versioning on }'), 's3-express-versioning');
        });
        it('removes the versioning line', async () => {
            assert.match(await expectFixed(express(' versioning on'), 's3-express-versioning'), /s3 seats in a \{ storage express \}/);
        });
    });

    describe('s3-one-zone-path', () => {
        it('fires on the entry point that depends on a One Zone bucket, instead of single-az-dependency', async () => {
            const text = inRegion('    alb web in a, b { entry uses files }\n    s3 files in b { storage one-zone versioning on }');
            const [message] = await expectFindings(text, 's3-one-zone-path', 'error', ['web']);
            assert.match(message, /fails when use1\.b fails.*`use1\.files`.*remove `storage one-zone`/);
            await expectQuiet(text, 'single-az-dependency');
        });
        it('stays quiet for a regional bucket, or a soft dependency', async () => {
            await expectQuiet(inRegion('    alb web in a, b { entry uses files soft }\n    s3 files in b { storage one-zone versioning on }'), 's3-one-zone-path');
            await expectQuiet(CLEAN, 's3-one-zone-path');
        });
    });

    it('says why `require survive az-loss` fails with a database that cannot fail over, and how to fix it', async () => {
        const text = inRegion(`    alb web in a, b, c { entry uses db }\n    aurora db in a, b, c { ${SAFE.replace('\n', ' ')} }`)
            .replace('region use1', 'require survive az-loss\n  region use1');
        const [message] = await expectFindings(text, 'requirement-violated', 'error', ['require survive az-loss']);
        assert.match(message, /use1\.db loses its writer's AZ \(use1\.a\) and has no reader or standby in another AZ to take over.*Fix: give the database a reader \(Aurora `readers`\)/);
    });

    it('checks the clean design with no warning or error', async () => {
        const { build } = await import('../support/services.js');
        const document = await build(CLEAN);
        const severe = (document.diagnostics ?? []).filter(d => d.severity === 1 || d.severity === 2);
        assert.deepStrictEqual(severe.map(d => `${String(d.code)}: ${d.message}`), []);
    });
});
