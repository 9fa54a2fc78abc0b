import * as assert from 'node:assert';
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { getTopology } from '../../language/src/model/topology.js';
import { build } from '../support/services.js';

/** The generated data stack of `region` (databases and buckets hold data) for a design with a primary cluster in use1 and a secondary in usw2. */
async function stackOf(secondaryBody: string, region: 'use1' | 'usw2'): Promise<string> {
    const document = await build(`system Data {
  region use1 "us-east-1" {
    az a
    az b
    aurora orders in a, b { engine mysql readers 1 backup retain 14d deletion protection on }
    s3 express in b { storage express }
  }
  region usw2 "us-west-2" {
    az a
    az b
    aurora orders in a, b replica of use1.orders { ${secondaryBody} }
  }
}
`);
    const app = generateCdkApp(getTopology(document.parseResult.value), { sourceName: 'data.resil' });
    const file = app.files.find(f => f.path === `lib/${region}-data-stack.ts`);
    assert.ok(file, app.files.map(f => f.path).join(', '));
    return file.content;
}

describe('CDK mappers of Aurora, RDS and S3', () => {
    it('says how the global database secondary takes over: a managed failover, or a manual detach', async () => {
        assert.match(await stackOf('engine mysql readers 1 failover managed', 'usw2'), /managed failover \(rds failover-global-cluster/);
        assert.match(await stackOf('engine mysql readers 1 failover manual', 'usw2'), /rds remove-from-global-cluster: `failover manual`/);
    });

    it('gives the primary its global cluster, without backtracking (global databases have none); only the secondary drops its credentials', async () => {
        const primary = await stackOf('engine mysql readers 1', 'use1');
        assert.match(primary, /new rds\.CfnGlobalCluster\(this, 'OrdersGlobal'/);
        assert.doesNotMatch(primary, /backtrackWindow/);
        assert.match(primary, /id: 'AwsSolutions-RDS14'/);
        const secondary = await stackOf('engine mysql readers 1', 'usw2');
        assert.match(secondary, /addPropertyDeletionOverride\('MasterUsername'\)/);
        assert.doesNotMatch(primary, /addPropertyDeletionOverride/);
    });

    it('gives a standalone Aurora MySQL cluster a backtrack window, its writer and reader in the model\'s AZs', async () => {
        const document = await build('system Solo {\n  region use1 "us-east-1" {\n    az a\n    az b\n    aurora db in a, b { engine mysql readers 1 }\n  }\n}\n');
        const stack = generateCdkApp(getTopology(document.parseResult.value), { sourceName: 'solo.resil' }).files.find(f => f.path === 'lib/use1-data-stack.ts')!.content;
        assert.match(stack, /backtrackWindow: Duration\.hours\(24\)/);
        assert.match(stack, /ClusterInstance\.provisioned\('Writer', \{[^}]*availabilityZone: 'us-east-1a'/);
        assert.match(stack, /ClusterInstance\.provisioned\('Reader1', \{[^}]*availabilityZone: 'us-east-1b'/);
    });

    it('leaves a directory bucket out, saying why, when its AZ has no zone id', async () => {
        assert.match(await stackOf('engine mysql readers 1', 'use1'), /not generated: a directory bucket needs the zone id of its AZ/);
    });
});
