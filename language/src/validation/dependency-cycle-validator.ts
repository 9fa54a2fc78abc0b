import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Model, ResilAstType } from '../generated/ast.js';
import { getTopology, type DependencyEdge, type TopologyComponent } from '../model/topology.js';
import type { RuleReporter } from './rule-reporter.js';

/** Only hard, synchronous `uses` make a cycle fatal: a soft or async edge lets one side keep working. */
function isHardSyncUse(edge: DependencyEdge): boolean {
    return edge.kind === 'uses' && edge.hard && edge.sync;
}

/**
 * `dependency-cycle`: services that call each other synchronously cannot start or recover independently;
 * a failure anywhere in the cycle takes the whole cycle down (and blocks a cold start after it).
 * Every `uses` line inside a strongly connected component is reported, with one cycle through it.
 */
export class DependencyCycleValidator {
    constructor(private readonly reporter: RuleReporter) { }

    checks(): ValidationChecks<ResilAstType> {
        return {
            Model: (model, accept) => this.checkCycles(model, accept),
        };
    }

    private checkCycles(model: Model, accept: ValidationAcceptor): void {
        const topology = getTopology(model);
        const component = stronglyConnectedComponents(topology.components);
        for (const edge of topology.edges) {
            if (!isHardSyncUse(edge) || component.get(edge.from) !== component.get(edge.to)) continue;
            const path = pathWithin(edge.to, edge.from, component);
            const cycle = [edge.from, ...path].map(c => c.id).join(' → ');
            this.reporter.report(accept, 'dependency-cycle',
                `Dependency cycle ${cycle}: when any of them fails, all of them fail, and none can start first after an outage. Break the cycle with \`soft\` or \`async\` on one of these uses, or by a queue.`,
                { node: edge.source, property: 'target' });
        }
    }
}

/** Tarjan's algorithm, iterative (designs have thousands of services): component index per service. */
function stronglyConnectedComponents(nodes: readonly TopologyComponent[]): Map<TopologyComponent, number> {
    const index = new Map<TopologyComponent, number>();
    const low = new Map<TopologyComponent, number>();
    const component = new Map<TopologyComponent, number>();
    const stack: TopologyComponent[] = [];
    const onStack = new Set<TopologyComponent>();
    let counter = 0;
    let components = 0;
    for (const root of nodes) {
        if (index.has(root)) continue;
        const work: Array<{ node: TopologyComponent; next: number }> = [{ node: root, next: 0 }];
        index.set(root, counter); low.set(root, counter); counter++;
        stack.push(root); onStack.add(root);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const edges = frame.node.outgoing;
            if (frame.next < edges.length) {
                const edge = edges[frame.next++];
                if (!isHardSyncUse(edge)) continue;
                const to = edge.to;
                if (!index.has(to)) {
                    index.set(to, counter); low.set(to, counter); counter++;
                    stack.push(to); onStack.add(to);
                    work.push({ node: to, next: 0 });
                } else if (onStack.has(to)) {
                    low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
                }
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].node;
                low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
            }
            if (low.get(frame.node) === index.get(frame.node)) {
                let member: TopologyComponent;
                do {
                    member = stack.pop()!;
                    onStack.delete(member);
                    component.set(member, components);
                } while (member !== frame.node);
                components++;
            }
        }
    }
    return component;
}

/** A shortest path of hard, synchronous uses from `from` to `to` inside their strongly connected component. */
function pathWithin(from: TopologyComponent, to: TopologyComponent, component: Map<TopologyComponent, number>): TopologyComponent[] {
    const previous = new Map<TopologyComponent, TopologyComponent | undefined>([[from, undefined]]);
    const queue = [from];
    for (let i = 0; i < queue.length && !previous.has(to); i++) {
        for (const edge of queue[i].outgoing) {
            if (!isHardSyncUse(edge) || previous.has(edge.to) || component.get(edge.to) !== component.get(from)) continue;
            previous.set(edge.to, queue[i]);
            queue.push(edge.to);
        }
    }
    const path: TopologyComponent[] = [];
    for (let node: TopologyComponent | undefined = to; node; node = previous.get(node)) path.unshift(node);
    return path;
}
