import { getInstanceGraph } from '../../language/src/analysis/instance-graph.js';
import { singleFailureScenarios } from '../../language/src/analysis/scenarios.js';
import { simulate } from '../../language/src/analysis/simulation.js';
import { getTopology } from '../../language/src/model/topology.js';
import { registerMeasurement } from '../registry.js';
import { freshServices, parseAndLink } from './core.js';

/** The analysis on a linked (not validated) 10,000-service model: validation would already have simulated it. */
async function linkedTopology(text: string) {
    const document = await parseAndLink(freshServices(), text);
    const topology = getTopology(document.parseResult.value);
    return { topology, graph: getInstanceGraph(topology), scenarios: singleFailureScenarios(topology) };
}

registerMeasurement({
    name: 'all-single-failures-10k',
    title: 'Every single-failure scenario, 10,000 services',
    budget: { ms: 1000 },
    runs: 5,
    note: 'every region, AZ and cell replica failing alone, simulated on the instance graph of the linked model (topology and graph built once, untimed).',
    prepare: (context) => linkedTopology(context.modelText(10000)),
    run: async (state) => {
        for (const scenario of state.scenarios) simulate(state.graph, scenario);
    },
    details: (state) => [`${state.scenarios.length} scenarios.`],
});

registerMeasurement({
    name: 'one-scenario-10k',
    title: 'One scenario (an AZ), 10,000 services',
    budget: { ms: 50 },
    runs: 15,
    note: 'the loss of the first AZ of the first region, simulated on the instance graph of the linked model.',
    prepare: (context) => linkedTopology(context.modelText(10000)),
    run: async (state) => {
        simulate(state.graph, state.scenarios.find(s => s.targets[0].kind === 'az')!);
    },
});
