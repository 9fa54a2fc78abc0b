import type { ValidationAcceptor } from 'langium';
import type { DynamoDb, ElastiCache } from '../generated/ast.js';
import { occupiedAzs, topologyOfNode, type TopologyComponent } from '../model/topology.js';
import { andList, plural } from '../util/wording.js';
import type { RuleReporter } from './rule-reporter.js';

/** Redis and Valkey replicate, fail over and snapshot; Memcached does none of these. No engine means Redis. */
export function isReplicatingEngine(cache: ElastiCache): boolean {
    return cache.engine !== 'memcached';
}

/** The replicas per shard that put a shard's nodes in as many of the cache's AZs as useful (up to 3), at least 1. */
export function suggestedReplicas(component: TopologyComponent | undefined): number {
    const azs = component?.azs.length ?? 0;
    return Math.max(1, Math.min(3, azs) - 1);
}

/** The AZs a cache's nodes should cover: min(3, 1 + replicas), bounded by the AZs its cell or region has. */
function wantedNodeAzs(cache: ElastiCache, component: TopologyComponent): number {
    const available = component.cell?.azs.length ?? component.region?.azs.length ?? 0;
    return Math.min(3, 1 + (cache.replicas ?? 0), available);
}

/** Seed rules for data stores: DynamoDB recovery and backups, ElastiCache replicas, failover, spread, snapshots. */
export class DataValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkTable = (table: DynamoDb, accept: ValidationAcceptor): void => {
        if (table.pitr !== 'on') {
            this.reporter.report(accept, 'dynamodb-pitr',
                `DynamoDB table \`${table.name}\` has no point-in-time recovery: a bad write or delete (a faulty deploy, an operator error) cannot be undone. Add \`pitr on\`.`,
                table.pitr ? { node: table, property: 'pitr' } : { node: table, property: 'name' });
        }
        if (!table.backup) {
            this.reporter.report(accept, 'dynamodb-backup',
                `DynamoDB table \`${table.name}\` has no backup schedule: point-in-time recovery keeps only 35 days and is lost with the table. Add e.g. \`backup daily retain 35d\`.`,
                { node: table, property: 'name' });
        }
    };

    readonly checkCache = (cache: ElastiCache, accept: ValidationAcceptor): void => {
        const component = topologyOfNode(cache).componentOf(cache);
        if (isReplicatingEngine(cache)) {
            if (!cache.replicas) {
                this.reporter.report(accept, 'elasticache-replicas',
                    `ElastiCache \`${cache.name}\` has no replicas: a node failure loses its shard's data and the cache fails until a new node is seeded. Set \`replicas ${suggestedReplicas(component)}\`.`,
                    cache.replicas === undefined ? { node: cache, property: 'name' } : { node: cache, property: 'replicas' });
            }
            if (cache.multiAz !== 'on' || cache.failover !== 'auto') {
                const where = cache.multiAz === 'off' ? 'multiAz' : cache.failover === 'off' ? 'failover' : 'name';
                this.reporter.report(accept, 'elasticache-multi-az',
                    `ElastiCache \`${cache.name}\` lacks \`multi-az on\` and \`failover auto\`: when a primary's node or AZ fails, no replica takes over and the shard stops. Add \`multi-az on\` and \`failover auto\`.`,
                    { node: cache, property: where });
            }
            if (!cache.snapshotRetention) {
                this.reporter.report(accept, 'elasticache-backups',
                    `ElastiCache \`${cache.name}\` takes no snapshots: losing every node of a shard loses its data for good. Add \`snapshots retain 15d\`.`,
                    { node: cache, property: 'name' });
            }
        }
        if (component) this.checkSpread(cache, component, accept);
    };

    private checkSpread(cache: ElastiCache, component: TopologyComponent, accept: ValidationAcceptor): void {
        const occupied = occupiedAzs(component);
        const wanted = wantedNodeAzs(cache, component);
        if (occupied.length === 0 || occupied.length >= wanted) return;
        const nodes = 1 + (cache.replicas ?? 0);
        this.reporter.report(accept, 'elasticache-spread',
            `ElastiCache \`${cache.name}\` has ${plural(nodes, 'node')} per shard but they sit in ${plural(occupied.length, 'AZ')} (${andList(occupied.map(az => az.id))}): an outage of ${occupied.length === 1 ? 'that AZ' : 'one of them'} takes more of each shard than needed. Place it in ${wanted} AZs.`,
            cache.azs.length > 0 ? { node: cache, property: 'azs' } : { node: cache, property: 'name' });
    }
}
