import { route53SwitchTerms } from './recovery.js';
import { occupiedAzs, type ComponentKind, type ComponentOf, type Topology, type TopologyCell, type TopologyComponent } from '../model/topology.js';
import { canFailOver, shardSizeOf } from './instance-graph.js';
import { pushAll } from '../util/arrays.js';

/**
 * Availability estimates (analysis.md, "Availability estimate"). Each kind starts from the monthly uptime AWS commits
 * to in its published SLA; `sla` overrides it. Hard synchronous dependencies compose in series (product); redundant
 * paths compose in parallel (1 - product(1 - a)); soft and async dependencies are left out.
 */

export interface KindAvailability {
    /** As a fraction, e.g. 0.9995. */
    readonly availability: number;
    /** When the SLA has a lower single-AZ tier, the availability of a zonal deployment in one AZ. */
    readonly singleAz?: number;
    /** When a kind has a higher multi-region tier (DynamoDB global tables). */
    readonly globalTable?: number;
    /** The SLA (or the reason for an assumption) the number comes from. */
    readonly source: string;
}

/** Defaults per kind; docs/analysis.md reproduces this table. */
export const DEFAULT_AVAILABILITY: Readonly<Record<ComponentKind, KindAvailability>> = {
    lambda: { availability: 0.9995, source: 'AWS Lambda SLA, https://aws.amazon.com/lambda/sla/' },
    ecs: { availability: 0.9999, singleAz: 0.995, source: 'Amazon Compute SLA (ECS, Fargate: region-level 99.99%, instance-level 99.5%), https://aws.amazon.com/compute/sla/' },
    eks: { availability: 0.9995, source: 'Amazon EKS SLA, https://aws.amazon.com/eks/sla/' },
    dynamodb: { availability: 0.9999, globalTable: 0.99999, source: 'Amazon DynamoDB SLA (99.99%, global tables 99.999%), https://aws.amazon.com/dynamodb/sla/' },
    elasticache: { availability: 0.9999, singleAz: 0.995, source: 'Amazon ElastiCache SLA (Multi-AZ 99.99%, Single-AZ 99.5%), https://aws.amazon.com/elasticache/sla/' },
    kinesis: { availability: 0.999, source: 'Amazon Kinesis Data Streams SLA, https://aws.amazon.com/kinesis/sla/' },
    'kinesis-consumer': { availability: 0.9999, singleAz: 0.995, source: 'workers run on EC2/ECS: Amazon Compute SLA, https://aws.amazon.com/compute/sla/' },
    sqs: { availability: 0.999, source: 'Amazon SQS SLA, https://aws.amazon.com/messaging/sla/' },
    sns: { availability: 0.999, source: 'Amazon SNS SLA, https://aws.amazon.com/messaging/sla/' },
    alb: { availability: 0.9999, source: 'Elastic Load Balancing SLA, https://aws.amazon.com/elasticloadbalancing/sla/' },
    route53: { availability: 1, source: 'Amazon Route 53 SLA (100% for DNS queries), https://aws.amazon.com/route53/sla/' },
    router: { availability: 0.9999, source: 'no AWS SLA: assumed to run on regional compute (Amazon Compute SLA, region-level); set `sla` to override' },
    aurora: { availability: 0.9999, singleAz: 0.999, source: 'Amazon Aurora SLA (Multi-AZ cluster 99.99%, Single-AZ cluster 99.9%), https://aws.amazon.com/rds/aurora/sla/' },
    rds: { availability: 0.9995, singleAz: 0.995, source: 'Amazon RDS SLA (Multi-AZ DB instance and DB cluster 99.95%, Single-DB instance 99.5%), https://aws.amazon.com/rds/sla/' },
    s3: { availability: 0.999, singleAz: 0.99, source: 'Amazon S3 SLA (S3 Standard and S3 Express One Zone 99.9%, S3 One Zone-IA 99%), https://aws.amazon.com/s3/sla/' },
    asg: { availability: 0.9999, singleAz: 0.995, source: 'Amazon Compute SLA (EC2: region-level 99.99% over 2+ AZs, instance-level 99.5%), https://aws.amazon.com/compute/sla/' },
    nat: { availability: 0.9999, singleAz: 0.995, source: 'no AWS SLA for NAT gateways (each is redundant within one AZ, https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html): assumed the Amazon Compute SLA tiers, region-level 99.99% over 2+ AZs, single-AZ 99.5%; set `sla` to override' },
    eventbridge: { availability: 0.9999, source: 'Amazon EventBridge SLA (99.99% per region; a global endpoint fails over between two), https://aws.amazon.com/eventbridge/sla/' },
    stepfunctions: { availability: 0.999, source: 'AWS Step Functions SLA, https://aws.amazon.com/step-functions/sla/' },
    endpoint: { availability: 0.9999, singleAz: 0.995, source: 'no AWS SLA for VPC endpoints found: assumed the Amazon Compute SLA tiers (an interface endpoint is a network interface per AZ), region-level 99.99% over 2+ AZs, single-AZ 99.5%; set `sla` to override' },
    apigateway: { availability: 0.9995, source: 'Amazon API Gateway SLA, https://aws.amazon.com/api-gateway/sla/' },
    cloudfront: { availability: 0.999, source: 'Amazon CloudFront SLA, https://aws.amazon.com/cloudfront/sla/' },
    cognito: { availability: 0.999, source: 'Amazon Cognito SLA, https://aws.amazon.com/cognito/sla/' },
    external: { availability: 0.999, source: 'outside AWS: no SLA known to Resil; assumed 99.9%; set `sla` to what the provider commits to' },
};

