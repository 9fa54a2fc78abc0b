/**
 * The published times the recovery estimates (recovery.ts) are built from, each with the AWS documentation it comes
 * from; docs/analysis.md ("Recovery time and recovery point") reproduces this table and a test keeps both in step.
 * Where AWS publishes no figure the entry says so and states the assumption made: the user can override the design
 * values (`ttl`, `health check every ... threshold ...`, `size`) but not these.
 */

export interface RecoverySource {
    /** Seconds, or a count of checks for the thresholds. */
    readonly value: number;
    /** What the figure is, as the derivation prints it. */
    readonly what: string;
    /** The AWS documentation page, or the assumption when AWS publishes no figure. */
    readonly source: string;
}

const MINUTE = 60;
const HOUR = 3600;

export const RECOVERY_SOURCES = {
    route53Interval: {
        value: 30, what: 'Route 53 health check interval (standard)',
        source: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html',
    },
    route53Threshold: {
        value: 3, what: 'Route 53 failure threshold (checks)',
        source: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html',
    },
    dnsTtl: {
        value: 60, what: 'DNS TTL of an alias record to a load balancer',
        source: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-alias.html',
    },
    albInterval: {
        value: 30, what: 'ALB target group health check interval',
        source: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html',
    },
    albThreshold: {
        value: 2, what: 'ALB unhealthy threshold (checks)',
        source: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html',
    },
    auroraFailover: {
        value: 30, what: 'Aurora promotes a reader to writer (typically under 30 s)',
        source: 'https://aws.amazon.com/rds/aurora/faqs/',
    },
    rdsMultiAzFailover: {
        value: 120, what: 'RDS Multi-AZ instance fails over to its standby (typically 60-120 s)',
        source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html',
    },
    rdsMultiAzClusterFailover: {
        value: 35, what: 'RDS Multi-AZ DB cluster fails over to a readable standby (typically under 35 s)',
        source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts-failover.html',
    },
    elasticacheFailover: {
        value: 60, what: 'ElastiCache promotes a replica (AWS publishes no time: assumed 60 s)',
        source: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html',
    },
    auroraGlobalFailover: {
        value: MINUTE, what: 'Aurora global database promotes its secondary cluster (typically about a minute)',
        source: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html',
    },
    rdsReplicaPromotion: {
        value: 10 * MINUTE, what: 'RDS promotes a cross-region read replica ("several minutes": assumed 10 min)',
        source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html',
    },
    operatorDecision: {
        value: 15 * MINUTE, what: 'an operator notices and starts a manual failover (assumed 15 min)',
        source: 'assumption: AWS Well-Architected REL13-BP02 asks for automated recovery because people take this long',
    },
    globalTableLag: {
        value: 1, what: 'DynamoDB global tables replicate (typically within a second)',
        source: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html',
    },
    auroraGlobalLag: {
        value: 1, what: 'Aurora global database replication lag (typically under a second)',
        source: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html',
    },
    rdsReplicaLag: {
        value: 5 * MINUTE, what: 'RDS cross-region read replica lag (asynchronous, no published bound: assumed 5 min)',
        source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html',
    },
    s3ReplicationTimeControl: {
        value: 15 * MINUTE, what: 'S3 Replication Time Control replicates 99.99 % of objects within 15 min',
        source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html',
    },
    s3ReplicationUnbounded: {
        value: Infinity, what: 'S3 replication without RTC: most objects within 15 min, no bound for the rest',
        source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html',
    },
    pointInTime: {
        value: 5 * MINUTE, what: 'latest restorable time of point-in-time recovery (typically 5 min before now)',
        source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html',
    },
    restoreBase: {
        value: HOUR, what: 'start a restore and reconnect (assumed 1 h)',
        source: 'assumption: https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-a-backup.html (restore time grows with size)',
    },
    restorePerHundredGb: {
        value: HOUR, what: 'restore throughput (assumed 1 h per 100 GB)',
        source: 'assumption: https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-a-backup.html (restore time grows with size)',
    },
    rebuildStack: {
        value: HOUR, what: 'deploy the services in another region from code (assumed 1 h)',
        source: 'https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html',
    },
    scaleOutAlarm: {
        value: 3 * MINUTE, what: 'target tracking alarm: 3 one-minute data points',
        source: 'https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html',
    },
    ec2Warmup: {
        value: 5 * MINUTE, what: 'EC2 instance launch and default warm-up (300 s)',
        source: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-default-instance-warmup.html',
    },
    taskStart: {
        value: MINUTE, what: 'ECS task start (image pull and health check: assumed 60 s)',
        source: 'assumption: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-auto-scaling.html',
    },
    deployDetection: {
        value: 15 * MINUTE, what: 'a bad deployment is noticed by alarms or people (assumed 15 min)',
        source: 'assumption: https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_tracking_change_management_automated_changemgmt.html',
    },
    rollback: {
        value: 5 * MINUTE, what: 'roll back to the previous version (assumed 5 min)',
        source: 'assumption: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html',
    },
} as const satisfies Record<string, RecoverySource>;

export type RecoverySourceKey = keyof typeof RECOVERY_SOURCES;
