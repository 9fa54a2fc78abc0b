import {
    isAvailabilityRequirement, isBlastRadiusRequirement, isRecoveryRequirement, isSurviveRequirement, type Requirement,
} from '../generated/ast.js';
import type { TopologyComponent } from '../model/topology.js';
import { hardReach } from '../model/hard-reach.js';
import type { Analysis } from './analysis.js';
import { formatAvailability, formatShare } from './availability.js';
import { State, type InstanceGraph } from './instance-graph.js';
import { describeTarget } from './scenarios.js';
import type { ScenarioOutcome } from './simulation.js';
import { andList } from '../util/wording.js';
import { checkRecovery } from './recovery-requirement.js';

/** Whether a `require` line holds (analysis.md, "Requirements") and, when not, why and because of what. */
export interface RequirementResult {
    readonly requirement: Requirement;
    readonly holds: boolean;
    /** Names the failing scenario(s) and entry points, and says how to fix it. Empty when it holds. */
    readonly message: string;
    /** The services that cause the violation, for related information. */
    readonly causes: readonly TopologyComponent[];
}

/** Shares and availabilities are floating point: a requirement exactly met must hold. */
const EPSILON = 1e-9;

export function checkRequirement(analysis: Analysis, requirement: Requirement): RequirementResult {
    if (isSurviveRequirement(requirement)) return checkSurvive(analysis, requirement);
    if (isBlastRadiusRequirement(requirement)) return checkCellLoss(analysis, requirement);
    if (isAvailabilityRequirement(requirement)) return checkAvailability(analysis, requirement);
    if (isRecoveryRequirement(requirement)) return checkRecovery(analysis, requirement);
    return holds(requirement);
}

function holds(requirement: Requirement): RequirementResult {
    return { requirement, holds: true, message: '', causes: [] };
}

function checkSurvive(analysis: Analysis, requirement: Requirement & { loss: 'az-loss' | 'region-loss' }): RequirementResult {
    const kind = requirement.loss === 'az-loss' ? 'az' : 'region';
    const failing = analysis.singleFailures().filter(o =>
        o.scenario.targets[0]?.kind === kind && o.failedEntryPoints > 0);
    const pools = requirement.loss === 'region-loss' ? userPools(analysis) : undefined;
    if (failing.length === 0) return pools ? { requirement, holds: false, message: `require survive region-loss does not hold: ${pools.reason}`, causes: pools.causes } : holds(requirement);
    const first = failing[0];
    const failedEntries = [...first.entryPoints].filter(([, s]) => s === 'failed').map(([name]) => name);
    const causes = rootCauses(first, entryNodesFailed(first));
    const others = failing.slice(1).map(o => o.scenario.name);
    const message = `require survive ${requirement.loss} does not hold: when ${describeTarget(first.scenario.targets[0])} fails, `
        + `entry point${failedEntries.length === 1 ? '' : 's'} ${failedEntries.join(', ')} ${failedEntries.length === 1 ? 'fails' : 'fail'}`
        + (causes.length > 0 ? ` because ${causes.map(c => c.reason).join('; ')}` : '')
        + (others.length > 0 ? ` (also when ${others.join(', ')} ${others.length === 1 ? 'fails' : 'fail'})` : '')
        + `. ${fixHint(causes, requirement.loss)}`
        + (pools ? ` Besides, ${pools.reason}` : '');
    return { requirement, holds: false, message, causes: unique([...causes.map(c => c.component), ...pools?.causes ?? []]) };
}

/**
 * A Cognito user pool is regional and AWS does not replicate it: a pool in another region holds other users, so
 * an entry point that needs one (hard, synchronous) cannot serve its users from another region, whatever the
 * simulation's failover says. https://docs.aws.amazon.com/cognito/latest/developerguide/disaster-recovery-resiliency.html
 */
