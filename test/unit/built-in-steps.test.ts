import * as assert from 'node:assert/strict';
import { URI } from 'langium';
import type { Model } from '../../language/src/generated/ast.js';
import { getTopology, topologyInSteps, type Topology } from '../../language/src/model/topology.js';
import { buildInstanceGraph, getInstanceGraph, instanceGraphInSteps, type InstanceGraph } from '../../language/src/analysis/instance-graph.js';
import { generateModel } from '../support/generate-model.js';
import { testServices } from '../support/services.js';

const TEXT = generateModel({ services: 400 }).text;
let counter = 0;

/** A linked model whose topology nobody has asked for yet (validation, which asks, is left out). */
async function linkedModel(text = TEXT): Promise<Model> {
    const shared = testServices().shared;
    const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, URI.file(`/inline/steps-${++counter}.resil`));
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: false });
    return document.parseResult.value;
}

function summary(topology: Topology): string[] {
    return [
        ...topology.regions.map(r => `region ${r.id} ${r.azs.length} azs ${r.cells.length} cells ${r.components.length} components`),
        ...topology.components.map(c => `${c.id} ${c.kind} ${c.placement} ${c.azs.map(a => a.id).join(',')} -> ${c.outgoing.map(e => `${e.kind}:${e.to.id}`).join(',')}`),
        `entry ${topology.entryPoints.map(c => c.id).join(',')}`,
    ];
}

describe('the topology built in steps (checks-ahead.ts)', () => {
    it('is built a region at a time, and is the topology built in one go', async () => {
        const stepped = await linkedModel();
        const steps = topologyInSteps(stepped);
        let count = 0;
        let step = steps.next();
        for (; !step.done; step = steps.next()) count++;
        assert.ok(step.value.regions.length >= 2 && count >= step.value.regions.length, `${count} steps for ${step.value.regions.length} regions`);
        assert.equal(getTopology(stepped), step.value, 'cached for the other callers');
        assert.deepEqual(summary(step.value), summary(getTopology(await linkedModel())));
    });

    it('gives the topology another caller built whole between two steps, so that one topology is shared', async () => {
        const model = await linkedModel();
        const steps = topologyInSteps(model);
        steps.next();
        const whole = getTopology(model);
        let step = steps.next();
        while (!step.done) step = steps.next();
        assert.equal(step.value, whole);
        assert.equal(getTopology(model), whole);
    });
});

function graphSummary(graph: InstanceGraph): string[] {
    return graph.nodes.map(node => `${node.name} ${node.terms.map(term => `${term.onDegraded}/${term.onFailed}:${term.targets.map(t => graph.nodes[t].name).join('+')}`).join(',')} <- ${node.dependents.length}`);
}

describe('the instance graph built in steps (checks-ahead.ts)', () => {
    it('is built a thousand components at a time, and is the graph built in one go', async () => {
        const topology = getTopology(await linkedModel(generateModel({ services: 2500 }).text));
        const steps = instanceGraphInSteps(topology);
        let count = 0;
        let step = steps.next();
        for (; !step.done; step = steps.next()) count++;
        assert.ok(topology.components.length > 2048 && count >= Math.floor(topology.components.length / 1024), `${count} steps for ${topology.components.length} components`);
        assert.equal(getInstanceGraph(topology), step.value, 'cached for the other callers');
        assert.deepEqual(graphSummary(step.value), graphSummary(buildInstanceGraph(topology)));
    });

    it('gives the graph another caller built whole between two steps', async () => {
        const topology = getTopology(await linkedModel(generateModel({ services: 2500 }).text));
        const steps = instanceGraphInSteps(topology);
        steps.next();
        const whole = getInstanceGraph(topology);
        let step = steps.next();
        while (!step.done) step = steps.next();
        assert.equal(step.value, whole);
    });
});
