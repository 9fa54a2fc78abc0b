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

    it('composes Route 53 failover targets in parallel', async () => {
        const a = await estimates(`system T {
  global { route53 dns { failover primary use1.edge secondary usw2.edge } }
  region use1 { az a az b alb edge in a, b }
  region usw2 { az a az b alb edge in a, b { sla 99% } }
}`);
        close(a('dns'), 1 * (1 - (1 - 0.9999) * (1 - 0.99)));
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
