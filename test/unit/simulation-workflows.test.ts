import * as assert from 'node:assert';
import { analysisOf, outcomesFor, scenarioJson } from '../../language/src/analysis/analysis.js';
import { build } from '../support/services.js';

/** Simulates `fail` (names failed together) in `text` and returns the CLI's JSON for it. */
async function simulate(text: string, ...fail: string[]) {
    const document = await build(text);
    const [outcome] = outcomesFor(analysisOf(document.parseResult.value), { fail });
    return scenarioJson(outcome);
}

/**
 * A publisher in each region sends to a global endpoint over the buses of use1 (primary) and usw2 (secondary); each
 * bus delivers to a function of its region. Two entry points: each carries half of the customers.
 */
const publishingRegion = (name: string, code: string) => `region ${name} "${code}" {
    az a
    az b
    lambda publish { entry uses events }
    eventbridge bus { rule placed { target audit dlq dlq } }
    sqs dlq
    lambda audit
  }`;
const GLOBAL_ENDPOINT = (endpoint: string) => `system T {
  global {
    ${endpoint}
  }
  ${publishingRegion('use1', 'us-east-1')}
  ${publishingRegion('usw2', 'us-west-2')}
}
`;

/** One entry point starts a saga whose tasks call `reserve` (no catch) and `notify` (with or without `catch`). */
const SAGA = (notify: string) => `system T {
  region use1 "us-east-1" {
    az a
    az b
    lambda api { entry uses saga }
    stepfunctions saga {
      task reserve uses stock retries 3
      ${notify}
    }
    lambda stock
    lambda mail
  }
}
`;

describe('simulation of EventBridge and Step Functions', () => {
    it('fails a global endpoint over to the secondary region\'s bus when the primary region is lost', async () => {
        // use1 lost: its publisher, bus, queue and function fail; the endpoint answers from usw2 (a failover:
        // degraded), so usw2's publisher is degraded, not failed. One of two entry points down.
        const result = await simulate(GLOBAL_ENDPOINT('eventbridge events { failover primary use1.bus secondary usw2.bus }'), 'use1');
        assert.deepStrictEqual(result.failed, ['use1.audit', 'use1.bus', 'use1.dlq', 'use1.publish']);
        assert.deepStrictEqual(result.degraded, ['events', 'usw2.publish']);
        assert.deepStrictEqual(result.entryPoints, { 'use1.publish': 'failed', 'usw2.publish': 'degraded' });
        assert.strictEqual(result.customersDown, 0.5);
    });

    it('fails a global endpoint only when both regions\' buses are lost', async () => {
        const result = await simulate(GLOBAL_ENDPOINT('eventbridge events { failover primary use1.bus secondary usw2.bus }'), 'use1.bus', 'usw2.bus');
        assert.deepStrictEqual(result.failed, ['events', 'use1.bus', 'use1.publish', 'usw2.bus', 'usw2.publish']);
        assert.strictEqual(result.customersDown, 1);
    });

    it('degrades a bus whose rule target fails: delivery is asynchronous, publishers keep publishing', async () => {
        const result = await simulate(GLOBAL_ENDPOINT('eventbridge events { failover primary use1.bus secondary usw2.bus }'), 'use1.audit');
        assert.deepStrictEqual(result.failed, ['use1.audit']);
        assert.deepStrictEqual(result.degraded, ['events', 'use1.bus', 'use1.publish', 'usw2.publish']);
        assert.strictEqual(result.customersDown, 0);
    });

    it('fails the execution, and its caller, when a task without catch fails', async () => {
        const result = await simulate(SAGA('task notify uses mail retries 2'), 'use1.mail');
        assert.deepStrictEqual(result.failed, ['use1.api', 'use1.mail', 'use1.saga']);
        assert.deepStrictEqual(result.entryPoints, { 'use1.api': 'failed' });
        assert.strictEqual(result.customersDown, 1);
    });

    it('degrades the execution instead when the failed task catches its error', async () => {
        // notify's catch takes the execution past the failure: the saga and its caller are degraded, no customer is down.
        const result = await simulate(SAGA('task notify uses mail retries 2 catch'), 'use1.mail');
        assert.deepStrictEqual(result.failed, ['use1.mail']);
        assert.deepStrictEqual(result.degraded, ['use1.api', 'use1.saga']);
        assert.deepStrictEqual(result.entryPoints, { 'use1.api': 'degraded' });
        assert.strictEqual(result.customersDown, 0);
    });

    it('survives an AZ: buses and state machines are regional', async () => {
        const result = await simulate(SAGA('task notify uses mail retries 2'), 'use1.a');
        assert.deepStrictEqual([result.failed, result.degraded], [[], []]);
    });
});
