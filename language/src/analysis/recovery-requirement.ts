import type { RecoveryRequirement } from '../generated/ast.js';
import type { TopologyComponent } from '../model/topology.js';
import { parseDuration } from '../util/durations.js';
import type { Analysis } from './analysis.js';
import { formatSeconds, recoveryOf, type RecoveryFigure } from './recovery.js';
import type { RequirementResult } from './requirements.js';

/** Shares the requirements' tolerance: a figure exactly at the limit holds. */
const EPSILON = 1e-9;

/**
 * `require rto|rpo <disruption> <= T`: under every scenario of the disruption type, every entry point's estimated
 * recovery time (every store's recovery point) is at most T. The message names the worst scenario and its derivation.
 */
export function checkRecovery(analysis: Analysis, requirement: RecoveryRequirement): RequirementResult {
    const limit = parseDuration(requirement.max ?? '').seconds;
    const holds: RequirementResult = { requirement, holds: true, message: '', causes: [] };
    if (limit === undefined) return holds;
    const over = recoveryOf(analysis, requirement.disruption).flatMap(recovery =>
        (requirement.objective === 'rto' ? recovery.rto : recovery.rpo)
            .filter(f => f.seconds > limit + EPSILON)
            .map(f => ({ scenario: recovery.scenario.name, figure: f })))
        .sort((a, b) => b.figure.seconds - a.figure.seconds);
    if (over.length === 0) return holds;
    const worst = over[0];
    const what = requirement.objective === 'rto' ? 'entry point' : 'data store';
    const estimate = requirement.objective === 'rto' ? 'is estimated down for' : 'may lose';
    const others = [...new Set(over.slice(1).map(o => o.scenario).filter(s => s !== worst.scenario))];
    const message = `require ${requirement.objective} ${requirement.disruption} <= ${requirement.max} does not hold: when ${worst.scenario} fails, `
        + `${what} ${worst.figure.subject} ${estimate} ${requirement.objective === 'rpo' && !Number.isFinite(worst.figure.seconds) ? 'all its data' : formatSeconds(worst.figure.seconds)}`
        + ` (${derivation(worst.figure)})`
        + (others.length > 0 ? `; also over the limit when ${others.slice(0, 3).join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''} ${others.length === 1 ? 'fails' : 'fail'}` : '')
        + `. Fix: ${fixHint(requirement.objective, worst.figure)}`;
    const causes = analysis.topology.components.filter(c => over.some(o => c.instanceIds.includes(o.figure.subject)));
    return { requirement, holds: false, message, causes: unique<TopologyComponent>(causes) };
}

/** "Route 53 fails over ...: health check every 30s x 3 = 1m 30s + DNS TTL 1m". */
export function derivation(figure: RecoveryFigure): string {
    const slowest = figure.mechanisms.find(m => m.seconds === figure.seconds) ?? figure.mechanisms[0];
    if (!slowest) return 'nothing to recover';
    return `${slowest.name}: ${slowest.terms.map(t => (Number.isFinite(t.seconds) ? `${t.what} ${formatSeconds(t.seconds)}` : t.what)).join(' + ')}`;
}

function fixHint(objective: 'rto' | 'rpo', figure: RecoveryFigure): string {
    const text = figure.mechanisms.map(m => m.name + m.terms.map(t => t.what).join(' ')).join(' ');
    if (objective === 'rpo') {
        if (text.includes('without RTC')) return 'turn on S3 Replication Time Control (`rtc on`).';
        if (text.includes('no copy outside')) return 'replicate the store to another region (`replica of`), or back it up with cross-region copies.';
        if (text.includes('cannot go back')) return 'turn on point-in-time recovery (`pitr on`, `backup retain`) or versioning.';
        return 'replicate synchronously, or shorten the interval between copies.';
    }
    if (text.includes('health check')) return 'detect sooner (`health check every 10s threshold 2`) and lower the DNS `ttl`, or run active/active.';
    if (text.includes('scales from') || text.includes('cannot scale')) return 'run the standby at full capacity (warm standby or active/active) so it needs no scaling.';
    if (text.includes('operator')) return 'automate the failover (`failover managed`).';
    if (text.includes('stay down')) return 'shuffle-shard the router (`shuffle shard k`) so that customers of a failed cell move to another.';
    return 'add a standby that takes over automatically (a Route 53 failover, a replica in another AZ or region).';
}

function unique<T>(items: readonly T[]): T[] {
    return [...new Set(items)];
}
