import type { Member } from '../design.js';
import { zoneOfValue, type ZoneToken } from '../availability-zones.js';
import { booleanAt, memberIf, numberAt, onOff, quoted, stringAt, type KindMapping, type MappingContext } from '../mapping-context.js';
import { prop, type SourceResource } from '../source.js';
import { UNKNOWN_REGION } from '../intrinsics.js';

/** Tables, caches, streams, relational databases and buckets. */

const PITR = prop('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', 'point_in_time_recovery.enabled');

export const DYNAMODB: KindMapping = {
    kind: 'dynamodb',
    cloudformation: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Serverless::SimpleTable'],
    terraform: ['aws_dynamodb_table'],
    map(resource, context) {
        const members: Member[] = [];
        const pitr = booleanAt(resource, PITR)
            ?? firstBoolean(resource.view.value(prop('Replicas.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', undefined)));
        if (pitr !== undefined) members.push(`pitr ${onOff(pitr)}`);
        const backup = backupPlan(resource, context);
        if (backup) members.push(backup);
        const billing = stringAt(resource, prop('BillingMode', 'billing_mode'));
        if (billing === 'PAY_PER_REQUEST') members.push('billing on-demand');
        else if (billing === 'PROVISIONED') members.push('billing provisioned');
        const regions = resource.view.value(prop('Replicas.Region', 'replica.region_name'));
        const own = resource.stack.region;
        const replicaRegions = (Array.isArray(regions) ? regions : [regions])
            .filter((r): r is string => typeof r === 'string' && r !== own && r !== UNKNOWN_REGION);
        return { members, replicaRegions };
    },
};

/** `backup daily retain 35d`: an AWS Backup plan whose selection names the resource. */
export function backupPlan(resource: SourceResource, context: MappingContext): string | undefined {
    const selections = context.referrers(resource.key, ['AWS::Backup::BackupSelection', 'aws_backup_selection'], prop('BackupSelection.Resources', 'resources'));
    for (const selection of selections) {
        for (const planKey of selection.view.references(prop('BackupPlanId', 'plan_id'))) {
            const plan = context.resource(planKey);
            if (!plan) continue;
            const schedule = stringAt(plan, prop('BackupPlan.BackupPlanRule.0.ScheduleExpression', 'rule.0.schedule'));
            const days = numberAt(plan, prop('BackupPlan.BackupPlanRule.0.Lifecycle.DeleteAfterDays', 'rule.0.lifecycle.delete_after'));
            const frequency = schedule && cronFrequency(schedule);
            if (frequency) return `backup ${frequency}${days !== undefined ? ` retain ${days}d` : ''}`;
        }
    }
    return undefined;
}

/** `cron(0 3 * * ? *)` -> daily: the finest field the expression leaves open. */
function cronFrequency(schedule: string): string | undefined {
    const fields = /^cron\((.*)\)$/.exec(schedule.trim())?.[1].split(/\s+/);
    if (!fields || fields.length < 6) return undefined;
    const [, hours, dayOfMonth, , dayOfWeek] = fields;
    if (hours === '*' || hours.includes('/')) return 'hourly';
    if ((dayOfMonth === '*' || dayOfMonth === '?') && (dayOfWeek === '*' || dayOfWeek === '?')) return 'daily';
    if (dayOfWeek !== '*' && dayOfWeek !== '?') return 'weekly';
    return 'monthly';
}

function firstBoolean(value: unknown): boolean | undefined {
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'boolean' ? first : first === 'true' ? true : first === 'false' ? false : undefined;
}

