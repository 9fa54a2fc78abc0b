import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, inRegion } from '../support/services.js';
import { expectFindings, expectFixed, expectQuiet } from '../support/rule-checks.js';
import { REPO_ROOT } from '../support/paths.js';

const fixture = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workflows', name), 'utf8');
const CLEAN = fixture('clean.resil');
const FRAGILE = fixture('fragile.resil');

/** A bus in use1 whose rule delivers to `audit` as `target` says. */
const bus = (target: string, extra = '') => inRegion(`    eventbridge bus {
      rule placed {
        ${target}
      }
    }
    lambda audit { concurrency 10 }
    sqs failed${extra}`);

/** A state machine in use1 with the given workflow line and tasks. */
const machine = (body: string, extra = '') => inRegion(`    stepfunctions saga {
${body.split('\n').map(l => `      ${l}`).join('\n')}
    }
    lambda stock { concurrency 10 }
    dynamodb orders { pitr on }
    sqs jobs { fifo }${extra}`);

/** Two regions' buses and a global endpoint over them. */
const endpoint = (global: string, regional = '') => `system T {
  global {
    ${global}
  }
  region use1 "us-east-1" {
    az a
    eventbridge bus {${regional}}
    eventbridge other
  }
  region usw2 "us-west-2" {
    az a
    eventbridge bus
  }
}
`;

