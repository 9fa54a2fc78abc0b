import * as assert from 'node:assert';
import { binomial, smallestStableTasks } from '../../language/src/validation/topology-validator.js';
import { LANGUAGE_TOUR } from '../support/paths.js';
import { build, inRegion } from '../support/services.js';
import type { Model } from '../../language/src/generated/ast.js';
import { analysisOf } from '../../language/src/analysis/analysis.js';
import { scenarioOf } from '../../language/src/analysis/scenarios.js';
import { getTopology } from '../../language/src/model/topology.js';
import { expectFindings, expectFixed, expectQuiet } from '../support/rule-checks.js';

describe('topology rules', () => {
    describe('az-independence', () => {
        const text = (cacheAzs: string) => inRegion(`    ecs api in a, b, c {\n      uses cache\n    }\n    elasticache cache in ${cacheAzs}`);
        it('fires on the `uses` line when the target has no instance in one of the caller\'s AZs', async () => {
            const [message] = await expectFindings(text('a, b {\n      replicas 1\n    }'), 'az-independence', 'warning', ['uses cache']);
            assert.match(message, /`use1.api` runs in use1.c but `use1.cache` has no instance there/);
            // The fix is to place the target where its callers run: never to move the caller out of an AZ.
            assert.match(message, /Place `cache` in c too, so that the callers in every AZ reach an instance in their own AZ; where it cannot run there, make the call `soft` so that an outage of another AZ only degrades `api` in use1.c\.$/);
            assert.doesNotMatch(message, /out of/);
        });
        it('counts the AZs that hold nodes, not the listed ones', async () => {
            // replicas 0: the only node of each shard sits in a
            await expectFindings(inRegion('    ecs api in a, b {\n      uses cache\n    }\n    elasticache cache in a, b {\n      replicas 0\n    }'), 'az-independence', 'warning', ['uses cache']);
        });
        it('stays quiet when the target is in every AZ of the caller, or regional', async () => {
            await expectQuiet(text('a, b, c {\n      replicas 2\n    }'), 'az-independence');
            await expectQuiet(inRegion('    ecs api in a, b, c {\n      uses table\n    }\n    dynamodb table'), 'az-independence');
        });
    });

    describe('cell-isolation', () => {
        const cells = (caller: string) => inRegion(`    router r over shop
    cell shop[3] {
      lambda front {
        uses store
      }
      dynamodb store
    }
    cell other[2] {
      lambda x {
        uses ${caller}
      }
    }
    ecs api {
      uses r
    }`);
        it('fires when a cell\'s service uses another cell\'s service', async () => {
            await expectFindings(cells('shop.store'), 'cell-isolation', 'error', ['uses shop.store']);
        });
        it('fires when a service outside uses a cell\'s service without its router', async () => {
            const text = inRegion('    router r over shop\n    cell shop[3] {\n      dynamodb store\n    }\n    ecs api {\n      uses shop.store\n    }');
            const [message] = await expectFindings(text, 'cell-isolation', 'error', ['uses shop.store']);
            assert.match(message, /through its router `r`/);
        });
        it('stays quiet through the router, inside a cell, and for shared services used by cells', async () => {
            await expectQuiet(inRegion('    router r over shop\n    cell shop[3] {\n      lambda front {\n        uses shared\n      }\n    }\n    dynamodb shared\n    ecs api {\n      uses r\n    }'), 'cell-isolation');
        });
    });

    describe('cell-shared-fate', () => {
        const region = (call: string) => inRegion(`    alb edge in a, b, c {
      entry
      uses r
    }
    router r over shop
    cell shop[8] {
      lambda front {
        concurrency 10
        ${call}
      }
    }
    kinesis changes`);
        it('fires on the call every replica makes to a service outside the cells, with the scenario that shows it', async () => {
            const [message] = await expectFindings(region('uses changes'), 'cell-shared-fate', 'warning', ['uses changes']);
            assert.strictEqual(message, 'Every replica of cell use1.shop depends (hard, synchronous) on `use1.changes`, outside the cell: when it fails, all 8 replicas fail at once and 100% of customers are down (`resil blast-radius --fail use1.changes`), so the cell\'s blast radius is the whole region\'s (use1), not one replica\'s. Move `changes` into cell shop (each replica then has its own), or make this call `soft` or `async` so that the cells only degrade when it fails.');
        });
        it('agrees with the simulation: every replica and the entry point fail when the shared stream does', async () => {
            const document = await build(region('uses changes'));
            const outcome = analysisOf(document.parseResult.value as Model).run(scenarioOf(getTopology(document.parseResult.value as Model), ['use1.changes']));
            assert.deepStrictEqual(Object.fromEntries(outcome.entryPoints), { 'use1.edge': 'failed' });
            assert.strictEqual(outcome.customersDown, 1);
        });
        it('stays quiet for soft or async calls, and for services inside the cell', async () => {
            await expectQuiet(region('uses changes soft'), 'cell-shared-fate');
            await expectQuiet(region('uses changes async'), 'cell-shared-fate');
            await expectQuiet(inRegion('    router r over shop\n    cell shop[8] {\n      lambda front {\n        uses changes\n      }\n      kinesis changes\n    }\n    ecs api in a, b, c {\n      entry\n      uses r\n    }'), 'cell-shared-fate');
        });
        it('stays quiet when the replicas only degrade: the caller inside the cell is itself used soft', async () => {
            const text = inRegion('    router r over shop\n    cell shop[4] {\n      ecs front {\n        uses audit soft\n      }\n      lambda audit {\n        uses changes\n      }\n    }\n    kinesis changes\n    alb edge in a, b {\n      entry\n      uses r\n    }');
            await expectQuiet(text, 'cell-shared-fate');
        });
    });

    describe('static-stability', () => {
        it('fires on `tasks` when losing the fullest AZ leaves fewer than `needs`', async () => {
            const [message] = await expectFindings(inRegion('    ecs api in a, b, c {\n      tasks 7\n      needs 6\n    }'), 'static-stability', 'error', ['7']);
            assert.match(message, /losing use1.a \(3 of 7 tasks\) leaves 4, fewer than the 6 it needs.*Raise `tasks` to 9\./);
        });
        it('stays quiet when the remaining tasks suffice', async () => {
            await expectQuiet(inRegion('    ecs api in a, b, c {\n      tasks 9\n      needs 6\n    }'), 'static-stability');
            await expectQuiet(inRegion('    ecs api in a, b, c {\n      tasks 3\n    }'), 'static-stability');
        });
        it('raises `tasks` to the smallest value that holds', async () => {
            assert.match(await expectFixed(inRegion('    ecs api in a, b, c {\n      tasks 7\n      needs 6\n    }'), 'static-stability'), /tasks 9\n/);
            assert.match(await expectFixed(inRegion('    ecs api in a, b {\n      needs 5\n    }'), 'static-stability'), /needs 5\n      tasks 10\n/);
        });
        it('computes the smallest stable task count', () => {
            assert.strictEqual(smallestStableTasks(6, 3), 9);
            assert.strictEqual(smallestStableTasks(4, 3), 6);
            assert.strictEqual(smallestStableTasks(5, 3), 8); // 8 over 3 AZs: 3, 3, 2; losing 3 leaves 5
            assert.strictEqual(smallestStableTasks(3, 2), 6);
            assert.strictEqual(smallestStableTasks(3, 1), undefined);
        });
    });

    describe('single-az-dependency', () => {
        it('fires on an entry point that depends (hard, sync, transitively) on a single-AZ service', async () => {
            const text = inRegion('    alb edge in a, b, c {\n      uses api\n    }\n    ecs api in a, b, c {\n      uses cache\n    }\n    elasticache cache in a {\n      replicas 0\n    }');
            const [message] = await expectFindings(text, 'single-az-dependency', 'error', ['edge']);
            assert.match(message, /Entry point `use1.edge` fails when use1.a fails: it depends \(hard, synchronous\) on `use1.cache`/);
        });
        it('stays quiet through soft or async dependencies, and across a failover pair', async () => {
            await expectQuiet(inRegion('    alb edge in a, b, c {\n      uses api\n    }\n    ecs api in a, b, c {\n      uses cache soft\n    }\n    elasticache cache in a'), 'single-az-dependency');
            await expectQuiet(`system T {
  global {
    route53 dns {
      entry
      failover primary use1.edge secondary usw2.edge
    }
  }
  region use1 {
    az a
    az b
    alb edge in a, b {
      uses api
    }
    ecs api in a
  }
  region usw2 {
    az a
    az b
    alb edge in a, b {
      uses api
    }
    ecs api in a, b
  }
}
`, 'single-az-dependency');
        });
    });

    describe('cross-region-dependency', () => {
        const regions = (uses: string) => `system T {\n  region use1 {\n    az a\n    az b\n    dynamodb orders\n  }\n  region usw2 {\n    az a\n    az b\n    ecs api in a, b {\n      ${uses}\n    }\n  }\n}\n`;
        it('fires on a hard, synchronous `uses` into another region', async () => {
            await expectFindings(regions('uses use1.orders'), 'cross-region-dependency', 'warning', ['uses use1.orders']);
        });
        it('stays quiet for async or soft uses', async () => {
            await expectQuiet(regions('uses use1.orders async'), 'cross-region-dependency');
            await expectQuiet(regions('uses use1.orders soft'), 'cross-region-dependency');
        });
    });

    describe('shuffle-shard-overlap', () => {
        it('shows the shards and the overlap chance (info) on `shuffle shard`', async () => {
            const text = inRegion('    router r over shop {\n      shuffle shard 2\n    }\n    cell shop[8] {\n      dynamodb store\n    }');
            const [message] = await expectFindings(text, 'shuffle-shard-overlap', 'info', ['2']);
            assert.match(message, /C\(8,2\) = 28 shards/);
            assert.strictEqual(binomial(8, 2), 28);
            assert.strictEqual(binomial(100, 5), 75287520);
            assert.strictEqual(binomial(100, 95), 75287520);
        });
        it('stays fast and readable for counts no double holds (a fuzzed cell of 10^300 replicas)', async () => {
            assert.strictEqual(binomial(2 ** 53, 2 ** 40), Infinity);
            const text = inRegion(`    router r over shop {\n      shuffle shard 4294967296\n    }\n    cell shop[1${'0'.repeat(300)}] {\n      dynamodb store\n    }`);
            const [message] = await expectFindings(text, 'shuffle-shard-overlap', 'info', ['4294967296']);
            assert.match(message, /= more than 1e308 shards/);
        });
        it('stays quiet without shuffle sharding', async () => {
            await expectQuiet(inRegion('    router r over shop\n    cell shop[8] {\n      dynamodb store\n    }'), 'shuffle-shard-overlap');
        });
    });

    describe('traffic-off-entry', () => {
        it('fires on a share given to a service the design does not mark as an entry point', async () => {
            const [message] = await expectFindings(inRegion('    alb edge in a, b {\n      entry\n      traffic 60%\n      uses api\n    }\n    ecs api {\n      traffic 40%\n    }'), 'traffic-off-entry', 'warning', ['40%']);
            assert.match(message, /^`traffic` on `use1\.api` counts for nothing: the design marks its entry points \(`use1\.edge`\) and `use1\.api` is not one/);
        });
        it('fires on a share given to a service others call, when entry points are inferred', async () => {
            const [message] = await expectFindings(inRegion('    alb edge in a, b {\n      uses api\n    }\n    ecs api {\n      traffic 40%\n    }'), 'traffic-off-entry', 'warning', ['40%']);
            assert.match(message, /`use1\.api` is called by `use1\.edge`, so it is no way in/);
        });
        it('stays quiet on entry points, declared or inferred', async () => {
            await expectQuiet(inRegion('    alb edge in a, b {\n      traffic 60%\n      uses api\n    }\n    alb admin in a, b {\n      traffic 40%\n      uses api\n    }\n    ecs api'), 'traffic-off-entry');
            await expectQuiet(LANGUAGE_TOUR, 'traffic-off-entry');
        });
    });

    describe('unreachable', () => {
        it('fires (info) on a service no entry point reaches', async () => {
            await expectFindings(inRegion('    alb edge in a, b {\n      entry\n      uses api\n    }\n    ecs api\n    dynamodb lost'), 'unreachable', 'info', ['lost']);
        });
        it('follows queues to their consumers and routers into their cells, and is off without `entry`', async () => {
            await expectQuiet(inRegion(`    alb edge in a, b {
      entry
      uses r
      uses jobs async
    }
    router r over shop
    cell shop[2] {
      dynamodb store
    }
    sqs jobs
    lambda worker {
      consumes jobs
    }`), 'unreachable');
            await expectQuiet(inRegion('    alb edge in a, b {\n      uses api\n    }\n    ecs api\n    dynamodb lost'), 'unreachable');
        });
    });

    it('leaves the language tour without errors or warnings', async () => {
        const document = await build(LANGUAGE_TOUR);
        const serious = (document.diagnostics ?? []).filter(d => d.severity === 1 || d.severity === 2);
        assert.deepStrictEqual(serious.map(d => `${d.code}: ${d.message}`), []);
    });
});
