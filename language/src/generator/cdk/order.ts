import type { TopologyComponent } from '../../model/topology.js';

/**
 * Components in declaration order: what a component points at (its queue, its DLQ, its table, its stream)
 * comes first, so every constructor argument names something already declared. Cycles keep model order.
 */
export function declarationOrder(components: readonly TopologyComponent[]): TopologyComponent[] {
    const members = new Set(components);
    const done = new Set<TopologyComponent>();
    const visiting = new Set<TopologyComponent>();
    const result: TopologyComponent[] = [];
    const visit = (component: TopologyComponent) => {
        if (done.has(component) || visiting.has(component)) return;
        visiting.add(component);
        for (const edge of component.outgoing) {
            if (members.has(edge.to) && edge.to !== component) visit(edge.to);
        }
        visiting.delete(component);
        done.add(component);
        result.push(component);
    };
    for (const component of components) visit(component);
    return result;
}