describe('EventBridge and Step Functions rules', () => {
    describe('eventbridge-target-dlq', () => {
        it('fires on a rule target without a dead-letter queue, saying what is dropped after which retries', async () => {
            const [message] = await expectFindings(bus('target audit'), 'eventbridge-target-dlq', 'warning', ['audit']);
            assert.match(message, /Rule `placed` of bus `bus` delivers to `audit` without a dead-letter queue: .*for 24 hours \(185 retries.*drops the event.*Add `dlq <queue>`/);
            const [policy] = await expectFindings(bus('target audit retries 4 max-age 2h'), 'eventbridge-target-dlq', 'warning', ['audit']);
            assert.match(policy, /past its retry policy \(4 retries within 2h\)/);
        });
        it('stays quiet with a dlq', async () => {
            await expectQuiet(bus('target audit retries 4 dlq failed'), 'eventbridge-target-dlq');
            await expectQuiet(CLEAN, 'eventbridge-target-dlq');
        });
        it('is fixed by a new queue declared after the bus, or by a queue that already takes failed events', async () => {
            const fixed = await expectFixed(bus('target audit'), 'eventbridge-target-dlq');
            assert.match(fixed, /target audit dlq busDlq\n/);
            assert.match(fixed, /    }\n    sqs busDlq\n/);
            const reused = await expectFixed(bus('target audit', '\n    lambda worker { concurrency 1 invoke async dlq failed }'), 'eventbridge-target-dlq',
                actions => actions.find(a => a.title === 'Use `failed` as the dead-letter queue'));
            assert.match(reused, /target audit dlq failed\n/);
        });
    });

    describe('stepfunctions-task-retry', () => {
        it('fires on a task without retries, or with retries 0', async () => {
            const [message] = await expectFindings(machine('task reserve uses stock'), 'stepfunctions-task-retry', 'warning', ['reserve']);
            assert.match(message, /Task `reserve` of state machine `saga` calls `stock` with no retry: .*fails the whole execution at once\. Add `retries 3`/);
            const [caught] = await expectFindings(machine('task reserve uses stock retries 0 catch'), 'stepfunctions-task-retry', 'warning', ['0']);
            assert.match(caught, /fails the task into its catch/);
        });
        it('stays quiet with retries', async () => {
            await expectQuiet(machine('task reserve uses stock retries 2 timeout 10s'), 'stepfunctions-task-retry');
            await expectQuiet(CLEAN, 'stepfunctions-task-retry');
        });
        it('is fixed by retrying the task 3 times', async () => {
            assert.match(await expectFixed(machine('task reserve uses stock timeout 5s'), 'stepfunctions-task-retry'), /task reserve uses stock retries 3 timeout 5s\n/);
            assert.match(await expectFixed(machine('task reserve uses stock retries 0'), 'stepfunctions-task-retry'), /task reserve uses stock retries 3\n/);
        });
    });

    describe('stepfunctions-express-exactly-once', () => {
        it('fires on an Express workflow whose tasks write to a data store or a FIFO queue', async () => {
            const [message] = await expectFindings(machine('workflow express\ntask record uses orders retries 2\ntask enqueue uses jobs retries 2'),
                'stepfunctions-express-exactly-once', 'info', ['express']);
            assert.match(message, /`saga` is an Express workflow, .*never exactly once, and task `record` writes to dynamodb `use1\.orders` \(with 1 more\).*Use `workflow standard`/);
        });
        it('stays quiet on a Standard workflow, and on an Express one that only calls functions', async () => {
            await expectQuiet(machine('workflow standard\ntask record uses orders retries 2'), 'stepfunctions-express-exactly-once');
            await expectQuiet(machine('task record uses orders retries 2'), 'stepfunctions-express-exactly-once');
            await expectQuiet(machine('workflow express\ntask reserve uses stock retries 2'), 'stepfunctions-express-exactly-once');
        });
        it('is fixed by making it a Standard workflow', async () => {
            assert.match(await expectFixed(machine('workflow express\ntask record uses orders retries 2'), 'stepfunctions-express-exactly-once'), /workflow standard\n/);
        });
    });

    describe('eventbridge-endpoint', () => {
        it('fires on a global endpoint over one region, without a secondary, or with rules', async () => {
            const [oneRegion] = await expectFindings(endpoint('eventbridge events { failover primary use1.bus secondary use1.other }'), 'eventbridge-endpoint', 'error', ['use1.other']);
            assert.match(oneRegion, /between two buses of one region: losing that region loses both/);
            await expectFindings(endpoint('eventbridge events { sla 99.99% }'), 'eventbridge-endpoint', 'error', ['events']);
            const [names] = await expectFindings(endpoint('eventbridge events { failover primary use1.other secondary usw2.bus }'), 'eventbridge-endpoint', 'error', ['usw2.bus']);
            assert.match(names, /buses of the same name in both regions/);
            await expectFindings(endpoint('eventbridge events { failover primary use1.bus secondary usw2.bus archive }'), 'eventbridge-endpoint', 'error', ['events']);
        });
        it('fires on failover written in a region\'s bus', async () => {
            const [message] = await expectFindings(endpoint('', ' failover primary use1.bus secondary usw2.bus '), 'eventbridge-endpoint', 'error', ['use1.bus']);
            assert.match(message, /declared in `global`/);
        });
        it('stays quiet on a global endpoint over two regions', async () => {
            await expectQuiet(endpoint('eventbridge events { failover primary use1.bus secondary usw2.bus }'), 'eventbridge-endpoint');
            await expectQuiet(CLEAN, 'eventbridge-endpoint');
        });
        it('takes only buses in a region as primary and secondary, and only standard queues as a target\'s dlq', async () => {
            const wrong = await build(endpoint('eventbridge events { failover primary use1.bus secondary events }'));
            assert.ok((wrong.diagnostics ?? []).some(d => d.code === 'reference-kind' && /Expected an eventbridge bus in a region/.test(d.message)));
            const fifo = await build(bus('target audit dlq jobs', '\n    sqs jobs { fifo }'));
            assert.ok((fifo.diagnostics ?? []).some(d => d.code === 'reference-kind' && /Expected a standard sqs queue/.test(d.message)));
        });
    });

    describe('the fixtures', () => {
        it('the clean design has no error, warning or info', async () => {
            const document = await build(CLEAN);
            assert.deepStrictEqual((document.diagnostics ?? []).map(d => `${d.code}: ${d.message}`), []);
        });
        it('the fragile design trips each rule on the line whose comment names it', async () => {
            const document = await build(FRAGILE);
            const lines = FRAGILE.split('\n');
            const found = (document.diagnostics ?? []).map(d => `${d.range.start.line}:${String(d.code)}`).sort();
            const expected = lines.flatMap((line, i) => (/\/\/ ([a-z-]+)/.exec(line)?.[1] ? [`${i}:${/\/\/ ([a-z-]+)/.exec(line)![1]}`] : [])).sort();
            assert.deepStrictEqual(found, expected);
        });
    });
});
