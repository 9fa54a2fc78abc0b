import type { Topology, TopologyComponent } from './topology.js';

/**
 * What the entry points fail with: every component reached from one over hard synchronous edges (both origins or
 * records of a failover, the services of the cell a router routes to), each mapped to the first entry point that
 * reaches it. One walk over the whole topology, cached per topology version.
 */
const cache = new WeakMap<Topology, ReadonlyMap<TopologyComponent, TopologyComponent>>();

export function hardReach(topology: Topology): ReadonlyMap<TopologyComponent, TopologyComponent> {
    let reach = cache.get(topology);
    if (!reach) cache.set(topology, reach = walk(topology));
    return reach;
}

function walk(topology: Topology): Map<TopologyComponent, TopologyComponent> {
    const reached = new Map<TopologyComponent, TopologyComponent>();
    const cellsOf = new Map<TopologyComponent, TopologyComponent[]>();
    for (const cell of topology.cells) {
        for (const router of cell.routers) cellsOf.set(router, [...(cellsOf.get(router) ?? []), ...cell.frontComponents]);
    }
    for (const entry of topology.entryPoints) {
        if (reached.has(entry)) continue;
        reached.set(entry, entry);
        const stack = [entry];
        const reach = (to: TopologyComponent): void => {
            if (reached.has(to)) return;
            reached.set(to, entry);
            stack.push(to);
        };
        while (stack.length > 0) {
            const component = stack.pop()!;
            // Indexed: this walks the whole design, cold, where a for-of allocates at each step.
            const outgoing = component.outgoing;
            for (let i = 0; i < outgoing.length; i++) if (outgoing[i].hard && outgoing[i].sync) reach(outgoing[i].to);
            const cells = cellsOf.get(component);
            for (let i = 0; i < (cells?.length ?? 0); i++) reach(cells![i]);
        }
    }
    return reached;
}
