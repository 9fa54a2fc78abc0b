import { EmptyFileSystem } from 'langium';
import { buildInstanceGraph } from '../../language/src/analysis/instance-graph.js';
import { singleFailureScenarios, type FailureScenario } from '../../language/src/analysis/scenarios.js';
import { simulate } from '../../language/src/analysis/simulation.js';
import { getTopology } from '../../language/src/model/topology.js';
import { createResilServices } from '../../language/src/resil-module.js';
import { registerMeasurement } from '../registry.js';
import { parseAndLink } from './core.js';

/** The blast-radius analysis (issue 4): every single-failure scenario, and one scenario, on the linked 10k model. */

async function linkedAnalysisInput(text: string) {
    const services = createResilServices(EmptyFileSystem).Resil;
    const document = await parseAndLink(services, text);
    const topology = getTopology(document.parseResult.value);
    return { topology, scenarios: singleFailureScenarios(topology) };
}

registerMeasurement({
    name: 'blast-radius-all-10k',
    title: 'Blast radius: every single-failure scenario (regions, AZs, cell replicas), 10,000 services',
    budget: { ms: 1000 },
    runs: 7,
    warmups: 1,
    note: 'after linking: builds the instance graph, then simulates every region, AZ and cell replica alone (what `resil blast-radius` and the requirements do).',
    prepare: async (context) => linkedAnalysisInput(context.modelText(10000)),
    run: async (state) => {
        const graph = buildInstanceGraph(state.topology);
        for (const scenario of state.scenarios) simulate(graph, scenario);
    },
    details: (state) => [`${state.scenarios.length} scenarios, ${state.topology.components.length} components`],
});

registerMeasurement({
    name: 'blast-radius-one-10k',
    title: 'Blast radius: one scenario (the largest region failing), 10,000 services',
    budget: { ms: 50 },
    runs: 15,
    warmups: 2,
    note: 'one region failing on the precomputed instance graph: the hover, code lens and `--fail` case.',
    prepare: async (context) => {
        const input = await linkedAnalysisInput(context.modelText(10000));
        const graph = buildInstanceGraph(input.topology);
        const largest = input.topology.regions.reduce((a, b) => (b.components.length > a.components.length ? b : a));
        const scenario: FailureScenario = { name: largest.id, targets: [{ kind: 'region', name: largest.id, region: largest }] };
        return { graph, scenario };
    },
    run: async (state) => {
        simulate(state.graph, state.scenario);
    },
});
