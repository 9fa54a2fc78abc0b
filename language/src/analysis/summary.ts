import { formatShare } from './availability.js';
import type { ScenarioOutcome } from './simulation.js';

/** "0 failed, 3 degraded, entry points ok": one line for code lens, hover and reports. */
export function outcomeSummary(outcome: ScenarioOutcome): string {
    const parts = [`${outcome.failed.length} failed`, `${outcome.degraded.length} degraded`, entryPointsSummary(outcome)];
    if (outcome.customersDown > 0) parts.push(`${formatShare(outcome.customersDown)} of customers down`);
    return parts.join(', ');
}

/** "entry points ok", or the entry points that are not: "entry points: dns degraded". */
export function entryPointsSummary(outcome: ScenarioOutcome): string {
    const entries = [...outcome.entryPoints];
    if (entries.length === 0) return 'no entry points';
    const bad = entries.filter(([, state]) => state !== 'ok');
    if (bad.length === 0) return 'entry points ok';
    return `entry point${bad.length === 1 ? '' : 's'} ${bad.map(([name, state]) => `${name} ${state}`).join(', ')}`;
}
