import type { TopologyComponent } from '../../model/topology.js';

/**
 * Components in declaration order: what a component points at (its queue, its DLQ, its table, its stream)
 * comes first, so every constructor argument names something already declared. Cycles keep model order.
 * A depth-first search with a stack of its own: a chain or cycle of 10,000 services would overflow the call stack.
 */
export function declarationOrder(components: readonly TopologyComponent[]): TopologyComponent[] {
    const members = new Set(components);
    const done = new Set<TopologyComponent>();
    const visiting = new Set<TopologyComponent>();
    const result: TopologyComponent[] = [];
    for (const start of components) {
        if (done.has(start)) continue;
        visiting.add(start);
        const path = [{ component: start, next: 0 }];
        while (path.length > 0) {
            const frame = path[path.length - 1];
            const edges = frame.component.outgoing;
            if (frame.next < edges.length) {
                const to = edges[frame.next++].to;
                if (members.has(to) && !done.has(to) && !visiting.has(to)) {
                    visiting.add(to);
                    path.push({ component: to, next: 0 });
                }
                continue;
            }
            path.pop();
            visiting.delete(frame.component);
            done.add(frame.component);
            result.push(frame.component);
        }
    }
    return result;
}
