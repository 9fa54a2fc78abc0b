/**
 * The generated CDK apps, end to end and offline: every fixture and example is generated into `.tmp/cdk/<name>`
 * (inside the repository, so aws-cdk-lib resolves from its node_modules), type-checked with tsc, synthesized under
 * tsx, checked with cdk-nag, and its templates are asserted to carry the model's resilience settings.
 */
import * as assert from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { buildApps, generatedApps, SYNTH_ENV as ENV, templateOf, testContext, WORK, type SynthesizedApp } from './support/generated-apps.js';
import { unexcused } from './support/known-failures.js';
import { cfnLint } from '../support/cdk-invariant.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const { Match, Template } = require('aws-cdk-lib/assertions') as typeof import('aws-cdk-lib/assertions');

/** cdk-nag rules about resilience (platform-facts.md): none may fire on a resilient design. */
const RESILIENCE_RULES = [
    'AwsSolutions-DDB3', 'AwsSolutions-AEC4', 'AwsSolutions-SQS3', 'Serverless-LambdaDLQ',
    'Serverless-LambdaAsyncFailureDestination', 'Serverless-SQSRedrivePolicy', 'Serverless-SNSRedrivePolicy',
    'Serverless-LambdaEventSourceMappingDestination', 'Resil-DDBGlobalTablePITR', 'Resil-AECSnapshotRetention',
];

let apps = new Map<string, SynthesizedApp>();

function app(name: string): SynthesizedApp {
    const found = apps.get(name);
    assert.ok(found, `${name} was not synthesized`);
    return found;
}

function template(name: string, stack: string) {
    return templateOf(apps, name, stack);
}

/** The stacks of a region: its services stack `stack`, its foundation `stack-Data` and its cell replicas' `stack-<Cell><i>[-Data]`. */
function regionTemplates(name: string, stack: string) {
    const stacks = app(name).result.stacks;
    const names = Object.keys(stacks).filter(n => n === stack || n.startsWith(`${stack}-`));
    assert.ok(names.length > 0, `${name} has no stacks of ${stack}: ${Object.keys(stacks).join(', ')}`);
    return names.map(n => Template.fromJSON(stacks[n] as Record<string, unknown>));
}

/** The resources of a type in all the stacks of a region. */
function regionResources(name: string, stack: string, type: string) {
    return regionTemplates(name, stack).flatMap(t => Object.values(t.findResources(type)));
}

/** Some stack of the region has a resource of the type with these properties. */
function regionHas(name: string, stack: string, type: string, props: Record<string, unknown>): void {
    const templates = regionTemplates(name, stack);
    assert.ok(templates.some(t => Object.keys(t.findResources(type, { Properties: Match.objectLike(props) })).length > 0),
        `no ${type} in ${stack} matches ${JSON.stringify(props)}`);
}

type SubnetRef = { Ref: string } | { 'Fn::GetStackOutput': { StackName: string; OutputName: string } };

/** The AZs (ids where the model gives them, else names) of the subnets a list of `Ref`s (or outputs of the region's foundation stack read with `Fn::GetStackOutput`) points at. */
function subnetAzs(name: string, stack: string, refs: SubnetRef[]): string[] {
    const stacks = app(name).result.stacks as Record<string, { Outputs?: Record<string, { Value: { Ref: string } }> }>;
    const subnets = { ...template(name, `${stack}-Data`).findResources('AWS::EC2::Subnet'), ...template(name, stack).findResources('AWS::EC2::Subnet') };
    const logicalId = (ref: SubnetRef) => ('Ref' in ref ? ref.Ref
        : stacks[ref['Fn::GetStackOutput'].StackName]?.Outputs?.[ref['Fn::GetStackOutput'].OutputName]?.Value.Ref ?? '');
    return [...new Set(refs.map(r => (subnets[logicalId(r)]?.Properties?.AvailabilityZoneId ?? subnets[logicalId(r)]?.Properties?.AvailabilityZone) as string))].sort();
}

