import type { ScenarioJson } from '../protocol/failures.js';
import type { NodeState } from './blast-states.js';
import { allNodes, type DiagramEdge, type DiagramModel, type DiagramNode } from './diagram-types.js';

/**
 * Cause and effect under a failure: which elements were failed on purpose (the cause), and why each other failed
 * or degraded element is so, in words a reader checks against the drawing (`needs sessions, failed`). Read from
 * the scenario and the drawn model alone, so that the webview and the exports say the same.
 */
export interface FailureReason {
    /** Failed on purpose: the scenario's own target, not a consequence. */
    readonly cause: boolean;
    readonly text: string;
}

export interface CapacityLost {
    readonly left: number;
    readonly total: number;
    readonly needs?: number;
    readonly unit: string;
}

export interface FailureExplanation {
    /** By node id: only failed or degraded nodes, and the causes. */
    readonly reasons: ReadonlyMap<string, FailureReason>;
    /** Zonal services that lost instances, failed or not: what is left of what they run. */
    readonly capacity: ReadonlyMap<string, CapacityLost>;
    /** The failover edges traffic takes under the failure (the primary's target is down, the secondary's is not). */
    readonly failoverTaken: ReadonlySet<string>;
}

export function explainFailure(model: DiagramModel, scenario: ScenarioJson, states: ReadonlyMap<string, NodeState>): FailureExplanation {
    const injected = new Set(scenario.fail);
    const nodes = [...allNodes(model.nodes)];
    const byId = new Map(nodes.map(n => [n.id, n]));
    const failedAzs = new Set(nodes.filter(n => n.kind === 'az' && (injected.has(n.id) || injected.has(regionOf(n.id)))).map(n => n.id));
    const stateOf = (id: string) => states.get(id)?.state ?? 'ok';
    const name = (id: string) => byId.get(id)?.label ?? id;
    const dependencies = new Map<string, DiagramEdge[]>();
    for (const edge of model.edges) {
        // What a node depends on: what it calls, what it reads (consumes arrows point at the reader).
        const [from, to] = edge.kind === 'consumes' ? [edge.target, edge.source] : [edge.source, edge.target];
        if (edge.kind === 'hard' || edge.kind === 'soft' || edge.kind === 'consumes' || edge.kind === 'routes') {
            dependencies.set(from, [...dependencies.get(from) ?? [], { ...edge, source: from, target: to }]);
        }
    }

    const taken = failoverTaken(model.edges, stateOf);
    const failsOverTo = new Map(model.edges.filter(e => taken.has(e.id) && e.label === 'secondary').map(e => [e.source, e.target]));
    const reasons = new Map<string, FailureReason>();
    const lost = new Map<string, CapacityLost>();
    for (const node of nodes) {
        const ids = [node.id, ...node.instanceIds ?? [], ...node.replicaIds ?? []];
        if (ids.some(id => injected.has(id))) {
            reasons.set(node.id, { cause: true, text: 'the injected failure: the cause of the rest' });
            continue;
        }
        if (node.kind !== 'service') continue;
        const capacity = capacityLost(node, failedAzs);
        if (capacity) lost.set(node.id, capacity);
        const state = stateOf(node.id);
        if (state === 'ok') continue;
        const text = (() => {
            if (injected.has(regionOf(node.id))) return `its region ${regionOf(node.id)} failed`;
            const standby = failsOverTo.get(node.id);
            if (standby) return `primary down, fails over to ${standby}`;
            const lostRoute = model.edges.find(e => e.kind === 'failover' && e.source === node.id && stateOf(e.target) === 'failed');
            if (lostRoute) return `${lostRoute.label ?? 'failover'} ${lostRoute.target} failed`;
            if (capacity && capacity.left === 0) return `runs only in failed AZ${lostAzs(node, failedAzs).length > 1 ? 's' : ''} ${lostAzs(node, failedAzs).join(', ')}`;
            if (capacity && capacity.needs !== undefined && capacity.left < capacity.needs) return `${capacity.left}/${capacity.total} ${capacity.unit} left, needs ${capacity.needs}`;
            const deps = dependencies.get(node.id) ?? [];
            const hardDown = deps.find(d => d.kind !== 'soft' && stateOf(d.target) === 'failed');
            if (hardDown && state === 'failed') return `needs ${name(hardDown.target)}, failed`;
            const softDown = deps.find(d => d.kind === 'soft' && stateOf(d.target) !== 'ok');
            if (softDown) return `soft dependency ${name(softDown.target)} ${stateOf(softDown.target)}`;
            const partly = deps.find(d => stateOf(d.target) !== 'ok');
            if (partly) return `${name(partly.target)} ${stateOf(partly.target)}${states.get(partly.target)?.note ? ` (${states.get(partly.target)!.note})` : ''}`;
            if (capacity) return `${capacity.left}/${capacity.total} ${capacity.unit} left`;
            return states.get(node.id)?.note ?? state;
        })();
        reasons.set(node.id, { cause: false, text });
    }
    return { reasons, capacity: lost, failoverTaken: taken };
}

/** `4/6 tasks, needs 4`: what a capacity bar says. */
export function capacityText(capacity: CapacityLost): string {
    return `${capacity.left}/${capacity.total} ${capacity.unit}${capacity.needs !== undefined ? `, needs ${capacity.needs}` : ''}`;
}

/** A service's instances left in the AZs still up, when it lost some. */
function capacityLost(node: DiagramNode, failedAzs: ReadonlySet<string>): CapacityLost | undefined {
    const slots = node.azSlots?.filter(s => s.used) ?? [];
    if (!node.capacity || !slots.some(s => failedAzs.has(s.az))) return undefined;
    const total = slots.reduce((n, s) => n + s.count, 0);
    const left = slots.filter(s => !failedAzs.has(s.az)).reduce((n, s) => n + s.count, 0);
    return { left, total, unit: node.capacity.unit, ...(node.capacity.needs !== undefined && { needs: node.capacity.needs }) };
}

function lostAzs(node: DiagramNode, failedAzs: ReadonlySet<string>): string[] {
    return (node.azSlots ?? []).filter(s => s.used && failedAzs.has(s.az)).map(s => s.label);
}

/** Route 53 fails over when its primary's target is down and its secondary's is not. */
function failoverTaken(edges: readonly DiagramEdge[], stateOf: (id: string) => string): Set<string> {
    const taken = new Set<string>();
    const bySource = new Map<string, DiagramEdge[]>();
    for (const edge of edges) if (edge.kind === 'failover') bySource.set(edge.source, [...bySource.get(edge.source) ?? [], edge]);
    for (const pair of bySource.values()) {
        const primary = pair.find(e => e.label === 'primary');
        const secondary = pair.find(e => e.label === 'secondary');
        if (!primary || !secondary) continue;
        const primaryDown = stateOf(primary.target) === 'failed';
        taken.add(primaryDown && stateOf(secondary.target) !== 'failed' ? secondary.id : primary.id);
    }
    return taken;
}

/** The region of a qualified name (`use1` of `use1.payments.ledger`). */
function regionOf(id: string): string {
    const dot = id.indexOf('.');
    return dot < 0 ? id : id.slice(0, dot);
}
