/**
 * Deployment units and the cell router of the generated CDK app: a data and a services stack per region and per
 * cell replica, the wave order, the router function with its shuffle-shard assignment, and standby cells that
 * read the replicas of their primary cell's global tables.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { CELL_ROUTER_MODULE } from '../../language/src/generator/cdk/mappers/router.js';
import { AppPlan } from '../../language/src/generator/cdk/plan.js';
import { replicasPerWave } from '../../language/src/generator/cdk/waves.js';
import { getTopology, type Topology } from '../../language/src/model/topology.js';
import { build } from '../support/services.js';

const require = createRequire(import.meta.url);
const CELL_BASED = fs.readFileSync('examples/cell-based.resil', 'utf8');

async function topologyOf(text: string): Promise<Topology> {
    const document = await build(text);
    const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
    assert.deepStrictEqual(errors.map(e => e.message), []);
    return getTopology(document.parseResult.value);
}

function file(app: { files: readonly { path: string; content: string }[] }, name: string): string {
    const found = app.files.find(f => f.path === name);
    assert.ok(found, `no ${name} in ${app.files.map(f => f.path).join(', ')}`);
    return found.content;
}

/** A region with `count` replicas of a cell holding a service, a table and a queue, behind a router. */
function cells(count: number, requirement = ''): string {
    return `system T {
  ${requirement}
  region use1 "us-east-1" {
    az a
    az b
    alb edge in a, b { uses r }
    router r over pay { partition by "tenant" shuffle shard 2 }
    cell pay[${count}] in a, b {
      ecs api { launch fargate tasks 2 uses ledger uses jobs }
      dynamodb ledger { pitr on }
      sqs jobs
    }
  }
}
`;
}

