import { EmptyFileSystem } from 'langium';
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { getTopology, type Topology } from '../../language/src/model/topology.js';
import { createResilServices } from '../../language/src/resil-module.js';
import { registerMeasurement } from '../registry.js';
import { parseAndLink } from './core.js';

/** The CDK export (issue 6): the code of the whole app, in memory, for the linked 1,000-service model. */

registerMeasurement<{ topology: Topology; files: number; bytes: number }>({
    name: 'cdk-generate-1k',
    title: 'CDK export: generate the app code, 1,000 services',
    budget: { ms: 1000 },
    runs: 9,
    warmups: 1,
    note: 'after linking: plans the app and renders every stack, cell construct and app file (what `resil generate cdk` does before writing).',
    prepare: async (context) => {
        const document = await parseAndLink(createResilServices(EmptyFileSystem).Resil, context.modelText(1000));
        return { topology: getTopology(document.parseResult.value), files: 0, bytes: 0 };
    },
    run: async (state) => {
        const app = generateCdkApp(state.topology);
        state.files = app.files.length;
        state.bytes = app.files.reduce((sum, f) => sum + f.content.length, 0);
    },
    details: (state) => [`${state.topology.components.length} components -> ${state.files} files, ${(state.bytes / 1024).toFixed(0)} KB of code`],
});
