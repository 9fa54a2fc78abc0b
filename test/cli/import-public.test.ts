/**
 * `resil import` on real, public infrastructure code that no one here wrote (test/fixtures/import/public, sources in
 * its README): each imported through the built binary, checked, and its blast radius asserted where the source makes
 * it clear.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runResil } from '../support/cli.js';
import { REPO_ROOT } from '../support/paths.js';

const PUBLIC = path.join(REPO_ROOT, 'test', 'fixtures', 'import', 'public');

interface Scenario {
    readonly failed: string[];
    readonly degraded: string[];
}

describe('import: public CloudFormation templates and Terraform plans (built binary)', function () {
    this.timeout(120_000);
    let dir: string;
    before(() => { dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'resil-import-public-'))); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** Imports a fixture into a design file; returns its path and text (comments removed for the assertions). */
    function imported(fixture: string, ...options: string[]): { file: string; text: string; body: string } {
        const file = path.join(dir, `${fixture}.resil`);
        const result = runResil(['import', path.join(PUBLIC, fixture), '-o', file, '--force', ...options]);
        assert.strictEqual(result.status, 0, result.stderr);
        const text = fs.readFileSync(file, 'utf8');
        const body = text.split('\n').filter(line => !line.trim().startsWith('//')).map(line => line.replace(/\s*\/\/.*$/, '')).filter(line => line.trim()).join('\n');
        return { file, text, body };
    }

    function check(file: string): { errors: string[]; warnings: string[] } {
        const result = runResil(['check', file, '--format', 'json']);
        const findings = (JSON.parse(result.stdout) as { diagnostics: Array<{ severity: string; rule: string }> }).diagnostics;
        return { errors: findings.filter(f => f.severity === 'error').map(f => f.rule), warnings: findings.filter(f => f.severity === 'warning').map(f => f.rule) };
    }

    function blast(file: string, ...fail: string[]): Scenario {
        const result = runResil(['blast-radius', file, ...fail.flatMap(f => ['--fail', f]), '--format', 'json']);
        assert.notStrictEqual(result.status, 2, result.stderr);
        return (JSON.parse(result.stdout) as { scenarios: Scenario[] }).scenarios[0];
    }

    it('a VPC with a NAT gateway per public subnet: one nat in the AZs its subnets select from the region map (awslabs)', () => {
        const { file, body, text } = imported('VPC_With_Managed_NAT_And_Private_Subnet.yaml', '--region', 'us-east-1');
        assert.match(body, /region use1 "us-east-1" \{\n\s+az a\n\s+az b\n\s+nat natGateway0 in a, b\n\s+\}/);
        assert.match(text, /AWS::EC2::NatGateway: a NAT gateway of the same VPC as NATGateway0: its nat element is placed in this one's AZ too: NATGateway1/);
        assert.match(text, /\/\/ from NATGateway0 \(AWS::EC2::NatGateway\) in .*VPC_With_Managed_NAT_And_Private_Subnet\.yaml/);
        assert.match(text, /AWS::EC2::Subnet: a subnet: read for the AZs of what runs in it: PublicSubnet0, PublicSubnet1, PrivateSubnet0, PrivateSubnet1/);
        assert.deepStrictEqual(check(file).errors, []);
        // Either AZ takes one of the two NAT gateways: the other AZ's subnets keep their way out.
        assert.deepStrictEqual(blast(file, 'use1.a').failed, []);
        assert.deepStrictEqual(blast(file, 'use1.b').failed, []);
        assert.deepStrictEqual(blast(file, 'use1.a', 'use1.b').failed, ['use1.natGateway0']);
    });

    it('without the region, the AZs the template maps per region are unknown: no AZ is invented, a hint says why', () => {
        const { body, text } = imported('VPC_With_Managed_NAT_And_Private_Subnet.yaml');
        assert.match(body, /region main \{\n\s+nat natGateway0\n\s+\}/);
        assert.match(text, /the code does not say the region of stack/);
        assert.match(text, /hint: in AZ: the code does not say the AZ of its subnet/);
    });

    it('an RDS instance and its read replica in the same region: no cross-region `replica of`, said in a hint (awslabs)', () => {
        const { file, body, text } = imported('RDS_MySQL_With_Read_Replica.yaml', '--region', 'us-east-1');
        assert.match(body, /rds masterDB \{\n\s+multi-az off\n\s+\}\n\s+rds replicaDB\n/);
        assert.match(text, /hint: a read replica of MasterDB in the same region/);
        assert.deepStrictEqual(check(file).errors, []);
        assert.deepStrictEqual(blast(file, 'use1.masterDB').failed, ['use1.masterDB']);
    });

    it('a classic load balancer in front of an Auto Scaling group, found through the group\'s LoadBalancerNames (awslabs)', () => {
        const { file, body } = imported('AutoScalingMultiAZWithNotifications.yaml', '--region', 'us-east-1');
        assert.match(body, /asg webServerGroup \{\n\s+instance "t2\.small"\n\s+min 1\n\s+max 3\n\s+\}/);
        assert.match(body, /alb elasticLoadBalancer \{\n\s+health check every 30s threshold 5\n\s+uses webServerGroup\n\s+\}/);
        // The template spreads both over `Fn::GetAZs`, whose length only the account knows: the check says so.
        assert.deepStrictEqual(check(file).errors, ['alb-multi-az']);
        assert.deepStrictEqual(blast(file, 'use1.webServerGroup').failed.sort(), ['use1.elasticLoadBalancer', 'use1.webServerGroup']);
    });

    it('a bucket whose notifications invoke a function: an asynchronous use (awslabs)', () => {
        const { file, body } = imported('S3_LambdaTrigger.yaml', '--region', 'us-east-1');
        assert.match(body, /s3 s3BucketNotification \{\n\s+uses s3TriggerLambdaFunction async\n\s+\}/);
        assert.deepStrictEqual(check(file).errors, []);
        const down = blast(file, 'use1.s3TriggerLambdaFunction');
        assert.ok(!down.failed.includes('use1.s3BucketNotification'), 'an asynchronous use does not take the bucket down');
    });

    it('SAM: a function consuming a queue through its Events (serverless-patterns)', () => {
        const { file, body } = imported('apigw-sqs-lambda.yaml', '--region', 'us-east-1');
        assert.match(body, /lambda myLambdaFunction \{\n\s+timeout 3s\n\s+memory 128\n\s+consumes mySqsQueue\n\s+\}/);
        assert.match(body, /apigateway myHttpApi \{\n\s+api http\n\s+\}/);
        const { errors, warnings } = check(file);
        assert.deepStrictEqual(errors, []);
        assert.ok(warnings.includes('sqs-dlq'), 'the queue has no dead-letter queue, as in the source');
    });

    it('a rule on the default event bus delivering to a queue (serverless-patterns)', () => {
        const { file, body, text } = imported('eventbridge-sqs.yaml', '--region', 'us-east-1');
        assert.match(body, /eventbridge defaultBus \{\n\s+rule eventRule \{\n\s+target mySqsQueue\n\s+\}\n\s+\}/);
        assert.match(text, /hint: the account's default event bus, which rule EventRule is on/);
        assert.deepStrictEqual(check(file), { errors: [], warnings: ['eventbridge-target-dlq'] });
    });

    it('Terraform: the VPC module\'s three NAT gateways, one per AZ of eu-west-1, each in its subnet\'s AZ (count.index)', () => {
        const { file, body } = imported('terraform-vpc-plan.json');
        assert.match(body, /region euw1 "eu-west-1" \{\n\s+az a\n\s+az b\n\s+az c\n\s+nat natGatewayThis0 in a\n\s+nat natGatewayThis1 in b\n\s+nat natGatewayThis2 in c\n/);
        assert.deepStrictEqual(check(file).errors, []);
        for (const [az, nat] of [['a', 0], ['b', 1], ['c', 2]]) assert.deepStrictEqual(blast(file, `euw1.${az}`).failed, [`euw1.natGatewayThis${nat}`]);
    });

    it('Terraform: a Route 53 alias to an ALB, an Auto Scaling group and a function, across modules', () => {
        const { file, body } = imported('terraform-alb-asg-plan.json');
        assert.match(body, /global \{\n\s+route53 route531 \{\n\s+health checks\n\s+uses use1\.alb1\n\s+\}\n\s+\}/);
        assert.match(body, /asg asg1 \{\n\s+instance "t2\.medium"\n\s+min 1\n\s+desired 1\n\s+max 1\n\s+health check ec2\n\s+\}/);
        assert.match(body, /lambda lambda1 \{\n\s+timeout 15m\n\s+memory 256\n\s+\}/);
        // The load balancer's subnets are variables whose values are ids: the AZs are not in the plan.
        assert.deepStrictEqual(check(file).errors, ['alb-multi-az']);
        assert.deepStrictEqual(blast(file, 'use1.alb1').failed.sort(), ['route531', 'use1.alb1']);
    });
});