describe('generated CDK apps (tsc, offline synth, cdk-nag)', function () {
    this.timeout(300_000);

    before(async () => {
        apps = await generatedApps();
    });

    it('synthesizes every app, with no resilience rule violated when the design checks clean', () => {
        for (const a of apps.values()) {
            assert.ok(Object.keys(a.result.stacks).length > 0, a.name);
            if (!a.resilient) continue;
            const violated = a.result.violations.filter(v => RESILIENCE_RULES.includes(v.rule.replace(/\[.*$/, '')));
            assert.deepStrictEqual(violated, [], `${a.name} violates resilience rules`);
        }
    });

    it('realises the model in every app: entry points, edges and resilience properties (the app\'s own model check)', () => {
        for (const a of apps.values()) {
            if (['fragile', 'example-fragile', 'example-three-tier-fragile', 'example-serverless-fragile'].includes(a.name)) continue; // designs with errors
            assert.deepStrictEqual(unexcused(a.result!.modelViolations), [], `${a.name} does not realise its model`);
        }
    });

    /** The model check's findings on a copy of an app with a user's edits (each a pattern of its stacks' code and its replacement). */
    async function editedViolations(name: string, stacks: readonly string[], edits: ReadonlyArray<readonly [RegExp, string]>): Promise<string[]> {
        const edited = path.join(WORK, `${name}-edited`);
        fs.rmSync(edited, { recursive: true, force: true });
        fs.cpSync(app(name).dir, edited, { recursive: true, filter: source => !source.includes('cdk.out') });
        const stackFiles = stacks.map(file => path.join(edited, 'lib', file));
        const code = new Map(stackFiles.map(file => [file, fs.readFileSync(file, 'utf8')]));
        for (const [from, to] of edits) {
            const file = stackFiles.find(f => from.test(code.get(f)!));
            assert.ok(file, `the ${name} app has ${from}`);
            code.set(file, code.get(file)!.replace(from, to));
        }
        for (const [file, text] of code) fs.writeFileSync(file, text);
        const built = await buildApps([{ ...app(name), name: `${name}-edited`, dir: edited }], `tsconfig.${name}-edited.json`);
        return unexcused(built.get(`${name}-edited`)!.modelViolations).map(v => `${v.code}: ${v.message}`);
    }

    it('fails the app\'s model check when a user\'s edit removes a resilience property or an edge', async () => {
        // A user's edits that drop what the model says, in a copy of the serverless app: its own model check must catch each.
        const found = await editedViolations('serverless', ['euw1-stack.ts', 'euw1-data-stack.ts'], [
            [/pointInTimeRecoveryEnabled: true/, 'pointInTimeRecoveryEnabled: false'], [/reservedConcurrentExecutions: 100,/, 'reservedConcurrentExecutions: 50,'],
            [/access\.readWriteTable\(worker, [\w.]+\);/, ''], [/maxReceiveCount: 3/, 'maxReceiveCount: 9'],
            [/worker\.addEventSource\(new eventSources\.SqsEventSource\([^;]*\);/, ''],
            [/availabilityZones: \['eu-west-1a', 'eu-west-1b', 'eu-west-1c'\],/, "availabilityZones: ['eu-west-1a', 'eu-west-1b'],"],
        ]);
        const expected = [
            /^property: euw1\.records pitr true .*the template has false/,
            /^property: euw1\.intake reserved-concurrency 100 .*the template has 50/,
            /^uses: euw1\.worker \(lambda\) uses euw1\.records \(dynamodb, serverless\.resil:\d+\): no resource relation realises it/,
            /^consumes: euw1\.worker \(lambda\) consumes euw1\.inbox /,
            // Its event source gone, so is the cap below the function's reserved concurrency.
            /^property: euw1\.worker sqs-max-concurrency 18 .*the template has \[\]/,
            /^placement: euw1\.intake in euw1-az1, euw1-az2, euw1-az3 .*its code runs in subnets of euw1-az1, euw1-az2 in /,
            /^dlq: euw1\.inbox \(sqs\) dlq euw1\.inboxDlq /,
        ];
        for (const pattern of expected) assert.ok(found.some(f => pattern.test(f)), `${pattern} in\n${found.join('\n')}`);
        assert.strictEqual(found.length, expected.length, found.join('\n'));
    });

    it('fails the three-tier app\'s model check when an edit cuts egress or the Auto Scaling group\'s traffic', async () => {
        const found = await editedViolations('example-three-tier', ['use1-stack.ts', 'use1-data-stack.ts'], [
            // The S3 gateway endpoint on the public route tables only: the app tier's private subnets no longer reach it.
            [/addGatewayEndpoint\('Objects', \{ service: ec2\.GatewayVpcEndpointAwsService\.S3 \}\)/,
                "addGatewayEndpoint('Objects', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [{ subnetType: ec2.SubnetType.PUBLIC }] })"],
            [/targets: \[webTier\],/, 'targets: [], ...({ targetType: elbv2.TargetType.INSTANCE } as object),'],
            [/webTier\.addUserData\([^;]*\);/, ''],
        ]);
        const expected = [
            /^egress: use1\.api \(ecs\) egress use1\.objects \(endpoint, /,
            /^alb-target: use1\.web \(alb\) uses use1\.webTier \(asg, /,
            /^uses: use1\.webTier \(asg\) uses use1\.app \(alb, /,
        ];
        for (const pattern of expected) assert.ok(found.some(f => pattern.test(f)), `${pattern} in\n${found.join('\n')}`);
        assert.strictEqual(found.length, expected.length, found.join('\n'));
    });

    it('passes every cdk-nag rule for the tour, the serverless design and the three-tier example (acknowledgments carry reasons)', () => {
        for (const name of ['tour', 'serverless', 'example-three-tier']) assert.deepStrictEqual(app(name).result.violations, [], name);
    });

    it('passes cfn-lint for every design that checks clean: no error, warnings only those acknowledged with a reason', async () => {
        const resilient = [...apps.values()].filter(a => a.resilient);
        const templates = resilient.flatMap((a, index) => Object.entries(a.result.stacks).map(([stack, template]) => {
            const file = path.join(WORK, `${a.name}.${stack}.template.json`);
            fs.writeFileSync(file, JSON.stringify(template));
            return { file, index };
        }));
        const findings = await cfnLint(templates);
        assert.deepStrictEqual(findings.map(f => `${resilient[f.design]?.name ?? '?'}: ${f.message}`), []);
    });

    it('shows the fragile design the resilience findings its model deserves', () => {
        const rules = new Set(app('fragile').result.violations.map(v => v.rule));
        for (const rule of ['Resil-DDBGlobalTablePITR', 'AwsSolutions-AEC4', 'Resil-AECSnapshotRetention', 'AwsSolutions-SQS3',
            'Serverless-SQSRedrivePolicy', 'Serverless-LambdaDLQ', 'Serverless-SNSRedrivePolicy']) {
            assert.ok(rules.has(rule), `missing ${rule} in ${[...rules].join(', ')}`);
        }
    });

    it('keeps PITR on the global table and its replica, and a backup plan in both regions', () => {
        const use1 = template('tour', 'CheckoutUse1-Data');
        use1.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
            TableName: 'checkout-use1-orders',
        });
        const table = Object.values(use1.findResources('AWS::DynamoDB::GlobalTable', { Properties: { TableName: 'checkout-use1-orders' } }))[0];
        const replicas = table.Properties.Replicas as Array<{ Region: string; PointInTimeRecoverySpecification?: { PointInTimeRecoveryEnabled: boolean } }>;
        assert.deepStrictEqual(replicas.map(r => r.Region).sort(), ['us-east-1', 'us-west-2']);
        assert.ok(replicas.every(r => r.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled === true));
        use1.hasResourceProperties('AWS::Backup::BackupPlan', {
            BackupPlan: { BackupPlanRule: Match.arrayWith([Match.objectLike({ Lifecycle: { DeleteAfterDays: 35 } })]) },
        });
        template('tour', 'CheckoutUsw2-Data').resourceCountIs('AWS::Backup::BackupPlan', 1);
        assert.strictEqual(regionResources('tour', 'CheckoutUsw2', 'AWS::DynamoDB::GlobalTable').length, 0);
    });

    it('makes Redis Multi-AZ with automatic failover and at least 15 days of snapshots, over the model AZs', () => {
        const use1 = template('tour', 'CheckoutUse1-Data');
        const groups = Object.values(use1.findResources('AWS::ElastiCache::ReplicationGroup'));
        assert.strictEqual(groups.length, 1);
        const props = groups[0].Properties;
        assert.strictEqual(props.MultiAZEnabled, true);
        assert.strictEqual(props.AutomaticFailoverEnabled, true);
        assert.ok(props.SnapshotRetentionLimit >= 15);
        assert.strictEqual(props.NumNodeGroups, 2);
        assert.strictEqual(props.ReplicasPerNodeGroup, 2);
        const subnetGroup = Object.values(use1.findResources('AWS::ElastiCache::SubnetGroup'))[0];
        assert.deepStrictEqual(subnetAzs('tour', 'CheckoutUse1', subnetGroup.Properties.SubnetIds), ['use1-az1', 'use1-az2', 'use1-az3']);
    });

    it('builds each region VPC with subnets in every model AZ, placed by the AZ ids the model gives', () => {
        for (const [stack, azs] of [['CheckoutUse1', ['use1-az1', 'use1-az2', 'use1-az3']], ['CheckoutUsw2', ['usw2-az1', 'usw2-az2', 'usw2-az3']]] as const) {
            const subnets = Object.values(template('tour', `${stack}-Data`).findResources('AWS::EC2::Subnet'));
            assert.deepStrictEqual([...new Set(subnets.map(s => s.Properties.AvailabilityZoneId))].sort(), azs);
            assert.ok(subnets.every(s => s.Properties.AvailabilityZone === undefined), 'no AZ name guessed from the position of an id');
            assert.strictEqual(subnets.length, 6, 'a public and a private subnet per AZ');
        }
    });

    it('declares NAT gateways in the AZs the model names, routing an AZ without one through the first', () => {
        const natAzs = (stack: string) => {
            const publicSubnets = Object.values(template('network', `${stack}-Data`).findResources('AWS::EC2::NatGateway')).map(n => n.Properties.SubnetId as { Ref: string });
            return subnetAzs('network', stack, publicSubnets);
        };
        assert.deepStrictEqual(natAzs('ShopEuw1'), ['euw1-az1', 'euw1-az2', 'euw1-az3']);
        assert.deepStrictEqual(natAzs('ShopUse1'), ['use1-az1']);
        const use1 = template('network', 'ShopUse1-Data');
        const gateway = Object.keys(use1.findResources('AWS::EC2::NatGateway'))[0];
        const defaultRoutes = Object.values(use1.findResources('AWS::EC2::Route', { Properties: { NatGatewayId: Match.anyValue() } }));
        assert.deepStrictEqual(defaultRoutes.map(r => r.Properties.NatGatewayId), [{ Ref: gateway }, { Ref: gateway }], 'both private subnets go out through use1.a');
    });

    it('declares a gateway endpoint for DynamoDB and an interface endpoint for SQS in the model AZs', () => {
        const euw1 = template('network', 'ShopEuw1-Data');
        euw1.hasResourceProperties('AWS::EC2::VPCEndpoint', {
            VpcEndpointType: 'Gateway', ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.dynamodb']] },
        });
        const sqs = Object.values(euw1.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } }));
        assert.strictEqual(sqs.length, 1);
        assert.strictEqual(sqs[0].Properties.ServiceName, 'com.amazonaws.eu-west-1.sqs');
        assert.strictEqual(sqs[0].Properties.PrivateDnsEnabled, true);
        assert.deepStrictEqual(subnetAzs('network', 'ShopEuw1', sqs[0].Properties.SubnetIds), ['euw1-az1', 'euw1-az2', 'euw1-az3']);
    });

    it('sizes the Auto Scaling group as the model does, in its AZs, replaced on ELB health checks, as the ALB\'s target group', () => {
        const euw1 = template('network', 'ShopEuw1');
        const groups = euw1.findResources('AWS::AutoScaling::AutoScalingGroup');
        const [group] = Object.values(groups);
        assert.deepStrictEqual(
            [group.Properties.MinSize, group.Properties.DesiredCapacity, group.Properties.MaxSize, group.Properties.HealthCheckType],
            ['3', '6', '12', 'ELB']);
        assert.deepStrictEqual(subnetAzs('network', 'ShopEuw1', group.Properties.VPCZoneIdentifier), ['euw1-az1', 'euw1-az2', 'euw1-az3']);
        const [targetGroup] = group.Properties.TargetGroupARNs as Array<{ Ref: string }>;
        euw1.hasResource('AWS::ElasticLoadBalancingV2::TargetGroup', { Properties: Match.objectLike({ TargetType: 'instance', Port: 80 }) });
        assert.ok(euw1.findResources('AWS::ElasticLoadBalancingV2::TargetGroup')[targetGroup.Ref], 'the ALB forwards to the group');
        assert.deepStrictEqual(app('network').result.violations, [], 'cdk-nag clean');
    });

    it('reserves Lambda concurrency, once per cell replica, with a canary deployment', () => {
        const functions = regionResources('tour', 'CheckoutUse1', 'AWS::Lambda::Function');
        assert.strictEqual(functions.filter(f => f.Properties.ReservedConcurrentExecutions === 200).length, 4, 'authorize in 4 cell replicas');
        assert.strictEqual(functions.filter(f => f.Properties.ReservedConcurrentExecutions === 50).length, 1, 'notify');
        assert.strictEqual(regionResources('tour', 'CheckoutUse1', 'AWS::CodeDeploy::DeploymentGroup').length, 4);
        regionHas('tour', 'CheckoutUse1', 'AWS::CodeDeploy::DeploymentConfig', {
            TrafficRoutingConfig: { Type: 'TimeBasedCanary', TimeBasedCanary: { CanaryPercentage: 10, CanaryInterval: 5 } },
        });
        assert.strictEqual(regionResources('tour', 'CheckoutUse1', 'AWS::DynamoDB::GlobalTable').length, 5);
    });

    it('wires DLQs and redrive policies: SQS, SNS subscriptions, Lambda and the Kinesis consumer', () => {
        regionHas('tour', 'CheckoutUse1', 'AWS::SQS::Queue', { RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() } });
        regionHas('tour', 'CheckoutUse1', 'AWS::SNS::Subscription', { Protocol: 'lambda', RedrivePolicy: { deadLetterTargetArn: Match.anyValue() } });
        regionHas('tour', 'CheckoutUse1', 'AWS::Lambda::Function', { DeadLetterConfig: { TargetArn: Match.anyValue() }, ReservedConcurrentExecutions: 50 });
        regionHas('tour', 'CheckoutUse1', 'AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2 });
        regionHas('tour', 'CheckoutUse1', 'AWS::Lambda::EventSourceMapping', {
            ParallelizationFactor: 3, FunctionResponseTypes: ['ReportBatchItemFailures'],
            DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
        });
        regionHas('serverless', 'PipelineEuw1', 'AWS::Lambda::EventInvokeConfig', {
            MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
        });
        regionHas('serverless', 'PipelineEuw1', 'AWS::SQS::Queue', { RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: Match.anyValue() } });
    });

    it('spreads ECS tasks by attribute:ecs.availability-zone and keeps the placement constraint', () => {
        regionHas('tour', 'CheckoutUse1', 'AWS::ECS::Service', {
            DesiredCount: 6,
            PlacementStrategies: [{ Type: 'spread', Field: 'attribute:ecs.availability-zone' }, { Type: 'binpack', Field: 'MEMORY' }],
            PlacementConstraints: [{ Type: 'distinctInstance' }],
        });
        const asg = regionResources('tour', 'CheckoutUse1', 'AWS::AutoScaling::AutoScalingGroup')[0];
        assert.deepStrictEqual([asg.Properties.MinSize, asg.Properties.MaxSize], ['3', '12']);
        assert.deepStrictEqual(subnetAzs('tour', 'CheckoutUse1', asg.Properties.VPCZoneIdentifier), ['use1-az1', 'use1-az2', 'use1-az3']);
    });

    it('puts EKS node groups on subnets of every model AZ', () => {
        const groups = regionResources('tour', 'CheckoutUse1', 'AWS::EKS::Nodegroup');
        assert.strictEqual(groups.length, 2);
        for (const group of groups) {
            assert.deepStrictEqual(subnetAzs('tour', 'CheckoutUse1', group.Properties.Subnets), ['use1-az1', 'use1-az2', 'use1-az3']);
        }
        regionHas('tour', 'CheckoutUse1', 'AWS::EKS::Nodegroup', { CapacityType: 'SPOT', ScalingConfig: { MinSize: 0, MaxSize: 6 } });
    });

    it('creates Route 53 failover records with a health check in each region', () => {
        template('tour', 'CheckoutUse1').hasResourceProperties('AWS::Route53::RecordSet', {
            Failover: 'PRIMARY', HealthCheckId: Match.anyValue(), AliasTarget: Match.objectLike({ EvaluateTargetHealth: true }),
        });
        template('tour', 'CheckoutUsw2').hasResourceProperties('AWS::Route53::RecordSet', { Failover: 'SECONDARY', HealthCheckId: Match.anyValue() });
    });

    it('puts Aurora instances in the model\'s AZs with backups and deletion protection, and joins the secondary to the global database', () => {
        const use1 = template('data', 'DataUse1-Data');
        const orders = Object.entries(use1.findResources('AWS::RDS::DBCluster')).find(([, c]) => c.Properties.Engine === 'aurora-postgresql');
        assert.ok(orders, 'the Aurora cluster');
        assert.strictEqual(orders[1].Properties.BackupRetentionPeriod, 14);
        assert.strictEqual(orders[1].Properties.DeletionProtection, true);
        const instanceAzs = Object.values(use1.findResources('AWS::RDS::DBInstance'))
            .filter(i => JSON.stringify(i.Properties.DBClusterIdentifier) === JSON.stringify({ Ref: orders[0] }))
            .map(i => i.Properties.AvailabilityZone as string).sort();
        assert.deepStrictEqual(instanceAzs, ['us-east-1a', 'us-east-1b', 'us-east-1c'], 'the writer in a, a reader in b and c');
        use1.hasResourceProperties('AWS::RDS::GlobalCluster', { GlobalClusterIdentifier: 'data-use1-orders-global', SourceDBClusterIdentifier: { Ref: orders[0] } });
        const usw2 = template('data', 'DataUsw2-Data');
        usw2.hasResourceProperties('AWS::RDS::DBCluster', { GlobalClusterIdentifier: 'data-use1-orders-global', DeletionProtection: true, MasterUsername: Match.absent() });
    });

    it('makes RDS single-AZ in its AZ, Multi-AZ with a standby, and a Multi-AZ DB cluster, each with backups', () => {
        const use1 = template('data', 'DataUse1-Data');
        use1.hasResourceProperties('AWS::RDS::DBInstance', { Engine: 'mysql', MultiAZ: true, BackupRetentionPeriod: 7, DeletionProtection: true });
        use1.hasResourceProperties('AWS::RDS::DBInstance', { Engine: 'mariadb', MultiAZ: false, AvailabilityZone: 'us-east-1c' });
        use1.hasResourceProperties('AWS::RDS::DBCluster', { Engine: 'postgres', DBClusterInstanceClass: Match.anyValue(), BackupRetentionPeriod: 7 });
    });

    it('leaves the data app one cdk-nag finding: the single-AZ database the model asks for', () => {
        const findings = app('data').result.violations.map(v => v.rule);
        assert.deepStrictEqual(findings, ['AwsSolutions-RDS3']);
    });

    it('versions buckets and replicates the source to its replica region with Replication Time Control', () => {
        template('data', 'DataUse1-Data').hasResourceProperties('AWS::S3::Bucket', {
            VersioningConfiguration: { Status: 'Enabled' },
            ReplicationConfiguration: { Rules: [Match.objectLike({
                Destination: Match.objectLike({ ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } } }),
            })] },
        });
        template('data', 'DataUsw2-Data').hasResourceProperties('AWS::S3::Bucket', { BucketName: 'data-usw2-assets', VersioningConfiguration: { Status: 'Enabled' } });
    });

    it('turns hostile model text into data: it compiles, synthesizes and lands verbatim in the template', () => {
        const tpl = template('hostile', 'HostileDefault');
        tpl.hasResourceProperties('AWS::ECS::Service', {
            PlacementConstraints: [{ Type: 'memberOf', Expression: 'attribute:ecs.instance-type =~ t2.* */ \'`${x}`\'' }],
        });
        tpl.hasResourceProperties('AWS::EKS::FargateProfile', { Selectors: [{ Namespace: 'ns\'"`${x}`*/' }] });
        const generatedStack = fs.readFileSync(path.join(app('hostile').dir, 'lib', 'default-stack.ts'), 'utf8');
        assert.ok(!generatedStack.includes('process.exit(1); //\n'), 'the region code never reaches code unescaped');
    });

    it('tells apart names that sanitise alike: stacks, construct ids, files, variables, environment and physical names', () => {
        const regions = ['NamesUse1', 'NamesUse12', 'NamesUse13'];
        // Use1 holds only replica tables: a foundation stack, and no services stack (it would hold nothing).
        const stacks = Object.keys(app('names').result.stacks);
        assert.deepStrictEqual(stacks.filter(n => !n.includes('-')).sort(), ['NamesUse1', 'NamesUse12']);
        assert.deepStrictEqual(regions.map(r => stacks.includes(`${r}-Data`)), [true, true, true]);
        assert.strictEqual(regionResources('names', 'NamesUse1', 'AWS::SQS::Queue').length, 13, 'q_a, q-a, qA, placeholders, dead, api-task, pay1 and two queues in each of 3 cell replicas');
        const environment = regionResources('names', 'NamesUse1', 'AWS::Lambda::Function')
            .map(f => Object.keys((f as { Properties: { Environment?: { Variables?: object } } }).Properties.Environment?.Variables ?? {}))
            .find(keys => keys.includes('Q_A_QUEUE_URL'));
        assert.deepStrictEqual(environment?.filter(k => k.startsWith('Q_A_')).sort(), ['Q_A_QUEUE_URL', 'Q_A_QUEUE_URL_2', 'Q_A_QUEUE_URL_3']);
        const consumers = regionResources('names', 'NamesUse1', 'AWS::Kinesis::StreamConsumer').map(c => (c as { Properties: { ConsumerName: string } }).Properties.ConsumerName);
        assert.deepStrictEqual(consumers.sort(), ['c-1', 'c-1-2']);
        const tables = regions.flatMap(r => regionResources('names', r, 'AWS::DynamoDB::GlobalTable'))
            .map(t => (t as { Properties: { TableName?: string } }).Properties.TableName).filter(n => n !== undefined);
        assert.deepStrictEqual(tables.sort(), ['names-use-1-t-1', 'names-use-1-t-1-2']);
    });

    it('runs the tour app as `cdk synth` would: bin/app.ts with cdk-nag as a validation plugin', async () => {
        const outdir = path.join(WORK, 'tour', 'cdk.out');
        fs.rmSync(outdir, { recursive: true, force: true });
        // The hosted zones of the app's DNS records, as `cdk synth -c` passes them (synthesis stops without them).
        const context = (name: string) => JSON.stringify(testContext(app(name).requiredContext));
        const synth = (name: string) => run(process.execPath, ['--import', 'tsx', 'bin/app.ts'],
            { cwd: app(name).dir, env: { ...ENV, CDK_CONTEXT_JSON: context(name) }, maxBuffer: 1 << 24 });
        await Promise.all([
            synth('tour'),
            assert.rejects(synth('fragile'), (error: { stdout?: string; stderr?: string }) => /AwsSolutions-AEC4/.test(`${error.stdout}${error.stderr}`)),
        ]);
        assert.ok(fs.existsSync(path.join(outdir, 'CheckoutUse1.template.json')));
    });
});
