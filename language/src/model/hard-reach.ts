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
        while (stack.length > 0) {
            const component = stack.pop()!;
            const next = component.outgoing.filter(e => e.hard && e.sync).map(e => e.to);
            for (const to of [...next, ...(cellsOf.get(component) ?? [])]) {
                if (reached.has(to)) continue;
                reached.set(to, entry);
                stack.push(to);
            }
        }
    }
    return reached;
}
