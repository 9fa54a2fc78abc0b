import type { Analysis } from './analysis.js';
import { State, type InstanceGraph } from './instance-graph.js';
import { hasCrossRegionBackups, STORE_KINDS } from './dr-strategy.js';
import { RECOVERY_SOURCES, type RecoverySourceKey } from './recovery-sources.js';
import { rootCauses } from './requirements.js';
import type { FailureScenario, FailureTarget } from './scenarios.js';
import type { ScenarioOutcome } from './simulation.js';
import type { TopologyComponent, TopologyRegion } from '../model/topology.js';
import { parseDuration } from '../util/durations.js';
import { parseSizeGigabytes } from '../util/sizes.js';

/**
 * Estimated recovery time (RTO) of every entry point and recovery point (RPO) of every data store under each
 * scenario, from the recovery mechanisms the design has (analysis.md, "Recovery time and recovery point"). The
 * simulation says what is down once the failure has settled; this says how long getting there takes and what is
 * lost on the way. Mechanisms run side by side, so a figure is the slowest mechanism; a mechanism is the sum of its
 * terms, each with its source.
 */

/** The disruption types of `require rto|rpo <type> <= T` (AWS Resilience Hub's: infrastructure, AZ, region, application). */
export type Disruption = 'az-loss' | 'region-loss' | 'cell-loss' | 'service-loss' | 'bad-deploy';

export const DISRUPTIONS: readonly Disruption[] = ['az-loss', 'region-loss', 'cell-loss', 'service-loss', 'bad-deploy'];

export interface RecoveryTerm {
    readonly what: string;
    /** Seconds; Infinity when nothing bounds it (the outage lasts as long as the AWS event). */
    readonly seconds: number;
    /** An AWS documentation page, an assumption, or the design line the value comes from. */
    readonly source: string;
}

export interface RecoveryMechanism {
    /** What acts: "Route 53 fails over from use1.web to usw2.web". */
    readonly name: string;
    readonly terms: readonly RecoveryTerm[];
    /** The sum of the terms. */
    readonly seconds: number;
}

export interface RecoveryFigure {
    /** The entry point (RTO) or data store (RPO). */
    readonly subject: string;
    /** The slowest mechanism; 0 when none is needed. */
    readonly seconds: number;
    readonly mechanisms: readonly RecoveryMechanism[];
}

export interface ScenarioRecovery {
    readonly scenario: FailureScenario;
    readonly disruption: Disruption;
    readonly rto: readonly RecoveryFigure[];
    readonly rpo: readonly RecoveryFigure[];
}

const DEPLOYABLE_KINDS = new Set(['lambda', 'ecs', 'eks', 'asg', 'kinesis-consumer']);

/** The scenarios of a disruption type: the single failures for AZs, regions and cells; one per service otherwise. */
export function disruptionScenarios(analysis: Analysis, disruption: Disruption): readonly ScenarioOutcome[] {
    const kind = { 'az-loss': 'az', 'region-loss': 'region', 'cell-loss': 'cell-replica' } as const;
    if (disruption === 'az-loss' || disruption === 'region-loss' || disruption === 'cell-loss') {
        return analysis.singleFailures().filter(o => o.scenario.targets[0]?.kind === kind[disruption]);
    }
    // A bad deployment reaches what one deployment updates at once: a whole service, or one cell (the first wave).
    const components = analysis.topology.components.filter(c => disruption === 'service-loss'
        ? c.kind !== 'nat' && c.kind !== 'endpoint' : DEPLOYABLE_KINDS.has(c.kind));
    return components.map(component => analysis.run(serviceScenario(component, disruption)));
}

function serviceScenario(component: TopologyComponent, disruption: Disruption): FailureScenario {
    const replica = component.cell ? 0 : undefined;
    const name = component.instanceIds[replica ?? 0];
    const target: FailureTarget = { kind: 'service', name, component, replica };
    return { name: `${disruption === 'bad-deploy' ? 'bad deploy of' : 'loss of'} ${name}`, targets: [target] };
}

