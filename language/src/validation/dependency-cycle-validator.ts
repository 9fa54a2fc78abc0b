import type { ValidationAcceptor } from 'langium';
import type { Model } from '../generated/ast.js';
import { getTopology, type DependencyEdge, type TopologyComponent } from '../model/topology.js';
import { andListUpTo, thousands } from '../util/wording.js';
import type { RuleReporter } from './rule-reporter.js';

/** Names a finding lists at most: a cycle of 10,000 services must not make a message of 10,000 names. */
const NAMES_SHOWN = 10;

/** Only hard, synchronous `uses` make a cycle fatal: a soft or async edge lets one side keep working. */
function isHardSyncUse(edge: DependencyEdge): boolean {
    return edge.kind === 'uses' && edge.hard && edge.sync;
}

/**
 * `dependency-cycle`: services that call each other synchronously cannot start or recover independently;
 * a failure anywhere in the cycle takes the whole cycle down (and blocks a cold start after it).
 * One finding per strongly connected component, on the `uses` of its first declared member that starts a shortest
 * cycle back to it: one finding per cycle, linear in the design, however long the cycle.
 */
export class DependencyCycleValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkCycles = (model: Model, accept: ValidationAcceptor): void => {
        for (const component of cyclicComponents(getTopology(model).components)) {
            const members = inDeclarationOrder(component);
            const first = members[0];
            const cycle = shortestCycleThrough(first, new Set(members));
            const onCycle = new Set(cycle.map(edge => edge.from));
            const others = members.filter(member => !onCycle.has(member));
            const entangled = others.length === 0 ? '' :
                ` With ${andListUpTo(others.map(member => member.id), NAMES_SHOWN)}, ${thousands(members.length)} services depend on each other in cycles.`;
            this.reporter.report(accept, 'dependency-cycle',
                `Dependency cycle ${cyclePath(cycle)}: when any of them fails, all of them fail, and none can start first after an outage.${entangled} Break the cycle with \`soft\` or \`async\` on one of its uses (this one, for instance), or by a queue.`,
                { node: cycle[0].source, property: 'target' });
        }
    };
}

/** `a → b → c → a`; a long cycle shows its first members only: `a → b → … → j and 9,990 more, back to a`. */
function cyclePath(cycle: readonly DependencyEdge[]): string {
    const names = cycle.map(edge => edge.from.id);
    const start = names[0];
    if (names.length <= NAMES_SHOWN) return [...names, start].join(' → ');
    return `${names.slice(0, NAMES_SHOWN).join(' → ')} and ${thousands(names.length - NAMES_SHOWN)} more, back to ${start}`;
}

function inDeclarationOrder(members: readonly TopologyComponent[]): TopologyComponent[] {
    // A CST node computes its offset on each call: once per member, not once per comparison.
    const offsets = members.map(member => ({ member, offset: member.ast.$cstNode?.offset ?? Number.MAX_SAFE_INTEGER }));
    return offsets.sort((a, b) => a.offset - b.offset).map(entry => entry.member);
}

/**
 * The strongly connected components of hard, synchronous uses that contain a cycle (several members, or one that
 * uses itself). Tarjan's algorithm, iterative: designs have thousands of services and a recursion would overflow.
 * What it knows of each component is kept in arrays by `index`: `nodes` are the topology's components. A component
 * without a hard, synchronous use of its own (a store, a queue: most of a design) is a component of its own at once
 * and never on the stack: it is only numbered.
 */
function cyclicComponents(nodes: readonly TopologyComponent[]): TopologyComponent[][] {
    const unvisited = -1;
    const index = new Int32Array(nodes.length).fill(unvisited);
    const low = new Int32Array(nodes.length);
    const onStack = new Uint8Array(nodes.length);
    const stack: TopologyComponent[] = [];
    const cyclic: TopologyComponent[][] = [];
    let counter = 0;
    // The depth-first walk's frames: a component, and the next of its edges to follow.
    const work: TopologyComponent[] = [];
    const nextEdge: number[] = [];
    const visit = (node: TopologyComponent): void => {
        index[node.index] = low[node.index] = counter++;
        if (!node.outgoing.some(isHardSyncUse)) return;
        stack.push(node);
        onStack[node.index] = 1;
        work.push(node);
        nextEdge.push(0);
    };
    for (let r = 0; r < nodes.length; r++) {
        if (index[nodes[r].index] !== unvisited) continue;
        visit(nodes[r]);
        while (work.length > 0) {
            const top = work.length - 1;
            const node = work[top];
            const edges = node.outgoing;
            if (nextEdge[top] < edges.length) {
                const edge = edges[nextEdge[top]++];
                if (!isHardSyncUse(edge)) continue;
                const to = edge.to;
                if (index[to.index] === unvisited) visit(to);
                else if (onStack[to.index]) low[node.index] = Math.min(low[node.index], index[to.index]);
                continue;
            }
            work.pop();
            nextEdge.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1];
                low[parent.index] = Math.min(low[parent.index], low[node.index]);
            }
            if (low[node.index] !== index[node.index]) continue;
            // A component of one member (almost all of them) is cyclic only when it uses itself.
            if (stack[stack.length - 1] === node) {
                stack.pop();
                onStack[node.index] = 0;
                if (usesItself(node)) cyclic.push([node]);
                continue;
            }
            const members: TopologyComponent[] = [];
            let member: TopologyComponent;
            do {
                member = stack.pop()!;
                onStack[member.index] = 0;
                members.push(member);
            } while (member !== node);
            cyclic.push(members);
        }
    }
    return cyclic;
}

function usesItself(component: TopologyComponent): boolean {
    return component.outgoing.some(edge => isHardSyncUse(edge) && edge.to === component);
}

/**
 * A shortest cycle of hard, synchronous uses from `start` back to it, as its edges in order: a breadth-first
 * search that stays inside `start`'s strongly connected component, so it costs that component's size once.
 */
function shortestCycleThrough(start: TopologyComponent, component: ReadonlySet<TopologyComponent>): DependencyEdge[] {
    const reachedBy = new Map<TopologyComponent, DependencyEdge>();
    const queue = [start];
    let closing: DependencyEdge | undefined;
    for (let i = 0; i < queue.length && !closing; i++) {
        for (const edge of queue[i].outgoing) {
            if (!isHardSyncUse(edge) || !component.has(edge.to)) continue;
            if (edge.to === start) { closing = edge; break; }
            if (reachedBy.has(edge.to)) continue;
            reachedBy.set(edge.to, edge);
            queue.push(edge.to);
        }
    }
    const cycle: DependencyEdge[] = [];
    for (let edge = closing; edge; edge = edge.from === start ? undefined : reachedBy.get(edge.from)) cycle.push(edge);
    return cycle.reverse();
}
