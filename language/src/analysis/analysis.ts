import type { Model } from '../generated/ast.js';
import { getTopology, type Topology } from '../model/topology.js';
import type { BlastRadiusJson, FailureSelection, ScenarioJson } from '../protocol/failures.js';
import { estimateAvailability, type AvailabilityEstimates } from './availability.js';
import { getInstanceGraph, type InstanceGraph } from './instance-graph.js';
import { findScenario, scenarioBlocks, scenarioOf, singleFailureScenarios, type FailureScenario } from './scenarios.js';
import { LongKeyMap } from '../util/long-key-map.js';
import { simulate, type ScenarioOutcome } from './simulation.js';

/**
 * Everything the analysis knows about one topology, computed on first use and cached for the lifetime of that
 * topology (one per document version): validation, hover, code lens, inlay hints, the custom request and the CLI
 * all read the same results.
 */
export interface Analysis {
    readonly topology: Topology;
    readonly graph: InstanceGraph;
    /** Every region, AZ and cell replica failing alone. */
    singleFailures(): readonly ScenarioOutcome[];
    /** The design's `scenario` blocks. */
    scenarioBlocks(): readonly ScenarioOutcome[];
    /** A scenario, simulated once and remembered by name. */
    run(scenario: FailureScenario): ScenarioOutcome;
    availability(): AvailabilityEstimates;
}

const cache = new WeakMap<Topology, Analysis>();

export function getAnalysis(topology: Topology): Analysis {
    let analysis = cache.get(topology);
    if (!analysis) {
        analysis = createAnalysis(topology);
        cache.set(topology, analysis);
    }
    return analysis;
}

export function analysisOf(model: Model): Analysis {
    return getAnalysis(getTopology(model));
}

function createAnalysis(topology: Topology): Analysis {
    const graph = getInstanceGraph(topology);
    // Failure names may be as long as a region's name: a plain Map would be quadratic in their number.
    const outcomes = new LongKeyMap<ScenarioOutcome>();
    let singles: ScenarioOutcome[] | undefined;
    let blocks: ScenarioOutcome[] | undefined;
    let availability: AvailabilityEstimates | undefined;
    const run = (scenario: FailureScenario): ScenarioOutcome => {
        // Blocks and single failures may share a name (`scenario use1`): the key tells them apart.
        const key = `${scenario.source ? 'scenario' : 'fail'}:${scenario.name}`;
        let outcome = outcomes.get(key);
        if (!outcome) {
            outcome = simulate(graph, scenario);
            outcomes.set(key, outcome);
        }
        return outcome;
    };
    return {
        topology,
        graph,
        run,
        singleFailures: () => singles ??= singleFailureScenarios(topology).map(run),
        scenarioBlocks: () => blocks ??= scenarioBlocks(topology).map(run),
        availability: () => availability ??= estimateAvailability(topology),
    };
}

/** The outcomes a selection asks for (none selected: every single failure); unknown names throw `UnknownFailureName`. */
export function outcomesFor(analysis: Analysis, selection: FailureSelection): readonly ScenarioOutcome[] {
    const outcomes: ScenarioOutcome[] = [];
    if (selection.scenario !== undefined) outcomes.push(analysis.run(findScenario(analysis.topology, selection.scenario)));
    if (selection.fail && selection.fail.length > 0) outcomes.push(analysis.run(scenarioOf(analysis.topology, selection.fail)));
    return outcomes.length > 0 ? outcomes : analysis.singleFailures();
}

export function blastRadiusJson(outcomes: readonly ScenarioOutcome[]): BlastRadiusJson {
    return { scenarios: outcomes.map(scenarioJson) };
}

export function scenarioJson(outcome: ScenarioOutcome): ScenarioJson {
    return {
        name: outcome.scenario.name,
        fail: outcome.scenario.targets.map(t => t.name).sort(),
        failed: [...outcome.failed],
        degraded: [...outcome.degraded],
        entryPoints: Object.fromEntries(outcome.entryPoints),
        // Shares like 1/6 print with a fixed precision so that outputs compare byte for byte.
        customersDown: Math.round(outcome.customersDown * 1e6) / 1e6,
    };
}
