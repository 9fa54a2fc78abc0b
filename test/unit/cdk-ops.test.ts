import * as assert from 'node:assert';
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { consumerConcurrency } from '../../language/src/generator/cdk/mappers/kinesis.js';
import { queueEventSourceConcurrency } from '../../language/src/generator/cdk/mappers/lambda.js';
import { getTopology } from '../../language/src/model/topology.js';
import { build } from '../support/services.js';

/** The generated stack files of the design's only region: its services stack, then its data stack. */
async function stackOf(regionBody: string): Promise<string> {
    const document = await build(`system S { region use1 "us-east-1" {\n${regionBody}\n} }`);
    const app = generateCdkApp(getTopology(document.parseResult.value), { sourceName: 'model.resil' });
    // A stack that would declare nothing is not generated: a region of only functions has no data stack.
    const stacks = ['lib/use1-stack.ts', 'lib/use1-data-stack.ts'].map(path => app.files.find(f => f.path === path)).filter(s => s !== undefined);
    assert.ok(stacks.length > 0, app.files.map(f => f.path).join(', '));
    return stacks.map(s => s.content).join('\n');
}

describe('CDK generator: concurrency', () => {
    it('caps an SQS event source below the function\'s reserved concurrency, within what SQS accepts', () => {
        assert.strictEqual(queueEventSourceConcurrency(undefined), undefined, 'no reservation: nothing to stay below');
        assert.strictEqual(queueEventSourceConcurrency(1), undefined, 'SQS takes no cap under 2');
        assert.strictEqual(queueEventSourceConcurrency(2), 2);
        assert.strictEqual(queueEventSourceConcurrency(5), 4);
        assert.strictEqual(queueEventSourceConcurrency(40), 36);
        assert.strictEqual(queueEventSourceConcurrency(5000), 1000);
        assert.strictEqual(queueEventSourceConcurrency(Number.NaN), undefined);
    });

    it('reserves one invocation per shard and parallelization factor for a stream consumer', () => {
        assert.strictEqual(consumerConcurrency(4, 3), 12);
        assert.strictEqual(consumerConcurrency(2, undefined), 2);
        assert.strictEqual(consumerConcurrency(2, 50), 20, 'Lambda takes a factor of 10 at most');
        assert.strictEqual(consumerConcurrency(undefined, 3), undefined, 'an on-demand stream changes its shard count');
    });

    it('writes the cap into the event source of the generated code', async () => {
        const stack = await stackOf(`az a "use1-az1"
            sqs q { dlq d }
            sqs d
            lambda f { concurrency 10 consumes q }`);
        assert.match(stack, /SqsEventSource\(props\.qQueue, \{ reportBatchItemFailures: true, maxConcurrency: 9 \}\)/);
    });
});