export const ELASTICACHE: KindMapping = {
    kind: 'elasticache',
    cloudformation: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster'],
    terraform: ['aws_elasticache_replication_group', 'aws_elasticache_cluster'],
    map(resource, context) {
        const members: Member[] = [];
        const engine = stringAt(resource, prop('Engine', 'engine'))?.toLowerCase();
        if (engine === 'redis' || engine === 'valkey' || engine === 'memcached') members.push(`engine ${engine}`);
        const shards = numberAt(resource, prop('NumNodeGroups', 'num_node_groups'));
        const perShard = numberAt(resource, prop('ReplicasPerNodeGroup', 'replicas_per_node_group'));
        const clusters = numberAt(resource, prop('NumCacheClusters', 'num_cache_clusters')) ?? numberAt(resource, prop('NumCacheNodes', 'num_cache_nodes'));
        // A Memcached cluster's nodes each hold a share of the keys: its shards.
        memberIf(members, 'shards', shards ?? (engine === 'memcached' ? clusters : undefined));
        memberIf(members, 'replicas', perShard ?? (clusters !== undefined && engine !== 'memcached' ? clusters - 1 : undefined));
        const multiAz = booleanAt(resource, prop('MultiAZEnabled', 'multi_az_enabled'));
        if (multiAz !== undefined) members.push(`multi-az ${onOff(multiAz)}`);
        const failover = booleanAt(resource, prop('AutomaticFailoverEnabled', 'automatic_failover_enabled'));
        if (failover !== undefined) members.push(`failover ${failover ? 'auto' : 'off'}`);
        const retention = numberAt(resource, prop('SnapshotRetentionLimit', 'snapshot_retention_limit'));
        if (retention !== undefined) members.push(`snapshots retain ${retention}d`);
        const node = stringAt(resource, prop('CacheNodeType', 'node_type'));
        if (node !== undefined) members.push(`node ${quoted(node)}`);
        // The subnets' AZs (ids where the code gives them) first; the preferred AZs' names only when they are all it says.
        let zones = context.zones.zonesOfSubnets(resource.view.references(prop('CacheSubnetGroupName', 'subnet_group_name')));
        const preferred = resource.view.value(prop('PreferredCacheClusterAZs', 'preferred_cache_cluster_azs'));
        if (zones.length === 0 && Array.isArray(preferred)) zones = context.zones.zonesOfValues(preferred);
        return { members, zones };
    },
};

export const KINESIS: KindMapping = {
    kind: 'kinesis',
    cloudformation: ['AWS::Kinesis::Stream'],
    terraform: ['aws_kinesis_stream'],
    map(resource) {
        const members: Member[] = [];
        memberIf(members, 'shards', numberAt(resource, prop('ShardCount', 'shard_count')));
        const hours = numberAt(resource, prop('RetentionPeriodHours', 'retention_period'));
        if (hours !== undefined) members.push(`retention ${hours}h`);
        return { members };
    },
};

const INSTANCE_CLUSTER = prop('DBClusterIdentifier', 'cluster_identifier');
const BACKUP_RETENTION = prop('BackupRetentionPeriod', 'backup_retention_period');
const DELETION_PROTECTION = prop('DeletionProtection', 'deletion_protection');

function protection(resource: SourceResource, members: Member[]): void {
    const days = numberAt(resource, BACKUP_RETENTION);
    if (days !== undefined && days > 0) members.push(`backup retain ${days}d`);
    const deletion = booleanAt(resource, DELETION_PROTECTION);
    if (deletion !== undefined) members.push(`deletion protection ${onOff(deletion)}`);
}

function isAurora(resource: SourceResource): boolean {
    return (stringAt(resource, prop('Engine', 'engine')) ?? 'aurora').startsWith('aurora');
}

export const AURORA: KindMapping = {
    kind: 'aurora',
    cloudformation: ['AWS::RDS::DBCluster'],
    terraform: ['aws_rds_cluster'],
    map(resource, context) {
        if (!isAurora(resource)) return multiAzCluster(resource, context);
        const members: Member[] = [];
        const engine = stringAt(resource, prop('Engine', 'engine'));
        if (engine?.includes('postgres')) members.push('engine postgres');
        else if (engine?.includes('mysql') || engine === 'aurora') members.push('engine mysql');
        const instances = context.referrers(resource.key, ['AWS::RDS::DBInstance', 'aws_rds_cluster_instance'], INSTANCE_CLUSTER);
        if (instances.length > 0) members.push(`readers ${instances.length - 1}`);
        protection(resource, members);
        // The instances' own AZs where the code gives them all (by name, or as the AZ of a subnet) and names the same kind
        // of AZ as the subnets (an AZ name and an AZ id cannot be told equal), else the subnets the cluster may use.
        const subnetZones = context.zones.zonesOfSubnets(resource.view.references(prop('DBSubnetGroupName', 'db_subnet_group_name')));
        const instanceZones = instances.map(i => context.zones.zoneAt(i, prop('AvailabilityZone', 'availability_zone')));
        const sameKind = (zone: ZoneToken | undefined) => zone !== undefined && (subnetZones.length === 0 || subnetZones.some(s => s.split(':')[0] === zone.split(':')[0]));
        const zones = instanceZones.length > 0 && instanceZones.every(sameKind) ? clusterPlacement(instanceZones as ZoneToken[], subnetZones) : subnetZones;
        const hints = instances.length === 0 ? ['readers N: the code declares no instances of the cluster here'] : [];
        return { members, zones, hints };
    },
};