export function estimateRecovery(analysis: Analysis, outcome: ScenarioOutcome, disruption: Disruption): ScenarioRecovery {
    const graph = analysis.graph;
    const { reach, nodeNamed } = indexOf(graph);
    const touched = [...outcome.failed, ...outcome.degraded].flatMap(name => nodeNamed.get(name) ?? []);
    const rto = graph.entryNodes.map(entry => {
        // Most scenarios of a type touch little: an entry point none of whose dependencies changed needs no recovery.
        // AZ and region losses also act through what stays up (load balancers, replicas), so they always look.
        const untouched = disruption !== 'az-loss' && disruption !== 'region-loss' && !touched.some(n => reach(entry).has(n));
        return figure(graph.nodes[entry].name, untouched ? [] : entryMechanisms(outcome, entry, disruption));
    });
    const rpo = affectedStores(outcome).map(store => figure(store.instanceIds[0], storeMechanisms(outcome, store, disruption)));
    return { scenario: outcome.scenario, disruption, rto, rpo };
}

const recoveries = new WeakMap<Analysis, Map<Disruption, readonly ScenarioRecovery[]>>();

/** Every scenario of the type, estimated once per analysis: requirements and the report read the same figures. */
export function recoveryOf(analysis: Analysis, disruption: Disruption): readonly ScenarioRecovery[] {
    let byType = recoveries.get(analysis);
    if (!byType) recoveries.set(analysis, byType = new Map());
    let found = byType.get(disruption);
    if (!found) byType.set(disruption, found = disruptionScenarios(analysis, disruption).map(o => estimateRecovery(analysis, o, disruption)));
    return found;
}

function figure(subject: string, mechanisms: RecoveryMechanism[]): RecoveryFigure {
    return { subject, seconds: mechanisms.reduce((max, m) => Math.max(max, m.seconds), 0), mechanisms };
}

function mechanism(name: string, terms: RecoveryTerm[]): RecoveryMechanism {
    return { name, terms, seconds: terms.reduce((sum, t) => sum + t.seconds, 0) };
}

function published(key: RecoverySourceKey, factor = 1, what?: string): RecoveryTerm {
    const source = RECOVERY_SOURCES[key];
    return { what: what ?? source.what, seconds: source.value * factor, source: source.source };
}

/** A design value (`ttl 30s`) when given, else the published default. */
function durationOr(text: string | undefined, key: RecoverySourceKey, property: string): { seconds: number; source: string } {
    const seconds = text ? parseDuration(text).seconds : undefined;
    return seconds !== undefined ? { seconds, source: `design: \`${property} ${text}\`` } : { seconds: RECOVERY_SOURCES[key].value, source: RECOVERY_SOURCES[key].source };
}

function countOr(value: number | undefined, key: RecoverySourceKey, property: string): { count: number; source: string } {
    return value !== undefined ? { count: value, source: `design: \`${property} ${value}\`` } : { count: RECOVERY_SOURCES[key].value, source: RECOVERY_SOURCES[key].source };
}

/** Detection by health checks: interval x failure threshold. */
function detection(what: string, ast: { healthInterval?: string; healthThreshold?: number }, interval: RecoverySourceKey, threshold: RecoverySourceKey): RecoveryTerm {
    const every = durationOr(ast.healthInterval, interval, 'health check every');
    const times = countOr(ast.healthThreshold, threshold, 'threshold');
    const source = every.source === times.source ? every.source : `${every.source}; ${times.source}`;
    return { what: `${what}: every ${formatSeconds(every.seconds)} x ${times.count} failed checks`, seconds: every.seconds * times.count, source };
}

const failedRegions = (scenario: FailureScenario): Set<TopologyRegion> =>
    new Set(scenario.targets.flatMap(t => t.kind === 'region' ? [t.region] : []));

const failedAzs = (scenario: FailureScenario) => new Set(scenario.targets.flatMap(t => t.kind === 'az' ? [t.az] : []));

// ---------------------------------------------------------------- RTO

function entryMechanisms(outcome: ScenarioOutcome, entry: number, disruption: Disruption): RecoveryMechanism[] {
    const { graph } = outcome;
    if (outcome.stateOf(entry) === State.Failed) return [unrecoverable(outcome, entry, disruption)];
    const mechanisms: RecoveryMechanism[] = [];
    const path = servingPath(outcome, entry);
    for (const node of path) {
        const found = nodeMechanism(outcome, node, disruption);
        if (found) mechanisms.push(found);
    }
    if (disruption === 'bad-deploy') mechanisms.push(rollback(outcome));
    const pinned = graph.routers.find(r => path.includes(r.node));
    if (pinned && pinned.shardSize === 1 && outcome.customersDown > 0) {
        mechanisms.push(mechanism(`the customers of the failed cell (${Math.round(outcome.customersDown * 10000) / 100} %) stay down`, [
            { what: `${graph.nodes[pinned.node].name} routes each customer to one cell (no \`shuffle shard\`): nothing moves them while ${outcome.scenario.name} is down`, seconds: Infinity, source: 'analysis.md, "What a failure does": routers' },
        ]));
    }
    return mechanisms;
}

