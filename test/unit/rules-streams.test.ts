import * as assert from 'node:assert';
import { inRegion } from '../support/services.js';
import { expectFindings, expectFixed, expectQuiet } from '../support/rule-checks.js';

const consumer = (header: string, body: string) => inRegion(
    `    sqs failed\n    kinesis clicks {\n      consumer ${header} {\n${body.split('\n').map(l => `        ${l}`).join('\n')}\n      }\n    }`);
const GOOD = 'workers 3\ncheckpoint on\non-failure failed';

describe('stream and messaging rules', () => {
    describe('kinesis-checkpoint', () => {
        it('fires on a consumer without `checkpoint on`', async () => {
            await expectFindings(consumer('agg in a, b, c', 'workers 3\non-failure failed'), 'kinesis-checkpoint', 'warning', ['agg']);
            await expectFindings(consumer('agg in a, b, c', 'workers 3\ncheckpoint off'), 'kinesis-checkpoint', 'warning', ['off']);
        });
        it('stays quiet with checkpointing', async () => {
            await expectQuiet(consumer('agg in a, b, c', GOOD), 'kinesis-checkpoint');
        });
        it('turns checkpointing on', async () => {
            assert.match(await expectFixed(consumer('agg in a, b, c', 'workers 3\non-failure failed'), 'kinesis-checkpoint'), / {8}checkpoint on\n {6}\}/);
        });
    });

    describe('kinesis-consumer-redundancy', () => {
        it('fires on one worker, and on workers in one AZ', async () => {
            await expectFindings(consumer('agg in a, b, c', 'workers 1\ncheckpoint on\non-failure failed'), 'kinesis-consumer-redundancy', 'warning', ['1']);
            await expectFindings(consumer('agg in a, b, c', 'checkpoint on\non-failure failed'), 'kinesis-consumer-redundancy', 'warning', ['agg']);
            await expectFindings(consumer('agg in b', GOOD), 'kinesis-consumer-redundancy', 'warning', ['b']);
        });
        it('stays quiet with several workers in several AZs', async () => {
            await expectQuiet(consumer('agg in a, b, c', GOOD), 'kinesis-consumer-redundancy');
        });
    });

    describe('kinesis-failure-destination', () => {
        it('fires on a consumer without `on-failure`', async () => {
            await expectFindings(consumer('agg in a, b, c', 'workers 3\ncheckpoint on'), 'kinesis-failure-destination', 'warning', ['agg']);
        });
        it('stays quiet with one', async () => {
            await expectQuiet(consumer('agg in a, b, c', GOOD), 'kinesis-failure-destination');
        });
    });

    const worker = '    lambda worker {\n      concurrency 5\n      consumes jobs\n    }';

    describe('sqs-dlq', () => {
        it('fires on a consumed queue without a dlq', async () => {
            await expectFindings(inRegion(`    sqs jobs\n${worker}`), 'sqs-dlq', 'warning', ['jobs']);
        });
        it('stays quiet with a dlq, for queues nobody consumes, and for queues that are DLQs', async () => {
            await expectQuiet(inRegion(`    sqs jobs {\n      dlq jobsDlq after 3\n    }\n    sqs jobsDlq\n${worker}`), 'sqs-dlq');
            await expectQuiet(inRegion('    sqs jobs'), 'sqs-dlq');
            await expectQuiet(inRegion(`    sqs source {\n      dlq jobs\n    }\n    sqs jobs\n${worker}`), 'sqs-dlq');
        });
        it('declares a new queue and uses it as the DLQ', async () => {
            const fixed = await expectFixed(inRegion(`    sqs jobs\n${worker}`), 'sqs-dlq');
            assert.match(fixed, /    sqs jobs \{\n      dlq jobsDlq after 5\n    \}\n    sqs jobsDlq\n/);
            const clash = await expectFixed(inRegion(`    sqs jobs {\n      visibility 60s\n    }\n    sqs jobsDlq\n${worker}`), 'sqs-dlq');
            assert.match(clash, /dlq jobsDlq2 after 5\n    \}\n    sqs jobsDlq2\n/);
        });
    });

    describe('sns-dlq', () => {
        const subscriber = '    lambda mailer {\n      concurrency 5\n      dlq mailerDlq\n      consumes events\n    }\n    sqs mailerDlq';
        it('fires on a topic with subscribers and no dlq', async () => {
            await expectFindings(inRegion(`    sns events\n${subscriber}`), 'sns-dlq', 'warning', ['events']);
        });
        it('stays quiet with a dlq, or without subscribers', async () => {
            await expectQuiet(inRegion(`    sns events {\n      dlq eventsDlq\n    }\n    sqs eventsDlq\n${subscriber}`), 'sns-dlq');
            await expectQuiet(inRegion('    sns events'), 'sns-dlq');
        });
    });

    describe('fifo-delivery', () => {
        it('fires on a lambda or a container subscribed to a FIFO topic (AWS only delivers it to SQS queues)', async () => {
            const messages = await expectFindings(inRegion(`    sns receipts {\n      fifo\n    }\n    lambda mailer {\n      consumes receipts\n    }\n    ecs audit in a, b {\n      consumes receipts\n    }`),
                'fifo-delivery', 'error', ['receipts', 'receipts']);
            assert.match(messages[0], /lambda use1\.mailer subscribes to FIFO topic `receipts`.*only to SQS queues.*sqs receiptsQueue \{ fifo consumes receipts \}/);
        });
        it('fires on a FIFO queue subscribed to a standard topic, and on a dead-letter queue of the other kind', async () => {
            await expectFindings(inRegion(`    sns events\n    sqs inbox {\n      fifo\n      consumes events\n    }`), 'fifo-delivery', 'error', ['events']);
            const messages = await expectFindings(inRegion(`    sqs jobs {\n      fifo\n      dlq jobsDlq\n    }\n    sqs jobsDlq\n    sns events {\n      dlq eventsDlq\n    }\n    sqs eventsDlq {\n      fifo\n    }`),
                'fifo-delivery', 'error', ['jobsDlq', 'eventsDlq']);
            assert.match(messages[0], /FIFO queue `jobs` has standard dead-letter queue `jobsDlq`.*Add `fifo` to `jobsDlq`/);
            assert.match(messages[1], /Standard topic `events` has FIFO dead-letter queue `eventsDlq`.*Remove `fifo` from `eventsDlq`/);
        });
        it('stays quiet on SQS subscribers of a FIFO topic, a lambda on a standard topic, and dead-letter queues of the same kind', async () => {
            await expectQuiet(inRegion(`    sns receipts {\n      fifo\n      dlq receiptsDlq\n    }\n    sqs receiptsDlq {\n      fifo\n    }\n    sqs receiptsQueue {\n      fifo\n      dlq receiptsDlq\n      consumes receipts\n    }\n    sqs audit {\n      consumes receipts\n    }\n    sns events\n    lambda mailer {\n      consumes receiptsQueue\n      consumes events\n    }`), 'fifo-delivery');
        });
    });

    describe('sqs-visibility-timeout', () => {
        const reader = (timeout: string) => `    lambda worker {\n      concurrency 5\n      timeout ${timeout}\n      consumes jobs\n    }`;
        it('fires on a function that may run longer than its queue hides a message (30 s when not set)', async () => {
            const messages = await expectFindings(inRegion(`    sqs jobs\n${reader('48s')}`), 'sqs-visibility-timeout', 'error', ['jobs']);
            assert.match(messages[0], /Lambda `worker` runs for up to 48s, longer than queue `jobs` hides a message it reads \(the default visibility timeout of 30 s\).*at least 48s/);
            await expectFindings(inRegion(`    sqs jobs {\n      visibility 1m\n    }\n${reader('2m')}`), 'sqs-visibility-timeout', 'error', ['jobs']);
        });
        it('stays quiet when the visibility covers the timeout, and for readers that are not functions', async () => {
            await expectQuiet(inRegion(`    sqs jobs {\n      visibility 2m\n    }\n${reader('2m')}`), 'sqs-visibility-timeout');
            await expectQuiet(inRegion(`    sqs jobs\n${reader('30s')}`), 'sqs-visibility-timeout');
            await expectQuiet(inRegion('    sqs jobs\n    lambda worker {\n      consumes jobs\n    }\n    ecs reader in a, b {\n      consumes jobs\n    }'), 'sqs-visibility-timeout');
        });
    });
});
