import { getInstanceGraph } from '../../language/src/analysis/instance-graph.js';
import { singleFailureScenarios } from '../../language/src/analysis/scenarios.js';
import { simulate } from '../../language/src/analysis/simulation.js';
import { getTopology } from '../../language/src/model/topology.js';
import { registerMeasurement } from '../registry.js';
import { analysisOf } from '../../language/src/analysis/analysis.js';
import { buildReportData } from '../../language/src/report/report-data.js';
import { reportDocument } from '../../language/src/report/report-document.js';
import { renderMarkdown } from '../../language/src/report/report-markdown.js';
import { findingsOf } from '../../language/src/workspace/findings.js';
import { buildClean, forget, freshServices, parseAndLink } from './core.js';

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

registerMeasurement({
    name: 'report-1k',
    title: 'The resilience report (Markdown), 1,000 services',
    budget: { ms: 2000 },
    runs: 5,
    note: 'parse, link and validate the design, then every disruption type\'s RTO/RPO estimates, the DR strategies, availability with derivations, every scenario\'s blast radius and the findings by category, rendered as Markdown: what `resil report` does after reading the file.',
    prepare: async (context) => ({ text: context.modelText(1000), services: freshServices() }),
    run: async (state) => {
        const document = await buildClean(state.services, state.text);
        const blocks = reportDocument(buildReportData(analysisOf(document.parseResult.value), 'bench.resil', findingsOf(document, 'bench.resil')));
        renderMarkdown(blocks);
        forget(state.services, document);
    },
});