interface GraphIndex {
    /** Every node an entry point's requests can reach, whatever fails: computed on first use. */
    reach(entry: number): ReadonlySet<number>;
    readonly nodeNamed: ReadonlyMap<string, number>;
    /** The components that hold data. */
    readonly stores: readonly TopologyComponent[];
}

const indexes = new WeakMap<InstanceGraph, GraphIndex>();

function indexOf(graph: InstanceGraph): GraphIndex {
    let index = indexes.get(graph);
    if (!index) {
        const reaches = new Map<number, Set<number>>();
        const nodeNamed = new Map(graph.nodes.map(n => [n.name, n.index]));
        const reach = (entry: number): ReadonlySet<number> => {
            let found = reaches.get(entry);
            if (!found) reaches.set(entry, found = hardReachOf(graph, entry));
            return found;
        };
        const stores = graph.topology.components.filter(c => STORE_KINDS.has(c.kind));
        indexes.set(graph, index = { reach, nodeNamed, stores });
    }
    return index;
}

function hardReachOf(graph: InstanceGraph, from: number): Set<number> {
    const seen = new Set<number>([from]);
    const stack = [from];
    while (stack.length > 0) {
        for (const term of graph.nodes[stack.pop()!].terms) {
            if (term.edge && !(term.edge.hard && term.edge.sync)) continue;
            for (const target of term.targets) {
                if (seen.has(target)) continue;
                seen.add(target);
                stack.push(target);
            }
        }
    }
    return seen;
}

/**
 * The nodes that serve an entry point once the failure has settled: its hard synchronous dependencies, the cells
 * behind its routers, the surviving side of a failover; failed nodes serve nothing.
 */
function servingPath(outcome: ScenarioOutcome, entry: number): number[] {
    const { graph } = outcome;
    const seen = new Set<number>([entry]);
    const stack = [entry];
    while (stack.length > 0) {
        const node = stack.pop()!;
        for (const term of graph.nodes[node].terms) {
            if (term.edge && !(term.edge.hard && term.edge.sync)) continue;
            if (term.onFailed !== State.Failed && !term.edge) continue;
            for (const target of term.targets) {
                if (seen.has(target) || outcome.stateOf(target) === State.Failed) continue;
                seen.add(target);
                stack.push(target);
            }
        }
    }
    return [...seen];
}

function nodeMechanism(outcome: ScenarioOutcome, node: number, disruption: Disruption): RecoveryMechanism | undefined {
    const { graph, scenario } = outcome;
    const component = graph.nodes[node].component;
    if (!component) return undefined;
    const name = graph.nodes[node].name;
    const azs = failedAzs(scenario);
    const regions = failedRegions(scenario);
    switch (component.kind) {
        case 'route53': return route53Failover(outcome, node, component);
        case 'alb':
            if (!component.azs.some(az => azs.has(az))) return undefined;
            return mechanism(`${name} stops routing to targets in the failed AZ`, [
                detection('ALB target health check', component.ast, 'albInterval', 'albThreshold'),
            ]);
        case 'aurora': {
            const primary = component.ast.replicaOf?.ref ? graph.topology.componentOf(component.ast.replicaOf.ref) : undefined;
            if (primary?.region && regions.has(primary.region)) {
                return mechanism(`${name} becomes the writer of its global database`, [
                    ...(component.ast.failover === 'managed' || (primary.kind === 'aurora' && primary.ast.failover === 'managed') ? [] : [published('operatorDecision')]),
                    published('auroraGlobalFailover'),
                ]);
            }
            if (!azs.has(component.azs[0]!)) return undefined;
            return mechanism(`${name} fails over to a reader in another AZ`, [published('auroraFailover')]);
        }
        case 'rds': {
            const primary = component.ast.replicaOf?.ref ? graph.topology.componentOf(component.ast.replicaOf.ref) : undefined;
            if (primary?.region && regions.has(primary.region)) {
                return mechanism(`${name} is promoted from read replica to a standalone database`, [published('operatorDecision'), published('rdsReplicaPromotion')]);
            }
            if (!azs.has(component.azs[0]!)) return undefined;
            const cluster = component.ast.multiAz === 'cluster';
            return mechanism(`${name} fails over to its standby in another AZ`, [published(cluster ? 'rdsMultiAzClusterFailover' : 'rdsMultiAzFailover')]);
        }
        case 'elasticache':
            if (!azs.has(component.azs[0]!)) return undefined;
            return mechanism(`${name} promotes a replica in another AZ`, [published('elasticacheFailover')]);
        case 'ecs': case 'asg':
            return disruption === 'region-loss' ? standbyScaleUp(outcome, node, component) : undefined;
        default:
            return undefined;
    }
}

