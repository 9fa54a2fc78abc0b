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
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { writeGeneratedFiles } from '../../language/src/generator/output-folder.js';
import { getTopology } from '../../language/src/model/topology.js';
import { REPO_ROOT } from '../support/paths.js';
import { build } from '../support/services.js';
import { SYNTH_ENV, typecheckAndSynth } from './support/app-batch.js';
import { unexcused } from './support/known-failures.js';
import type { SynthResult } from './support/synth-apps.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const { Match, Template } = require('aws-cdk-lib/assertions') as typeof import('aws-cdk-lib/assertions');

const REPO = REPO_ROOT;
const WORK = path.join(REPO, '.tmp', 'cdk');

/** cdk-nag rules about resilience (platform-facts.md): none may fire on a resilient design. */
const RESILIENCE_RULES = [
    'AwsSolutions-DDB3', 'AwsSolutions-AEC4', 'AwsSolutions-SQS3', 'Serverless-LambdaDLQ',
    'Serverless-LambdaAsyncFailureDestination', 'Serverless-SQSRedrivePolicy', 'Serverless-SNSRedrivePolicy',
    'Serverless-LambdaEventSourceMappingDestination', 'Resil-DDBGlobalTablePITR', 'Resil-AECSnapshotRetention',
];

interface App {
    readonly name: string;
    readonly dir: string;
    /** The design checks clean (no error, no warning): its app must not violate a resilience rule. */
    readonly resilient: boolean;
    result?: SynthResult;
}

function sources(): Array<{ name: string; file: string }> {
    const list = [
        { name: 'tour', file: 'test/fixtures/tour.resil' },
        ...['serverless', 'fragile', 'hostile', 'names'].map(n => ({ name: n, file: `test/fixtures/cdk/${n}.resil` })),
    ];
    if (fs.existsSync('examples')) {
        for (const file of fs.readdirSync('examples').filter(f => f.endsWith('.resil')).sort()) {
            list.push({ name: `example-${path.basename(file, '.resil')}`, file: path.join('examples', file) });
        }
    }
    return list;
}

const apps = new Map<string, App>();

function app(name: string): App & { result: SynthResult } {
    const found = apps.get(name);
    assert.ok(found?.result, `${name} was not synthesized`);
    return found as App & { result: SynthResult };
}

function template(name: string, stack: string) {
    const stacks = app(name).result.stacks;
    assert.ok(stacks[stack], `${name} has no stack ${stack}: ${Object.keys(stacks).join(', ')}`);
    return Template.fromJSON(stacks[stack] as Record<string, unknown>);
}

/** The AZs of the subnets a list of `Ref`s points at. */
function subnetAzs(tpl: ReturnType<typeof template>, refs: Array<{ Ref: string }>): string[] {
    const subnets = tpl.findResources('AWS::EC2::Subnet');
    return [...new Set(refs.map(r => subnets[r.Ref]?.Properties?.AvailabilityZone as string))].sort();
}

