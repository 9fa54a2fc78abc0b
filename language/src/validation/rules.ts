/**
 * The rule catalog: every diagnostic Resil reports has one of these ids as its `code`. The ids are stable:
 * they appear in `allow` lines, `.resilrc.json`, the `resil.rules` setting, SARIF and the documentation.
 */
export type RuleSeverity = 'error' | 'warning' | 'info';
export type RuleCategory = 'validity' | 'lambda' | 'containers' | 'data' | 'streams' | 'network' | 'topology' | 'requirements';

/**
 * The five failure categories of AWS's resilience analysis framework (AWS Prescriptive Guidance, "Resilience analysis
 * framework", https://docs.aws.amazon.com/prescriptive-guidance/latest/resilience-analysis-framework/): each names
 * the resilience property a failure violates (redundancy, sufficient capacity, timely output, correct output, fault
 * isolation). Reports group findings by them.
 */
export type FailureCategory = 'single-point-of-failure' | 'excessive-load' | 'excessive-latency' | 'misconfiguration-and-bugs' | 'shared-fate';

/** In the framework's order, with the wording reports and docs use. */
export const FAILURE_CATEGORY_TITLES: Readonly<Record<FailureCategory, string>> = {
    'single-point-of-failure': 'Single points of failure',
    'excessive-load': 'Excessive load',
    'excessive-latency': 'Excessive latency',
    'misconfiguration-and-bugs': 'Misconfiguration and bugs',
    'shared-fate': 'Shared fate',
};

export const FAILURE_CATEGORIES = Object.keys(FAILURE_CATEGORY_TITLES) as readonly FailureCategory[];

export interface RuleInfo {
    readonly id: RuleId;
    /** The failure category of the resilience analysis framework that the rule guards against. */
    readonly failureCategory: FailureCategory;
    /** A short title, e.g. for SARIF `name` and documentation headings. */
    readonly title: string;
    readonly category: RuleCategory;
    readonly severity: RuleSeverity;
    /** One sentence: what the rule checks. */
    readonly summary: string;
    /** Where the practice comes from. */
    readonly source: string;
    /** Whether a quick fix exists. */
    readonly fix: boolean;
}

// Generic in the id so that the table below keeps each id as a literal type: `RuleId` is derived from it.
function rule<Id extends string>(id: Id, category: RuleCategory, severity: RuleSeverity, title: string, summary: string, source: string, fix = false) {
    return { id, category, severity, title, summary, source, fix };
}

/** `retry-amplification`'s bound (validation/call-path-validator.ts says why). */
export const RETRY_BOUND = 10;