function route53Failover(outcome: ScenarioOutcome, node: number, route53: TopologyComponent & { kind: 'route53' }): RecoveryMechanism | undefined {
    const { graph } = outcome;
    const primary = route53.ast.primary?.ref ? graph.topology.componentOf(route53.ast.primary.ref) : undefined;
    const secondary = route53.ast.secondary?.ref ? graph.topology.componentOf(route53.ast.secondary.ref) : undefined;
    if (!primary || !secondary) return undefined;
    const primaryDown = (graph.instancesOf.get(primary) ?? []).every(n => outcome.stateOf(n) === State.Failed);
    if (!primaryDown) return undefined;
    return mechanism(`${graph.nodes[node].name} fails over from ${primary.id} to ${secondary.id}`, [...route53SwitchTerms(route53)]);
}

/** How long a Route 53 failover takes: detection by health checks, then the DNS TTL. */
export function route53SwitchTerms(route53: TopologyComponent & { kind: 'route53' }): RecoveryTerm[] {
    const ttl = durationOr(route53.ast.ttl, 'dnsTtl', 'ttl');
    return [
        detection('Route 53 health check', route53.ast, 'route53Interval', 'route53Threshold'),
        { what: `resolvers keep the old answer for the DNS TTL (${formatSeconds(ttl.seconds)})`, seconds: ttl.seconds, source: ttl.source },
    ];
}

/**
 * A standby in the surviving region that runs less than its counterpart in the failed region needs (pilot light,
 * warm standby) serves only once it has scaled up: an alarm, then new tasks or instances.
 */
function standbyScaleUp(outcome: ScenarioOutcome, node: number, component: TopologyComponent): RecoveryMechanism | undefined {
    const regions = failedRegions(outcome.scenario);
    const running = component.capacity?.total ?? 0;
    const counterpart = outcome.graph.topology.components.find(c => c.kind === component.kind && c.name === component.name
        && c.region !== undefined && regions.has(c.region));
    const needed = counterpart?.capacity?.needs ?? counterpart?.capacity?.total;
    if (needed === undefined || needed <= running) return undefined;
    const name = outcome.graph.nodes[node].name;
    const max = component.kind === 'asg' ? component.ast.max : component.kind === 'ecs' ? component.ast.capacity?.max : undefined;
    const unit = component.capacity?.unit ?? 'instances';
    if (max !== undefined && max < needed) {
        return mechanism(`${name} cannot scale to what ${counterpart!.id} needs`, [
            { what: `runs ${running} ${unit}, may grow to ${max}, needs ${needed}: short of capacity until ${outcome.scenario.name} recovers`, seconds: Infinity, source: `design: \`max ${max}\`` },
        ]);
    }
    return mechanism(`${name} scales from ${running} to ${needed} ${unit}`, [
        published('scaleOutAlarm'),
        published(component.kind === 'asg' ? 'ec2Warmup' : 'taskStart'),
    ]);
}

function rollback(outcome: ScenarioOutcome): RecoveryMechanism {
    const target = outcome.scenario.targets[0];
    const component = target?.kind === 'service' ? target.component : undefined;
    const deploy = component?.kind === 'lambda' ? component.ast.deploy : undefined;
    const interval = deploy?.interval ? parseDuration(deploy.interval).seconds : undefined;
    const detect: RecoveryTerm = interval !== undefined
        ? { what: `the ${deploy!.strategy} deployment's alarm stops the shift within one step`, seconds: interval, source: `design: \`deploy ${deploy!.strategy} ${deploy!.step}% every ${deploy!.interval}\`` }
        : published('deployDetection');
    return mechanism(`${component?.id ?? outcome.scenario.name} is rolled back`, [detect, published('rollback')]);
}

function unrecoverable(outcome: ScenarioOutcome, entry: number, disruption: Disruption): RecoveryMechanism {
    const causes = rootCauses(outcome, [entry]);
    const because = causes.length > 0 ? ` (${causes.map(c => c.reason).join('; ')})` : '';
    if (disruption === 'region-loss') {
        const restore = backupRestore(outcome, entry);
        if (restore) return restore;
    }
    if (disruption === 'bad-deploy') return rollback(outcome);
    return mechanism(`nothing in the design takes over from ${outcome.scenario.name}`, [
        { what: `down as long as ${outcome.scenario.name} is${because}`, seconds: Infinity, source: 'the simulation (analysis.md, "What a failure does")' },
    ]);
}

