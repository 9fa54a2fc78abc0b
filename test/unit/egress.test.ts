import * as assert from 'node:assert';
import { analysisOf, outcomesFor, scenarioJson } from '../../language/src/analysis/analysis.js';
import { egressSummary } from '../../language/src/model/egress.js';
import { getTopology } from '../../language/src/model/topology.js';
import { expectHover } from 'langium/test';
import { build, inRegion, testServices } from '../support/services.js';

/** Simulates `fail` (names failed together) in `text` and returns the CLI's JSON for it. */
async function simulate(text: string, ...fail: string[]) {
    const document = await build(text);
    const [outcome] = outcomesFor(analysisOf(document.parseResult.value), { fail });
    return scenarioJson(outcome);
}

async function egressEdges(text: string): Promise<string[]> {
    const document = await build(text);
    return getTopology(document.parseResult.value).edges
        .filter(e => e.kind === 'egress')
        .map(e => `${e.from.name} -> ${e.to.name}${e.hard && e.sync ? '' : e.hard ? ' (async)' : ' (soft)'}`);
}

/** An ALB entry point in front of an ECS service in a, b, c that calls DynamoDB, with the given network lines. */
const APP = (network: string, api = 'ecs api in a, b, c { tasks 6 uses orders }') => inRegion(`
    alb edge in a, b, c { entry uses api }
    ${api}
    dynamodb orders
    ${network}`);

