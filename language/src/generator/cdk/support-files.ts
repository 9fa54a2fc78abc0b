/**
 * The generated app's fixed helper modules: the same for every model, so they are plain text here. They are
 * real code a CDK user would keep: least-privilege grants, placeholders to replace, the cdk-nag wiring with a
 * small pack of resilience rules the stock packs miss, and the acknowledgments (each with its reason).
 */

import { tsString } from './identifiers.js';

const MANAGED = 'arn:<AWS::Partition>:iam::aws:policy';

/** Acknowledgments the generator applies to constructs whose findings are by design, with the reason why. */
export const ACKNOWLEDGMENTS: ReadonlyArray<{ name: string; id: string; reason: string }> = [
    { name: 'lambdaBasicExecution', id: `AwsSolutions-IAM4[Policy::${MANAGED}/service-role/AWSLambdaBasicExecutionRole]`, reason: 'AWS-managed policy that only lets the function write its own CloudWatch logs.' },
    { name: 'lambdaVpcAccess', id: `AwsSolutions-IAM4[Policy::${MANAGED}/service-role/AWSLambdaVPCAccessExecutionRole]`, reason: 'AWS-managed policy that lets the function attach to its VPC subnets (network interfaces) and write logs.' },
    { name: 'lambdaTracing', id: 'AwsSolutions-IAM5[Resource::*]', reason: 'X-Ray PutTraceSegments and PutTelemetryRecords accept no resource-level permissions.' },
    { name: 'codeDeployLambda', id: `AwsSolutions-IAM4[Policy::${MANAGED}/service-role/AWSCodeDeployRoleForLambdaLimited]`, reason: 'AWS-managed policy scoped to what CodeDeploy needs to shift a Lambda alias.' },
    { name: 'backupServiceRole', id: `AwsSolutions-IAM4[Policy::${MANAGED}/service-role/AWSBackupServiceRolePolicyForBackup]`, reason: 'AWS-managed policy that AWS Backup needs to back up the selected resources.' },
    { name: 'cacheDefaultPort', id: 'AwsSolutions-AEC5', reason: 'Default port kept so clients need no special configuration; only the VPC can reach it (security group).' },
    { name: 'cacheAuth', id: 'AwsSolutions-AEC6', reason: 'In-transit encryption is on; add an AUTH token or RBAC user group from Secrets Manager when clients support it.' },
    { name: 'taskEnvironment', id: 'AwsSolutions-ECS2', reason: 'The environment holds resource names and endpoints only, never secrets.' },
    { name: 'ecsInstanceRole', id: `AwsSolutions-IAM4[Policy::${MANAGED}/service-role/AmazonEC2ContainerServiceforEC2Role]`, reason: 'AWS-managed policy that ECS container instances need to join their cluster.' },
    { name: 'ecsInstancePolicy', id: 'AwsSolutions-IAM5[Action::ecs:Submit*]', reason: 'The ECS agent reports task and container state with the ecs:Submit* actions, scoped to the cluster by CDK.' },
    { name: 'ecsInstanceDiscovery', id: 'AwsSolutions-IAM5[Resource::*]', reason: 'The ECS agent calls ecs:DiscoverPollEndpoint and ecr:GetAuthorizationToken, which accept no resource-level permissions.' },
    { name: 'eksCniPolicy', id: `AwsSolutions-IAM4[Policy::${MANAGED}/AmazonEKS_CNI_Policy]`, reason: 'AWS-managed policy the VPC CNI on the nodes needs to give pods addresses.' },
    { name: 'eksRegistryRead', id: `AwsSolutions-IAM4[Policy::${MANAGED}/AmazonEC2ContainerRegistryReadOnly]`, reason: 'AWS-managed read-only policy for nodes to pull images from ECR.' },
    { name: 'eksFargatePodExecution', id: `AwsSolutions-IAM4[Policy::${MANAGED}/AmazonEKSFargatePodExecutionRolePolicy]`, reason: 'AWS-managed policy Fargate needs to start pods and pull their images.' },
    { name: 'cacheVpcIngress', id: 'AwsSolutions-EC23', reason: 'Ingress is limited to the VPC CIDR block (a token cdk-nag cannot read), not open to the internet.' },
    { name: 'autoScalingNotifications', id: 'AwsSolutions-AS3', reason: 'ECS reports capacity changes through the cluster; add notifications if your operations need them.' },
    { name: 'eksClusterRole', id: `AwsSolutions-IAM4[Policy::${MANAGED}/AmazonEKSClusterPolicy]`, reason: 'AWS-managed policy the EKS control plane needs.' },
    { name: 'eksNodeRole', id: `AwsSolutions-IAM4[Policy::${MANAGED}/AmazonEKSWorkerNodePolicy]`, reason: 'AWS-managed policy EKS worker nodes need to join the cluster.' },
    { name: 'albAccessLogs', id: 'AwsSolutions-ELB2', reason: 'Access logs need a log bucket of your organisation: call logAccessLogs(bucket) on the load balancer.' },
    { name: 'databaseSecretRotation', id: 'AwsSolutions-SMG4', reason: 'Rotating the database secret needs a rotation schedule your operations choose: call addRotationSingleUser() when they do.' },
    { name: 'bucketAccessLogs', id: 'AwsSolutions-S1', reason: 'Server access logs need a log bucket of your organisation: set serverAccessLogsBucket on the bucket.' },
    { name: 'stateMachineLogDelivery', id: 'AwsSolutions-IAM5[Resource::*]', reason: 'CloudWatch Logs delivery for a state machine (logs:CreateLogDelivery and the like) accepts no resource-level permissions.' },
    { name: 'albPublicIngress', id: 'AwsSolutions-EC23', reason: 'Public entry point of the design: it must accept traffic from the internet.' },
];