export interface AvailabilityEstimates {
    /** The estimate of each component (a component inside a cell: one replica). */
    readonly of: ReadonlyMap<TopologyComponent, number>;
    /** The estimate of the component alone, before its dependencies: `sla` or the kind default. */
    readonly ownOf: ReadonlyMap<TopologyComponent, number>;
    /** How each Route 53 failover's figure comes about. */
    readonly failovers: ReadonlyMap<TopologyComponent, FailoverEstimate>;
}

/**
 * A failover is not instant and its two sides do not fail independently (analysis.md, "Availability estimate"):
 * each outage of the primary costs the switch time, what both sides depend on counts once, and a recovery that
 * needs a control plane (scaling a standby, promoting a replica) may not get it.
 */
export interface FailoverEstimate {
    readonly primary: TopologyComponent;
    readonly secondary: TopologyComponent;
    /** Each side without the shared dependencies. */
    readonly primaryValue: number;
    readonly secondaryValue: number;
    /** Dependencies of both sides, counted once. */
    readonly shared: readonly TopologyComponent[];
    readonly sharedValue: number;
    /** Detection and switch, in seconds. */
    readonly switchSeconds: number;
    /** The share of each primary outage spent switching: switchSeconds / MEAN_OUTAGE_SECONDS, at most 1. */
    readonly switchShare: number;
    /** Why the recovery needs a control plane, when it does. */
    readonly controlPlane: readonly string[];
    readonly value: number;
}

/** Assumed mean duration of an outage of a failover's primary: the switch time is lost from each one. */
export const MEAN_OUTAGE_SECONDS = 3600;
/** Assumed chance that a control plane answers during the event a recovery depends on it for. */
export const CONTROL_PLANE_AVAILABILITY = 0.99;

/** What every availability figure assumes; reports print them with the figures. */
export const AVAILABILITY_ASSUMPTIONS: readonly string[] = [
    'Each service is as available as its published SLA commits to (monthly uptime), or its `sla`; AZ redundancy is part of the region-level SLAs.',
    'Hard synchronous dependencies multiply (series); soft and asynchronous ones are left out; failures of different services are independent, except dependencies shared by both sides of a failover, which count once.',
    `A failover is not instant: each outage of the primary lasts ${MEAN_OUTAGE_SECONDS / 60} min on average (assumed), of which detection and switch (Route 53 health check interval x failure threshold + DNS TTL) are lost.`,
    `A recovery that needs a control plane (scaling a standby up, promoting a database replica) succeeds ${CONTROL_PLANE_AVAILABILITY * 100}% of the time (assumed: AWS Fault Isolation Boundaries, "rely on data planes, not control planes, during recovery").`,
];

/** The availability a component contributes on its own: its `sla`, else its kind's default for its placement. */
export function ownAvailability(component: TopologyComponent): number {
    const sla = 'sla' in component.ast ? component.ast.sla : undefined;
    if (typeof sla === 'number' && sla >= 0 && sla <= 100) return sla / 100;
    const entry = DEFAULT_AVAILABILITY[component.kind];
    if (entry.globalTable !== undefined && isGlobalTable(component)) return entry.globalTable;
    if (entry.singleAz !== undefined && isSingleAz(component)) return entry.singleAz;
    return entry.availability;
}

