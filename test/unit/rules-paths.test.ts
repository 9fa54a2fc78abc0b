import * as assert from 'node:assert';
import { build, inRegion } from '../support/services.js';
import type { Model } from '../../language/src/generated/ast.js';
import { replicasPerWave } from '../../language/src/analysis/cell-waves.js';
import { getTopology } from '../../language/src/model/topology.js';
import { expectFindings, expectFixed, expectQuiet } from '../support/rule-checks.js';

/** `alb api -> lambda orders -> lambda pricing -> dynamodb ledger`, with the members given to each. */
const chain = (orders: string, pricing: string, apiCall = 'uses orders', ledgerCall = 'uses ledger') => inRegion(`    alb api in a, b {
      entry
      ${apiCall}
    }
    lambda orders {
      concurrency 10
${orders.split('\n').map(l => `      ${l}`).join('\n')}
    }
    lambda pricing {
      concurrency 10
${pricing.split('\n').map(l => `      ${l}`).join('\n')}
      ${ledgerCall}
    }
    dynamodb ledger {
      pitr on
      backup daily retain 35d
    }`);

describe('rules along a call path', () => {
    describe('timeout-budget', () => {
        it('fires on the timeout of a Lambda whose synchronous calls add up to it or beyond, with each path', async () => {
            const text = chain('timeout 30s\nuses pricing\nuses stock', 'timeout 29s') + '';
            const withStock = text.replace('    dynamodb ledger {', '    lambda stock {\n      concurrency 10\n    }\n    dynamodb ledger {');
            const [message] = await expectFindings(withStock, 'timeout-budget', 'warning', ['30s']);
            assert.strictEqual(message, 'Lambda `use1.orders` gives up after 30s (timeout 30s), but the synchronous calls it waits on may take as long or longer: `use1.orders` → `use1.pricing` (timeout 29s) and `use1.orders` → `use1.stock` (Lambda\'s default timeout of 3s), one after the other 32s. When they are slow, `orders` times out while they still work for it, and its caller\'s retry starts the whole chain again. Give `orders` a `timeout` above 32s, or lower the timeouts below it so that they fit in its own.');
        });
        it('follows a call through a service with no timeout of its own to the Lambda behind it', async () => {
            const text = inRegion('    lambda front {\n      concurrency 10\n      timeout 10s\n      uses api\n    }\n    ecs api in a, b {\n      uses slow\n    }\n    lambda slow {\n      concurrency 10\n      timeout 20s\n    }');
            const [message] = await expectFindings(text, 'timeout-budget', 'warning', ['10s']);
            assert.match(message, /`use1.front` → `use1.api` → `use1.slow` \(timeout 20s, 20s in all\)/);
        });
        it('counts Lambda\'s default of 3 seconds, pointing at the name when no timeout is written', async () => {
            await expectFindings(chain('uses pricing', 'timeout 5s'), 'timeout-budget', 'warning', ['orders']);
        });
        it('stays quiet when the caller outlasts its calls, and for asynchronous calls', async () => {
            await expectQuiet(chain('timeout 31s\nuses pricing', 'timeout 29s'), 'timeout-budget');
            await expectQuiet(chain('timeout 10s\nuses pricing async', 'timeout 29s'), 'timeout-budget');
        });
        it('sets the timeout to the smallest whole second above the calls', async () => {
            const fixed = await expectFixed(chain('timeout 29s\nuses pricing', 'timeout 29s'), 'timeout-budget');
            assert.match(fixed, /timeout 30s\n      uses pricing/);
            const raised = await expectFixed(chain('timeout 20s\nuses pricing', 'timeout 29s'), 'timeout-budget');
            assert.match(raised, /timeout 30s\n      uses pricing/);
        });
    });

    describe('retry-amplification', () => {
        const retried = (ledgerCall: string) => chain('timeout 60s\nuses pricing retries 2', 'timeout 10s', 'uses orders retries 2', ledgerCall);
        it('fires on the call where the attempts multiply beyond the bound, with the path', async () => {
            const [message] = await expectFindings(retried('uses ledger retries 2'), 'retry-amplification', 'warning', ['2']);
            assert.strictEqual(message, 'One request into `use1.api` may reach `use1.ledger` 27 times: `use1.api` → `use1.orders` (3 attempts) → `use1.pricing` (3 attempts) → `use1.ledger` (3 attempts). When `ledger` slows down under load, every layer retries, and it receives 27 times the load at the worst moment (more than 10). Retry at one layer of the path only: keep `retries` on one of these calls and remove it from the others.');
        });
        it('stays quiet with two layers of three attempts, one retrying layer, or retries on asynchronous calls', async () => {
            await expectQuiet(retried('uses ledger'), 'retry-amplification');
            await expectQuiet(chain('timeout 60s\nuses pricing', 'timeout 10s', 'uses orders', 'uses ledger retries 10'), 'retry-amplification');
            await expectQuiet(retried('uses ledger async retries 2'), 'retry-amplification');
        });
        it('removes the retries of the call it points at', async () => {
            const fixed = await expectFixed(retried('uses ledger retries 2'), 'retry-amplification');
            assert.match(fixed, /      uses ledger\n/);
        });
        it('keeps retries in a range a client uses', async () => {
            await expectFindings(chain('uses pricing', 'timeout 1s', 'uses orders retries 11'), 'value-range', 'error', ['11']);
        });
    });

    describe('recovery-control-plane', () => {
        const regions = (dns: string, standbyTasks: string) => `system S {
  global {
    route53 dns {
      entry
${dns}      failover primary use1.edge secondary usw2.edge
    }
  }
  region use1 {
    az a
    az b
    alb edge in a, b {
      uses api
    }
    ecs api in a, b {
      tasks 6
      needs 4
    }
  }
  region usw2 {
    az a
    az b
    alb edge in a, b {
      uses api
    }
    ecs api in a, b {
      ${standbyTasks}
    }
  }
}
`;
        it('fires on a failover without health checks: recovery needs a record change', async () => {
            const [message] = await expectFindings(regions('', 'tasks 6'), 'recovery-control-plane', 'warning', ['failover']);
            assert.match(message, /^Route 53 record `dns` fails over from `use1.edge` to `usw2.edge` without `health checks`: .*a call to Route 53's control plane/);
        });
        it('fires on a standby that runs less than its primary needs: recovery needs a scaling action', async () => {
            const [message] = await expectFindings(regions('      health checks\n', 'tasks 2'), 'recovery-control-plane', 'warning', ['2']);
            assert.strictEqual(message, '`usw2.api` is on the standby side of `dns`\'s failover but runs 2 tasks where `use1.api`, whose load it takes over, needs 4: after the failover it must scale out, an ECS control-plane action, in the middle of the outage that caused it. Run what the primary needs in the standby too (`tasks 4`), so that the recovery itself is statically stable.');
        });
        it('stays quiet with health checks and the primary\'s capacity already running in the standby', async () => {
            await expectQuiet(regions('      health checks\n', 'tasks 4'), 'recovery-control-plane');
        });
        it('adds health checks, and runs the primary\'s need in the standby', async () => {
            assert.match(await expectFixed(regions('', 'tasks 6'), 'recovery-control-plane'), /route53 dns \{\n      entry\n      failover primary use1.edge secondary usw2.edge\n      health checks\n    \}/);
            assert.match(await expectFixed(regions('      health checks\n', 'tasks 2'), 'recovery-control-plane'), /ecs api in a, b \{\n      tasks 4\n    \}\n  \}\n\}/);
        });
    });
});

