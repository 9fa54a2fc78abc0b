import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analysisOf } from '../../language/src/analysis/analysis.js';
import { recoveryOf, type RecoveryFigure } from '../../language/src/analysis/recovery.js';
import { drStrategies } from '../../language/src/analysis/dr-strategy.js';
import { RECOVERY_SOURCES } from '../../language/src/analysis/recovery-sources.js';
import type { Model } from '../../language/src/generated/ast.js';
import { build } from '../support/services.js';
import { REPO_ROOT } from '../support/paths.js';

async function analysis(text: string) {
    const document = await build(text);
    return analysisOf(document.parseResult.value as Model);
}

function terms(figure: RecoveryFigure | undefined): Array<[string, number]> {
    assert.ok(figure, 'a figure');
    const slowest = figure.mechanisms.find(m => m.seconds === figure.seconds)!;
    return slowest.terms.map(t => [t.what, t.seconds]);
}

const TWO_REGIONS = `system Shop {
  global {
    route53 dns {
      entry
      failover primary use1.web secondary usw2.web
      health check every 10s threshold 3
      ttl 30s
    }
  }
  region use1 "us-east-1" {
    az a
    az b
    alb web in a, b { uses api }
    ecs api in a, b { tasks 4 needs 4 uses orders }
    dynamodb orders { pitr on }
  }
  region usw2 "us-west-2" {
    az a
    az b
    alb web in a, b { uses api }
    ecs api in a, b { tasks 4 needs 4 uses orders }
    dynamodb orders replica of use1.orders { pitr on }
  }
}
`;