function isGlobalTable(component: TopologyComponent): boolean {
    return [...component.outgoing, ...component.incoming].some(e => e.kind === 'replica-of');
}

/** One AZ, or an ElastiCache that cannot fail over: the SLAs' single-AZ tier. */
function isSingleAz(component: TopologyComponent): boolean {
    if (component.placement !== 'zonal') return false;
    if (component.kind === 'elasticache') return component.azs.length < 2 || !canFailOver(component);
    // S3 Express One Zone keeps S3 Standard's figure; only One Zone-IA has the lower tier.
    if (component.kind === 's3') return component.ast.storage === 'one-zone';
    if (component.kind === 'aurora') return occupiedAzs(component).length < 2;
    return component.azs.length < 2;
}

/** 1 - product(1 - a): up while any one path is up. */
export function parallel(values: readonly number[]): number {
    return 1 - values.reduce((down, a) => down * (1 - a), 1);
}

/**
 * One estimate per component, each computed once: an iterative depth-first walk over hard synchronous edges (no
 * recursion, so deep chains cannot overflow the stack). A dependency still being computed (a cycle) counts as 1:
 * the cycle's members are already in the product.
 */
export function estimateAvailability(topology: Topology): AvailabilityEstimates {
    const of = new Map<TopologyComponent, number>();
    const ownOf = new Map<TopologyComponent, number>();
    const failovers = new Map<TopologyComponent, FailoverEstimate>();
    const inProgress = new Set<TopologyComponent>();
    const value = (c: TopologyComponent): number => of.get(c) ?? 1;
    const routed = cellsByRouter(topology);
    for (const root of topology.components) {
        if (of.has(root)) continue;
        const stack: Array<{ component: TopologyComponent; expanded: boolean }> = [{ component: root, expanded: false }];
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            if (of.has(top.component)) {
                stack.pop();
                continue;
            }
            if (!top.expanded) {
                top.expanded = true;
                inProgress.add(top.component);
                for (const dependency of seriesDependencies(routed, top.component)) {
                    if (!of.has(dependency) && !inProgress.has(dependency)) stack.push({ component: dependency, expanded: false });
                }
                continue;
            }
            stack.pop();
            inProgress.delete(top.component);
            const own = ownAvailability(top.component);
            ownOf.set(top.component, own);
            of.set(top.component, own * dependencyFactor(routed, top.component, value, failovers));
        }
    }
    return { of, ownOf, failovers };
}

/** Components whose estimates the estimate of `component` reads. */
function seriesDependencies(routed: CellsByRouter, component: TopologyComponent): TopologyComponent[] {
    const result = component.outgoing.filter(e => e.hard && e.sync).map(e => e.to);
    for (const cell of routed.get(component) ?? []) pushAll(result, cell.frontComponents);
    return result;
}

type CellsByRouter = ReadonlyMap<TopologyComponent, readonly TopologyCell[]>;

function cellsByRouter(topology: Topology): CellsByRouter {
    const result = new Map<TopologyComponent, TopologyCell[]>();
    for (const cell of topology.cells) {
        for (const router of cell.routers) result.set(router, [...(result.get(router) ?? []), cell]);
    }
    return result;
}

function dependencyFactor(routed: CellsByRouter, component: TopologyComponent, value: (c: TopologyComponent) => number,
    failovers: Map<TopologyComponent, FailoverEstimate>): number {
    let factor = 1;
    const failover: number[] = [];
    for (const edge of component.outgoing) {
        if (!edge.hard || !edge.sync) continue;
        const to = edge.to;
        // Another cell's service: any replica will do.
        const target = to.cell && to.cell !== component.cell ? parallel(Array(to.cell.count).fill(value(to))) : value(to);
        if (edge.kind === 'failover') failover.push(target);
        else factor *= target;
    }
    const pair = component.kind === 'route53' ? failoverPair(component) : undefined;
    if (pair) {
        const estimate = estimateFailover(component as ComponentOf<'route53'>, pair[0], pair[1], value);
        failovers.set(component, estimate);
        factor *= estimate.value;
    } else if (failover.length > 0) {
        factor *= parallel(failover);
    }
    for (const cell of routed.get(component) ?? []) {
        // A customer is served while any of its k cells is up; a replica needs all its front services.
        const replica = cell.frontComponents.reduce((a, front) => a * value(front), 1);
        factor *= parallel(Array(Math.min(shardSizeOf(component), Math.max(cell.count, 1))).fill(replica));
    }
    return factor;
}

