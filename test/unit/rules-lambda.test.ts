import * as assert from 'node:assert';
import { inRegion } from '../support/services.js';
import { expectFindings, expectFixed, expectQuiet, quickFixes } from '../support/rule-checks.js';

const lambda = (body: string) => inRegion(`    lambda orders {\n${body.split('\n').map(l => `      ${l}`).join('\n')}\n    }`);

describe('lambda rules', () => {
    describe('lambda-vpc-multi-az', () => {
        it('fires on a VPC function with subnets in one AZ, naming the AZs to add', async () => {
            const [message] = await expectFindings(lambda('vpc subnets a\nconcurrency 10'), 'lambda-vpc-multi-az', 'error', ['a']);
            assert.strictEqual(message, 'Lambda `orders` has subnets only in use1.a: an outage of that AZ stops it. Add subnets in b and c.');
        });
        it('stays quiet with subnets in two AZs, or without a VPC', async () => {
            await expectQuiet(lambda('vpc subnets a, b\nconcurrency 10'), 'lambda-vpc-multi-az');
            await expectQuiet(lambda('concurrency 10'), 'lambda-vpc-multi-az');
        });
        it('offers to add the cell\'s other AZs', async () => {
            const text = inRegion(`    cell shop[2] in a, b {\n      lambda orders {\n        vpc subnets a\n        concurrency 10\n      }\n    }`);
            const fixed = await expectFixed(text, 'lambda-vpc-multi-az');
            assert.match(fixed, /vpc subnets a, b\n/);
        });
    });

    describe('lambda-reserved-concurrency', () => {
        it('fires on the name of an entry point without concurrency, saying what the reservation protects', async () => {
            const [message] = await expectFindings(inRegion('    lambda orders'), 'lambda-reserved-concurrency', 'warning', ['orders']);
            assert.strictEqual(message, 'Lambda `orders` has no reserved concurrency, and it is an entry point: when other functions take the account\'s concurrency, its callers are throttled with nothing to fall back on; a reservation keeps its share. Add `concurrency N` (e.g. `concurrency 100`).');
        });
        it('fires on a consumer of a queue: without a cap, a backlog takes the account\'s concurrency', async () => {
            const text = inRegion('    alb edge in a, b {\n      entry\n      uses jobs async\n    }\n    sqs jobs\n    lambda worker {\n      consumes jobs\n    }');
            const [message] = await expectFindings(text, 'lambda-reserved-concurrency', 'warning', ['worker']);
            assert.match(message, /it reads `use1.jobs`: a backlog or a burst of events scales it up to the account's concurrency limit.*a reservation caps it/);
        });
        const behindService = (neighbour: string) => inRegion(`    alb edge in a, b {\n      entry\n      uses api\n    }\n    ecs api in a, b {\n      uses quote\n      uses jobs async\n    }\n    lambda quote\n    sqs jobs\n    lambda worker {\n      consumes jobs\n${neighbour}    }`);
        it('fires on a function callers wait on when it shares the pool with an uncapped event-fed function', async () => {
            const messages = await expectFindings(behindService(''), 'lambda-reserved-concurrency', 'warning', ['quote', 'worker']);
            assert.match(messages[0], /Lambda `quote` has no reserved concurrency, and its callers wait on it, and it shares the account's concurrency in use1 with `use1.worker`, which scales with events and has no cap/);
        });
        it('stays quiet with concurrency, and on a function only called by others with no bursty neighbour', async () => {
            await expectQuiet(lambda('concurrency 10'), 'lambda-reserved-concurrency');
            await expectQuiet(behindService('      concurrency 20\n'), 'lambda-reserved-concurrency');
        });
        it('adds `concurrency 100`, creating the body when there is none', async () => {
            const fixed = await expectFixed(inRegion('    lambda orders'), 'lambda-reserved-concurrency');
            assert.match(fixed, /lambda orders \{\n      concurrency 100\n    \}/);
            const inBody = await expectFixed(lambda('timeout 10s'), 'lambda-reserved-concurrency');
            assert.match(inBody, /      timeout 10s\n      concurrency 100\n    \}/);
        });
    });

    describe('lambda-async-dlq', () => {
        it('fires on `invoke async` without dlq or on-failure', async () => {
            await expectFindings(lambda('invoke async\nconcurrency 10'), 'lambda-async-dlq', 'warning', ['async']);
        });
        it('fires on the subscription of a function fed by SNS', async () => {
            const text = inRegion('    sns events {\n      dlq eventsDlq\n    }\n    sqs eventsDlq\n    lambda orders {\n      concurrency 10\n      consumes events\n    }');
            await expectFindings(text, 'lambda-async-dlq', 'warning', ['consumes events']);
        });
        it('stays quiet with a dlq, an on-failure destination, or synchronous invocation', async () => {
            await expectQuiet(lambda('invoke async\nconcurrency 10\ndlq failed') + '', 'lambda-async-dlq');
            await expectQuiet(inRegion('    sqs failed\n    lambda orders {\n      invoke async\n      on-failure failed\n    }'), 'lambda-async-dlq');
            await expectQuiet(lambda('invoke sync\nconcurrency 10'), 'lambda-async-dlq');
        });
        it('creates a new dead-letter queue next to the function', async () => {
            const fixed = await expectFixed(lambda('invoke async\nconcurrency 10'), 'lambda-async-dlq');
            assert.match(fixed, /      dlq ordersDlq\n    \}\n    sqs ordersDlq\n/);
        });
        it('offers the existing dead-letter queues of the region', async () => {
            const text = inRegion('    sqs jobs {\n      dlq shared\n    }\n    sqs shared\n    lambda orders {\n      invoke async\n      concurrency 10\n    }');
            const { actions } = await quickFixes(text, 'lambda-async-dlq');
            assert.deepStrictEqual(actions.map(a => [a.title, a.isPreferred]), [
                ['Create queue `ordersDlq` and use it as the dead-letter queue', false],
                ['Use `shared` as the dead-letter queue', false],
            ]);
            await expectFixed(text, 'lambda-async-dlq', all => all[1]);
        });
    });

    describe('lambda-deploy-needs-alias', () => {
        it('fires on `deploy` without `versions alias`', async () => {
            await expectFindings(lambda('concurrency 10\ndeploy canary 10%'), 'lambda-deploy-needs-alias', 'error', ['canary 10%']);
        });
        it('stays quiet with an alias', async () => {
            await expectQuiet(lambda('concurrency 10\nversions alias live\ndeploy canary 10%'), 'lambda-deploy-needs-alias');
        });
        it('adds `versions alias live`', async () => {
            assert.match(await expectFixed(lambda('concurrency 10\ndeploy linear 10% every 1m'), 'lambda-deploy-needs-alias'), /versions alias live/);
        });
    });
});