describe('recovery estimates', () => {
    it('a Route 53 failover pair: health check interval x threshold + TTL, from the design', async () => {
        const a = await analysis(TWO_REGIONS);
        const region = recoveryOf(a, 'region-loss').find(r => r.scenario.name === 'use1')!;
        const dns = region.rto.find(f => f.subject === 'dns')!;
        assert.equal(dns.seconds, 10 * 3 + 30);
        assert.deepEqual(terms(dns), [
            ['Route 53 health check: every 10s x 3 failed checks', 30],
            ['resolvers keep the old answer for the DNS TTL (30s)', 30],
        ]);
        assert.match(dns.mechanisms[0].terms[0].source, /design: `health check every 10s`; design: `threshold 3`/);
    });

    it('a DynamoDB global table region loss: the replica is a second behind', async () => {
        const a = await analysis(TWO_REGIONS);
        const region = recoveryOf(a, 'region-loss').find(r => r.scenario.name === 'use1')!;
        const orders = region.rpo.find(f => f.subject === 'use1.orders')!;
        assert.equal(orders.seconds, 1);
        assert.deepEqual(terms(orders), [['DynamoDB global tables replicate (typically within a second)', 1]]);
        assert.match(orders.mechanisms[0].terms[0].source, /^https:\/\/docs\.aws\.amazon\.com\/amazondynamodb\//);
    });

    it('an Aurora writer AZ loss: the ALB stops routing to the AZ while Aurora promotes a reader; the slower decides', async () => {
        const a = await analysis(`system Shop {
  region use1 "us-east-1" {
    az a
    az b
    alb web in a, b { entry uses api health check every 15s threshold 3 }
    ecs api in a, b { tasks 4 needs 2 uses db }
    aurora db in a, b { readers 1 backup retain 7d }
  }
}
`);
        const az = recoveryOf(a, 'az-loss').find(r => r.scenario.name === 'use1.a')!;
        const web = az.rto.find(f => f.subject === 'use1.web')!;
        assert.deepEqual(web.mechanisms.map(m => [m.name, m.seconds]), [
            ['use1.web stops routing to targets in the failed AZ', 45],
            ['use1.db fails over to a reader in another AZ', 30],
        ]);
        assert.equal(web.seconds, 45);
        assert.deepEqual(terms(web), [['ALB target health check: every 15s x 3 failed checks', 45]]);
        const db = az.rpo.find(f => f.subject === 'use1.db')!;
        assert.equal(db.seconds, 0, 'Aurora storage spans three AZs');
        // Losing the reader's AZ moves nothing in Aurora: only the ALB acts.
        const b = recoveryOf(a, 'az-loss').find(r => r.scenario.name === 'use1.b')!;
        assert.deepEqual(b.rto.find(f => f.subject === 'use1.web')!.mechanisms.map(m => m.seconds), [45]);
    });

    it('a design with only backups: region loss means rebuilding elsewhere and restoring, hours that grow with size', async () => {
        const a = await analysis(`system Shop {
  region use1 "us-east-1" {
    az a
    az b
    lambda api { entry uses orders concurrency 10 }
    dynamodb orders { backup daily size 300GB }
  }
}
`);
        const [region] = recoveryOf(a, 'region-loss');
        const api = region.rto.find(f => f.subject === 'use1.api')!;
        assert.deepEqual(terms(api), [
            ['deploy the services in another region from code (assumed 1 h)', 3600],
            ['start a restore and reconnect (assumed 1 h)', 3600],
            ['restore use1.orders (300GB: restore throughput (assumed 1 h per 100 GB))', 3 * 3600],
        ]);
        assert.equal(api.seconds, 5 * 3600);
        const orders = region.rpo.find(f => f.subject === 'use1.orders')!;
        assert.deepEqual(terms(orders), [['daily backups (AWS Backup, copied to another region): up to one interval lost', 86400]]);
    });

    it('without backups nothing recovers a region loss: the outage lasts as long as the event', async () => {
        const a = await analysis(`system Shop {
  region use1 "us-east-1" {
    az a
    lambda api { entry uses orders concurrency 10 }
    dynamodb orders { pitr on }
  }
}
`);
        const [region] = recoveryOf(a, 'region-loss');
        assert.equal(region.rto[0].seconds, Infinity);
        assert.match(region.rto[0].mechanisms[0].terms[0].what, /^down as long as use1 is/);
        assert.equal(region.rpo[0].seconds, Infinity, 'point-in-time recovery stays in its region');
    });

    it('a standby that must scale: the alarm, then the instances it lacks', async () => {
        const a = await analysis(TWO_REGIONS.replace(/(region usw2[\s\S]*?)ecs api in a, b \{ tasks 4 needs 4 uses orders \}/,
            '$1asg api in a, b { min 1 desired 1 max 8 needs 1 health check elb uses orders }')
            .replace(/(region use1[\s\S]*?)ecs api in a, b \{ tasks 4 needs 4 uses orders \}/, '$1asg api in a, b { min 4 desired 4 max 8 needs 4 health check elb uses orders }'));
        const region = recoveryOf(a, 'region-loss').find(r => r.scenario.name === 'use1')!;
        const dns = region.rto.find(f => f.subject === 'dns')!;
        const scale = dns.mechanisms.find(m => m.name === 'usw2.api scales from 1 to 4 instances')!;
        assert.deepEqual(scale.terms.map(t => [t.what, t.seconds]), [
            ['target tracking alarm: 3 one-minute data points', 180],
            ['EC2 instance launch and default warm-up (300 s)', 300],
        ]);
        assert.equal(dns.seconds, 480, 'slower than the DNS failover (60 s)');
    });

    it('a cell loss: customers pinned to the cell stay down; shuffle sharding moves them at once', async () => {
        const design = (shuffle: string) => `system Shop {
  region use1 "us-east-1" {
    az a
    az b
    router front over shop { entry ${shuffle} }
    cell shop[4] in a, b {
      lambda api { uses orders concurrency 10 }
      dynamodb orders { pitr on }
    }
  }
}
`;
        const pinned = recoveryOf(await analysis(design('')), 'cell-loss')[0];
        const front = pinned.rto.find(f => f.subject === 'use1.front')!;
        assert.equal(front.seconds, Infinity);
        assert.equal(front.mechanisms[0].name, 'the customers of the failed cell (25 %) stay down');
        assert.equal(pinned.rpo.find(f => f.subject === 'use1.shop[0].orders')!.seconds, 0);
        const sharded = recoveryOf(await analysis(design('shuffle shard 2')), 'cell-loss')[0];
        assert.equal(sharded.rto.find(f => f.subject === 'use1.front')!.seconds, 0);
    });

    describe('require rto|rpo', () => {
        const design = (requirement: string) => `system Shop {
  ${requirement}
  region use1 "us-east-1" {
    az a
    az b
    alb web in a, b { entry uses api }
    ecs api in a, b { tasks 4 needs 2 uses db }
    aurora db in a, b { readers 1 backup retain 7d }
  }
}
`;
        async function violations(requirement: string) {
            const document = await build(design(requirement));
            return (document.diagnostics ?? []).filter(d => d.code === 'requirement-violated');
        }

        it('reports the worst scenario, the entry point and the derivation on the requirement', async () => {
            const [violation, ...others] = await violations('require rto az-loss <= 30s');
            assert.equal(others.length, 0);
            assert.equal(violation.range.start.line, 1);
            assert.equal(violation.message, 'require rto az-loss <= 30s does not hold: when use1.a fails, entry point use1.web is estimated down for 1m '
                + '(use1.web stops routing to targets in the failed AZ: ALB target health check: every 30s x 2 failed checks 1m); also over the limit when use1.b fails. '
                + 'Fix: detect sooner (`health check every 10s threshold 2`) and lower the DNS `ttl`, or run active/active.');
        });

        it('holds when every scenario of the type is within the limit', async () => {
            assert.deepEqual(await violations('require rto az-loss <= 1m'), []);
            assert.deepEqual(await violations('require rpo az-loss <= 0s'), []);
        });

        it('an RPO over a region loss counts the data a store without a copy elsewhere loses', async () => {
            const [violation] = await violations('require rpo region-loss <= 1m');
            assert.match(violation.message, /^require rpo region-loss <= 1m does not hold: when use1 fails, data store use1\.db may lose all its data \(use1\.db has no copy outside its region/);
            assert.match(violation.message, /Fix: replicate the store to another region/);
        });

        it('a bad deployment costs nothing to entry points that do not use the service', async () => {
            const a = await analysis(`system Shop {
  region use1 "us-east-1" {
    az a
    az b
    lambda web { entry uses orders concurrency 10 }
    lambda admin { entry concurrency 10 }
    dynamodb orders { pitr on }
  }
}
`);
            const deploy = recoveryOf(a, 'bad-deploy').find(r => r.scenario.name === 'bad deploy of use1.web')!;
            assert.deepEqual(deploy.rto.map(f => [f.subject, f.seconds]), [['use1.admin', 0], ['use1.web', 20 * 60]]);
        });

        it('a bad deployment: rollback after detection, and the writes since then', async () => {
            const [rto] = await violations('require rto bad-deploy <= 5m');
            assert.match(rto.message, /when bad deploy of use1\.api fails, entry point use1\.web is estimated down for 20m \(use1\.api is rolled back: a bad deployment is noticed by alarms or people \(assumed 15 min\) 15m \+ roll back to the previous version \(assumed 5 min\) 5m\)/);
            assert.deepEqual(await violations('require rpo bad-deploy <= 15m'), []);
        });
    });
});

describe('recovery sources', () => {
    it('docs/analysis.md lists every published figure with its value and source', () => {
        const docs = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'analysis.md'), 'utf8');
        for (const [key, source] of Object.entries(RECOVERY_SOURCES)) {
            const row = docs.split('\n').find(line => line.startsWith(`| \`${key}\` |`));
            assert.ok(row, key);
            assert.ok(row.includes(source.what), `${key}: ${source.what}`);
            const url = /https:\/\/\S+?(?=[\s)]|$)/.exec(source.source)?.[0];
            if (url) assert.ok(row.includes(url), `${key}: ${url}`);
        }
    });
});

