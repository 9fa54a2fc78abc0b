import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import { createNodeElk } from '../../language/src/diagram/node-elk.js';
import { renderDiagram } from '../../language/src/diagram/render-diagram.js';
import type { DiagramModel } from '../../language/src/diagram/diagram-types.js';
import type { ResilServices } from '../../language/src/resil-module.js';
import { buildText } from '../../language/src/workspace/documents.js';
import { closeBrowser, openWebview, type WebviewPage } from '../../test/webview/webview-harness.js';
import { generateModel } from '../generate-model.js';
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

/** The webview (headless Chromium, the bundle the extension ships): first paint and live update of 50 services. */

const SMALL = 50;

async function diagramOf(services: ResilServices, text: string): Promise<DiagramModel> {
    return buildDiagramModel((await buildText(services, text)).parseResult.value);
}

interface WebviewState {
    readonly services: ResilServices;
    readonly text: string;
    readonly model: DiagramModel;
    page?: WebviewPage;
    renders: number;
}

async function webviewState(): Promise<WebviewState> {
    const services = freshServices();
    const text = generateModel({ services: SMALL }).text;
    return { services, text, model: await diagramOf(services, text), renders: 0 };
}

async function disposeWebview(state: WebviewState): Promise<void> {
    await state.page?.close();
    await closeBrowser();
}

registerMeasurement<WebviewState>({
    name: 'diagram-first-paint-50',
    title: 'Diagram: first paint of a 50-service design in the webview',
    budget: { ms: 1000 },
    runs: 5,
    warmups: 1,
    note: 'a fresh webview page (bundle, ELK worker) from navigation until the model sent by the host is laid out and drawn.',
    prepare: webviewState,
    run: async (state) => {
        await state.page?.close();
        const started = performance.now();
        const page = state.page = await openWebview();
        await page.send({ type: 'model', model: state.model, version: 1, targets: [] });
        await page.waitForRender(0);
        return performance.now() - started;
    },
    dispose: disposeWebview,
});

registerMeasurement<WebviewState>({
    name: 'diagram-live-update-50',
    title: 'Diagram: live update after an edit of a 50-service design',
    budget: { ms: 300 },
    runs: 7,
    warmups: 1,
    note: 'from the edited text: parse and link, build the diagram model, send it, lay out in the worker and draw (the 150 ms typing debounce comes on top).',
    prepare: async () => {
        const state = await webviewState();
        state.page = await openWebview();
        await state.page.send({ type: 'model', model: state.model, version: 1, targets: [] });
        await state.page.waitForRender(state.renders++);
        return state;
    },
    run: async (state) => {
        const started = performance.now();
        const edited = state.text.replace(/\}\s*$/, `  scenario edit${state.renders} { }\n}\n`);
        const model = await diagramOf(state.services, edited);
        await state.page!.send({ type: 'model', model, version: state.renders + 1, targets: [] });
        await state.page!.waitForRender(state.renders++);
        return performance.now() - started;
    },
    dispose: disposeWebview,
});