export function acknowledgmentsModule(): string {
    return [
        '// Acknowledgments of cdk-nag findings that are by design. Every one says why; remove one to see its finding again.',
        '// Generated by Resil. Edit freely: `resil generate cdk` keeps files you changed.',
        "import type { Acknowledgment } from 'aws-cdk-lib';",
        '',
        ...ACKNOWLEDGMENTS.flatMap(a => [
            `export const ${a.name}: Acknowledgment = {`,
            `  id: ${tsString(a.id)},`,
            `  reason: ${tsString(a.reason)},`,
            '};',
            '',
        ]),
    ].join('\n');
}

export const ACCESS_MODULE = `// Least-privilege grants without wildcards, so that cdk-nag (AwsSolutions-IAM5) has nothing to flag.
// Generated by Resil. Edit freely: \`resil generate cdk\` keeps files you changed.
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Read and write the items of one table: named actions on the table itself (no index wildcards). */
export function readWriteTable(grantee: iam.IGrantable, table: dynamodb.ITableV2): void {
  iam.Grant.addToPrincipal({
    grantee,
    actions: [
      'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem',
      'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable',
    ],
    resourceArns: [table.tableArn],
  });
}

/**
 * Read, write and list the objects of one bucket: named actions (no \`s3:*Object*\` wildcards). Object actions can
 * only name "every object of this bucket" as \`<bucket arn>/*\`: that one resource is acknowledged, on the grantee.
 */
export function readWriteObjects(grantee: iam.IGrantable, bucket: s3.IBucket): void {
  iam.Grant.addToPrincipal({ grantee, actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resourceArns: [bucket.arnForObjects('*')] });
  iam.Grant.addToPrincipal({ grantee, actions: ['s3:ListBucket'], resourceArns: [bucket.bucketArn] });
  acknowledgeObjectsOf(grantee.grantPrincipal, bucket, 'The grant names the objects of one bucket; S3 has no narrower resource for them.');
}

/** Acknowledges cdk-nag's finding on \`<bucket arn>/*\` under \`scope\`, whose id carries the bucket's logical id. */
export function acknowledgeObjectsOf(scope: unknown, bucket: s3.IBucket, reason: string): void {
  const resource = bucket.node.defaultChild;
  if (!Construct.isConstruct(scope) || !CfnElement.isCfnElement(resource)) return;
  Validations.of(scope).acknowledge({ id: \`AwsSolutions-IAM5[Resource::<\${Stack.of(resource).getLogicalId(resource)}.Arn>/*]\`, reason });
}

/**
 * Acknowledges cdk-nag's finding on \`<function arn>:*\` under \`scope\`: a Step Functions task may invoke the
 * function's versions and aliases, as CDK grants it. The id carries the function's (or alias's) logical id.
 */
export function acknowledgeVersionsOf(scope: unknown, fn: lambda.IFunction, reason: string): void {
  const fnResource = fn.node.defaultChild;
  if (!Construct.isConstruct(scope) || !CfnElement.isCfnElement(fnResource)) return;
  const logicalId = Stack.of(fnResource).getLogicalId(fnResource);
  Validations.of(scope).acknowledge({ id: \`AwsSolutions-IAM5[Resource::<\${logicalId}.Arn>:*]\`, reason }, { id: \`AwsSolutions-IAM5[Resource::<\${logicalId}>:*]\`, reason });
}

/** Invoke one function (or alias), and nothing else. */
export function invokeFunction(grantee: iam.IGrantable, fn: lambda.IFunction): void {
  iam.Grant.addToPrincipal({ grantee, actions: ['lambda:InvokeFunction'], resourceArns: [fn.functionArn] });
}
`;

