import * as assert from 'node:assert';
import { analysisOf } from '../../language/src/analysis/analysis.js';
import { DEFAULT_AVAILABILITY, formatAvailability, parallel } from '../../language/src/analysis/availability.js';
import { build, inRegion } from '../support/services.js';

async function estimates(text: string) {
    const analysis = analysisOf((await build(text)).parseResult.value);
    const of = analysis.availability().of;
    return (id: string) => {
        const found = analysis.topology.byId(id);
        assert.ok(found?.kind === 'service', id);
        return of.get(found.component)!;
    };
}

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);

describe('availability', () => {
    it('gives Aurora, RDS and S3 their SLA tiers: Multi-AZ or single-AZ, One Zone-IA below S3 Standard and Express', async () => {
        const a = await estimates(inRegion(`
    aurora spread in a, b, c { readers 2 }
    aurora alone in a, b, c
    rds single in a
    rds standby in a, b { multi-az on }
    rds cluster in a, b, c { multi-az cluster }
    s3 standard
    s3 oneZone in a { storage one-zone }
    s3 express in a { storage express }`));
        close(a('use1.spread'), 0.9999);
        close(a('use1.alone'), 0.999);
        close(a('use1.single'), 0.995);
        close(a('use1.standby'), 0.9995);
        close(a('use1.cluster'), 0.9995);
        close(a('use1.standard'), 0.999);
        close(a('use1.oneZone'), 0.99);
        close(a('use1.express'), 0.999);
    });

    it('composes hard synchronous dependencies in series and leaves soft and async ones out', async () => {
        const a = await estimates(inRegion(`
    alb edge in a, b { entry uses api }
    ecs api in a, b { uses t uses q async uses l soft }
    dynamodb t
    sqs q
    lambda l`));
        close(a('use1.t'), 0.9999);
        close(a('use1.api'), 0.9999 * 0.9999);
        close(a('use1.edge'), 0.9999 * 0.9999 * 0.9999);
        close(a('use1.l'), 0.9995);
    });

    it('uses `sla` over the default and the single-AZ tier for one AZ', async () => {
        const a = await estimates(inRegion(`
    lambda f { sla 99.5% uses t }
    dynamodb t { sla 99.999% }
    ecs one in a`));
        close(a('use1.f'), 0.995 * 0.99999);
        close(a('use1.one'), 0.995);
    });

    it('composes Route 53 failover targets in parallel, losing the switch time of each primary outage', async () => {
        const a = await estimates(`system T {
  global { route53 dns { failover primary use1.edge secondary usw2.edge } }
  region use1 { az a az b alb edge in a, b }
  region usw2 { az a az b alb edge in a, b { sla 99% } }
}`);
        // Defaults: health checks every 30 s, 3 failures, TTL 60 s: 150 s of each 1 h outage of the primary.
        const share = 150 / 3600;
        close(a('dns'), 1 * (1 - (1 - 0.9999) * (share + (1 - share) * (1 - 0.99))));
    });

    describe('an honest failover', () => {
        const twoRegions = (dns: string, secondary = '') => `system T {
  require availability 99.9999%
  global { route53 dns { ${dns} failover primary use1.edge secondary usw2.edge } }
  region use1 { az a az b alb edge in a, b { uses api } ecs api in a, b { tasks 4 needs 2 uses t } dynamodb t }
  region usw2 { az a az b alb edge in a, b { uses api } ecs api in a, b { tasks 4 needs 2 uses t } dynamodb t replica of use1.t ${secondary} }
}`;

        it('a two-region design no longer passes six nines: the failover time bounds it', async () => {
            const text = twoRegions('');
            const analysis = analysisOf((await build(text)).parseResult.value);
            const dns = analysis.topology.byId('dns');
            assert.ok(dns?.kind === 'service');
            const failover = analysis.availability().failovers.get(dns.component)!;
            assert.equal(failover.switchSeconds, 150);
            const side = 0.9999 ** 2 * 0.99999;
            close(failover.primaryValue, side);
            close(failover.value, 1 - (1 - side) * (150 / 3600 + (1 - 150 / 3600) * (1 - side)));
            assert.ok(failover.value < 0.999999, `${failover.value}`);
            const diagnostics = (await build(text)).diagnostics ?? [];
            assert.ok(diagnostics.some(d => d.code === 'requirement-violated' && /require availability 99\.9999% does not hold/.test(d.message)));
        });

        it('faster detection and a shorter TTL buy it back', async () => {
            const slow = await estimates(twoRegions(''));
            const fast = await estimates(twoRegions('health check every 10s threshold 1 ttl 5s'));
            assert.ok(fast('dns') > slow('dns'));
        });

        it('what both sides depend on counts once', async () => {
            const a = await estimates(`system T {
  global { route53 dns { failover primary use1.edge secondary usw2.edge } }
  region use1 { az a az b alb edge in a, b { uses use1.t } dynamodb t }
  region usw2 { az a az b alb edge in a, b { uses use1.t } }
}`);
            // The shared table bounds the pair: never above its own 99.99%.
            assert.ok(a('dns') <= 0.9999 + 1e-12, `${a('dns')}`);
        });

        it('a recovery that promotes a replica needs the control plane', async () => {
            const text = (replica: string) => `system T {
  global { route53 dns { failover primary use1.edge secondary usw2.edge } }
  region use1 { az a az b alb edge in a, b { uses db } aurora db in a, b { readers 1 } }
  region usw2 { az a az b alb edge in a, b { uses db } aurora db in a, b ${replica} { readers 1 } }
}`;
            const analysis = analysisOf((await build(text('replica of use1.db'))).parseResult.value);
            const dns = analysis.topology.byId('dns');
            assert.ok(dns?.kind === 'service');
            assert.deepStrictEqual(analysis.availability().failovers.get(dns.component)!.controlPlane, ['promoting usw2.db to writer']);
            const independent = await estimates(text(''));
            assert.ok(analysis.availability().of.get(dns.component)! < independent('dns'));
        });
    });

    it('gives a customer behind a shuffle-sharded router k cells in parallel', async () => {
        const a = await estimates(inRegion(`
    router r over cells { shuffle shard 2 }
    cell cells[4] in a, b { lambda front { uses store } dynamodb store }`));
        const replica = 0.9995 * 0.9999;
        close(a('use1.r'), 0.9999 * (1 - (1 - replica) ** 2));
        close(parallel([0.9, 0.9]), 0.99);
    });

    it('stops at cycles instead of looping', async () => {
        const a = await estimates(inRegion(`
    lambda x { uses y }
    lambda y { uses x }`));
        close(a('use1.y') * 1, a('use1.y'));
        assert.ok(a('use1.x') <= 0.9995 && a('use1.x') >= 0.9995 ** 2 - 1e-12);
    });

    it('documents a source for every default and formats estimates readably', () => {
        for (const [kind, entry] of Object.entries(DEFAULT_AVAILABILITY)) {
            assert.ok(entry.source.length > 10, kind);
            assert.ok(entry.availability > 0.99 && entry.availability <= 1, kind);
        }
        assert.strictEqual(formatAvailability(0.9995), '99.95%');
        assert.strictEqual(formatAvailability(0.99999), '99.999%');
        assert.strictEqual(formatAvailability(1), '100%');
        assert.strictEqual(formatAvailability(0.9), '90%');
        assert.strictEqual(formatAvailability(0.99999992), '> 99.9999%');
    });
});