const RULE_TABLE = [
    // Model validity
    rule('syntax', 'validity', 'error', 'Syntax error', 'The text does not follow the Resil grammar.', 'model'),
    rule('unresolved-reference', 'validity', 'error', 'Unresolved reference', 'A name refers to nothing in scope.', 'model'),
    rule('duplicate-name', 'validity', 'error', 'Duplicate name', 'Two elements share a name in one namespace (a region, a cell, the system).', 'model'),
    rule('duplicate-property', 'validity', 'error', 'Duplicate property', 'A single-valued property is given twice in one element.', 'model'),
    rule('empty-model', 'validity', 'error', 'Empty model', 'A .resil file must describe one `system`.', 'model'),
    rule('unknown-rule', 'validity', 'error', 'Unknown rule id', 'An `allow` line names a rule that does not exist, or gives no reason.', 'model'),
    rule('config-file', 'validity', 'error', 'Configuration file', 'The nearest `.resilrc.json` is not valid JSON or names unknown rules or severities.', 'model'),
    rule('unused-allow', 'validity', 'warning', 'Unused allow', 'An `allow` line silences nothing.', 'model'),
    rule('empty-view', 'validity', 'warning', 'Empty view', 'A `view` selects nothing (it draws the whole design) or keeps no service (its parts do not overlap).', 'this project'),
    rule('cell-az-subset', 'validity', 'error', 'Cell AZ subset', 'A service inside a cell is placed in an AZ that the cell is not in.', 'seed: cells contain faults'),
    rule('reference-kind', 'validity', 'error', 'Reference kind', 'A reference names an element of the wrong kind (a `dlq` that is not a queue or topic, ...).', 'model'),
    rule('value-range', 'validity', 'error', 'Value range', 'A number, percentage or duration is outside its allowed range or has an unknown unit.', 'Lambda, ElastiCache limits'),
    rule('dependency-cycle', 'validity', 'error', 'Dependency cycle', 'A cycle of hard, synchronous `uses`.', 'FIB: static stability avoids circular dependencies'),
    rule('alb-multi-az', 'validity', 'error', 'ALB in several AZs', 'An ALB in fewer than 2 AZs (AWS refuses it).', 'ELB'),
    // Lambda
    rule('lambda-vpc-multi-az', 'lambda', 'error', 'Lambda VPC over several AZs', 'A VPC-attached Lambda with subnets in only one AZ.', 'seed; AWS Config lambda-vpc-multi-az-check', true),
    rule('lambda-reserved-concurrency', 'lambda', 'warning', 'Lambda reserved concurrency', 'A Lambda with no `concurrency` where a reservation protects something: an entry point, a function fed by a queue, stream, topic or asynchronous invocations, or one its callers wait on next to such a function.', 'seed; Checkov CKV_AWS_115', true),
    rule('lambda-async-dlq', 'lambda', 'warning', 'Lambda async DLQ', 'An asynchronously invoked Lambda with neither `dlq` nor `on-failure`.', 'seed; cdk-nag Serverless-LambdaDLQ', true),
    rule('lambda-deploy-needs-alias', 'lambda', 'error', 'Lambda deploy needs alias', 'A `deploy` strategy without `versions alias`.', 'seed: versioning and aliases for blue/green and rolling deployments', true),
    // Containers
    rule('ecs-fargate-placement', 'containers', 'error', 'No placement on Fargate', '`placement` or `constraint` on a Fargate service (Fargate does not support them).', 'seed', true),
    rule('ecs-ec2-spread-az', 'containers', 'warning', 'ECS on EC2 spreads across AZs', 'An EC2-launch service in 2+ AZs whose first placement strategy is not `spread az`.', 'seed', true),
    rule('ecs-multi-az', 'containers', 'warning', 'ECS in several AZs', 'An ECS service in one AZ.', 'seed; Well-Architected REL10-BP01'),
    rule('eks-nodegroups-multi-az', 'containers', 'error', 'EKS node groups across AZs', 'The node groups of a cluster together cover fewer than 2 AZs.', 'seed'),
    rule('eks-nodegroup-single-az', 'containers', 'info', 'EKS node group in one AZ', 'One node group in a single AZ.', 'seed'),
    rule('eks-autoscaler', 'containers', 'info', 'EKS autoscaler', 'A cluster without `autoscaler on`.', 'seed'),
    // Data
    rule('dynamodb-pitr', 'data', 'warning', 'DynamoDB point-in-time recovery', 'A table without `pitr on`.', 'seed; cdk-nag AwsSolutions-DDB3', true),
    rule('dynamodb-backup', 'data', 'info', 'DynamoDB backup plan', 'A table without a `backup` schedule.', 'seed'),
    rule('elasticache-replicas', 'data', 'error', 'ElastiCache replicas', '`replicas 0`: a node failure loses the shard.', 'seed: multiple nodes per shard', true),
    rule('elasticache-multi-az', 'data', 'warning', 'ElastiCache Multi-AZ failover', 'Redis without `multi-az on` and `failover auto`.', 'seed; cdk-nag AwsSolutions-AEC4', true),
    rule('elasticache-spread', 'data', 'warning', 'ElastiCache nodes spread', 'Nodes placed in fewer AZs than min(3, 1 + replicas).', 'seed: spread nodes across as many AZs as available'),
    rule('elasticache-backups', 'data', 'warning', 'ElastiCache snapshots', 'Redis without `snapshots`.', 'seed; NIST 800-53 R5 ElastiCacheRedisClusterAutomaticBackup', true),
    // Relational databases and object storage
    rule('database-spread', 'data', 'error', 'Database instances across AZs', 'An Aurora cluster or a Multi-AZ RDS deployment whose instances all sit in one AZ.', 'Well-Architected REL10-BP01; Aurora and RDS Multi-AZ user guides'),
    rule('database-backups', 'data', 'warning', 'Database backups', 'An Aurora cluster or RDS database without `backup retain`, or keeping backups under 7 days.', 'Well-Architected REL09-BP01; cdk-nag AwsSolutions-RDS13', true),
    rule('database-deletion-protection', 'data', 'warning', 'Database deletion protection', 'An Aurora cluster or RDS database without `deletion protection on`.', 'cdk-nag AwsSolutions-RDS10; AWS Config rds-cluster-deletion-protection-enabled', true),
    rule('database-region-replica', 'data', 'error', 'Database copy in another region', 'With `require survive region-loss`, an Aurora cluster or RDS database with no global-database secondary or cross-region replica.', 'Well-Architected REL10-BP02; Aurora global databases'),
    rule('rds-proxy', 'data', 'warning', 'RDS Proxy for Lambda', 'A Lambda with high (or no reserved) concurrency that uses an Aurora or RDS database without `proxy on`.', 'AWS Lambda developer guide, "Using Lambda with Amazon RDS"; RDS Proxy', true),
    rule('s3-versioning', 'data', 'warning', 'S3 versioning', 'A bucket that services use without `versioning on`.', 'Well-Architected REL09-BP02; cdk-nag NIST.800.53.R5-S3BucketVersioningEnabled', true),
    rule('s3-one-zone-path', 'data', 'error', 'One Zone bucket on a hard path', 'An entry point depends (hard, sync, transitively) on an S3 One Zone or S3 Express One Zone bucket.', 'Amazon S3 storage classes (One Zone: data lost with its AZ); Well-Architected REL10-BP01'),
    rule('s3-express-versioning', 'data', 'error', 'No versioning on S3 Express', '`versioning on` on an S3 Express One Zone directory bucket, which S3 cannot version.', 'Amazon S3: features not supported by directory buckets (S3 Versioning)', true),
    // Streams and messaging
    rule('kinesis-checkpoint', 'streams', 'warning', 'Kinesis checkpointing', 'A consumer without `checkpoint on`: a record processor failure re-reads or loses records.', 'seed: record processor failure', true),
    rule('kinesis-consumer-redundancy', 'streams', 'warning', 'Kinesis consumer redundancy', 'A consumer with 1 worker, or its workers in 1 AZ.', 'seed: worker and instance failure'),
    rule('kinesis-failure-destination', 'streams', 'warning', 'Kinesis failure destination', 'A consumer without `on-failure`.', 'cdk-nag Serverless-LambdaEventSourceMappingDestination'),
    rule('sqs-dlq', 'streams', 'warning', 'SQS dead-letter queue', 'A consumed queue without `dlq` (queues that are themselves a DLQ are exempt).', 'cdk-nag AwsSolutions-SQS3', true),
    rule('sns-dlq', 'streams', 'warning', 'SNS dead-letter queue', 'A consumed topic without `dlq`.', 'cdk-nag Serverless-SNSRedrivePolicy'),
    // EC2 Auto Scaling and the VPC's network
    rule('asg-multi-az', 'network', 'warning', 'Auto Scaling group multi-AZ', 'An Auto Scaling group in one AZ.', 'Well-Architected REL10-BP01; EC2 Auto Scaling: distribute instances across AZs', true),
    rule('asg-elb-health-check', 'network', 'warning', 'Auto Scaling ELB health checks', 'An Auto Scaling group behind an alb without `health check elb`.', 'AWS Config autoscaling-group-elb-healthcheck-required', true),
    rule('nat-gateway-per-az', 'network', 'warning', 'NAT gateway per AZ', 'NAT gateways in fewer AZs than the VPC services that need them run in.', 'Amazon VPC, NAT gateway basics: a NAT gateway in each AZ', true),
    rule('egress-cross-az', 'network', 'warning', 'Egress through another AZ', 'A VPC service in AZ x reaches AWS services only through the NAT gateway of another AZ.', 'Amazon VPC, NAT gateway basics; AWS Fault Isolation Boundaries: AZ independence'),
    rule('region-code', 'validity', 'warning', 'AWS region code', 'A region\'s code is not the code of an AWS region.', 'AWS Regions and Availability Zones: AZ tables'),
    rule('az-id', 'validity', 'error', 'AZ id', 'An AZ\'s id is an AZ name (`us-east-1a`), an AZ id of another region, or no AZ id of its region.', 'AWS Regions and Availability Zones: AZ IDs'),
    rule('duplicate-az-id', 'validity', 'error', 'Duplicate AZ id', 'Two AZs of a region have the same AZ id: one physical AZ counted as two.', 'AWS Regions and Availability Zones: AZ IDs'),
    rule('az-count', 'validity', 'error', 'AZ count', 'A region declares more AZs than its AWS region has.', 'AWS Regions and Availability Zones: AZ tables'),
    rule('endpoint-placement', 'validity', 'error', 'Endpoint placement', 'An `in` list on a gateway endpoint (s3, dynamodb), which is in no AZ.', 'Amazon VPC: gateway endpoints', true),
    // Front doors (API Gateway, CloudFront) and what lies outside AWS
    rule('apigateway-throttling', 'network', 'warning', 'API Gateway throttling', 'An API without `throttle`: a surge reaches its integrations unchecked (excessive load).', 'Well-Architected REL05-BP02 (throttle requests); API Gateway: throttle requests to your REST APIs'),
    rule('apigateway-edge-multi-region', 'network', 'warning', 'Edge-optimized API in several regions', 'An `endpoint edge` API in a design with more than one region: its custom domain cannot fail over between regions.', 'API Gateway: custom health checks for DNS failover (Regional custom domain names behind Route 53)', true),
    rule('apigateway-integration-timeout', 'network', 'warning', 'API Gateway integration timeout', 'An API that calls a Lambda function whose `timeout` is longer than API Gateway waits (29 s for REST APIs, 30 s for HTTP APIs).', 'API Gateway quotas: integration timeout', true),
    rule('cloudfront-origin-region', 'network', 'error', 'CloudFront origins in one region', 'With `require survive region-loss`, a CloudFront distribution whose origins are all in one region and no origin group fails over to another.', 'CloudFront: origin failover with origin groups; Well-Architected REL10-BP02'),
    rule('external-hard-path', 'topology', 'info', 'External dependency on a hard path', 'An entry point calls a third party (hard, synchronous, transitively) with no fallback: its availability multiplies into the entry point\'s.', 'Well-Architected REL05-BP01 (graceful degradation)', true),
    rule('fifo-delivery', 'streams', 'error', 'FIFO delivery', 'A FIFO topic with a subscriber that is not an SQS queue, a FIFO queue subscribed to a standard topic, or a dead-letter queue whose FIFO-ness differs from its queue or topic (AWS refuses them).', 'SNS and SQS: FIFO topics and queues'),
    rule('sqs-visibility-timeout', 'streams', 'error', 'SQS visibility timeout', 'A queue read by a Lambda function whose `timeout` is longer than the queue\'s `visibility` (30 s when not set): AWS refuses the event source.', 'Lambda: SQS event source mappings'),
    // Events and workflows
    rule('eventbridge-endpoint', 'validity', 'error', 'EventBridge global endpoint', 'An `eventbridge` in `global` (a global endpoint) without `failover primary X secondary Y` over buses of the same name in two regions, or with rules or an archive; or a bus in a region with `failover`.', 'Amazon EventBridge: global endpoints'),
    rule('eventbridge-target-dlq', 'streams', 'warning', 'EventBridge target DLQ', 'An EventBridge rule target without `dlq`: events it still cannot take after the retry policy are dropped.', 'Amazon EventBridge user guide, "Using dead-letter queues to process undelivered events"', true),
    rule('stepfunctions-task-retry', 'streams', 'warning', 'Step Functions task retry', 'A Step Functions task calling a Lambda function or an AWS service without `retries`.', 'AWS Step Functions developer guide, "Handle transient Lambda service exceptions" and "Handling errors in Step Functions workflows"', true),
    rule('stepfunctions-express-exactly-once', 'streams', 'info', 'Step Functions Express where exactly-once matters', 'An Express workflow (at-least-once or at-most-once) whose tasks write to a data store or a FIFO queue or topic.', 'AWS Step Functions developer guide, "Choosing workflow type in Step Functions"', true),
    // Topology
    rule('az-independence', 'topology', 'warning', 'AZ independence', 'A zonal service in AZ x uses a zonal service that has no instance in x.', 'AWS Fault Isolation Boundaries: zonal services'),
    rule('cell-isolation', 'topology', 'error', 'Cell isolation', 'A service crosses a cell boundary without going through a `router`.', 'Well-Architected REL10-BP03, cell-based architecture'),
    rule('static-stability', 'topology', 'error', 'Static stability', 'After losing the AZ holding the most tasks, fewer than `needs` remain.', 'seed: AZs active/active; Amazon Builders\' Library, static stability', true),
    rule('single-az-dependency', 'topology', 'error', 'Single-AZ dependency', 'An entry point depends (hard, sync, transitively) on a zonal service placed in one AZ.', 'Well-Architected REL10-BP01'),
    rule('cross-region-dependency', 'topology', 'warning', 'Cross-region dependency', 'A hard, synchronous `uses` from one region to a service in another.', 'seed: regions are autonomous'),
    rule('shuffle-shard-overlap', 'topology', 'info', 'Shuffle-shard overlap', 'Shows the number of shards C(n,k) and the chance that two customers share all k cells.', 'Route 53 shuffle sharding'),
    rule('cell-shared-fate', 'topology', 'warning', 'Shared fate across cells', 'A service, store, stream or queue outside a cell that every replica of the cell depends on hard: its failure fails every replica at once.', 'AWS Fault Isolation Boundaries and Well-Architected REL10-BP03: cells share nothing; AWS resilience analysis framework: shared fate'),
    rule('cell-shared-deployment', 'topology', 'info', 'Cells deployed together', 'With `require blast-radius cell-loss`, a cell with no `deploy waves of N`, or with waves larger than the requirement lets fail together.', 'Well-Architected REL10-BP03 and OPS06-BP03 (deploy to cells in waves); AWS Fault Isolation Boundaries', true),
    rule('timeout-budget', 'topology', 'warning', 'Timeout budget', 'A Lambda whose synchronous calls may take as long as its own timeout or longer (their timeouts added along each path).', 'Amazon Builders\' Library: timeouts, retries and backoff with jitter', true),
    rule('retry-amplification', 'topology', 'warning', 'Retry amplification', `The retries of the calls along one synchronous path multiply to more than ${RETRY_BOUND} attempts at its bottom for one request at its top.`, 'Amazon Builders\' Library: timeouts, retries and backoff with jitter (retry at a single point in the stack)', true),
    rule('recovery-control-plane', 'topology', 'warning', 'Control plane in the recovery path', 'A Route 53 failover without `health checks` (recovery needs a record change), or a standby that runs less than the primary it takes over from needs (recovery needs a scaling action).', 'AWS Fault Isolation Boundaries: static stability, control planes and data planes; Amazon Builders\' Library: static stability using Availability Zones', true),
    rule('unreachable', 'topology', 'info', 'Unreachable service', 'A service that no entry point reaches (only when some `entry` is declared).', 'this project'),
    rule('traffic-off-entry', 'topology', 'warning', 'Traffic share off an entry point', 'A `traffic` share on a service that is not an entry point: customers divide over entry points only, so the share counts for nothing.', 'this project (docs/analysis.md, "Customers down")'),
    // Requirements
    rule('requirement-violated', 'requirements', 'error', 'Requirement violated', 'A `require` line does not hold under the failure scenarios it names.', 'this project'),
];