export const PLACEHOLDERS_MODULE = `// Stand-ins for your code: the design says how things run, not what they run. Replace them.
// Generated by Resil. Edit freely: \`resil generate cdk\` keeps files you changed.
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * Function code that logs its event and answers load balancer requests (health checks included) with 200:
 * replace with lambda.Code.fromAsset('path/to/your/build').
 */
export function functionCode(): lambda.Code {
  return lambda.Code.fromInline([
    'exports.handler = async (event) => {',
    '  console.log(JSON.stringify(event));',
    '  return event && event.requestContext && event.requestContext.elb ? { statusCode: 200, body: "ok" } : {};',
    '};',
  ].join('\\n'));
}

/** A container that answers HTTP on port 80: replace with your image (ecs.ContainerImage.fromEcrRepository ...). */
export function containerImage(): ecs.ContainerImage {
  return ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable');
}
`;

export const DNS_MODULE = `// Where the DNS records of a route53 service go: an existing hosted zone, given by context.
// Generated by Resil. Edit freely: \`resil generate cdk\` keeps files you changed.
import type { HostedZoneAttributes } from 'aws-cdk-lib/aws-route53';
import type { IConstruct } from 'constructs';

/** An existing hosted zone (imported by id, never looked up) and the record name inside it. */
export interface DnsRecordProps extends HostedZoneAttributes {
  readonly recordName: string;
}

/**
 * The hosted zone of a route53 service from the context keys \`<key>HostedZoneId\` and \`<key>ZoneName\`, and its
 * record name from \`<key>RecordName\` (else \`defaultRecordName\`). Without the zone, synthesis stops here and names
 * the keys to set: records in a made-up zone would only fail at deploy time, half-way through.
 */
export function dnsRecordProps(scope: IConstruct, key: string, what: string, defaultRecordName: string): DnsRecordProps {
  const context = (suffix: string): string | undefined => {
    const value: unknown = scope.node.tryGetContext(key + suffix);
    return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
  };
  const hostedZoneId = context('HostedZoneId');
  const zoneName = context('ZoneName');
  if (hostedZoneId === undefined || zoneName === undefined) {
    const missing = [hostedZoneId === undefined && key + 'HostedZoneId', zoneName === undefined && key + 'ZoneName'].filter(Boolean);
    throw new Error(
      \`\${what} needs an existing hosted zone: set the context \${missing.length > 1 ? 'keys' : 'key'} \${missing.join(' and ')} \` +
      \`in the "context" of cdk.json, or pass them to the CDK CLI (-c \${key}HostedZoneId=Z0123456789ABCDEFGHIJ -c \${key}ZoneName=example.com). \` +
      'See "Before deploying" in README.md.');
  }
  return { hostedZoneId, zoneName, recordName: context('RecordName') ?? defaultRecordName };
}

/**
 * The ARN of your ACM certificate for a record's name, from the context key \`key\` (a certificate of the region
 * that serves the name: the API's). Without it, synthesis stops here and names the key:
 * a custom domain cannot be created without a certificate, and Resil does not request one on your behalf.
 */
export function certificateArn(scope: IConstruct, key: string, what: string, region: string): string {
  const arn: unknown = scope.node.tryGetContext(key);
  if (typeof arn === 'string' && arn.trim().startsWith('arn:')) return arn.trim();
  throw new Error(
    \`\${what} needs your ACM certificate for its custom domain: set the context key \${key} to the ARN of a certificate in \${region} \` +
    \`in the "context" of cdk.json, or pass it to the CDK CLI (-c \${key}=arn:aws:acm:\${region}:123456789012:certificate/...). \` +
    'See "Before deploying" in README.md.');
}
`;

