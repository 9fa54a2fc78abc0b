import * as assert from 'node:assert';
import { analysisOf, outcomesFor, scenarioJson } from '../../language/src/analysis/analysis.js';
import { parseFailureName, UnknownFailureName } from '../../language/src/analysis/scenarios.js';
import { shareDown } from '../../language/src/analysis/simulation.js';
import { build, inRegion } from '../support/services.js';

/** Simulates `fail` (names failed together) in `text` and returns the CLI's JSON for it. */
async function simulate(text: string, ...fail: string[]) {
    const document = await build(text);
    const [outcome] = outcomesFor(analysisOf(document.parseResult.value), { fail });
    return scenarioJson(outcome);
}

const EDGE_API = (api: string) => inRegion(`
    alb edge in a, b, c { entry uses api }
    ${api}`);

describe('simulation', () => {
    it('fails an ECS service that an AZ loss leaves below `needs` (no static stability)', async () => {
        // 6 tasks over 3 AZs: 2 each; losing use1.a leaves 4 < 5.
        const result = await simulate(EDGE_API('ecs api in a, b, c { tasks 6 needs 5 }'), 'use1.a');
        assert.deepStrictEqual(result.failed, ['use1.api', 'use1.edge']);
        assert.deepStrictEqual(result.entryPoints, { 'use1.edge': 'failed' });
        assert.strictEqual(result.customersDown, 1);
    });

    it('keeps an ECS service statically stable when the AZs left hold `needs`', async () => {
        // 9 tasks: 3 per AZ; losing one leaves 6 >= 6.
        const result = await simulate(EDGE_API('ecs api in a, b, c { tasks 9 needs 6 }'), 'use1.a');
        assert.deepStrictEqual(result.failed, []);
        assert.deepStrictEqual(result.degraded, []);
        assert.deepStrictEqual(result.entryPoints, { 'use1.edge': 'ok' });
    });

    it('fails a zonal service with no AZ left, and regional services only with their region', async () => {
        const text = inRegion(`
    lambda f { entry vpc subnets a uses t }
    dynamodb t`);
        assert.deepStrictEqual((await simulate(text, 'use1.a')).failed, ['use1.f']);
        assert.deepStrictEqual((await simulate(text, 'use1.b')).failed, []);
        assert.deepStrictEqual((await simulate(text, 'use1')).failed, ['use1.f', 'use1.t']);
    });

    it('survives losing the primary AZ of ElastiCache only with multi-AZ automatic failover', async () => {
        const withFailover = EDGE_API(`ecs api in a, b, c { tasks 9 needs 6 uses cache }
    elasticache cache in a, b { replicas 1 multi-az on failover auto }`);
        assert.deepStrictEqual((await simulate(withFailover, 'use1.a')).failed, []);
        const withoutFailover = EDGE_API(`ecs api in a, b, c { tasks 9 needs 6 uses cache }
    elasticache cache in a, b { replicas 1 multi-az on failover off }`);
        assert.deepStrictEqual((await simulate(withoutFailover, 'use1.a')).failed, ['use1.api', 'use1.cache', 'use1.edge']);
        // Losing the replica's AZ alone leaves the primary serving.
        assert.deepStrictEqual((await simulate(withoutFailover, 'use1.b')).failed, []);
    });

    it('degrades callers of failed soft and async dependencies, and of degraded hard ones', async () => {
        const text = EDGE_API(`ecs api in a, b, c { tasks 3 uses recs soft uses q async uses t }
    lambda recs
    sqs q
    dynamodb t { uses q soft }`);
        const soft = await simulate(text, 'use1.recs');
        assert.deepStrictEqual(soft.failed, ['use1.recs']);
        assert.deepStrictEqual(soft.degraded, ['use1.api', 'use1.edge']);
        assert.deepStrictEqual(soft.entryPoints, { 'use1.edge': 'degraded' });
        // q fails: api (async) and t (soft) degrade; api also sees t degraded (hard): still only degraded.
        const async = await simulate(text, 'use1.q');
        assert.deepStrictEqual(async.failed, ['use1.q']);
        assert.deepStrictEqual(async.degraded, ['use1.api', 'use1.edge', 'use1.t']);
        assert.strictEqual(async.customersDown, 0);
    });

    it('reaches a fixed point through dependency cycles', async () => {
        const text = inRegion(`
    lambda a { entry uses b }
    lambda b { uses a uses t }
    lambda c { uses d soft }
    lambda d { uses c }
    dynamodb t`);
        const result = await simulate(text, 'use1.t');
        assert.deepStrictEqual(result.failed, ['use1.a', 'use1.b', 'use1.t']);
        const soft = await simulate(text, 'use1.d');
        // d fails; c only degrades (soft); d's dependency on c does not bring c down further.
        assert.deepStrictEqual(soft.failed, ['use1.d']);
        assert.deepStrictEqual(soft.degraded, ['use1.c']);
    });

    it('keeps a Route 53 failover up while either target is up', async () => {
        const text = `system T {
  global { route53 dns { entry failover primary use1.edge secondary usw2.edge } }
  region use1 { az a az b alb edge in a, b }
  region usw2 { az a az b alb edge in a, b }
}`;
        const oneRegion = await simulate(text, 'use1');
        assert.deepStrictEqual(oneRegion.failed, ['use1.edge']);
        assert.deepStrictEqual(oneRegion.entryPoints, { dns: 'degraded' });
        assert.strictEqual(oneRegion.customersDown, 0);
        const both = await simulate(text, 'use1', 'usw2');
        assert.deepStrictEqual(both.entryPoints, { dns: 'failed' });
        assert.strictEqual(both.fail.join(), 'use1,usw2');
        // Without failover DNS depends on one region.
        const single = await simulate(text.replace('failover primary use1.edge secondary usw2.edge', 'uses use1.edge'), 'use1');
        assert.deepStrictEqual(single.entryPoints, { dns: 'failed' });
    });

    const CELLS = (router: string) => inRegion(`
    alb edge in a, b, c { entry uses r }
    ${router}
    cell cells[4] in a, b, c {
      lambda front { uses store }
      dynamodb store
    }`);

    it('counts f/n customers down behind a router without shuffle sharding', async () => {
        const result = await simulate(CELLS('router r over cells'), 'use1.cells[0]');
        assert.strictEqual(result.customersDown, 0.25);
        assert.deepStrictEqual(result.failed, ['use1.cells[0].front', 'use1.cells[0].store']);
        assert.deepStrictEqual(result.degraded, ['use1.edge', 'use1.r']);
        assert.deepStrictEqual(result.entryPoints, { 'use1.edge': 'degraded' });
    });

    it('counts C(f,k)/C(n,k) customers down with shuffle sharding', async () => {
        const text = CELLS('router r over cells { shuffle shard 2 }');
        assert.strictEqual((await simulate(text, 'use1.cells[1]')).customersDown, 0);
        // C(2,2)/C(4,2) = 1/6.
        assert.strictEqual((await simulate(text, 'use1.cells[1]', 'use1.cells[3]')).customersDown, 0.166667);
        // Every cell: the router fails, and with it the entry point.
        const all = await simulate(text, 'use1.cells');
        assert.deepStrictEqual(all.entryPoints, { 'use1.edge': 'failed' });
        assert.strictEqual(all.customersDown, 1);
        assert.strictEqual(shareDown(3, 4, 2), 0.5);
        assert.strictEqual(shareDown(1, 4, 2), 0);
    });

    it('fails a replica when a front service of it fails, and only degrades it for an inner one', async () => {
        const text = inRegion(`
    alb edge in a, b, c { entry uses r }
    router r over cells
    cell cells[2] in a, b, c {
      lambda front { uses store uses log soft }
      dynamodb store
      sqs log
    }`);
        // store fails in replica 1: front fails (hard), so the replica fails: half the customers are down.
        const store = await simulate(text, 'use1.cells[1].store');
        assert.deepStrictEqual(store.failed, ['use1.cells[1].front', 'use1.cells[1].store']);
        assert.strictEqual(store.customersDown, 0.5);
        // log fails in replica 0: front degrades, the replica degrades, nobody is down.
        const log = await simulate(text, 'use1.cells[0].log');
        assert.deepStrictEqual(log.degraded, ['use1.cells[0].front', 'use1.edge', 'use1.r']);
        assert.strictEqual(log.customersDown, 0);
    });

    it('combines failures: an AZ and a cell replica', async () => {
        const text = CELLS('router r over cells { shuffle shard 2 }').replace('alb edge in a, b, c', 'alb edge in a, b');
        const result = await simulate(text, 'use1.a', 'use1.cells[0]', 'use1.b');
        // Both of edge's AZs are gone: the entry point fails whatever the cells do.
        assert.deepStrictEqual(result.entryPoints, { 'use1.edge': 'failed' });
        assert.deepStrictEqual(result.fail, ['use1.a', 'use1.b', 'use1.cells[0]']);
        assert.ok(result.failed.includes('use1.cells[0].front'));
    });

    it('resolves failure names and suggests the closest for unknown ones', async () => {
        const document = await build(CELLS('router r over cells'));
        const topology = analysisOf(document.parseResult.value).topology;
        assert.strictEqual(parseFailureName(topology, 'use1.cells[2].front').kind, 'service');
        assert.strictEqual(parseFailureName(topology, 'use1.cells[2]').kind, 'cell-replica');
        assert.strictEqual(parseFailureName(topology, 'use1.cells').kind, 'cell');
        assert.strictEqual(parseFailureName(topology, 'use1.a').kind, 'az');
        assert.throws(() => parseFailureName(topology, 'use1.edg'), (e: unknown) =>
            e instanceof UnknownFailureName && e.suggestions.includes('use1.edge') && /unknown name 'use1.edg'; did you mean use1.edge/.test(e.message));
        assert.throws(() => parseFailureName(topology, 'use1.cells[4]'), /has 4 replicas, numbered 0 to 3/);
        assert.throws(() => parseFailureName(topology, 'use1.cells[1].nope'), /cell use1.cells has no service 'nope'/);
    });

    it('simulates every region, AZ and cell replica when nothing is named', async () => {
        const document = await build(CELLS('router r over cells'));
        const names = outcomesFor(analysisOf(document.parseResult.value), {}).map(o => o.scenario.name);
        assert.deepStrictEqual(names, ['use1', 'use1.a', 'use1.b', 'use1.c', 'use1.cells[0]', 'use1.cells[1]', 'use1.cells[2]', 'use1.cells[3]']);
    });
});
