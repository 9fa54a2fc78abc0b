import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerMeasurement } from '../registry.js';
import { runCli } from './cli.js';

/**
 * `resil import` of a 2,000-resource CloudFormation template through the CLI, start to exit (issue 19: under 3 s).
 * The template is what a large serverless application synthesizes to: per workload a queue with its dead-letter
 * queue, a function in three subnets consuming it (an event source mapping), its role and policy, a table it names
 * in an environment variable, and an alarm; three subnets and their NAT gateways.
 */
export function importTemplate(resources: number): Record<string, unknown> {
    const template: Record<string, unknown> = {};
    const subnets = ['Subnet0', 'Subnet1', 'Subnet2'];
    subnets.forEach((subnet, i) => {
        template[subnet] = { Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: { 'Fn::Select': [i, { 'Fn::GetAZs': '' }] } } };
        template[`Nat${i}`] = { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: { Ref: subnet } } };
    });
    for (let i = 0; Object.keys(template).length + 8 <= resources; i++) {
        template[`Queue${i}`] = { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 180, RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [`Dlq${i}`, 'Arn'] }, maxReceiveCount: 3 } } };
        template[`Dlq${i}`] = { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 1_209_600 } };
        template[`Table${i}`] = { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } } };
        template[`Role${i}`] = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } };
        template[`Policy${i}`] = { Type: 'AWS::IAM::Policy', Properties: { Roles: [{ Ref: `Role${i}` }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: { 'Fn::GetAtt': [`Table${i}`, 'Arn'] } }] } } };
        template[`Function${i}`] = {
            Type: 'AWS::Lambda::Function',
            Properties: {
                Role: { 'Fn::GetAtt': [`Role${i}`, 'Arn'] }, ReservedConcurrentExecutions: 10, Timeout: 30,
                VpcConfig: { SubnetIds: subnets.map(s => ({ Ref: s })) },
                Environment: { Variables: { TABLE: { Ref: `Table${i}` }, REGION: { 'Fn::Sub': '${AWS::Region}' } } },
            },
        };
        template[`Mapping${i}`] = { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: { Ref: `Function${i}` }, EventSourceArn: { 'Fn::GetAtt': [`Queue${i}`, 'Arn'] } } };
        template[`Alarm${i}`] = { Type: 'AWS::CloudWatch::Alarm', Properties: { Dimensions: [{ Name: 'FunctionName', Value: { Ref: `Function${i}` } }] } };
    }
    return { AWSTemplateFormatVersion: '2010-09-09', Resources: template };
}

interface ImportState {
    readonly folder: string;
    readonly file: string;
    exitCode: number | null;
}

registerMeasurement<ImportState>({
    name: 'import-2k',
    title: '`resil import` of a 2,000-resource CloudFormation template (CLI, start to exit)',
    budget: { ms: 3000 },
    runs: 5,
    warmups: 1,
    note: 'Wall time of the process: read, resolve, map, infer the edges, print and format the design, write it.',
    async prepare() {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-bench-import-'));
        const file = path.join(folder, 'template.json');
        fs.writeFileSync(file, JSON.stringify(importTemplate(2_000)));
        return { folder, file, exitCode: 0 };
    },
    async run(state) {
        const result = await runCli(['import', state.file, '-o', path.join(state.folder, 'design.resil'), '--force'], state.folder);
        state.exitCode = result.exitCode;
    },
    check: state => (state.exitCode === 0 ? undefined : `resil import exited ${state.exitCode}`),
    checkSummary: 'exit 0',
    async dispose(state) {
        fs.rmSync(state.folder, { recursive: true, force: true });
    },
});