function failoverPair(route53: TopologyComponent): [TopologyComponent, TopologyComponent] | undefined {
    const targets = route53.outgoing.filter(e => e.kind === 'failover').map(e => e.to);
    return targets.length === 2 && targets[0] !== targets[1] ? [targets[0], targets[1]] : undefined;
}

/**
 * 1 - (1 - primary) x (switch share + (1 - switch share) x (1 - secondary x control plane)), times what both sides
 * share: with no shared dependency, an instant switch and no control plane, the parallel formula.
 */
function estimateFailover(route53: ComponentOf<'route53'>, primary: TopologyComponent, secondary: TopologyComponent,
    value: (c: TopologyComponent) => number): FailoverEstimate {
    const fromPrimary = hardReach(primary);
    const shared = [...hardReach(secondary)].filter(c => fromPrimary.has(c));
    const sharedValue = shared.reduce((a, c) => a * ownAvailability(c), 1);
    const primaryValue = Math.min(1, value(primary) / sharedValue);
    const secondaryValue = Math.min(1, value(secondary) / sharedValue);
    const switchSeconds = route53SwitchTerms(route53).reduce((sum, t) => sum + t.seconds, 0);
    const switchShare = Math.min(1, switchSeconds / MEAN_OUTAGE_SECONDS);
    const controlPlane = controlPlaneSteps(primary, secondary);
    const takeover = secondaryValue * (controlPlane.length > 0 ? CONTROL_PLANE_AVAILABILITY : 1);
    const value_ = sharedValue * (1 - (1 - primaryValue) * (switchShare + (1 - switchShare) * (1 - takeover)));
    return { primary, secondary, primaryValue, secondaryValue, shared, sharedValue, switchSeconds, switchShare, controlPlane, value: value_ };
}

/** Everything a component reaches through hard synchronous dependencies, itself included. */
export function hardReach(from: TopologyComponent): Set<TopologyComponent> {
    const seen = new Set<TopologyComponent>([from]);
    const stack = [from];
    while (stack.length > 0) {
        for (const edge of stack.pop()!.outgoing) {
            if (!edge.hard || !edge.sync || seen.has(edge.to)) continue;
            seen.add(edge.to);
            stack.push(edge.to);
        }
    }
    return seen;
}

/** The recovery steps on the secondary's side that call a control plane: promoting a replica, scaling up a standby. */
function controlPlaneSteps(primary: TopologyComponent, secondary: TopologyComponent): string[] {
    const primarySide = [...hardReach(primary)];
    const steps: string[] = [];
    for (const c of hardReach(secondary)) {
        if ((c.kind === 'aurora' || c.kind === 'rds') && c.ast.replicaOf?.ref) steps.push(`promoting ${c.id} to writer`);
        const counterpart = primarySide.find(p => p !== c && p.kind === c.kind && p.name === c.name);
        const needed = counterpart?.capacity?.needs ?? counterpart?.capacity?.total;
        if ((c.kind === 'ecs' || c.kind === 'asg') && needed !== undefined && (c.capacity?.total ?? 0) < needed) {
            steps.push(`scaling ${c.id} from ${c.capacity?.total ?? 0} to ${needed} ${c.capacity?.unit ?? 'instances'}`);
        }
    }
    return steps;
}

/** 0.99995 as "99.995%": enough digits to tell it from the neighbouring nines. */
export function formatAvailability(a: number): string {
    const percent = a * 100;
    if (percent >= 100) return '100%';
    const nines = Math.max(2, Math.min(6, Math.ceil(-Math.log10(1 - a)) + 1));
    const text = percent.toFixed(nines - 2);
    // Beyond six nines the digits shown would round up to a 100% that no design reaches.
    if (Number(text) >= 100) return '> 99.9999%';
    return `${text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')}%`;
}

/** A share 0..1 as a percentage with at most two decimals: 1/6 as "16.67%". */
export function formatShare(share: number): string {
    return `${Math.round(share * 10000) / 100}%`;
}