/**
 * An Aurora cluster's `in` list from its instances' AZs (the writer's first): the language puts the writer in the first
 * AZ and the readers round-robin after it, so the subnet group's other AZs join the list when that round-robin still
 * puts every instance where the code does. A lone instance, or instances the wider list would move, stay in their own
 * AZs (a subnet group spans two AZs at least, even for a cluster kept in one).
 */
function clusterPlacement(instances: readonly ZoneToken[], subnets: readonly ZoneToken[]): ZoneToken[] {
    const own = [...new Set(instances)];
    const wider = [...own, ...subnets.filter(zone => !own.includes(zone))];
    return instances.length > 1 && instances.every((zone, i) => wider[i % wider.length] === zone) ? wider : own;
}

/** A Multi-AZ DB cluster (RDS MySQL or PostgreSQL with two readable standbys). */
function multiAzCluster(resource: SourceResource, context: MappingContext) {
    const members: Member[] = [];
    const engine = rdsEngine(resource);
    if (engine) members.push(`engine ${engine}`);
    members.push('multi-az cluster');
    protection(resource, members);
    return { kind: 'rds' as const, members, zones: context.zones.zonesOfSubnets(resource.view.references(prop('DBSubnetGroupName', 'db_subnet_group_name'))) };
}

function rdsEngine(resource: SourceResource): string | undefined {
    const engine = stringAt(resource, prop('Engine', 'engine'));
    if (engine === undefined) return undefined;
    if (engine.includes('postgres')) return 'postgres';
    if (engine.includes('mariadb')) return 'mariadb';
    if (engine.includes('mysql')) return 'mysql';
    return undefined;
}

export const RDS: KindMapping = {
    kind: 'rds',
    cloudformation: ['AWS::RDS::DBInstance'],
    terraform: ['aws_db_instance'],
    map(resource, context) {
        if (resource.view.references(INSTANCE_CLUSTER).length > 0 || stringAt(resource, INSTANCE_CLUSTER) !== undefined) {
            return { notMapped: 'an instance of a DB cluster: read as part of its cluster' };
        }
        const members: Member[] = [];
        const engine = rdsEngine(resource);
        if (engine) members.push(`engine ${engine}`);
        const multiAz = booleanAt(resource, prop('MultiAZ', 'multi_az'));
        if (multiAz !== undefined) members.push(`multi-az ${onOff(multiAz)}`);
        protection(resource, members);
        const own = context.zones.zoneAt(resource, prop('AvailabilityZone', 'availability_zone'));
        const groupZones = context.zones.zonesOfSubnets(resource.view.references(prop('DBSubnetGroupName', 'db_subnet_group_name')));
        const zones = own ? [own, ...(multiAz ? groupZones.filter(z => z !== own) : [])] : multiAz ? groupZones : [];
        const hints = zones.length === 0 ? ['in AZ: the code does not say which AZ the instance is in'] : [];
        return { members, zones, hints };
    },
};

export const S3: KindMapping = {
    kind: 's3',
    cloudformation: ['AWS::S3::Bucket', 'AWS::S3Express::DirectoryBucket'],
    terraform: ['aws_s3_bucket'],
    map(resource, context) {
        const members: Member[] = [];
        if (resource.type === 'AWS::S3Express::DirectoryBucket') {
            const zone = zoneOfValue(stringAt(resource, prop('LocationName', undefined)), 'id');
            return { members: ['storage express'], zones: zone ? [zone] : [] };
        }
        const versioning = stringAt(resource, prop('VersioningConfiguration.Status', undefined))
            ?? (booleanAt(resource, prop(undefined, 'versioning.enabled')) ? 'Enabled' : undefined)
            ?? context.referrers(resource.key, ['aws_s3_bucket_versioning'], prop(undefined, 'bucket'))
                .map(v => stringAt(v, prop(undefined, 'versioning_configuration.status'))).find(s => s !== undefined);
        if (versioning === 'Enabled') members.push('versioning on');
        else if (versioning === 'Suspended') members.push('versioning off');
        // Objects moved to One Zone-IA live in one AZ: the language's `storage one-zone`.
        const transitions = resource.view.value(prop('LifecycleConfiguration.Rules.Transitions.StorageClass', undefined));
        if ((Array.isArray(transitions) ? transitions : [transitions]).includes('ONEZONE_IA')) members.push('storage one-zone');
        const lock = booleanAt(resource, prop('ObjectLockEnabled', 'object_lock_enabled'));
        if (lock !== undefined) members.push(`object lock ${onOff(lock)}`);
        return { members };
    },
};

