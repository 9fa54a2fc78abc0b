/**
 * `resil import` through the built binary: what it writes, that it never replaces a file without --force, and that
 * hostile input (malformed JSON or YAML, a 50 MB template, cycles of references, unknown types, intrinsic functions
 * nested 1,000 deep) ends in a located error or a skip list, never a crash or a hang; unreadable input exits 2.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runResil } from '../support/cli.js';

const HANG = 60_000;

describe('import (built binary)', function () {
    this.timeout(120_000);
    let dir: string;
    before(() => { dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'resil-import-'))); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, content: string) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, content);
        return file;
    };
    const importOf = (file: string, ...args: string[]) => runResil(['import', file, ...args], dir, { timeout: HANG });

    const SERVERLESS_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Subnet0:
    Type: AWS::EC2::Subnet
    Properties:
      AvailabilityZone: !Select [0, !GetAZs '']
  Subnet1:
    Type: AWS::EC2::Subnet
    Properties:
      AvailabilityZone: !Select
        - 1
        - Fn::GetAZs: !Ref AWS::Region
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 180
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt OrdersDlq.Arn
        maxReceiveCount: 3
  OrdersDlq:
    Type: AWS::SQS::Queue
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      ReservedConcurrentExecutions: 5
      Timeout: 30
      Role: !GetAtt WorkerRole.Arn
      VpcConfig:
        SubnetIds: [!Ref Subnet0, !Ref Subnet1]
      Environment:
        Variables:
          TABLE: !Sub "\${Table}"
  WorkerRole:
    Type: AWS::IAM::Role
  WorkerPolicy:
    Type: AWS::IAM::Policy
    Properties:
      Roles: [!Ref WorkerRole]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: sns:Publish
            Resource: !Ref Placed
  Placed:
    Type: AWS::SNS::Topic
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Worker
      EventSourceArn: !GetAtt Orders.Arn
  Widget:
    Type: AWS::Made::Up
`;

    it('reads CloudFormation YAML with its short tags: AZs from !Select over !GetAZs, consumes, dlq, inferred uses', () => {
        const file = write('serverless.yaml', SERVERLESS_YAML);
        const result = importOf(file, '--region', 'eu-west-1');
        assert.strictEqual(result.status, 0, result.stderr);
        const text = result.stdout;
        assert.match(text, /region euw1 "eu-west-1" \{\n\s+az a \/\/ the account's AZ number 1 in the region \(Fn::GetAZs\)\n\s+az b \/\/ the account's AZ number 2/);
        assert.match(text, /sqs orders \{\n\s+visibility 3m\n\s+dlq ordersDlq after 3\n\s+\}/);
        assert.match(text, /dynamodb table \{\n\s+pitr on\n\s+billing on-demand\n\s+\}/);
        assert.match(text, /lambda worker \{\n\s+vpc subnets a, b\n\s+concurrency 5\n\s+timeout 30s\n\s+consumes orders\n\s+uses table \/\/ inferred from the environment variable TABLE\n\s+uses placed async \/\/ inferred from the IAM policy WorkerPolicy\n\s+\}/);
        assert.match(text, /\/\/ Not mapped \(\d+ resources\):/);
        assert.match(text, /\/\/ {3}AWS::Made::Up: no Resil kind for AWS::Made::Up: Widget/);
        assert.match(text, /\/\/ from Worker \(AWS::Lambda::Function\) in .*serverless\.yaml/);
        const output = path.join(dir, 'serverless.resil');
        fs.writeFileSync(output, text);
        assert.strictEqual(runResil(['check', output]).status === 2, false, 'the design parses and links');
    });

    it('reads a cdk.out: every stack of its manifest and of nested stages, in its environment\'s region, with exports across stacks', () => {
        const assembly = path.join(dir, 'cdk.out');
        fs.mkdirSync(path.join(assembly, 'assembly-Prod'), { recursive: true });
        const data = {
            Resources: { Orders: { Type: 'AWS::SQS::Queue', Metadata: { 'aws:cdk:path': 'Data/Orders/Resource' } } },
            Outputs: { OrdersArn: { Value: { 'Fn::GetAtt': ['Orders', 'Arn'] }, Export: { Name: 'Data:ExportsOutputOrdersArn' } } },
        };
        const services = {
            Resources: {
                Worker1A2B3C4D: { Type: 'AWS::Lambda::Function', Properties: { Timeout: 10 } },
                Mapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: { Ref: 'Worker1A2B3C4D' }, EventSourceArn: { 'Fn::ImportValue': 'Data:ExportsOutputOrdersArn' } } },
            },
        };
        fs.writeFileSync(path.join(assembly, 'Data.template.json'), JSON.stringify(data));
        fs.writeFileSync(path.join(assembly, 'assembly-Prod', 'Services.template.json'), JSON.stringify(services));
        const stack = (file: string, environment: string) => ({ type: 'aws:cloudformation:stack', environment, properties: { templateFile: file } });
        fs.writeFileSync(path.join(assembly, 'manifest.json'), JSON.stringify({ artifacts: {
            Data: stack('Data.template.json', 'aws://123456789012/eu-west-1'),
            Prod: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod' } },
        } }));
        fs.writeFileSync(path.join(assembly, 'assembly-Prod', 'manifest.json'), JSON.stringify({ artifacts: {
            Services: stack('Services.template.json', 'aws://123456789012/eu-west-1'),
        } }));
        const result = importOf(assembly);
        assert.strictEqual(result.status, 0, result.stderr);
        assert.match(result.stdout, /region euw1 "eu-west-1" \{\n\n\s+\/\/ from Orders \(AWS::SQS::Queue\) in .*Data\.template\.json\n\s+sqs orders\n/);
        assert.match(result.stdout, /lambda worker \{\n\s+timeout 10s\n\s+consumes orders\n\s+\}/);
    });

    it('writes -o, and never replaces an existing file without --force', () => {
        const file = write('small.json', JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } }));
        const output = write('existing.resil', 'mine\n');
        const refused = importOf(file, '-o', output);
        assert.strictEqual(refused.status, 2);
        assert.match(refused.stderr, /existing\.resil exists: choose another file, or replace it with --force/);
        assert.strictEqual(fs.readFileSync(output, 'utf8'), 'mine\n');
        const forced = importOf(file, '-o', output, '--force');
        assert.strictEqual(forced.status, 0, forced.stderr);
        assert.match(fs.readFileSync(output, 'utf8'), /sqs q\n/);
        assert.match(forced.stdout, /1 element, 0 edges; 0 resources not mapped/);
    });

    it('malformed JSON and YAML: exit 2 with file:line:column', () => {
        const json = importOf(write('bad.json', '{\n  "Resources": {\n    "Q": { "Type": tru }\n  }\n}\n'));
        assert.strictEqual(json.status, 2);
        assert.match(json.stderr, /bad\.json:3:20: not valid JSON: expected a value, found 't'/);
        const yaml = importOf(write('bad.yaml', 'Resources:\n  Q:\n    Type: [AWS::SQS::Queue\n  R: x\n'));
        assert.strictEqual(yaml.status, 2);
        assert.match(yaml.stderr, /bad\.yaml:\d+:\d+: not valid YAML: /);
        const notTemplate = importOf(write('list.json', '[1, 2]'));
        assert.strictEqual(notTemplate.status, 2);
        assert.match(notTemplate.stderr, /list\.json: not a CloudFormation template/);
    });

    it('unreadable input exits 2: a missing file, a folder that is not a cdk.out', () => {
        const missing = importOf(path.join(dir, 'nothing.json'));
        assert.strictEqual(missing.status, 2);
        assert.match(missing.stderr, /nothing\.json: no such file or folder/);
        fs.mkdirSync(path.join(dir, 'folder'), { recursive: true });
        const folder = importOf(path.join(dir, 'folder'));
        assert.strictEqual(folder.status, 2);
        assert.match(folder.stderr, /folder: a folder without manifest\.json: not a CDK cloud assembly/);
    });

    it('cycles of references (subnets whose AZ is each other\'s) end, with no AZ invented', () => {
        const template = {
            Resources: {
                A: { Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: { 'Fn::GetAtt': ['B', 'AvailabilityZone'] } } },
                B: { Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: { 'Fn::GetAtt': ['A', 'AvailabilityZone'] } } },
                Nat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: { Ref: 'A' } } },
                F: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { G: { Ref: 'G' } } } } },
                G: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { F: { Ref: 'F' } } } } },
            },
        };
        const result = importOf(write('cycle.json', JSON.stringify(template)));
        assert.strictEqual(result.status, 0, result.stderr);
        assert.match(result.stdout, /nat nat1\n/);
        assert.match(result.stdout, /lambda f \{\n\s+uses g \/\/ inferred/);
        assert.match(result.stdout, /lambda g \{\n\s+uses f \/\/ inferred/);
    });

    it('intrinsic functions nested 1,000 deep: the resource is listed as not mapped, the rest imported', () => {
        let deep: unknown = { Ref: 'AWS::Region' };
        for (let i = 0; i < 1000; i++) deep = { 'Fn::Join': ['', [deep]] };
        const template = { Resources: { Deep: { Type: 'AWS::SQS::Queue', Properties: { QueueName: deep } }, Plain: { Type: 'AWS::SQS::Queue' } } };
        const json = importOf(write('deep.json', JSON.stringify(template)));
        assert.strictEqual(json.status, 0, json.stderr);
        assert.match(json.stdout, /AWS::SQS::Queue: intrinsic functions or values nested deeper than 200 levels: Deep/);
        assert.match(json.stdout, /sqs plain\n/);
        let yaml = '!Ref AWS::Region';
        for (let i = 0; i < 1000; i++) yaml = `!Base64 [${yaml}]`;
        const yamlResult = importOf(write('deep.yaml', `Resources:\n  Deep:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: ${yaml}\n`));
        assert.ok(yamlResult.status === 0 || yamlResult.status === 2, yamlResult.stderr);
        assert.doesNotMatch(yamlResult.stderr, /internal error/);
        if (yamlResult.status === 0) assert.match(yamlResult.stdout, /nested deeper than 200 levels: Deep/);
    });

    it('a 50 MB template imports (or is refused with a clear message), never crashes or hangs', () => {
        const resources: Record<string, unknown> = {};
        const padding = 'x'.repeat(2_000);
        for (let i = 0; i < 25_000; i++) resources[`Queue${i}`] = { Type: 'AWS::SQS::Queue', Metadata: { padding }, Properties: { VisibilityTimeout: 30 } };
        const file = write('large.json', JSON.stringify({ Resources: resources }));
        assert.ok(fs.statSync(file).size > 50 * 1024 * 1024);
        const result = importOf(file, '-o', path.join(dir, 'large.resil'));
        assert.notStrictEqual(result.status, null, 'it ends within the time limit');
        assert.doesNotMatch(result.stderr, /internal error/);
        if (result.status === 0) assert.match(result.stdout, /25000 elements/);
        else assert.match(result.stderr, /large\.json: /);
    });
});