describe('CDK generator: deployment units', () => {
    it('gives every cell replica a data and a services stack of its own: 16 cells make 32 stacks, none with two replicas', async () => {
        const app = generateCdkApp(await topologyOf(cells(16)), { sourceName: 'model.resil' });
        const stacks = file(app, 'lib/stacks.ts');
        assert.match(stacks, /const use1PayCells = Array\.from\(\{ length: 16 \}, \(_, replica\) => \{\n\s+const data = new Use1PayCellDataStack\(app, `TUse1-Pay\$\{replica\}-Data`/);
        assert.match(stacks, /const services = new Use1PayCellStack\(app, `TUse1-Pay\$\{replica\}`, \{[\s\S]*?ledgerTable: data\.ledgerTable,\n\s+jobsQueue: data\.jobsQueue,/);
        assert.ok(!/new \w+\(this, `Pay\$\{replica\}`/.test(app.files.map(f => f.content).join('\n')), 'no replica is a construct of a shared stack');
        const cellStacks = app.waves.flatMap(w => w.stacks).filter(s => s.startsWith('TUse1-Pay'));
        assert.strictEqual(cellStacks.length, 32);
        assert.strictEqual(new Set(cellStacks).size, 32, 'each replica stack deploys in exactly one wave');
    });

    it('keeps tables, caches, streams and queues in data stacks, apart from the services that use them', async () => {
        const app = generateCdkApp(await topologyOf(`system T {
  region use1 "us-east-1" {
    az a
    az b
    lambda f { invoke sync uses orders uses clicks }
    dynamodb orders { pitr on }
    kinesis clicks { shards 2 }
    cell c[2] in a, b {
      lambda g { invoke sync uses cache uses q }
      elasticache cache in a, b { engine redis replicas 1 multi-az on failover auto snapshots retain 15d }
      sqs q
    }
  }
}
`), { sourceName: 'model.resil' });
        const data = file(app, 'lib/use1-data-stack.ts');
        const services = file(app, 'lib/use1-stack.ts');
        assert.match(data, /new dynamodb\.TableV2\(this, 'Orders'/);
        assert.match(data, /new kinesis\.Stream\(this, 'Clicks'/);
        assert.match(data, /new ec2\.Vpc\(this, 'Vpc'/);
        assert.ok(!/new (dynamodb|kinesis|sqs|elasticache)\./.test(services), services);
        assert.match(services, /access\.readWriteTable\(f, props\.ordersTable\);/);
        assert.match(services, /props\.clicksStream\.grantWrite\(f\);/);
        const cellData = file(app, 'lib/cells/c-data.ts');
        const cellServices = file(app, 'lib/cells/c.ts');
        assert.match(cellData, /new elasticache\.CfnReplicationGroup/);
        assert.match(cellData, /new sqs\.Queue\(this, 'Q'/);
        assert.ok(!/new (dynamodb|kinesis|sqs|elasticache)\./.test(cellServices), cellServices);
        assert.match(cellServices, /g\.addEnvironment\('CACHE_ENDPOINT', props\.cacheEndpoint\);/);
        assert.match(cellData, /this\.cacheEndpoint = cache\.attr\w+EndPointAddress;/);
    });

    it('orders the waves: foundations, regional services, one canary replica, then doubling waves within the blast radius', async () => {
        const topology = await topologyOf(CELL_BASED);
        const app = generateCdkApp(topology, { sourceName: 'cell-based.resil' });
        assert.deepStrictEqual(app.waves.slice(0, 3).map(w => [w.name, w.stacks]), [
            ['foundation', ['PaymentsUse1-Data', 'PaymentsUsw2-Data']],
            ['regional', ['PaymentsUse1', 'PaymentsUsw2']],
            ['canary', ['PaymentsUse1-Pay0-Data', 'PaymentsUse1-Pay0']],
        ]);
        // 8 cells, 2 per merchant, at most 15% of merchants down: C(3,2)/C(8,2) = 11% holds, C(4,2)/C(8,2) = 21% does not.
        const plan = new AppPlan(topology);
        assert.strictEqual(replicasPerWave(plan, topology.cells[0]), 3);
        const cellWaves = app.waves.slice(2).map(w => w.stacks.filter(s => !s.endsWith('-Data')));
        assert.deepStrictEqual(cellWaves.map(w => w.length), [1, 2, 4, 6, 3]);
        for (const wave of cellWaves) {
            for (const region of ['PaymentsUse1-', 'PaymentsUsw2-']) assert.ok(wave.filter(s => s.startsWith(region)).length <= 3, wave.join(' '));
        }
        assert.deepStrictEqual(JSON.parse(file(app, 'waves.json')).waves.map((w: { stacks: string[] }) => w.stacks), app.waves.map(w => w.stacks));
        const readme = file(app, 'README.md');
        assert.match(readme, /## Deploying in waves/);
        assert.match(readme, /npx aws-cdk@2 deploy --exclusively --require-approval never PaymentsUse1-Pay0-Data PaymentsUse1-Pay0\n/);
    });

    it('reaches at most a quarter of a cell per wave without a blast-radius requirement, and deploys primaries first', async () => {
        const topology = await topologyOf(cells(8));
        assert.strictEqual(replicasPerWave(new AppPlan(topology), topology.cells[0]), 2);
        const standbyFirst = generateCdkApp(await topologyOf(`system T {
  region usw2 "us-west-2" { az a dynamodb t replica of use1.t { pitr on } }
  region use1 "us-east-1" { az a dynamodb t { pitr on } }
}
`));
        assert.deepStrictEqual(standbyFirst.waves[0].stacks, ['TUse1-Data', 'TUsw2-Data']);
    });
});

describe('CDK generator: the cell router', () => {
    it('makes the router a function behind the edge load balancer, and gives each cell replica an entry it registers', async () => {
        const app = generateCdkApp(await topologyOf(CELL_BASED), { sourceName: 'cell-based.resil' });
        const region = file(app, 'lib/use1-stack.ts');
        assert.match(region, /const merchantsRouter = new lambda\.Function\(this, 'MerchantsRouter', \{[\s\S]*?code: lambda\.Code\.fromInline\(cellRouterCode\),/);
        assert.match(region, /environment: \{ PARTITION_KEY: 'merchantId', SHUFFLE_SHARD: '2', CELL_PARAMETERS: '\/payments\/use1\/pay' \}/);
        assert.match(region, /actions: \['ssm:GetParametersByPath'\],\n\s+resources: \[this\.formatArn\(\{ service: 'ssm', resource: 'parameter', resourceName: 'payments\/use1\/pay' \}\)\]/);
        assert.match(region, /const merchantsTargets = edgeListener\.addTargets\('MerchantsTargets', \{ targets: \[new elbv2Targets\.LambdaTarget\(merchantsRouter\)\] \}\);/);
        assert.ok(!region.includes('fixedResponse(503)'), 'the edge forwards to the router');
        const cell = file(app, 'lib/cells/pay.ts');
        assert.match(cell, /const entry = new elbv2\.ApplicationLoadBalancer\(this, 'Entry', \{[\s\S]*?internetFacing: false,/);
        assert.match(cell, /entryListener\.addTargets\('AuthorizeTargets', \{ port: 80, targets: \[authorize\], healthCheck: \{ path: '\/' \} \}\);/);
        assert.match(cell, /new ssm\.StringParameter\(this, 'RouterEntry', \{\n\s+parameterName: `\/payments\/use1\/pay\/\$\{props\.replica\}`,\n\s+stringValue: entry\.loadBalancerDnsName,/);
        assert.match(file(app, 'README.md'), /## Cell routers\n\n- use1\.merchants: partition key `merchantId`, 2 of the 8 replicas of cell pay per key\./);
    });

    it('routes each key to its own shard of cells, steadily, and fails over within the shard only when that is safe', async () => {
        const code = /export const cellRouterCode = `([\s\S]*)`;/.exec(CELL_ROUTER_MODULE)![1];
        assert.ok(code.length < 4096, `CloudFormation takes inline code of up to 4 KB: ${code.length}`);
        const router = loadRouter(code, 8, 2);
        const shards = new Map<string, string[]>();
        for (let merchant = 0; merchant < 200; merchant++) {
            const key = `m${merchant}`;
            const first = await router.route(key, 'GET', () => 200);
            const again = await router.route(key, 'GET', () => 200);
            assert.deepStrictEqual(again.tried, first.tried, 'a key always goes to the same cell');
            const shard = (await router.route(key, 'GET', () => 503)).tried;
            assert.strictEqual(new Set(shard).size, 2, 'a key has 2 cells: GET moves on to the second when the first fails');
            shards.set(key, shard);
        }
        const combinations = new Set([...shards.values()].map(s => [...s].sort().join('+')));
        assert.ok(combinations.size > 20, `keys spread over many of the 28 pairs of 8 cells: ${combinations.size}`);
        const post = await router.route('m1', 'POST', () => 503);
        assert.strictEqual(post.tried.length, 1, 'a POST is not repeated in another cell');
        assert.strictEqual(post.status, 503);
        assert.strictEqual((await router.route(undefined, 'GET', () => 200)).status, 400, 'no partition key: a client error');
    });
});

/** Runs the router's inline code with SSM listing `cells` replicas and a `fetch` that answers with `status(host)`. */
function loadRouter(code: string, cells: number, shard: number) {
    const module = { exports: {} as { handler?: (event: unknown) => Promise<{ statusCode: number }> } };
    const ssm = class { send = async () => ({ Parameters: Array.from({ length: cells }, (_, i) => ({ Name: `/p/c/${i}`, Value: `cell${i}.internal` })) }); };
    const fakeRequire = (name: string) => (name === '@aws-sdk/client-ssm' ? { SSMClient: ssm, GetParametersByPathCommand: class { } } : require(name));
    const env = { PARTITION_KEY: 'merchantId', SHUFFLE_SHARD: String(shard), CELL_PARAMETERS: '/p/c' };
    new Function('require', 'exports', 'process', 'fetch', code)(fakeRequire, module.exports, { env }, undefined);
    return {
        async route(key: string | undefined, method: string, status: (host: string) => number) {
            const tried: string[] = [];
            const fetch = async (url: string) => {
                const host = new URL(url).host;
                tried.push(host);
                return new Response('ok', { status: status(host) });
            };
            new Function('require', 'exports', 'process', 'fetch', code)(fakeRequire, module.exports, { env }, fetch);
            const response = await module.exports.handler!({ httpMethod: method, path: '/pay', headers: key ? { merchantid: key } : {}, queryStringParameters: {} });
            return { tried, status: response.statusCode };
        },
    };
}

describe('CDK generator: standby cells', () => {
    it('reads the replica of the primary cell\'s global table in the standby region, one per replica, never a new table', async () => {
        const app = generateCdkApp(await topologyOf(CELL_BASED), { sourceName: 'cell-based.resil' });
        const primary = file(app, 'lib/cells/pay-data.ts');
        assert.match(primary, /new dynamodb\.TableV2\(this, 'Ledger', \{\n\s+tableName: `payments-use1-pay-\$\{props\.replica\}-ledger`,/);
        assert.match(primary, /replicas: \[\{ region: 'us-west-2', pointInTimeRecoverySpecification: \{ pointInTimeRecoveryEnabled: true \} \}\]/);
        const standby = file(app, 'lib/cells/pay-2-data.ts');
        assert.match(standby, /const ledger = dynamodb\.TableV2\.fromTableName\(this, 'Ledger', `payments-use1-pay-\$\{props\.replica\}-ledger`\);/);
        assert.ok(!standby.includes('new dynamodb.TableV2'), 'no new, empty table in the standby');
        assert.match(file(app, 'lib/stacks.ts'), /usw2PayCells\.forEach\(\(cell, replica\) => use1PayCells\[replica\] && cell\.data\.addStackDependency\(use1PayCells\[replica\]\.data,/);
    });

    it('warns when a standby cell has more replicas than its primary', async () => {
        const app = generateCdkApp(await topologyOf(`system T {
  region use1 "us-east-1" { az a cell p[2] in a { dynamodb t { pitr on } } }
  region usw2 "us-west-2" { az a cell p[3] in a { dynamodb t replica of use1.p.t { pitr on } } }
}
`));
        assert.ok(app.warnings.some(w => w.includes('usw2.p.t is a replica of use1.p.t, but cell usw2.p has 3 replicas and use1.p only 2')), app.warnings.join('\n'));
    });
});