describe('generated CDK apps (tsc, offline synth, cdk-nag)', function () {
    this.timeout(300_000);

    before(async () => {
        fs.mkdirSync(WORK, { recursive: true });
        for (const { name, file } of sources()) {
            const document = await build(fs.readFileSync(file, 'utf8'));
            const severe = (document.diagnostics ?? []).filter(d => d.severity === 1 || d.severity === 2);
            const dir = path.join(WORK, name);
            fs.rmSync(dir, { recursive: true, force: true });
            const generated = generateCdkApp(getTopology(document.parseResult.value), { sourceName: path.basename(file) });
            writeGeneratedFiles(dir, generated.files, { generator: 'resil-cdk' });
            apps.set(name, { name, dir, resilient: severe.length === 0 });
        }
        // A user's edits that drop what the model says: the app's own model check must catch each.
        const edited = path.join(WORK, 'serverless-edited');
        fs.rmSync(edited, { recursive: true, force: true });
        fs.cpSync(apps.get('serverless')!.dir, edited, { recursive: true, filter: source => !source.includes('cdk.out') });
        const stackFile = path.join(edited, 'lib', 'euw1-stack.ts');
        let stack = fs.readFileSync(stackFile, 'utf8');
        for (const [from, to] of [
            ['pointInTimeRecoveryEnabled: true', 'pointInTimeRecoveryEnabled: false'], ['reservedConcurrentExecutions: 100,', 'reservedConcurrentExecutions: 50,'],
            ['access.readWriteTable(worker, records);', ''], ['maxReceiveCount: 3', 'maxReceiveCount: 9'],
            ['worker.addEventSource(new eventSources.SqsEventSource(inbox, { reportBatchItemFailures: true }));', ''],
        ]) {
            assert.ok(stack.includes(from), `the serverless app has ${from}`);
            stack = stack.replace(from, to);
        }
        fs.writeFileSync(stackFile, stack);
        apps.set('serverless-edited', { name: 'serverless-edited', dir: edited, resilient: false });
        const results = await typecheckAndSynth(WORK, [...apps.values()]);
        for (const a of apps.values()) a.result = results.get(a.name);
    });

    it('synthesizes every app, with no resilience rule violated when the design checks clean', () => {
        for (const a of apps.values()) {
            assert.ok(Object.keys(a.result!.stacks).length > 0, a.name);
            if (!a.resilient) continue;
            const violated = a.result!.violations.filter(v => RESILIENCE_RULES.includes(v.rule.replace(/\[.*$/, '')));
            assert.deepStrictEqual(violated, [], `${a.name} violates resilience rules`);
        }
    });

    it('realises the model in every app: entry points, edges and resilience properties (the app\'s own model check)', () => {
        for (const a of apps.values()) {
            if (['fragile', 'example-fragile', 'serverless-edited'].includes(a.name)) continue; // designs with errors, an edited app
            assert.deepStrictEqual(unexcused(a.result!.modelViolations), [], `${a.name} does not realise its model`);
        }
    });

    it('fails the app\'s model check when a user\'s edit removes a resilience property or an edge', () => {
        const found = unexcused(app('serverless-edited').result.modelViolations).map(v => `${v.code}: ${v.message}`);
        const expected = [
            /^property: euw1\.records pitr true .*the template has false/,
            /^property: euw1\.intake reserved-concurrency 100 .*the template has 50/,
            /^uses: euw1\.worker \(lambda\) uses euw1\.records \(dynamodb, serverless\.resil:\d+\): no resource relation realises it/,
            /^consumes: euw1\.worker \(lambda\) consumes euw1\.inbox /,
            /^dlq: euw1\.inbox \(sqs\) dlq euw1\.inboxDlq /,
        ];
        for (const pattern of expected) assert.ok(found.some(f => pattern.test(f)), `${pattern} in\n${found.join('\n')}`);
        assert.strictEqual(found.length, expected.length, found.join('\n'));
    });

    it('passes every cdk-nag rule for the tour and the serverless design (acknowledgments carry reasons)', () => {
        assert.deepStrictEqual(app('tour').result.violations, []);
        assert.deepStrictEqual(app('serverless').result.violations, []);
    });

    it('shows the fragile design the resilience findings its model deserves', () => {
        const rules = new Set(app('fragile').result.violations.map(v => v.rule));
        for (const rule of ['Resil-DDBGlobalTablePITR', 'AwsSolutions-AEC4', 'Resil-AECSnapshotRetention', 'AwsSolutions-SQS3',
            'Serverless-SQSRedrivePolicy', 'Serverless-LambdaDLQ', 'Serverless-SNSRedrivePolicy']) {
            assert.ok(rules.has(rule), `missing ${rule} in ${[...rules].join(', ')}`);
        }
    });

    it('keeps PITR on the global table and its replica, and a backup plan in both regions', () => {
        const use1 = template('tour', 'CheckoutUse1');
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
        template('tour', 'CheckoutUsw2').resourceCountIs('AWS::Backup::BackupPlan', 1);
        template('tour', 'CheckoutUsw2').resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    });

    it('makes Redis Multi-AZ with automatic failover and at least 15 days of snapshots, over the model AZs', () => {
        const use1 = template('tour', 'CheckoutUse1');
        const groups = Object.values(use1.findResources('AWS::ElastiCache::ReplicationGroup'));
        assert.strictEqual(groups.length, 1);
        const props = groups[0].Properties;
        assert.strictEqual(props.MultiAZEnabled, true);
        assert.strictEqual(props.AutomaticFailoverEnabled, true);
        assert.ok(props.SnapshotRetentionLimit >= 15);
        assert.strictEqual(props.NumNodeGroups, 2);
        assert.strictEqual(props.ReplicasPerNodeGroup, 2);
        const subnetGroup = Object.values(use1.findResources('AWS::ElastiCache::SubnetGroup'))[0];
        assert.deepStrictEqual(subnetAzs(use1, subnetGroup.Properties.SubnetIds), ['us-east-1a', 'us-east-1b', 'us-east-1c']);
    });

    it('builds each region VPC with subnets in every model AZ', () => {
        for (const [stack, azs] of [['CheckoutUse1', ['us-east-1a', 'us-east-1b', 'us-east-1c']], ['CheckoutUsw2', ['us-west-2a', 'us-west-2b', 'us-west-2c']]] as const) {
            const subnets = Object.values(template('tour', stack).findResources('AWS::EC2::Subnet'));
            assert.deepStrictEqual([...new Set(subnets.map(s => s.Properties.AvailabilityZone))].sort(), azs);
            assert.strictEqual(subnets.length, 6, 'a public and a private subnet per AZ');
        }
    });

    it('reserves Lambda concurrency, once per cell replica, with a canary deployment', () => {
        const use1 = template('tour', 'CheckoutUse1');
        const functions = Object.values(use1.findResources('AWS::Lambda::Function'));
        assert.strictEqual(functions.filter(f => f.Properties.ReservedConcurrentExecutions === 200).length, 4, 'authorize in 4 cell replicas');
        assert.strictEqual(functions.filter(f => f.Properties.ReservedConcurrentExecutions === 50).length, 1, 'notify');
        use1.resourceCountIs('AWS::CodeDeploy::DeploymentGroup', 4);
        use1.hasResourceProperties('AWS::CodeDeploy::DeploymentConfig', {
            TrafficRoutingConfig: { Type: 'TimeBasedCanary', TimeBasedCanary: { CanaryPercentage: 10, CanaryInterval: 5 } },
        });
        use1.resourceCountIs('AWS::DynamoDB::GlobalTable', 5);
    });

    it('wires DLQs and redrive policies: SQS, SNS subscriptions, Lambda and the Kinesis consumer', () => {
        const use1 = template('tour', 'CheckoutUse1');
        use1.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() } });
        use1.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', RedrivePolicy: { deadLetterTargetArn: Match.anyValue() } });
        use1.hasResourceProperties('AWS::Lambda::Function', { DeadLetterConfig: { TargetArn: Match.anyValue() }, ReservedConcurrentExecutions: 50 });
        use1.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2 });
        use1.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
            ParallelizationFactor: 3, FunctionResponseTypes: ['ReportBatchItemFailures'],
            DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
        });
        const serverless = template('serverless', 'PipelineEuw1');
        serverless.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
            MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
        });
        serverless.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: Match.anyValue() } });
    });

    it('spreads ECS tasks by attribute:ecs.availability-zone and keeps the placement constraint', () => {
        const use1 = template('tour', 'CheckoutUse1');
        use1.hasResourceProperties('AWS::ECS::Service', {
            DesiredCount: 6,
            PlacementStrategies: [{ Type: 'spread', Field: 'attribute:ecs.availability-zone' }, { Type: 'binpack', Field: 'MEMORY' }],
            PlacementConstraints: [{ Type: 'distinctInstance' }],
        });
        const asg = Object.values(use1.findResources('AWS::AutoScaling::AutoScalingGroup'))[0];
        assert.deepStrictEqual([asg.Properties.MinSize, asg.Properties.MaxSize], ['3', '12']);
        assert.deepStrictEqual(subnetAzs(use1, asg.Properties.VPCZoneIdentifier), ['us-east-1a', 'us-east-1b', 'us-east-1c']);
    });

    it('puts EKS node groups on subnets of every model AZ', () => {
        const use1 = template('tour', 'CheckoutUse1');
        const groups = Object.values(use1.findResources('AWS::EKS::Nodegroup'));
        assert.strictEqual(groups.length, 2);
        for (const group of groups) {
            assert.deepStrictEqual(subnetAzs(use1, group.Properties.Subnets), ['us-east-1a', 'us-east-1b', 'us-east-1c']);
        }
        use1.hasResourceProperties('AWS::EKS::Nodegroup', { CapacityType: 'SPOT', ScalingConfig: { MinSize: 0, MaxSize: 6 } });
    });

    it('creates Route 53 failover records with a health check in each region', () => {
        template('tour', 'CheckoutUse1').hasResourceProperties('AWS::Route53::RecordSet', {
            Failover: 'PRIMARY', HealthCheckId: Match.anyValue(), AliasTarget: Match.objectLike({ EvaluateTargetHealth: true }),
        });
        template('tour', 'CheckoutUsw2').hasResourceProperties('AWS::Route53::RecordSet', { Failover: 'SECONDARY', HealthCheckId: Match.anyValue() });
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
        assert.deepStrictEqual(Object.keys(app('names').result.stacks).sort(), ['NamesUse1', 'NamesUse12', 'NamesUse13']);
        const primary = template('names', 'NamesUse1');
        assert.strictEqual(Object.keys(primary.findResources('AWS::SQS::Queue')).length, 13, 'q_a, q-a, qA, placeholders, dead, api-task, pay1 and two queues in each of 3 cell replicas');
        const environment = Object.values(primary.findResources('AWS::Lambda::Function'))
            .map(f => Object.keys((f as { Properties: { Environment?: { Variables?: object } } }).Properties.Environment?.Variables ?? {}))
            .find(keys => keys.includes('Q_A_QUEUE_URL'));
        assert.deepStrictEqual(environment?.filter(k => k.startsWith('Q_A_')).sort(), ['Q_A_QUEUE_URL', 'Q_A_QUEUE_URL_2', 'Q_A_QUEUE_URL_3']);
        const consumers = Object.values(primary.findResources('AWS::Kinesis::StreamConsumer')).map(c => (c as { Properties: { ConsumerName: string } }).Properties.ConsumerName);
        assert.deepStrictEqual(consumers.sort(), ['c-1', 'c-1-2']);
        const tables = Object.values(primary.findResources('AWS::DynamoDB::GlobalTable')).concat(Object.values(template('names', 'NamesUse12').findResources('AWS::DynamoDB::GlobalTable')))
            .map(t => (t as { Properties: { TableName?: string } }).Properties.TableName);
        assert.deepStrictEqual(tables.sort(), ['names-use-1-t-1', 'names-use-1-t-1-2']);
    });

    it('runs the tour app as `cdk synth` would: bin/app.ts with cdk-nag as a validation plugin', async () => {
        const outdir = path.join(WORK, 'tour', 'cdk.out');
        fs.rmSync(outdir, { recursive: true, force: true });
        const synth = (name: string) => run(process.execPath, ['--import', 'tsx', 'bin/app.ts'], { cwd: app(name).dir, env: SYNTH_ENV, maxBuffer: 1 << 24 });
        await Promise.all([
            synth('tour'),
            assert.rejects(synth('fragile'), (error: { stdout?: string; stderr?: string }) => /AwsSolutions-AEC4/.test(`${error.stdout}${error.stderr}`)),
        ]);
        assert.ok(fs.existsSync(path.join(outdir, 'CheckoutUse1.template.json')));
    });
});
