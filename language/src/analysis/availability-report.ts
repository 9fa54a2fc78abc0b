import type { TopologyComponent } from '../model/topology.js';
import type { Analysis } from './analysis.js';
import { AVAILABILITY_ASSUMPTIONS, DEFAULT_AVAILABILITY, formatAvailability, type AvailabilityEstimates } from './availability.js';

/** An entry point's availability and how it comes about, one step a line; what `resil report` and the JSON print. */
export interface EntryAvailability {
    readonly entryPoint: string;
    readonly estimate: number;
    readonly derivation: readonly string[];
}

export interface AvailabilityJson {
    readonly entryPoints: Readonly<Record<string, { readonly estimate: number; readonly derivation: readonly string[] }>>;
    readonly assumptions: readonly string[];
}

export function entryAvailability(analysis: Analysis): EntryAvailability[] {
    const estimates = analysis.availability();
    return analysis.topology.entryPoints.map(entry => ({
        entryPoint: entry.id,
        estimate: estimates.of.get(entry) ?? 1,
        derivation: derivationOf(entry, estimates),
    }));
}

export function availabilityJson(analysis: Analysis): AvailabilityJson {
    return {
        entryPoints: Object.fromEntries(entryAvailability(analysis).map(e => [e.entryPoint, {
            // Fixed precision so that outputs compare byte for byte.
            estimate: Math.round(e.estimate * 1e9) / 1e9,
            derivation: e.derivation,
        }])),
        assumptions: AVAILABILITY_ASSUMPTIONS,
    };
}

function derivationOf(component: TopologyComponent, estimates: AvailabilityEstimates): string[] {
    const own = estimates.ownOf.get(component) ?? 1;
    const sla = 'sla' in component.ast && typeof component.ast.sla === 'number';
    const lines = [`${component.id} itself: ${formatAvailability(own)} (${sla ? 'its `sla`' : DEFAULT_AVAILABILITY[component.kind].source})`];
    for (const edge of component.outgoing) {
        if (!edge.hard || !edge.sync || edge.kind === 'failover') continue;
        lines.push(`x ${edge.to.id}, a hard synchronous dependency: ${formatAvailability(estimates.of.get(edge.to) ?? 1)}`);
    }
    const failover = estimates.failovers.get(component);
    if (failover) {
        lines.push(`x failover from ${failover.primary.id} (${formatAvailability(failover.primaryValue)}) to ${failover.secondary.id} (${formatAvailability(failover.secondaryValue)}): `
            + `${formatAvailability(failover.value)}`);
        lines.push(`  switching takes ${failover.switchSeconds} s, ${(failover.switchShare * 100).toFixed(2)}% of each outage of the primary`);
        if (failover.shared.length > 0) {
            lines.push(`  both sides depend on ${failover.shared.map(c => c.id).join(', ')} (${formatAvailability(failover.sharedValue)}), counted once`);
        }
        if (failover.controlPlane.length > 0) lines.push(`  the takeover needs a control plane: ${failover.controlPlane.join('; ')}`);
    }
    lines.push(`= ${formatAvailability(estimates.of.get(component) ?? 1)}`);
    return lines;
}