describe('DR strategy per region pair', () => {
    const strategies = async (text: string) => drStrategies((await analysis(text)).topology).map(s => [s.primary, s.secondary, s.strategy]);

    it('a Route 53 failover to running services over replicated data is a warm standby; next: active/active', async () => {
        const [pair] = drStrategies((await analysis(TWO_REGIONS)).topology);
        assert.deepEqual([pair.primary, pair.secondary, pair.strategy], ['use1', 'usw2', 'warm-standby']);
        assert.deepEqual(pair.evidence, ['data replicated to usw2: use1.orders', 'services run in usw2: usw2.api', 'dns fails over from use1 to usw2']);
        assert.match(pair.nextStep!, /^serve from both regions at once/);
    });

    it('replicated data with nothing to fail over to is a pilot light', async () => {
        assert.deepEqual(await strategies(TWO_REGIONS.replace(/failover primary use1.web secondary usw2.web/, '')), [['use1', 'usw2', 'pilot-light']]);
    });

    it('entry points in both regions over global tables are active/active', async () => {
        const text = TWO_REGIONS.replace(/ {4}route53 dns \{[\s\S]*?\n {4}\}\n/, '').replace(/alb web in a, b \{/g, 'alb web in a, b { entry');
        assert.deepEqual(await strategies(text), [['use1', 'usw2', 'active-active']]);
    });

    it('one region with backups of every store is backup and restore; without them, none', async () => {
        const one = (table: string) => `system S {\n  region use1 "us-east-1" {\n    az a\n    lambda api { entry uses t concurrency 1 }\n    ${table}\n  }\n}\n`;
        assert.deepEqual(await strategies(one('dynamodb t { backup daily }')), [['use1', undefined, 'backup-and-restore']]);
        assert.deepEqual(await strategies(one('dynamodb t { pitr on }')), [['use1', undefined, 'none']]);
    });
});
