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
});