describe('egress: NAT gateways and VPC endpoints', () => {
    it('routes a VPC service\'s calls to AWS APIs through the NAT gateways, and intra-VPC calls through nothing', async () => {
        const text = inRegion(`
    alb edge in a, b { entry uses api }
    ecs api in a, b { uses orders uses cache uses q async }
    elasticache cache in a, b { replicas 1 multi-az on failover auto }
    dynamodb orders
    sqs q
    lambda outside { uses orders }
    nat egress in a`);
        // The ALB and ElastiCache are in the VPC (no egress), a Lambda without `vpc subnets` is outside it.
        assert.deepStrictEqual(await egressEdges(text), ['api -> egress']);
    });

    it('sends the calls an endpoint serves through it, the others through the NAT gateways', async () => {
        const text = inRegion(`
    ecs api in a, b { entry uses orders uses q soft }
    dynamodb orders
    sqs q
    nat egress in a, b
    endpoint ddb for dynamodb`);
        assert.deepStrictEqual(await egressEdges(text), ['api -> ddb', 'api -> egress (soft)']);
    });

    it('models no egress in a region without `nat`: designs written before it keep their meaning', async () => {
        assert.deepStrictEqual(await egressEdges(APP('')), []);
        const result = await simulate(APP(''), 'use1.a');
        assert.deepStrictEqual(result.failed, []);
    });

    it('fails every caller when the only NAT gateway\'s AZ fails, although its AZs b and c are up', async () => {
        // api: 2 tasks per AZ. Losing use1.a loses its own tasks there and the gateway the tasks in b and c go out
        // through: no task can reach DynamoDB (a hard synchronous call), so api fails, and the ALB with it.
        const result = await simulate(APP('nat egress in a'), 'use1.a');
        assert.deepStrictEqual(result.failed, ['use1.api', 'use1.edge', 'use1.egress']);
        assert.deepStrictEqual(result.degraded, []);
        assert.deepStrictEqual(result.entryPoints, { 'use1.edge': 'failed' });
        assert.strictEqual(result.customersDown, 1);
        // Losing b only costs the tasks there: a and c still go out through a.
        const lossOfB = await simulate(APP('nat egress in a'), 'use1.b');
        assert.deepStrictEqual([lossOfB.failed, lossOfB.degraded], [[], []]);
    });

    it('keeps every caller up with a NAT gateway per AZ', async () => {
        const result = await simulate(APP('nat egress in a, b, c'), 'use1.a');
        assert.deepStrictEqual([result.failed, result.degraded, result.customersDown], [[], [], 0]);
    });

    it('degrades a caller whose AZs still up are only partly cut off, and fails it below `needs`', async () => {
        // Gateways in a and b; c goes out through a (the first). Losing a: b still reaches out, c does not.
        const partial = await simulate(APP('nat egress in a, b'), 'use1.a');
        assert.deepStrictEqual(partial.failed, []);
        assert.deepStrictEqual(partial.degraded, ['use1.api', 'use1.edge']);
        assert.deepStrictEqual(partial.entryPoints, { 'use1.edge': 'degraded' });
        assert.strictEqual(partial.customersDown, 0);
        // 9 tasks, 3 per AZ, needs 6: losing a leaves 6 tasks, but only the 3 in b can reach DynamoDB: 3 < 6.
        const belowNeeds = await simulate(APP('nat egress in a, b', 'ecs api in a, b, c { tasks 9 needs 6 uses orders }'), 'use1.a');
        assert.deepStrictEqual(belowNeeds.failed, ['use1.api', 'use1.edge']);
    });

    it('only degrades callers whose calls out are soft or async', async () => {
        const result = await simulate(APP('nat egress in a', 'ecs api in a, b, c { tasks 6 uses orders soft }'), 'use1.a');
        assert.deepStrictEqual(result.failed, ['use1.egress']);
        assert.deepStrictEqual(result.degraded, ['use1.api', 'use1.edge']);
        assert.strictEqual(result.customersDown, 0);
    });

    it('cuts egress when the `nat` itself is failed, and not for calls an endpoint serves', async () => {
        assert.deepStrictEqual((await simulate(APP('nat egress in a, b, c'), 'use1.egress')).failed, ['use1.api', 'use1.edge', 'use1.egress']);
        const withEndpoint = await simulate(APP('nat egress in a, b, c\n    endpoint ddb for dynamodb'), 'use1.egress');
        assert.deepStrictEqual([withEndpoint.failed, withEndpoint.degraded], [['use1.egress'], []]);
    });

    it('fails a caller with its interface endpoint\'s AZs, like any zonal dependency', async () => {
        const text = inRegion(`
    ecs api in a, b { entry uses q }
    sqs q
    nat egress in a, b
    endpoint queues for sqs in a`);
        assert.deepStrictEqual((await simulate(text, 'use1.a')).failed, ['use1.api', 'use1.queues']);
    });

    it('names the lost NAT gateway as the root cause of a violated az-loss requirement', async () => {
        const document = await build(APP('nat egress in a').replace('system T {', 'system T {\n  require survive az-loss'));
        const messages = (document.diagnostics ?? []).filter(d => d.code === 'requirement-violated').map(d => d.message);
        assert.strictEqual(messages.length, 1, JSON.stringify(messages));
        assert.match(messages[0], /use1\.api loses its way out of the VPC: its instances in use1\.b and use1\.c reach AWS services through the NAT gateway in use1\.a/);
        assert.match(messages[0], /NAT gateway/);
    });

    it('says (in the hover) which gateway each AZ of a caller goes out through, and which endpoints it uses', async () => {
        const document = await build(inRegion(`
    ecs api in a, b, c { entry uses orders uses q }
    dynamodb orders
    sqs q
    nat egress in a, b
    endpoint ddb for dynamodb`));
        const api = getTopology(document.parseResult.value).components.find(c => c.name === 'api')!;
        assert.strictEqual(egressSummary(api),
            'Out of the VPC through the NAT gateway of its own AZ in a, b; the NAT gateway in use1.a from c; endpoint `use1.ddb`');
    });

    it('shows it in the hover of the service, after its placement', async () => {
        await expectHover(testServices())({
            text: APP('nat egress in a').replace('ecs api', 'ecs <|>api'), index: 0, disposeAfterCheck: true,
            hover: /\*\*ecs\*\* `use1\.api` · zonal in use1\.a, use1\.b, use1\.c · 6 tasks\n\nOut of the VPC through the NAT gateway of its own AZ in a; the NAT gateway in use1\.a from b, c\n\nEstimated availability/,
        });
    });
});