/** Every rule id of the registry: code that names a rule names one of these, so a misspelt id does not compile. */
export type RuleId = (typeof RULE_TABLE)[number]['id'];

const SPOF = 'single-point-of-failure';
const LOAD = 'excessive-load';
const LATENCY = 'excessive-latency';
const BUGS = 'misconfiguration-and-bugs';
const SHARED = 'shared-fate';

/**
 * The failure category of every rule. Keyed by `RuleId` and exhaustive: a rule added to the table above without a
 * category here does not compile. A rule that protects against several goes where its finding's failure starts.
 */
const CATEGORY_OF: Readonly<Record<RuleId, FailureCategory>> = {
    'syntax': BUGS, 'unresolved-reference': BUGS, 'duplicate-name': BUGS, 'duplicate-property': BUGS, 'empty-model': BUGS,
    'unknown-rule': BUGS, 'config-file': BUGS, 'unused-allow': BUGS, 'empty-view': BUGS, 'reference-kind': BUGS, 'value-range': BUGS,
    'cell-az-subset': SHARED, 'dependency-cycle': SHARED, 'alb-multi-az': SPOF,
    'lambda-vpc-multi-az': SPOF, 'lambda-reserved-concurrency': LOAD, 'lambda-async-dlq': BUGS, 'lambda-deploy-needs-alias': BUGS,
    'ecs-fargate-placement': BUGS, 'ecs-ec2-spread-az': SPOF, 'ecs-multi-az': SPOF,
    'eks-nodegroups-multi-az': SPOF, 'eks-nodegroup-single-az': SPOF, 'eks-autoscaler': LOAD,
    'dynamodb-pitr': BUGS, 'dynamodb-backup': BUGS,
    'elasticache-replicas': SPOF, 'elasticache-multi-az': SPOF, 'elasticache-spread': SPOF, 'elasticache-backups': BUGS,
    'database-spread': SPOF, 'database-backups': BUGS, 'database-deletion-protection': BUGS, 'database-region-replica': SPOF,
    'rds-proxy': LOAD, 's3-versioning': BUGS, 's3-one-zone-path': SPOF, 's3-express-versioning': BUGS,
    'kinesis-checkpoint': BUGS, 'kinesis-consumer-redundancy': SPOF, 'kinesis-failure-destination': BUGS, 'sqs-dlq': BUGS, 'sns-dlq': BUGS,
    'asg-multi-az': SPOF, 'asg-elb-health-check': BUGS, 'nat-gateway-per-az': SHARED, 'egress-cross-az': SHARED,
    'endpoint-placement': BUGS, 'fifo-delivery': BUGS, 'sqs-visibility-timeout': LATENCY,
    'az-independence': SHARED, 'cell-isolation': SHARED, 'static-stability': LOAD, 'single-az-dependency': SPOF,
    'cross-region-dependency': SHARED, 'shuffle-shard-overlap': SHARED, 'unreachable': BUGS, 'traffic-off-entry': BUGS,
    'requirement-violated': SPOF,
    'region-code': BUGS, 'az-id': BUGS, 'duplicate-az-id': SHARED, 'az-count': BUGS,
    'eventbridge-endpoint': BUGS, 'eventbridge-target-dlq': BUGS, 'stepfunctions-task-retry': BUGS,
    'stepfunctions-express-exactly-once': BUGS, 'cell-shared-fate': SHARED,
    'apigateway-throttling': LOAD, 'apigateway-edge-multi-region': SPOF, 'apigateway-integration-timeout': LATENCY,
    'cloudfront-origin-region': SPOF, 'external-hard-path': SPOF,
    'cell-shared-deployment': BUGS, 'timeout-budget': LATENCY, 'retry-amplification': LOAD, 'recovery-control-plane': SPOF,
};

export const RULES: readonly RuleInfo[] = RULE_TABLE.map(r => ({ ...r, failureCategory: CATEGORY_OF[r.id] }));

const BY_ID: ReadonlyMap<string, RuleInfo> = new Map(RULES.map(r => [r.id, r]));

/** The rule an id names; the id may come from the user (`allow`, `.resilrc.json`, settings), hence a string. */
export function ruleById(id: string): RuleInfo | undefined {
    return BY_ID.get(id);
}

/** Whether a diagnostic code or user-written id names a rule of the registry. */
export function isRuleId(id: string): id is RuleId {
    return BY_ID.has(id);
}

export const DOCS_BASE_URL = 'https://github.com/resil-dev/resil/blob/main/docs/rules.md';

/** Where a rule is documented; used for `codeDescription` and SARIF `helpUri`. */
export function ruleDocsUrl(id: RuleId): string {
    return `${DOCS_BASE_URL}#${id}`;
}
