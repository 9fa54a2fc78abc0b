import type { Topology, TopologyComponent } from '../model/topology.js';
import type { InstanceGraph } from './instance-graph.js';

/**
 * How the customers divide over the entry points (analysis.md, "Customers down"). An entry point's declared
 * `traffic P%` is its share; the entry points that declare none split what is left equally, instance by instance
 * (an entry point inside a cell has one instance per replica); shares that add up to more or less than 100% are
 * scaled to 100%. Without any declaration every entry point instance carries an equal share: an assumption the
 * output states (`trafficAssumption`), since a design's entry points rarely carry equal traffic.
 */

const weightsCache = new WeakMap<InstanceGraph, ReadonlyMap<number, number>>();

/** Each entry instance node's share of the customers, summing to 1 (empty without entry points). */
export function entryWeights(graph: InstanceGraph): ReadonlyMap<number, number> {
    let weights = weightsCache.get(graph);
    if (!weights) weightsCache.set(graph, weights = computeWeights(graph));
    return weights;
}

function declaredShare(component: TopologyComponent | undefined): number | undefined {
    const traffic = component && 'traffic' in component.ast ? component.ast.traffic : undefined;
    return typeof traffic === 'number' && Number.isFinite(traffic) && traffic >= 0 ? traffic / 100 : undefined;
}

function computeWeights(graph: InstanceGraph): Map<number, number> {
    const raw = new Map<number, number>();
    const instances = (node: number) => graph.instancesOf.get(graph.nodes[node].component!)?.length ?? 1;
    let declared = 0;
    const undeclared: number[] = [];
    for (const node of graph.entryNodes) {
        const share = declaredShare(graph.nodes[node].component);
        if (share === undefined) {
            undeclared.push(node);
        } else {
            raw.set(node, share / instances(node));
            declared += share / instances(node);
        }
    }
    const rest = undeclared.length > 0 ? Math.max(0, 1 - declared) / undeclared.length : 0;
    for (const node of undeclared) raw.set(node, rest);
    const total = [...raw.values()].reduce((sum, w) => sum + w, 0);
    const weights = new Map<number, number>();
    for (const [node, weight] of raw) weights.set(node, total > 0 ? weight / total : 1 / raw.size);
    return weights;
}

/**
 * What "customers down" assumes about the entry points, when it assumes anything: several entry points, some
 * without a declared `traffic` share. Undefined when there is nothing to assume.
 */
export function trafficAssumption(topology: Topology): string | undefined {
    const entries = topology.entryPoints;
    if (entries.length < 2) return undefined;
    const silent = entries.filter(e => declaredShare(e) === undefined);
    if (silent.length === 0) return undefined;
    const declare = 'declare `traffic P%` on an entry point to give its real share';
    if (silent.length === entries.length) {
        return `customers down assumes that each of the ${entries.length} entry points carries an equal share of the customers (${declare})`;
    }
    const rest = silent.length === 1
        ? `the entry point without \`traffic\` (${silent[0].id}) carries what the others leave`
        : `the ${silent.length} entry points without \`traffic\` share what the others leave equally`;
    return `customers down assumes that ${rest} (${declare})`;
}