describe('cell-shared-deployment', () => {
    const cells = (require: string, waves: string) => `system S {
  ${require}
  region use1 {
    az a
    az b
    router r over shop {
      shuffle shard 2
    }
    cell shop[8] {
${waves}      ecs front {
        entry
      }
    }
  }
}
`;
    it('fires (info) on a cell with no deployment waves when the design limits the blast radius of a cell loss', async () => {
        const [message] = await expectFindings(cells('require blast-radius cell-loss <= 15%', ''), 'cell-shared-deployment', 'info', ['shop']);
        assert.strictEqual(message, 'Cell use1.shop declares no `deploy waves`: a deployment that reaches all 8 replicas at once fails every one of them with one bad change (100% of its customers), whatever `require blast-radius cell-loss <= 15%` says. Deploy it in waves of at most 3 replicas (`deploy waves of 3`; `resil generate cdk` orders its stacks that way).');
    });
    it('fires on waves larger than the requirement lets fail together', async () => {
        const [message] = await expectFindings(cells('require blast-radius cell-loss <= 15%', '      deploy waves of 5\n'), 'cell-shared-deployment', 'info', ['5']);
        assert.match(message, /deploys 5 replicas at a time: one bad change fails a whole wave \(35\.71% of its customers\)/);
    });
    it('stays quiet with small enough waves, or without the requirement', async () => {
        await expectQuiet(cells('require blast-radius cell-loss <= 15%', '      deploy waves of 2\n'), 'cell-shared-deployment');
        await expectQuiet(cells('require survive az-loss', ''), 'cell-shared-deployment');
    });
    it('stays quiet about a requirement cut short by a syntax error (it names no limit)', async () => {
        const document = await build(cells('require blast-radius cell-loss <=\n  require survive az-loss', ''));
        const codes = (document.diagnostics ?? []).map(d => String(d.code));
        assert.ok(codes.includes('syntax'), codes.join(', '));
        assert.ok(!codes.includes('cell-shared-deployment'), (document.diagnostics ?? []).map(d => d.message).join('\n'));
    });
    it('declares the largest waves the requirement allows', async () => {
        const fixed = await expectFixed(cells('require blast-radius cell-loss <= 15%', ''), 'cell-shared-deployment');
        assert.match(fixed, /      \}\n      deploy waves of 3\n    \}/);
    });
    it('makes the generated app deploy no more replicas of the cell in one wave than declared', async () => {
        const document = await build(cells('require blast-radius cell-loss <= 15%', '      deploy waves of 2\n'));
        const topology = getTopology(document.parseResult.value as Model);
        assert.strictEqual(replicasPerWave(topology, topology.cells[0]), 2);
        const undeclared = getTopology((await build(cells('require blast-radius cell-loss <= 15%', ''))).parseResult.value as Model);
        assert.strictEqual(replicasPerWave(undeclared, undeclared.cells[0]), 3);
    });
});