function userPools(analysis: Analysis): { reason: string; causes: TopologyComponent[] } | undefined {
    // Without a user pool in the design, none is on an entry point's path: no walk of the whole design to find none.
    if (!analysis.topology.components.some(component => component.kind === 'cognito')) return undefined;
    const pools = [...hardReach(analysis.topology)].filter(([component]) => component.kind === 'cognito')
        .sort(([a], [b]) => a.id.localeCompare(b.id));
    if (pools.length === 0) return undefined;
    const [pool, entry] = pools[0];
    const others = pools.slice(1).map(([c]) => c.id);
    const reason = `entry point ${entry.id} signs its users in with Cognito user pool ${pool.id}`
        + (others.length > 0 ? ` (also ${andList(others)})` : '')
        + `, and a user pool is regional: Cognito does not replicate it to another region, so when ${pool.region?.id ?? 'its region'} fails, its users cannot sign in anywhere else (a pool in another region holds other users). `
        + 'Fix: keep the users where another region can read them too (an identity provider that replicates, or a pool per region that users are migrated to on sign-in by a Lambda trigger).';
    return { reason, causes: pools.map(([c]) => c) };
}

function checkCellLoss(analysis: Analysis, requirement: Requirement & { max: number }): RequirementResult {
    const limit = requirement.max / 100;
    const failing = analysis.singleFailures()
        .filter(o => o.scenario.targets[0]?.kind === 'cell-replica' && o.customersDown > limit + EPSILON)
        .sort((a, b) => b.customersDown - a.customersDown);
    if (failing.length === 0) return holds(requirement);
    const worst = failing[0];
    const target = worst.scenario.targets[0];
    const cell = target.kind === 'cell-replica' ? target.cell : undefined;
    const routers = cell?.routers ?? [];
    const others = failing.slice(1).map(o => o.scenario.name);
    const advice = cell && routers.length > 0
        ? `route customers to ${cell.count > 2 ? `k of the ${cell.count} cells with \`shuffle shard k\`` : 'more cells'} (a customer is down only when all k of its cells are)`
        : cell ? `put a \`router ... over ${cell.name}\` in front of the cell so that one cell only affects its own customers` : '';
    const message = `require blast-radius cell-loss <= ${requirement.max}% does not hold: when ${describeTarget(target)} fails, `
        + `${formatShare(worst.customersDown)} of customers are down`
        + (others.length > 0 ? ` (also too many when ${others.slice(0, 3).join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''} fail)` : '')
        + (advice ? `. Fix: ${advice}.` : '.');
    return { requirement, holds: false, message, causes: routers.length > 0 ? routers : cell?.frontComponents ?? [] };
}

function checkAvailability(analysis: Analysis, requirement: Requirement & { target: number }): RequirementResult {
    const target = requirement.target / 100;
    const estimates = analysis.availability();
    const below = analysis.topology.entryPoints
        .map(entry => ({ entry, value: estimates.of.get(entry) ?? 1 }))
        .filter(e => e.value < target - EPSILON);
    if (below.length === 0) return holds(requirement);
    const weakest = below.map(({ entry }) => weakestDependency(entry, estimates.of));
    const message = `require availability ${requirement.target}% does not hold: `
        + below.map(({ entry, value }, i) => `entry point ${entry.id} is estimated at ${formatAvailability(value)}`
            + (weakest[i] ? ` (weakest hard dependency: ${weakest[i]!.id} at ${formatAvailability(estimates.of.get(weakest[i]!) ?? 1)})` : ''))
            .join('; ')
        + '. Fix: add redundancy (a Route 53 failover, cells behind a router) or remove hard synchronous dependencies (make them soft or async).';
    return {
        requirement, holds: false, message,
        causes: unique([...below.map(b => b.entry), ...weakest.filter((c): c is TopologyComponent => c !== undefined)]),
    };
}

function weakestDependency(component: TopologyComponent, estimates: ReadonlyMap<TopologyComponent, number>): TopologyComponent | undefined {
    let weakest: TopologyComponent | undefined;
    for (const edge of component.outgoing) {
        if (!edge.hard || !edge.sync || edge.kind === 'failover') continue;
        if (!weakest || (estimates.get(edge.to) ?? 1) < (estimates.get(weakest) ?? 1)) weakest = edge.to;
    }
    return weakest;
}

export interface RootCause {
    readonly component: TopologyComponent;
    readonly node: number;
    /** Why it fails on its own: "use1.api has 4 of 9 tasks left, needs 6". */
    readonly reason: string;
}