export const NAG_MODULE = `// cdk-nag as a validation plugin: \`cdk synth\` reports every violated rule and fails on errors.
// Generated by Resil. Edit freely: \`resil generate cdk\` keeps files you changed.
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ResilienceChecks } from './resilience-checks';

export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new ResilienceChecks(app));
}
`;

export const RESILIENCE_CHECKS_MODULE = `// Resilience rules the stock cdk-nag packs do not apply to these resources.
// Generated by Resil. Edit freely: \`resil generate cdk\` keeps files you changed.
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { CfnGlobalTable } from 'aws-cdk-lib/aws-dynamodb';
import { NagMessageLevel, NagPack, NagRuleCompliance, rules, type NagRuleResult } from 'cdk-nag';

/**
 * AwsSolutions-DDB3 only looks at AWS::DynamoDB::Table, and TableV2 synthesizes AWS::DynamoDB::GlobalTable; the
 * ElastiCache snapshot rule lives in the NIST pack. Both belong to a resilient design, so this pack applies them.
 */
export class ResilienceChecks extends NagPack {
  readonly name = 'Resil';

  constructor(scope?: ConstructorParameters<typeof NagPack>[0]) {
    super(scope);
    this.packName = 'Resil';
  }

  protected checkResource(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: 'DDBGlobalTablePITR',
      info: 'A replica of the DynamoDB global table has no point-in-time recovery.',
      explanation: 'Without point-in-time recovery, a bad write or delete cannot be undone: restore needs PITR on every replica.',
      level: NagMessageLevel.ERROR,
      rule: globalTablePitr,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'AECSnapshotRetention',
      info: 'The ElastiCache replication group keeps automatic snapshots for less than 15 days.',
      explanation: 'Snapshots are how a cache comes back after losing all its nodes; keep at least 15 days of them.',
      level: NagMessageLevel.ERROR,
      rule: rules.elasticache.ElastiCacheRedisClusterAutomaticBackup,
      node,
    });
  }
}

function globalTablePitr(node: CfnResource): NagRuleResult {
  if (!(node instanceof CfnGlobalTable)) return NagRuleCompliance.NOT_APPLICABLE;
  const replicas = Stack.of(node).resolve(node.replicas) as Array<{ pointInTimeRecoverySpecification?: { pointInTimeRecoveryEnabled?: boolean } }>;
  const allEnabled = Array.isArray(replicas) && replicas.length > 0
    && replicas.every(r => r.pointInTimeRecoverySpecification?.pointInTimeRecoveryEnabled === true);
  return allEnabled ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
`;
