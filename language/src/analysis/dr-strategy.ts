import type { Topology, TopologyComponent, TopologyRegion } from '../model/topology.js';
import { hardReach } from './availability.js';

/**
 * The disaster recovery strategy a design implements between two regions, inferred from what it has: the four of
 * AWS's whitepaper "Disaster Recovery of Workloads on AWS" (https://docs.aws.amazon.com/whitepapers/latest/
 * disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html), in increasing order of cost and
 * decreasing RTO/RPO, and what the design lacks for the next one up.
 */
export type DrStrategy = 'none' | 'backup-and-restore' | 'pilot-light' | 'warm-standby' | 'active-active';

export const DR_STRATEGY_TITLES: Readonly<Record<DrStrategy, string>> = {
    'none': 'none (nothing outside the region)',
    'backup-and-restore': 'backup and restore',
    'pilot-light': 'pilot light',
    'warm-standby': 'warm standby',
    'active-active': 'multi-site active/active',
};

export interface RegionPairStrategy {
    readonly primary: string;
    /** The recovery region; undefined when nothing names one. */
    readonly secondary?: string;
    readonly strategy: DrStrategy;
    /** What in the design makes it this strategy. */
    readonly evidence: readonly string[];
    /** What the design lacks for the next strategy up; undefined at active/active. */
    readonly nextStep?: string;
}

/** The kinds that hold data a failure can lose. */
export const STORE_KINDS: ReadonlySet<string> = new Set(['dynamodb', 'aurora', 'rds', 's3']);
const COMPUTE_KINDS = new Set(['lambda', 'ecs', 'eks', 'asg', 'kinesis-consumer', 'router']);

const NEXT_STEP: Readonly<Record<Exclude<DrStrategy, 'active-active'>, string>> = {
    'none': 'back up every data store with copies in another region (`backup daily` on DynamoDB tables; AWS Backup cross-region copy)',
    'backup-and-restore': 'replicate the data continuously to the recovery region (`replica of`: global tables, an Aurora global database, S3 replication)',
    'pilot-light': 'run a scaled-down copy of the services in the recovery region and fail over to it automatically (`route53 ... failover primary ... secondary ...`)',
    'warm-standby': 'serve from both regions at once: an entry point in each region, data replicated both ways (DynamoDB global tables)',
};

export function drStrategies(topology: Topology): RegionPairStrategy[] {
    const pairs = new Map<string, RegionPair>();
    const addPair = (primary: TopologyRegion | undefined, secondary: TopologyRegion | undefined, serving?: TopologyComponent): void => {
        if (!primary || !secondary || primary === secondary) return;
        const key = `${primary.id}>${secondary.id}`;
        if (!pairs.has(key) && !pairs.has(`${secondary.id}>${primary.id}`)) pairs.set(key, { primary, secondary, serving });
    };
    for (const component of topology.components) {
        if (component.kind === 'route53') {
            const targets = component.outgoing.filter(e => e.kind === 'failover').map(e => e.to);
            addPair(targets[0]?.region, targets[1]?.region, targets[0]);
        }
    }
    for (const edge of topology.edges) {
        if (edge.kind === 'replica-of') addPair(edge.to.region, edge.from.region);
    }
    const paired = new Set([...pairs.values()].flatMap(p => [p.primary, p.secondary]));
    return [
        ...[...pairs.values()].map(pair => pairStrategy(topology, pair)),
        ...topology.regions.filter(r => !paired.has(r)).map(region => aloneStrategy(region)),
    ];
}

function result(primary: TopologyRegion, secondary: TopologyRegion | undefined, strategy: DrStrategy, evidence: string[]): RegionPairStrategy {
    return { primary: primary.id, secondary: secondary?.id, strategy, evidence, nextStep: strategy === 'active-active' ? undefined : NEXT_STEP[strategy] };
}

function aloneStrategy(region: TopologyRegion): RegionPairStrategy {
    const stores = region.components.filter(c => STORE_KINDS.has(c.kind));
    const backedUp = stores.filter(hasCrossRegionBackups);
    if (stores.length > 0 && backedUp.length === stores.length) {
        return result(region, undefined, 'backup-and-restore', [`every data store is backed up: ${backedUp.map(s => s.id).join(', ')}`]);
    }
    const missing = stores.filter(s => !hasCrossRegionBackups(s)).map(s => s.id);
    return result(region, undefined, 'none', [missing.length > 0 ? `no copy outside ${region.id} of ${missing.join(', ')}` : `no data store and no standby region for ${region.id}`]);
}

interface RegionPair {
    readonly primary: TopologyRegion;
    readonly secondary: TopologyRegion;
    /** The failover's primary target: only the data it serves from must reach the recovery region. */
    readonly serving?: TopologyComponent;
}

function pairStrategy(topology: Topology, { primary, secondary, serving }: RegionPair): RegionPairStrategy {
    const stores = (serving ? [...hardReach(serving)] : primary.components).filter(c => STORE_KINDS.has(c.kind) && c.region === primary);
    const replicated = stores.filter(s => copiesIn(s, secondary));
    const evidence: string[] = [];
    if (replicated.length < stores.length) {
        const missing = stores.filter(s => !replicated.includes(s));
        const backups = missing.every(hasCrossRegionBackups);
        evidence.push(`not replicated to ${secondary.id}: ${missing.map(s => s.id).join(', ')}`);
        return result(primary, secondary, stores.length > 0 && backups ? 'backup-and-restore' : 'none', evidence);
    }
    if (replicated.length > 0) evidence.push(`data replicated to ${secondary.id}: ${replicated.map(s => s.id).join(', ')}`);
    const running = secondary.components.filter(c => COMPUTE_KINDS.has(c.kind) && (c.capacity === undefined || c.capacity.total > 0));
    if (running.length === 0) {
        evidence.push(`no service runs in ${secondary.id}`);
        return result(primary, secondary, 'pilot-light', evidence);
    }
    evidence.push(`services run in ${secondary.id}: ${running.map(c => c.id).join(', ')}`);
    const entriesIn = (region: TopologyRegion) => topology.entryPoints.filter(e => e.region === region);
    if (entriesIn(primary).length > 0 && entriesIn(secondary).length > 0 && replicated.every(s => s.kind === 'dynamodb')) {
        evidence.push(`entry points serve in both regions: ${[...entriesIn(primary), ...entriesIn(secondary)].map(e => e.id).join(', ')}`);
        return result(primary, secondary, 'active-active', evidence);
    }
    const failover = topology.components.find(c => c.kind === 'route53' && c.outgoing.some(e => e.kind === 'failover' && e.to.region === secondary));
    if (!failover) {
        evidence.push(`nothing sends traffic to ${secondary.id} when ${primary.id} fails`);
        return result(primary, secondary, 'pilot-light', evidence);
    }
    evidence.push(`${failover.id} fails over from ${primary.id} to ${secondary.id}`);
    return result(primary, secondary, 'warm-standby', evidence);
}

function copiesIn(store: TopologyComponent, region: TopologyRegion): boolean {
    return [...store.incoming, ...store.outgoing].some(e => e.kind === 'replica-of' && (e.from === store ? e.to : e.from).region === region);
}

/** DynamoDB `backup` plans run on AWS Backup, which copies to another region; Aurora and RDS backups stay in theirs. */
export function hasCrossRegionBackups(store: TopologyComponent): boolean {
    return store.kind === 'dynamodb' && store.ast.backup !== undefined;
}
