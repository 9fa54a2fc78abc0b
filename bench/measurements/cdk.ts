import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { getTopology } from '../../language/src/model/topology.js';
import { registerMeasurement } from '../registry.js';
import { freshServices, parseAndLink } from './core.js';

registerMeasurement({
    name: 'cdk-generate-1k',
    title: 'CDK app generation, 1,000 services',
    budget: { ms: 1000 },
    runs: 7,
    note: 'the whole app in memory (stacks, cell constructs, support files) from the linked model; nothing written.',
    prepare: async (context) => {
        const document = await parseAndLink(freshServices(), context.modelText(1000));
        return { topology: getTopology(document.parseResult.value), files: 0 };
    },
    run: async (state) => {
        state.files = generateCdkApp(state.topology).files.length;
    },
    details: (state) => [`${state.files} files.`],
});
