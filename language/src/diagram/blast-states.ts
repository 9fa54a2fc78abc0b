import type { ScenarioJson } from '../protocol/failures.js';
import { allNodes, type DiagramModel, type DiagramNode, type ElementState } from './diagram-types.js';
import { isCollapsed } from './diagram-view.js';

/** How a node is coloured under a scenario; `note` says how much of a node drawn once for many is down. */
export interface NodeState {
    readonly state: ElementState;
    readonly note?: string;
}

/**
 * Colours the diagram from one blast-radius scenario (the `resil blast-radius --format json` shape). The
 * analysis names services per replica (`use1.payments[2].ledger`); nodes drawn once for several replicas, and
 * collapsed containers, take the states of what they stand for.
 */
export function statesOf(model: DiagramModel, scenario: ScenarioJson): Map<string, NodeState> {
    const failed = new Set([...scenario.failed, ...scenario.fail]);
    const degraded = new Set(scenario.degraded);
    const stateOfName = (id: string): ElementState => failed.has(id) ? 'failed' : degraded.has(id) ? 'degraded' : 'ok';
    const states = new Map<string, NodeState>();
    const regionFailed = new Set<string>();

    for (const node of allNodes(model.nodes)) {
        const state = nodeState(node, stateOfName, regionFailed);
        if (node.kind === 'region' && state.state === 'failed') regionFailed.add(node.id);
        if (state.state !== 'ok' || state.note) states.set(node.id, state);
    }
    return states;
}

function nodeState(node: DiagramNode, stateOfName: (id: string) => ElementState, regionFailed: ReadonlySet<string>): NodeState {
    const own = stateOfName(node.id);
    if (own !== 'ok') return { state: own };
    switch (node.kind) {
        case 'az': {
            const region = node.id.slice(0, node.id.lastIndexOf('.'));
            return { state: regionFailed.has(region) ? 'failed' : 'ok' };
        }
        case 'service':
            return node.instanceIds ? share(node.instanceIds.map(stateOfName), down => `failed in ${down}`) : { state: 'ok' };
        case 'cell': {
            const inner = isCollapsed(node) ? node.hiddenIds : [...allNodes(node.children)].flatMap(c => c.instanceIds ?? [c.id]);
            if (node.replicaIds && node.replica === undefined) {
                // One box for all replicas: each replica is down when failed directly or when its services are.
                return share(node.replicaIds.map(r => replicaState(r, inner.filter(id => id.startsWith(`${r}.`)), stateOfName)), down => `${down} cells down`);
            }
            return { state: worst(inner.map(stateOfName)) === 'ok' ? 'ok' : 'degraded' };
        }
        default:
            if (isCollapsed(node)) return { state: worst(node.hiddenIds.map(stateOfName)) === 'ok' ? 'ok' : 'degraded' };
            return { state: 'ok' };
    }
}

function replicaState(replica: string, services: readonly string[], stateOfName: (id: string) => ElementState): ElementState {
    const own = stateOfName(replica);
    if (own !== 'ok') return own;
    const states = services.map(stateOfName);
    if (states.length > 0 && states.every(s => s === 'failed')) return 'failed';
    return states.some(s => s !== 'ok') ? 'degraded' : 'ok';
}

/** Several instances drawn once: failed when all are, degraded with a count (`2/4`) when some are. */
function share(states: readonly ElementState[], note: (down: string) => string): NodeState {
    const down = states.filter(s => s === 'failed').length;
    if (states.length > 0 && down === states.length) return { state: 'failed', note: note(`${down}/${down}`) };
    if (down > 0) return { state: 'degraded', note: note(`${down}/${states.length}`) };
    return { state: states.some(s => s === 'degraded') ? 'degraded' : 'ok' };
}

function worst(states: readonly ElementState[]): ElementState {
    return states.includes('failed') ? 'failed' : states.includes('degraded') ? 'degraded' : 'ok';
}
