/**
 * Cells in the synthesized templates: one stack per cell replica (data apart from services), the router running
 * behind the entry load balancer, each replica's entry with its target group and registration, and standby
 * cells reading their primary cell's global-table replicas. Synthesized offline like `cdk-apps.test.ts`.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths.js';
import { buildApps, generateAppFromText } from './support/generated-apps.js';
import type { SynthResult } from './support/synth-apps.js';

const require = createRequire(import.meta.url);
const { Match, Template } = require('aws-cdk-lib/assertions') as typeof import('aws-cdk-lib/assertions');

/** Sixteen cells in one region, each with a service, a table, a queue and a cache: about 30 resources a replica. */
const SIXTEEN_CELLS = `system Wide {
  require blast-radius cell-loss <= 15%
  region use1 "us-east-1" {
    az a
    az b
    az c
    alb edge in a, b, c { uses tenants }
    router tenants over shop { partition by "tenant" shuffle shard 2 }
    cell shop[16] in a, b, c {
      ecs api { launch fargate tasks 3 needs 2 uses orders uses jobs uses cache }
      dynamodb orders { pitr on backup daily retain 35d }
      sqs jobs { dlq failed }
      sqs failed
      elasticache cache in a, b, c { engine redis replicas 1 multi-az on failover auto snapshots retain 15d }
    }
  }
}
`;

describe('generated CDK apps: cells deploy apart, behind a real router', function () {
    this.timeout(600_000);
    const results = new Map<string, SynthResult>();

    before(async () => {
        const apps = [
            await generateAppFromText('wide', SIXTEEN_CELLS),
            await generateAppFromText('cells', fs.readFileSync(path.join(REPO_ROOT, 'examples', 'cell-based.resil'), 'utf8'), 'cell-based.resil'),
        ];
        for (const [name, result] of await buildApps(apps, 'tsconfig.cells.json')) results.set(name, result);
    });

    function template(app: string, stack: string) {
        const stacks = results.get(app)!.stacks;
        assert.ok(stacks[stack], `${app} has no stack ${stack}: ${Object.keys(stacks).join(', ')}`);
        return Template.fromJSON(stacks[stack] as Record<string, unknown>);
    }

    it('synthesizes sixteen cells as thirty-two stacks of their own, each far below 500 resources, with no cdk-nag finding', () => {
        const { stacks, violations } = results.get('wide')!;
        const names = Object.keys(stacks);
        assert.strictEqual(names.length, 2 + 2 * 16, names.join(', '));
        for (const name of names) {
            const count = Object.keys((stacks[name] as { Resources: object }).Resources).length;
            assert.ok(count < 200, `${name} has ${count} resources`);
        }
        for (let replica = 0; replica < 16; replica++) {
            template('wide', `WideUse1-Shop${replica}`).resourceCountIs('AWS::ECS::Service', 1);
            template('wide', `WideUse1-Shop${replica}`).resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
            const data = template('wide', `WideUse1-Shop${replica}-Data`);
            data.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
            data.resourceCountIs('AWS::SQS::Queue', 2);
            data.resourceCountIs('AWS::ElastiCache::ReplicationGroup', 1);
            data.resourceCountIs('AWS::ECS::Service', 0);
        }
        template('wide', 'WideUse1').resourceCountIs('AWS::ECS::Service', 0);
        assert.deepStrictEqual(violations, []);
    });

    it('forwards the edge load balancer to the router function, which finds the cells under their SSM path', () => {
        const region = template('cells', 'PaymentsUse1');
        const groups = region.findResources('AWS::ElasticLoadBalancingV2::TargetGroup', { Properties: { TargetType: 'lambda' } });
        assert.strictEqual(Object.keys(groups).length, 1);
        region.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
            DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: Object.keys(groups)[0] } }],
        });
        assert.ok(!JSON.stringify(results.get('cells')!.stacks).includes('fixed-response'), 'no fixed 503 anywhere');
        region.hasResourceProperties('AWS::Lambda::Function', {
            Environment: { Variables: { PARTITION_KEY: 'merchantId', SHUFFLE_SHARD: '2', CELL_PARAMETERS: '/payments/use1/pay' } },
            Code: { ZipFile: Match.stringLikeRegexp('GetParametersByPathCommand') },
            VpcConfig: Match.anyValue(),
        });
        region.hasResourceProperties('AWS::IAM::Policy', {
            PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'ssm:GetParametersByPath' })]) },
        });
    });

    it('gives every cell replica an internal entry with a target group for its front service, registered for the router', () => {
        for (let replica = 0; replica < 8; replica++) {
            const cell = template('cells', `PaymentsUse1-Pay${replica}`);
            cell.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' });
            cell.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: 'ip', Port: 80 });
            cell.hasResourceProperties('AWS::ECS::Service', { LoadBalancers: [Match.objectLike({ ContainerPort: 80 })] });
            cell.hasResourceProperties('AWS::SSM::Parameter', { Name: `/payments/use1/pay/${replica}`, Value: { 'Fn::GetAtt': [Match.anyValue(), 'DNSName'] } });
        }
    });

    it('lets each standby cell replica read the replica of its primary replica\'s global table, creating no table', () => {
        for (let replica = 0; replica < 8; replica++) {
            const name = `payments-use1-pay-${replica}-ledger`;
            const primary = template('cells', `PaymentsUse1-Pay${replica}-Data`);
            const tables = Object.values(primary.findResources('AWS::DynamoDB::GlobalTable', { Properties: { TableName: name } }));
            assert.strictEqual(tables.length, 1, name);
            assert.deepStrictEqual((tables[0].Properties.Replicas as Array<{ Region: string }>).map(r => r.Region).sort(), ['us-east-1', 'us-west-2']);
            for (const stack of [`PaymentsUsw2-Pay${replica}-Data`, `PaymentsUsw2-Pay${replica}`]) {
                template('cells', stack).resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
                template('cells', stack).resourceCountIs('AWS::DynamoDB::Table', 0);
            }
            const standby = JSON.stringify(results.get('cells')!.stacks[`PaymentsUsw2-Pay${replica}`]);
            assert.ok(standby.includes(`:table/${name}`), 'the task role may use the replica in its region');
            template('cells', `PaymentsUsw2-Pay${replica}`).hasResourceProperties('AWS::ECS::TaskDefinition', {
                ContainerDefinitions: [Match.objectLike({ Environment: Match.arrayWith([{ Name: 'LEDGER_TABLE', Value: name }]) })],
            });
        }
        assert.deepStrictEqual(results.get('cells')!.violations, []);
    });
});