describe('CDK generator: placement', () => {
    it('places subnets by AZ id only when the model gives a valid one, and never lets it reach the code unescaped', async () => {
        const byId = await stackOf(`az a "use1-az1"\naz b "use1-az2"\nlambda f { vpc subnets a, b invoke sync }`);
        assert.match(byId, /addPropertyOverride\('AvailabilityZoneId', zoneId\)/);
        assert.match(byId, /'us-east-1a': 'use1-az1', 'us-east-1b': 'use1-az2'/);
        const byName = await stackOf(`az a\naz b\nlambda f { vpc subnets a, b invoke sync }`);
        assert.ok(!byName.includes('AvailabilityZoneId'), 'no id: the subnets keep their AZ names');
        const hostile = await stackOf(`az a "x'); process.exit(1); ('"\nlambda f { vpc subnets a invoke sync }`);
        const code = hostile.split('\n').filter(line => !line.trim().startsWith('//')).join('\n');
        assert.ok(!code.includes('AvailabilityZoneId') && !code.includes('process.exit'), 'not an AZ id: ignored (comments may quote it)');
    });

    it('spreads shard primaries over the AZs and makes cluster mode explicit', async () => {
        const sharded = await stackOf(`az a\naz b\naz c
            elasticache r in a, b, c { shards 3 replicas 1 multi-az on failover auto }`);
        assert.match(sharded, /clusterMode: 'enabled'/);
        const primaries = [...sharded.matchAll(/primaryAvailabilityZone: '([^']+)'/g)].map(m => m[1]);
        assert.deepStrictEqual(primaries, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
        const single = await stackOf(`az a\naz b\nelasticache r in a, b { replicas 1 multi-az on failover auto }`);
        assert.match(single, /clusterMode: 'disabled'/);
    });
});

describe('CDK generator and topology agree on placement', () => {
    it('counts each AZ\'s ElastiCache nodes where the app places them: shard n starts in the n-th AZ', async () => {
        const document = await build(`system S { region use1 "us-east-1" { az a\naz b\naz c
            elasticache r in a, b, c { shards 3 replicas 1 multi-az on failover auto } } }`);
        const cache = getTopology(document.parseResult.value).components.find(c => c.kind === 'elasticache');
        assert.ok(cache?.capacity);
        assert.deepStrictEqual([...cache.capacity.perAz].map(([az, nodes]) => `${az.name}:${nodes}`), ['a:2', 'b:2', 'c:2']);
        assert.strictEqual(cache.capacity.total, 6);
    });
});

describe('CDK generator: model properties', () => {
    it('runs `capacity ... spot` on spot instances and leaves `autoscaler on` on the not-generated list', async () => {
        const stack = await stackOf(`az a\naz b
            ecs e in a, b { launch ec2 placement spread az capacity min 2 max 4 instance "m6i.large" spot }
            eks k { nodegroup g in a, b { min 1 max 3 spot } autoscaler on }`);
        assert.match(stack, /onDemandPercentageAboveBaseCapacity: 0/);
        assert.match(stack, /SpotAllocationStrategy\.PRICE_CAPACITY_OPTIMIZED/);
        assert.match(stack, /capacityType: eks\.CapacityType\.SPOT/);
        assert.match(stack, /\/\/ not generated: autoscaler on/);
    });

    it('gives a function whose model says nothing of its invocation nor its failures a dead-letter queue of its own', async () => {
        const stack = await stackOf(`az a\nlambda f { }\nlambda g { invoke sync }\nlambda h { invoke async }`);
        assert.match(stack, /const fDeadLetters = new sqs\.Queue/);
        assert.match(stack, /deadLetterQueue: fDeadLetters/);
        assert.ok(!stack.includes('gDeadLetters'), 'a synchronous function returns its errors to the caller');
        assert.ok(!stack.includes('hDeadLetters'), '`invoke async` without a dlq is a finding of resil check: cdk-nag shows it too');
    });
});

describe('CDK generator: dashboards', () => {
    it('keeps a crowded dashboard within CloudWatch\'s limits: 100 alarms per status widget, 500 widgets', async () => {
        const queues = Array.from({ length: 300 }, (_, i) => `sqs q${i} { dlq d${i} }\nsqs d${i}`).join('\n');
        const stack = await stackOf(`az a\n${queues}`);
        assert.match(stack, /for \(let start = 0; start < alarms\.length; start \+= 100\)/);
        assert.match(stack, /alarms\.map\(alarm => new cloudwatch\.AlarmWidget/, '300 graphs and 3 status widgets fit');
        const few = await stackOf(`az a\nsqs q { dlq d }\nsqs d`);
        assert.match(few, /addWidgets\(new cloudwatch\.AlarmStatusWidget\(\{ title: 'Alarms of region use1, its data', alarms, width: 24 \}\)\)/);
    });
});

describe('CDK generator: alarms', () => {
    it('watches the iterator age of a function that reads a stream directly, not only of enhanced fan-out consumers', async () => {
        const stack = await stackOf(`az a\nkinesis s { shards 1 }\nlambda f { concurrency 5 consumes s }\nlambda g { concurrency 5 }`);
        assert.match(stack, /const fIteratorAgeAlarm = new cloudwatch\.Alarm/);
        assert.match(stack, /f\.metric\('IteratorAge', \{ period: Duration\.minutes\(1\), statistic: 'Maximum' \}\)/);
        assert.ok(!stack.includes('gIteratorAgeAlarm'), 'g reads no stream');
    });
});