/** Backup and restore: rebuild in another region and restore every store the entry point needs from its backups. */
function backupRestore(outcome: ScenarioOutcome, entry: number): RecoveryMechanism | undefined {
    const stores = storesUnder(outcome.graph, entry);
    if (stores.length === 0 || !stores.every(hasCrossRegionBackups)) return undefined;
    const slowest = stores.map(restoreTerm).sort((a, b) => b.seconds - a.seconds)[0];
    return mechanism(`rebuild in another region and restore from backups`, [published('rebuildStack'), published('restoreBase'), slowest]);
}

function restoreTerm(store: TopologyComponent): RecoveryTerm {
    const text = (store.ast as { size?: string }).size;
    const size = text ? parseSizeGigabytes(text) : undefined;
    const base = RECOVERY_SOURCES.restorePerHundredGb;
    return size !== undefined
        ? { what: `restore ${store.id} (${text}: ${base.what})`, seconds: base.value * size / 100, source: `design: \`size ${text}\`; ${base.source}` }
        : { what: `restore ${store.id} (size unknown, counted as 100 GB; set \`size\`: ${base.what})`, seconds: base.value, source: base.source };
}

/** The data stores an instance reaches through hard synchronous dependencies. */
function storesUnder(graph: InstanceGraph, from: number): TopologyComponent[] {
    const stores = new Set<TopologyComponent>();
    for (const node of indexOf(graph).reach(from)) {
        const component = graph.nodes[node].component;
        if (component && STORE_KINDS.has(component.kind)) stores.add(component);
    }
    return [...stores];
}

// ---------------------------------------------------------------- RPO

function affectedStores(outcome: ScenarioOutcome): TopologyComponent[] {
    const { scenario, graph } = outcome;
    const regions = failedRegions(scenario);
    const azs = failedAzs(scenario);
    return indexOf(graph).stores.filter(c => (
        (c.region !== undefined && regions.has(c.region))
        || c.azs.some(az => azs.has(az))
        || scenario.targets.some(t => (t.kind === 'service' && (t.component === c || writesTo(t.component, c)))
            || ((t.kind === 'cell-replica' || t.kind === 'cell') && c.cell === t.cell))));
}

function writesTo(writer: TopologyComponent, store: TopologyComponent): boolean {
    return writer.outgoing.some(e => e.kind === 'uses' && e.to === store);
}

function storeMechanisms(outcome: ScenarioOutcome, store: TopologyComponent, disruption: Disruption): RecoveryMechanism[] {
    const { scenario } = outcome;
    const name = store.instanceIds[0];
    switch (disruption) {
        case 'region-loss': return [regionCopy(outcome, store)];
        case 'az-loss': return azLoss(outcome, store);
        case 'bad-deploy': return [pointInTimeRestore(store, rollback(outcome).terms[0])];
        case 'cell-loss':
        case 'service-loss': {
            const direct = scenario.targets.some(t => t.kind === 'service' && t.component === store);
            if (direct && copiesOf(store).length > 0) {
                return [regionCopy(outcome, store)];
            }
            return [mechanism(`${name} keeps its data while it is unavailable`, [{ what: 'nothing written is lost', seconds: 0, source: 'the store survives the failure of its callers' }])];
        }
    }
}

