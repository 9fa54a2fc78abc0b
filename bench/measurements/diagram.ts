import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import { createNodeElk } from '../../language/src/diagram/node-elk.js';
import { renderDiagram } from '../../language/src/diagram/render-diagram.js';
import { registerMeasurement } from '../registry.js';
import { freshServices, parseAndLink } from './core.js';

registerMeasurement({
    name: 'diagram-1k',
    title: 'Diagram layout + SVG, 1,000 services',
    budget: { ms: 3000 },
    runs: 3,
    note: 'diagram model, elkjs layout and SVG rendering as `resil diagram` does them (one thread, default view).',
    prepare: async (context) => {
        const document = await parseAndLink(freshServices(), context.modelText(1000));
        return { model: document.parseResult.value, elk: createNodeElk(), bytes: 0 };
    },
    run: async (state) => {
        const { svg } = await renderDiagram({ model: buildDiagramModel(state.model), elk: state.elk });
        state.bytes = svg.length;
    },
    details: (state) => [`SVG of ${(state.bytes / 1024).toFixed(0)} KB.`],
});
