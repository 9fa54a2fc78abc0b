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

/** Runs `steps` to their end: what they give and how many steps that took. */
function runCounting<T>(steps: Generator<void, T>): { value: T; count: number } {
    let count = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) count++;
    return { value: step.value, count };
}

/** What `steps` give when `whole` builds the same thing in one go after their first step. */
function builtWholeAfterOneStep<T>(steps: Generator<void, T>, whole: () => T): { stepped: T; whole: T } {
    steps.next();
    const built = whole();
    return { stepped: runCounting(steps).value, whole: built };
}

describe('the topology built in steps (checks-ahead.ts)', () => {
    it('is built a region at a time, and is the topology built in one go', async () => {
        const stepped = await linkedModel();
        const { value, count } = runCounting(topologyInSteps(stepped));
        assert.ok(value.regions.length >= 2 && count >= value.regions.length, `${count} steps for ${value.regions.length} regions`);
        assert.equal(getTopology(stepped), value, 'cached for the other callers');
        assert.deepEqual(summary(value), summary(getTopology(await linkedModel())));
    });

    it('gives the topology another caller built whole between two steps, so that one topology is shared', async () => {
        const model = await linkedModel();
        const { stepped, whole } = builtWholeAfterOneStep(topologyInSteps(model), () => getTopology(model));
        assert.equal(stepped, whole);
        assert.equal(getTopology(model), whole);
    });
});

function graphSummary(graph: InstanceGraph): string[] {
    return graph.nodes.map(node => `${node.name} ${node.terms.map(term => `${term.onDegraded}/${term.onFailed}:${term.targets.map(t => graph.nodes[t].name).join('+')}`).join(',')} <- ${node.dependents.length}`);
}

describe('the instance graph built in steps (checks-ahead.ts)', () => {
    it('is built a thousand components at a time, and is the graph built in one go', async () => {
        const topology = getTopology(await linkedModel(generateModel({ services: 2500 }).text));
        const { value, count } = runCounting(instanceGraphInSteps(topology));
        assert.ok(topology.components.length > 2048 && count >= Math.floor(topology.components.length / 1024), `${count} steps for ${topology.components.length} components`);
        assert.equal(getInstanceGraph(topology), value, 'cached for the other callers');
        assert.deepEqual(graphSummary(value), graphSummary(buildInstanceGraph(topology)));
    });

    it('gives the graph another caller built whole between two steps', async () => {
        const topology = getTopology(await linkedModel(generateModel({ services: 2500 }).text));
        const { stepped, whole } = builtWholeAfterOneStep(instanceGraphInSteps(topology), () => getInstanceGraph(topology));
        assert.equal(stepped, whole);
    });
});