function azLoss(outcome: ScenarioOutcome, store: TopologyComponent): RecoveryMechanism[] {
    const name = store.instanceIds[0];
    const zero = (why: string, source: string) => [mechanism(`${name} keeps every acknowledged write`, [{ what: why, seconds: 0, source }])];
    switch (store.kind) {
        case 'dynamodb':
            return zero('DynamoDB replicates synchronously across three AZs', 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/disaster-recovery-resiliency.html');
        case 'aurora':
            return zero('Aurora keeps six copies across three AZs', 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html');
        case 's3':
            if (store.ast.storage !== 'one-zone' && store.ast.storage !== 'express') {
                return zero('S3 Standard stores objects across at least three AZs', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/DataDurability.html');
            }
            if (copiesOf(store).length > 0) return [regionCopy(outcome, store)];
            return [mechanism(`${name} is lost with its AZ`, [{ what: 'One Zone storage keeps its only copy in one AZ', seconds: Infinity, source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html' }])];
        case 'rds':
            if (store.ast.multiAz === 'on' || store.ast.multiAz === 'cluster') {
                return zero('the Multi-AZ standby is written synchronously', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html');
            }
            return [store.ast.backupRetention
                ? mechanism(`${name} is restored to its latest restorable time`, [published('pointInTime')])
                : mechanism(`${name} is lost with its AZ`, [{ what: 'a Single-AZ instance without backups', seconds: Infinity, source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html' }])];
        default:
            return [];
    }
}

/** Region loss: what reaches a copy outside the region, and how far behind that copy is. */
function regionCopy(outcome: ScenarioOutcome, store: TopologyComponent): RecoveryMechanism {
    const name = store.instanceIds[0];
    const copies = copiesOf(store);
    const regions = failedRegions(outcome.scenario);
    const surviving = copies.find(c => !(c.region && regions.has(c.region)));
    if (surviving) {
        const lag: RecoverySourceKey = store.kind === 'dynamodb' ? 'globalTableLag' : store.kind === 'aurora' ? 'auroraGlobalLag'
            : store.kind === 'rds' ? 'rdsReplicaLag' : (store.kind === 's3' && (store.ast.rtc === 'on' || (surviving.kind === 's3' && surviving.ast.rtc === 'on'))) ? 's3ReplicationTimeControl' : 's3ReplicationUnbounded';
        return mechanism(`writes not yet replicated to ${surviving.id} are lost`, [published(lag)]);
    }
    if (hasCrossRegionBackups(store) && store.kind === 'dynamodb') {
        const frequency = store.ast.backup!.frequency;
        const seconds = { hourly: 3600, daily: 86400, weekly: 7 * 86400, monthly: 30 * 86400 }[frequency];
        return mechanism(`${name} is restored from its last backup copied to another region`, [
            { what: `${frequency} backups (AWS Backup, copied to another region): up to one interval lost`, seconds, source: `design: \`backup ${frequency}\`; https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html` },
        ]);
    }
    return mechanism(`${name} has no copy outside its region`, [
        { what: 'recovering elsewhere starts from nothing; the data returns only with the region', seconds: Infinity, source: 'https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html' },
    ]);
}

/** The other ends of a store's `replica of` links, either way. */
function copiesOf(store: TopologyComponent): TopologyComponent[] {
    return [...store.incoming, ...store.outgoing].filter(e => e.kind === 'replica-of').map(e => (e.from === store ? e.to : e.from));
}

/** Bad data written by a bad deployment: restore to just before it; writes since are lost. */
function pointInTimeRestore(store: TopologyComponent, detection: RecoveryTerm): RecoveryMechanism {
    const name = store.instanceIds[0];
    const pitr = (store.kind === 'dynamodb' && store.ast.pitr === 'on') || ((store.kind === 'aurora' || store.kind === 'rds') && store.ast.backupRetention !== undefined);
    if (pitr) return mechanism(`${name} is restored to the moment before the deployment`, [{ ...detection, what: `writes since the deployment, until it was noticed: ${detection.what}` }]);
    if (store.kind === 's3' && store.ast.versioning === 'on') {
        return mechanism(`${name} restores the previous versions of the objects written`, [{ ...detection, what: `objects written since the deployment: ${detection.what}` }]);
    }
    if (store.kind === 'dynamodb' && store.ast.backup) {
        const seconds = { hourly: 3600, daily: 86400, weekly: 7 * 86400, monthly: 30 * 86400 }[store.ast.backup.frequency];
        return mechanism(`${name} is restored from its last backup`, [
            { what: `${store.ast.backup.frequency} backups: up to one interval before the deployment`, seconds, source: `design: \`backup ${store.ast.backup.frequency}\`` },
            detection,
        ]);
    }
    return mechanism(`${name} cannot go back to before the deployment`, [
        { what: 'no point-in-time recovery, versioning or backup: bad writes stay', seconds: Infinity, source: 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_backing_up_data_identified_backups_data.html' },
    ]);
}

/** 150 as "2m 30s", Infinity as "unbounded". */
export function formatSeconds(seconds: number): string {
    if (!Number.isFinite(seconds)) return 'unbounded';
    if (seconds < 60) return `${Math.round(seconds * 10) / 10}s`;
    const parts: string[] = [];
    let rest = Math.round(seconds);
    for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
        if (rest >= size) {
            parts.push(`${Math.floor(rest / size)}${unit}`);
            rest %= size;
        }
    }
    return parts.join(' ');
}