function entryNodesFailed(outcome: ScenarioOutcome): number[] {
    return outcome.graph.entryNodes.filter(n => outcome.stateOf(n) === State.Failed);
}

/**
 * The instances that failed on their own (placement, a direct failure) and whose failure reached `from`: walked back
 * along the inputs that fail their node (a failed hard synchronous dependency, a redundant group all failed).
 */
export function rootCauses(outcome: ScenarioOutcome, from: readonly number[]): RootCause[] {
    const { graph } = outcome;
    const seen = new Set<number>();
    const causes: RootCause[] = [];
    const stack = [...from];
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (seen.has(node) || outcome.stateOf(node) !== State.Failed) continue;
        seen.add(node);
        const component = graph.nodes[node].component;
        if (outcome.failedOnItsOwn(node)) {
            if (component) causes.push({ component, node, reason: ownFailureReason(outcome, node) });
            continue;
        }
        for (const term of graph.nodes[node].terms) {
            if (term.onFailed !== State.Failed) continue;
            if (term.targets.every(t => outcome.stateOf(t) === State.Failed)) stack.push(...term.targets);
        }
    }
    return causes.sort((a, b) => a.component.id.localeCompare(b.component.id));
}

export function ownFailureReason(outcome: ScenarioOutcome, node: number): string {
    const { graph } = outcome;
    const { name, component } = graph.nodes[node];
    if (!component) return `${name} fails`;
    const left = outcome.capacityLeft.get(name);
    const failedRegion = outcome.scenario.targets.some(t => t.kind === 'region' && t.region === component.region);
    if (failedRegion) return `${name} is in region ${component.region!.id}`;
    const direct = outcome.scenario.targets.some(t => directlyNames(graph, t, node));
    if (direct) return `${name} is failed directly`;
    const egress = outcome.egressLost.get(name);
    if (egress) {
        const azs = andList(egress.azs.map(az => az.id));
        const gateways = andList(egress.gateways.map(az => az.id));
        return `${name} loses its way out of the VPC: its instances in ${azs} reach AWS services through the NAT gateway in ${gateways}`;
    }
    if (left && left.total > 0 && left.left > 0 && left.needs !== undefined && left.left < left.needs) {
        return `${name} has ${left.left} of ${left.total} ${left.unit} left and needs ${left.needs}`;
    }
    if ((component.kind === 'aurora' || component.kind === 'rds') && component.azs.length > 0) {
        return `${name} loses its writer's AZ (${component.azs[0].id}) and has no reader or standby in another AZ to take over`;
    }
    if (component.kind === 'elasticache' && (!left || left.left > 0)) {
        return `${name} loses its primary's AZ (${component.azs[0]?.id}) and cannot fail over to a replica in another AZ`;
    }
    return `${name} has no instance left in the AZs still up`;
}

function directlyNames(graph: InstanceGraph, target: ScenarioOutcome['scenario']['targets'][number], node: number): boolean {
    const n = graph.nodes[node];
    switch (target.kind) {
        case 'service': return target.component === n.component && (target.replica === undefined || target.replica === n.replica);
        case 'cell': return target.cell === n.cell;
        case 'cell-replica': return target.cell === n.cell && target.replica === n.replica;
        default: return false;
    }
}

function fixHint(causes: readonly RootCause[], loss: 'az-loss' | 'region-loss'): string {
    if (loss === 'region-loss') {
        return 'Fix: give each entry point a standby in another region (`route53 ... failover primary X secondary Y`).';
    }
    const reasons = causes.map(c => c.reason).join(' ');
    if (reasons.includes('needs')) return 'Fix: run enough tasks that the AZs left after losing one still hold `needs` (static stability).';
    if (reasons.includes('take over')) return 'Fix: give the database a reader (Aurora `readers`) or a standby (RDS `multi-az on`) in another AZ.';
    if (reasons.includes('NAT gateway')) return 'Fix: give each AZ of the VPC services its own NAT gateway (`nat ... in` every AZ), or a VPC endpoint for the AWS services they call.';
    if (reasons.includes('fail over')) return 'Fix: set `multi-az on`, `failover auto` and at least one replica in another AZ.';
    return 'Fix: place the services in at least two AZs.';
}

function unique<T>(items: readonly T[]): T[] {
    return [...new Set(items)];
}
