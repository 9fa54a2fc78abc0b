import type { ValidationAcceptor } from 'langium';
import type { Model } from '../generated/ast.js';
import { getAnalysis, type Analysis } from '../analysis/analysis.js';
import { formatShare } from '../analysis/availability.js';
import { State } from '../analysis/instance-graph.js';
import type { FailureScenario } from '../analysis/scenarios.js';
import { getTopology, type DependencyEdge, type TopologyCell, type TopologyComponent } from '../model/topology.js';
import type { RuleReporter } from './rule-reporter.js';

/**
 * `cell-shared-fate`: cells contain a failure only if nothing they need hard sits outside them. `cell-isolation`
 * sees calls into a cell; this sees the other direction, a service, store, stream or queue outside the cells that
 * every replica calls (hard, synchronous). Whether its failure really fails every replica is asked of the
 * simulation itself (the same outcome `resil blast-radius --fail` prints), so failover pairs, soft calls further
 * down and a cell's inner structure count as they do everywhere else.
 */
export class SharedFateValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkModel = (model: Model, accept: ValidationAcceptor): void => {
        if (!model.system) return;
        const topology = getTopology(model);
        const edgesByShared = new Map<TopologyCell, Map<TopologyComponent, DependencyEdge[]>>();
        for (const edge of topology.edges) {
            const cell = edge.from.cell;
            // A call into another cell is `cell-isolation`'s; one replica has no sibling to be isolated from.
            if (edge.kind !== 'uses' || !edge.hard || !edge.sync || !cell || cell.count < 2 || edge.to.cell) continue;
            let byTarget = edgesByShared.get(cell);
            if (!byTarget) edgesByShared.set(cell, byTarget = new Map());
            const edges = byTarget.get(edge.to) ?? [];
            byTarget.set(edge.to, [...edges, edge]);
        }
        if (edgesByShared.size === 0) return;
        const analysis = getAnalysis(topology);
        for (const [cell, byTarget] of edgesByShared) {
            for (const [shared, edges] of byTarget) {
                const customersDown = sharedFailure(analysis, cell, shared);
                if (customersDown === undefined) continue;
                for (const edge of edges) this.report(cell, shared, edge, customersDown, accept);
            }
        }
    };

    private report(cell: TopologyCell, shared: TopologyComponent, edge: DependencyEdge, customersDown: number, accept: ValidationAcceptor): void {
        const reach = shared.region === cell.region ? `the whole region's (${cell.region.id})` : 'every replica\'s at once';
        this.reporter.report(accept, 'cell-shared-fate',
            `Every replica of cell ${cell.id} depends (hard, synchronous) on \`${shared.id}\`, outside the cell: when it fails, all ${cell.count} replicas fail at once and ${formatShare(customersDown)} of customers are down (\`resil blast-radius --fail ${shared.id}\`), so the cell's blast radius is ${reach}, not one replica's. Move \`${shared.name}\` into cell ${cell.name} (each replica then has its own), or make this call \`soft\` or \`async\` so that the cells only degrade when it fails.`,
            { node: edge.source });
    }
}

/** The share of customers down when `shared` fails, if that fails every replica of `cell`; else undefined. */
function sharedFailure(analysis: Analysis, cell: TopologyCell, shared: TopologyComponent): number | undefined {
    const scenario: FailureScenario = { name: shared.id, targets: [{ kind: 'service', name: shared.id, component: shared }] };
    const outcome = analysis.run(scenario);
    const replicas = analysis.graph.replicasOf.get(cell) ?? [];
    if (replicas.length === 0 || replicas.some(replica => outcome.stateOf(replica) !== State.Failed)) return undefined;
    return outcome.customersDown;
}
