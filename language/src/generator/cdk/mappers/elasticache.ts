import type { ComponentOf } from '../../../model/topology.js';
import { declareAlarm } from '../alarms.js';
import { arr, obj, type Entries } from '../code.js';
import { tsString } from '../identifiers.js';
import type { EmitScope } from '../scope.js';
import { checkedValue, int, wholeDays } from '../values.js';

/**
 * elasticache -> a security group, a subnet group over the model's AZs and a replication group whose shards put
 * their primary and replicas in the AZs the way the topology counts them (shard n's primary in the n-th AZ, so one AZ
 * loss fails over only its share of the shards, and its replicas in the AZs after it). Memcached has no replication:
 * a cache cluster spread over the AZs.
 */
export function declareElastiCache(component: ComponentOf<'elasticache'>, scope: EmitScope): void {
    const ast = component.ast;
    const elasticache = scope.mod('elasticache');
    const ec2 = scope.mod('ec2');
    const cache = scope.variable(ast.name);
    const subnetGroup = scope.variable(ast.name, 'Subnets');
    const securityGroup = scope.variable(ast.name, 'SecurityGroup');
    const engine = ast.engine ?? 'redis';
    const port = engine === 'memcached' ? 11211 : 6379;
    const vpc = scope.vpc();
    const azNames = component.azs.map(az => scope.azName(az)).filter((n): n is string => n !== undefined);
    const lines = [
        scope.trace(ast, `elasticache ${ast.name}`),
        `const ${securityGroup} = new ${ec2}.SecurityGroup(this, '${scope.constructId(ast.name, 'SecurityGroup')}', ${obj([
            ['vpc', vpc], ['description', tsString(`${engine} ${ast.name}: reachable from inside the VPC only`)], ['allowAllOutbound', 'false'],
        ])});`,
        `${securityGroup}.addIngressRule(${ec2}.Peer.ipv4(${vpc}.vpcCidrBlock), ${ec2}.Port.tcp(${port}), 'Clients in the VPC');`,
        `const ${subnetGroup} = new ${elasticache}.CfnSubnetGroup(this, '${scope.constructId(ast.name, 'Subnets')}', ${obj([
            ['description', tsString(`Subnets of ${ast.name} in the model's AZs`)],
            ['subnetIds', `${vpc}.selectSubnets(${scope.subnets(component.azs)}).subnetIds`],
        ])});`,
    ];
    const common: Entries = [
        ['engine', tsString(engine)],
        ['cacheNodeType', tsString(checkedValue(scope, 'ElastiCache node type', ast.nodeType, component.id))],
        ['cacheSubnetGroupName', `${subnetGroup}.ref`],
        ['securityGroupIds', `[${securityGroup}.securityGroupId]`],
    ];
    let endpoint: string;
    if (engine === 'memcached') {
        const nodes = Math.max(1, azNames.length);
        lines.push(`const ${cache} = new ${elasticache}.CfnCacheCluster(this, '${scope.constructId(ast.name)}', ${obj([
            ...common.filter(([key]) => key !== 'securityGroupIds' && key !== 'cacheSubnetGroupName'),
            ['numCacheNodes', String(nodes)],
            ['azMode', nodes > 1 ? `'cross-az'` : `'single-az'`],
            ['preferredAvailabilityZones', nodes > 1 && arr(azNames)],
            ['cacheSubnetGroupName', `${subnetGroup}.ref`],
            ['vpcSecurityGroupIds', `[${securityGroup}.securityGroupId]`],
        ])});`);
        endpoint = `${cache}.attrConfigurationEndpointAddress`;
    } else {
        // ElastiCache allows at most 500 shards; a larger number (reported by value-range) must not allocate them all.
        const shards = Math.max(1, Math.min(500, Math.round(ast.shards ?? 1)));
        const replicas = Math.max(0, Math.min(5, Math.round(ast.replicas ?? 0)));
        const clusterMode = shards > 1;
        const retention = wholeDays(ast.snapshotRetention);
        const groupEntries: Entries = [
            ['replicationGroupDescription', tsString(`${ast.name}: ${shards} shard(s), ${replicas} replica(s) each`)],
            ...common,
            ['numNodeGroups', clusterMode && String(shards)],
            ['replicasPerNodeGroup', clusterMode && String(replicas)],
            ['numCacheClusters', !clusterMode && String(replicas + 1)],
            ['clusterMode', tsString(clusterMode ? 'enabled' : 'disabled')],
            ['nodeGroupConfiguration', clusterMode && azNames.length > 0 && arr(Array.from({ length: shards }, (_, i) => obj([
                ['nodeGroupId', tsString(shardId(i))],
                ['primaryAvailabilityZone', azNames[i % azNames.length]],
                ['replicaAvailabilityZones', arr(Array.from({ length: replicas }, (_, r) => azNames[(i + r + 1) % azNames.length]))],
            ])))],
            ['preferredCacheClusterAZs', !clusterMode && azNames.length > 0 && arr(Array.from({ length: replicas + 1 }, (_, n) => azNames[n % azNames.length]))],
            ['multiAzEnabled', ast.multiAz && String(ast.multiAz === 'on')],
            ['automaticFailoverEnabled', ast.failover && String(ast.failover === 'auto')],
            ['snapshotRetentionLimit', retention !== undefined && int(retention, 0, 35)],
            ['atRestEncryptionEnabled', 'true'],
            ['transitEncryptionEnabled', 'true'],
        ];
        lines.push(`const ${cache} = new ${elasticache}.CfnReplicationGroup(this, '${scope.constructId(ast.name)}', ${obj(groupEntries)});`);
        if (retention !== undefined && retention < 15) {
            // The designer chose the retention; the finding stays visible in the code, with the model line.
            lines.push(scope.acknowledge(cache, [{
                id: 'Resil-AECSnapshotRetention',
                reason: `The model keeps ${retention} days of snapshots on purpose (model: ${scope.plan.trace(ast)}); NIST 800-53 asks for 15.`,
            }]));
        }
        if (replicas > 0) lines.push(...replicationLagAlarms(scope, ast.name, cache, clusterMode ? shards : 0, replicas + 1));
        endpoint = clusterMode ? `${cache}.attrConfigurationEndPointAddress` : `${cache}.attrPrimaryEndPointAddress`;
    }
    lines.push(
        `${cache}.addResourceDependency(${subnetGroup});`,
        scope.acknowledge(cache, engine === 'memcached' ? ['cacheDefaultPort'] : ['cacheDefaultPort', 'cacheAuth']),
        scope.acknowledge(securityGroup, ['cacheVpcIngress']),
        '',
    );
    scope.declarations.push(...lines);
    scope.declare(component, { expr: cache, endpoint });
}

/** `0001`: the node group id of shard `index` (ElastiCache numbers them so in the cache cluster ids too). */
function shardId(index: number): string {
    return String(index + 1).padStart(4, '0');
}

/** CloudWatch alarms watch at most 10 metrics each. */
const METRICS_PER_ALARM = 10;

/**
 * ReplicationLag is published per node (`<group>-<shard>-<node>` in cluster mode, `<group>-<node>` without), and a
 * failover makes any node a replica: every node is watched, ten to an alarm, by the largest lag among them.
 */
function replicationLagAlarms(scope: EmitScope, name: string, cache: string, shards: number, nodesPerShard: number): string[] {
    const cloudwatch = scope.mod('cloudwatch');
    const nodeIds = (shards > 0 ? Array.from({ length: shards }, (_, s) => `${shardId(s)}-`) : [''])
        .flatMap(shard => Array.from({ length: nodesPerShard }, (_, n) => `${shard}${String(n + 1).padStart(3, '0')}`));
    const lines: string[] = [];
    for (let start = 0; start < nodeIds.length; start += METRICS_PER_ALARM) {
        const chunk = nodeIds.slice(start, start + METRICS_PER_ALARM);
        const node = `new ${cloudwatch}.Metric(${obj([
            ['namespace', `'AWS/ElastiCache'`], ['metricName', `'ReplicationLag'`],
            ['dimensionsMap', `{ CacheClusterId: \`\${${cache}.ref}-\${node}\` }`], ['statistic', `'Maximum'`], ['period', `${scope.core('Duration')}.minutes(1)`],
        ])})`;
        const range = nodeIds.length > METRICS_PER_ALARM ? ` (nodes ${chunk[0]} to ${chunk[chunk.length - 1]})` : '';
        lines.push(...declareAlarm(scope, {
            name, what: 'ReplicationLag',
            metric: `new ${cloudwatch}.MathExpression(${obj([
                ['expression', tsString(`MAX([${chunk.map((_, i) => `n${i}`).join(', ')}])`)],
                ['usingMetrics', `Object.fromEntries(${arr(chunk.map(tsString))}.map((node, i) => [\`n\${i}\`, ${node.replace(/\n/g, '\n  ')}]))`],
                ['period', `${scope.core('Duration')}.minutes(1)`],
            ])})`,
            threshold: 1, periods: 3,
            description: `A replica of ${name}${range} has been more than a second behind its primary for 3 minutes: a failover now would lose those writes.`,
        }).lines);
    }
    return lines;
}
