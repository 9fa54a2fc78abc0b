/**
 * Deployment order across regions in the generated CDK app: a stack that reads what another region's stack creates
 * (a global table, a global database, a replica bucket, a global endpoint's id) deploys after it, in the waves, in
 * `lib/stacks.ts` and in the README; a publisher in another region than a global endpoint's primary bus is wired to it.
 */
import * as assert from 'node:assert';
import { generateCdkApp, type CdkApp } from '../../language/src/generator/cdk/generate.js';
import { getTopology, type Topology } from '../../language/src/model/topology.js';
import { build } from '../support/services.js';

async function topologyOf(text: string): Promise<Topology> {
    const document = await build(text);
    const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
    assert.deepStrictEqual(errors.map(e => e.message), []);
    return getTopology(document.parseResult.value);
}

function file(app: CdkApp, name: string): string {
    const found = app.files.find(f => f.path === name);
    assert.ok(found, `no ${name} in ${app.files.map(f => f.path).join(', ')}`);
    return found.content;
}

/** The publisher's region comes first in the model; the endpoint's primary bus, its table and its database in use1. */
const PUBLISHER_FIRST = `system T {
  global {
    eventbridge orderEvents { failover primary use1.bus secondary usw2.bus }
  }
  region usw2 "us-west-2" {
    az a
    az b
    eventbridge bus
    dynamodb t replica of use1.t { pitr on }
    aurora ledger2 in a, b replica of use1.ledger { engine postgres readers 1 backup retain 14d deletion protection on }
    lambda publisher { entry concurrency 10 uses orderEvents }
  }
  region use1 "us-east-1" {
    az a
    az b
    eventbridge bus
    dynamodb t { pitr on }
    aurora ledger in a, b { engine postgres readers 1 backup retain 14d deletion protection on }
    lambda local { entry concurrency 10 uses orderEvents }
  }
}
`;

describe('CDK generator: deployment order across regions', () => {
    it('wires a publisher in another region to the global endpoint: its id from the primary region\'s stack, PutEvents on both buses', async () => {
        const app = generateCdkApp(await topologyOf(PUBLISHER_FIRST), { sourceName: 'model.resil' });
        const publisher = file(app, 'lib/usw2-stack.ts');
        assert.ok(!publisher.includes('not wired'), publisher);
        assert.match(publisher, /publisher\.addEnvironment\('ORDER_EVENTS_ENDPOINT_ID', props\.orderEventsEndpoint\);/);
        assert.match(publisher, /iam\.Grant\.addToPrincipal\(\{\s*grantee: publisher,\s*actions: \['events:PutEvents'\],\s*resourceArns: \[\s*`arn:\$\{Stack\.of\(this\)\.partition\}:events:us-east-1:\$\{Stack\.of\(this\)\.account\}:event-bus\/t-bus`,\s*`arn:\$\{Stack\.of\(this\)\.partition\}:events:us-west-2:\$\{Stack\.of\(this\)\.account\}:event-bus\/t-bus`,?\s*\],?\s*\}\);/);
        assert.match(file(app, 'lib/use1-stack.ts'), /this\.orderEventsEndpoint = orderEvents\.attrEndpointId;/);
        const stacks = file(app, 'lib/stacks.ts');
        // use1 is instantiated first, so that usw2's stack can take the endpoint's id from it (CDK adds the dependency).
        assert.ok(stacks.indexOf('new Use1Stack(') < stacks.indexOf('new Usw2Stack('), stacks);
        assert.match(stacks, /orderEventsEndpoint: use1Stack\.orderEventsEndpoint,/);
        assert.deepStrictEqual(app.unmapped.map(u => u.what), []);
    });

    it('deploys the regions whose stacks others read first: foundations and services, with a dependency and a README line for each read', async () => {
        const app = generateCdkApp(await topologyOf(PUBLISHER_FIRST), { sourceName: 'model.resil' });
        assert.deepStrictEqual(app.waves.map(w => [w.name, w.stacks]), [
            ['foundation', ['TUse1-Data', 'TUsw2-Data']],
            ['regional', ['TUse1', 'TUsw2']],
        ]);
        const stacks = file(app, 'lib/stacks.ts');
        assert.match(stacks, /usw2DataStack\.addStackDependency\(use1DataStack, 'its DynamoDB replicas belong to global tables of TUse1'\);/);
        assert.match(stacks, /usw2DataStack\.addStackDependency\(use1DataStack, 'its Aurora secondary joins the global database of use1\.ledger'\);/);
        const readme = file(app, 'README.md');
        assert.match(readme, /- `TUsw2-Data` after `TUse1-Data`: its DynamoDB replicas belong to the global tables of region use1\.\n/);
        assert.match(readme, /- `TUsw2-Data` after `TUse1-Data`: its Aurora secondary joins the global database of use1\.ledger\.\n/);
        assert.match(readme, /- `TUsw2` \(and its cells\) after `TUse1`: it publishes to the global endpoint orderEvents, whose id it reads\.\n/);
    });

    it('deploys a replica bucket\'s region before the source bucket\'s, which names it in its replication rule', async () => {
        const app = generateCdkApp(await topologyOf(`system T {
  region use1 "us-east-1" { az a s3 files { versioning on } }
  region usw2 "us-west-2" { az a s3 copy replica of use1.files { versioning on } }
}
`), { sourceName: 'model.resil' });
        assert.deepStrictEqual(app.waves[0].stacks, ['TUsw2-Data', 'TUse1-Data']);
        assert.match(file(app, 'lib/stacks.ts'), /use1DataStack\.addStackDependency\(usw2DataStack, 'bucket use1\.files replicates into usw2\.copy, which must exist first'\);/);
    });

    it('says in the README which read closes a cycle between two regions, instead of a dependency CDK would refuse', async () => {
        const app = generateCdkApp(await topologyOf(`system T {
  region use1 "us-east-1" { az a az b s3 files { versioning on } aurora ledger in a, b { engine postgres readers 1 backup retain 14d deletion protection on } }
  region usw2 "us-west-2" { az a az b s3 copy replica of use1.files { versioning on } aurora ledger2 in a, b replica of use1.ledger { engine postgres readers 1 backup retain 14d deletion protection on } }
}
`), { sourceName: 'model.resil' });
        const stacks = file(app, 'lib/stacks.ts');
        const dependencies = stacks.split('\n').filter(l => l.includes('addStackDependency'));
        // The bucket's replication rule gives way: the secondary cannot join a global database that does not exist yet.
        assert.deepStrictEqual(dependencies.map(l => l.trim()), ["usw2DataStack.addStackDependency(use1DataStack, 'its Aurora secondary joins the global database of use1.ledger');"]);
        assert.match(file(app, 'README.md'), /- `TUse1-Data` reads `TUsw2-Data` but deploys before it \(the reads between these regions form a cycle\): bucket use1\.files replicates into usw2\.copy, which must exist first; deploy `TUse1-Data` the first time without what it reads there, and again once `TUsw2-Data` exists\.\n/);
    });
});
