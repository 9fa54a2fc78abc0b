import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import { createNodeElk } from '../../language/src/diagram/node-elk.js';
import { createElkPool, spareCores } from '../../language/src/diagram/elk-pool.js';
import { renderDiagram } from '../../language/src/diagram/render-diagram.js';
import { DiagramRequest, type DiagramParams, type DiagramResult } from '../../language/src/protocol/index.js';
import { LspClient } from '../../test/support/lsp-client.js';
import { generateModel } from '../../test/support/generate-model.js';
import { layoutCrossings } from '../../test/support/layout-crossings.js';
import type { PlacedNode } from '../../language/src/diagram/layout.js';
import { closeBrowser, openWebview, type WebviewPage } from '../../test/support/webview-harness.js';
import { registerMeasurement } from '../registry.js';
import { freshServices, parseAndLink } from './core.js';

const DIAGRAM_1K_RUNS = 3;
const DIAGRAM_1K_WARMUPS = 1;

/** The design of the acceptance: 1,000 generated services dealt over 3 regions. */
const DESIGN_1K = { services: 1000, regions: 3 } as const;

registerMeasurement({
    name: 'diagram-1k',
    title: 'Diagram layout + SVG, 1,000 services in 3 regions',
    budget: { ms: 3000 },
    runs: DIAGRAM_1K_RUNS,
    warmups: DIAGRAM_1K_WARMUPS,
    note: 'diagram model, elkjs layout and SVG rendering as `resil diagram` does them (default view; ELK in this thread and a layout thread per spare core, the regions laid out side by side, warmed up by the warm-up run); each drawing must pass the crossing check (no edge through a card or a label; untimed), or the benchmark fails.',
    prepare: async () => {
        // One document per run: the diagram model is built once per document version, and each run must build it.
        const services = freshServices();
        const text = generateModel(DESIGN_1K).text;
        const models = [];
        for (let i = 0; i < DIAGRAM_1K_WARMUPS + DIAGRAM_1K_RUNS; i++) models.push((await parseAndLink(services, text)).parseResult.value);
        return { models, elk: createElkPool({ threads: spareCores(), here: createNodeElk() }), bytes: 0, boxes: 0 };
    },
    run: async (state) => {
        const started = performance.now();
        const { svg, layout } = await renderDiagram({ model: buildDiagramModel(state.models.shift()!), elk: state.elk });
        const millis = performance.now() - started;
        // The check is the benchmark's, not the product's: untimed.
        const crossings = layoutCrossings(layout);
        if (crossings.length > 0) throw new Error(`${crossings.length} edges cross a card or a label, e.g. ${crossings[0].edge} through ${crossings[0].box}`);
        state.bytes = svg.length;
        state.boxes = countBoxes(layout.nodes);
        return millis;
    },
    details: (state) => [`SVG of ${(state.bytes / 1024).toFixed(0)} KB, ${state.boxes} boxes, no edge through a card or a label.`],
    dispose: (state) => state.elk.dispose(),
});

function countBoxes(nodes: readonly PlacedNode[]): number {
    return nodes.reduce((n, node) => n + 1 + countBoxes(node.children), 0);
}

/**
 * The webview (headless Chromium, the bundle the extension ships) fed by the built language server over stdio, as the
 * extension does it: `resil/diagram` with `layout: true` (the server lays out in its thread), then the model message.
 */

const SMALL = 50;
const URI = 'file:///bench/diagram-50.resil';

interface WebviewState {
    readonly uri: string;
    readonly text: string;
    client?: LspClient;
    page?: WebviewPage;
    version: number;
    renders: number;
}

async function startServer(state: WebviewState): Promise<LspClient> {
    const client = state.client = await LspClient.start();
    const checked = client.nextDiagnostics(state.uri);
    client.open(state.uri, state.text, state.version = 1);
    await checked;
    return client;
}

/**
 * Asks the server for the laid-out model and, given a page, sends it and waits for the drawing. The first paint
 * asks while the page opens: the server then answers the second ask from its cache, as the extension's one
 * request would have been answered.
 */
async function showModel(state: WebviewState, page: WebviewPage | undefined, client: LspClient): Promise<void> {
    const { model, version, layout } = await client.request<DiagramResult>(DiagramRequest.method, { uri: state.uri, layout: true } satisfies DiagramParams);
    if (!layout) throw new Error('the server sent no layout');
    if (version !== state.version) throw new Error(`the server answered for version ${version}, not ${state.version}`);
    if (!page) return;
    await page.send({ type: 'model', model, version, targets: [], layout });
    await page.waitForRender(state.renders++);
}

async function disposeWebview(state: WebviewState): Promise<void> {
    await state.page?.close();
    await state.client?.stop();
    await closeBrowser();
}

/** Opening the diagram soon after the design was checked: the server's layout thread has only warmed up. */
const SETTLE_MS = 1500;

/**
 * The design with `count` more queues: an edit that changes the diagram's shape, so that the server must lay it out
 * again (its layouts are kept by shape: a renamed service of the same size is answered from the cache).
 */
function withNewServices(text: string, count: number): string {
    const queues = Array.from({ length: count }, (_, i) => `    sqs added${i}\n`).join('');
    return text.replace(/(az c "use1-az3"\n)/, `$1${queues}`);
}

for (const edited of [false, true]) {
    registerMeasurement<WebviewState>({
        name: edited ? 'diagram-first-paint-50-edited' : 'diagram-first-paint-50',
        title: edited
            ? 'Diagram: first paint of a 50-service design in the webview, opened at once after adding a service'
            : 'Diagram: first paint of a 50-service design in the webview',
        budget: edited ? undefined : { ms: 1000 },
        runs: 5,
        warmups: 1,
        note: edited
            ? 'each run starts a new language server, opens the design, waits for its diagnostics and 1.5 s, adds a service and, as soon as that version is checked, times opening a fresh webview page (bundle) while the server builds and lays out the model, until it is drawn. The server lays out open designs ahead only once typing has paused for a second: here it lays this version out when asked, the slowest way a diagram opens.'
            : `each run starts a new language server, opens the design, waits for its diagnostics and ${SETTLE_MS / 1000} s more (the user reaching for Open Diagram), then times opening a fresh webview page (bundle) while the server builds and lays out the model, until it is drawn. The server laid the design out ahead, after checking it.`,
        prepare: async () => ({ uri: URI, text: generateModel({ services: SMALL }).text, version: 0, renders: 0 }),
        run: async (state) => {
            const client = await restartServer(state);
            if (edited) {
                const checked = client.nextDiagnostics(state.uri);
                client.change(state.uri, withNewServices(state.text, 1), ++state.version);
                await checked;
            }
            return firstPaint(state, client);
        },
        dispose: disposeWebview,
    });
}

/** A new language server with the design open, checked, and the user reaching for Open Diagram. */
async function restartServer(state: WebviewState): Promise<LspClient> {
    await state.page?.close();
    await state.client?.stop();
    const client = await startServer(state);
    await new Promise(resolve => setTimeout(resolve, SETTLE_MS));
    return client;
}

/** From opening a fresh webview page until the diagram is drawn in it. */
async function firstPaint(state: WebviewState, client: LspClient): Promise<number> {
    state.renders = 0;
    const started = performance.now();
    const [page] = await Promise.all([openWebview(), showModel(state, undefined, client)]);
    state.page = page;
    await showModel(state, page, client);
    return performance.now() - started;
}

registerMeasurement<WebviewState>({
    name: 'diagram-first-paint-1k',
    title: 'Diagram: first paint of a 1,000-service, 3-region design in the webview',
    budget: { ms: 2000 },
    runs: 3,
    warmups: 1,
    note: `as the 50-service first paint: each run starts a new language server, opens the design, waits for its diagnostics and ${SETTLE_MS / 1000} s more, then times opening a fresh webview page while the server builds the model, until it is drawn (the server's layout thread starts with it; a design this large is laid out once, when first checked, as soon as its topology is built and while its checks run; after edits only when asked); cells and AZ bands start collapsed at this size.`,
    prepare: async () => ({ uri: 'file:///bench/diagram-1k.resil', text: generateModel(DESIGN_1K).text, version: 0, renders: 0 }),
    run: async (state) => firstPaint(state, await restartServer(state)),
    dispose: disposeWebview,
});

registerMeasurement<WebviewState>({
    name: 'diagram-live-update-50',
    title: 'Diagram: live update after an edit of a 50-service design',
    budget: { ms: 300 },
    runs: 9,
    warmups: 5,
    note: 'each edit adds a queue to those the last one added (an edit that changes nothing drawn is answered from the layout cache); from the edit sent to the server: parse and link, build the diagram model, lay it out in the server\'s layout thread, send it and draw (the 150 ms typing debounce comes on top). The warm-up runs stand for the edits made since the diagram opened.',
    prepare: async () => {
        const state: WebviewState = { uri: URI, text: generateModel({ services: SMALL }).text, version: 0, renders: 0 };
        const client = await startServer(state);
        state.page = await openWebview();
        await showModel(state, state.page, client);
        return state;
    },
    run: async (state) => {
        const started = performance.now();
        state.client!.change(state.uri, withNewServices(state.text, state.renders), ++state.version);
        await showModel(state, state.page!, state.client!);
        return performance.now() - started;
    },
    dispose: disposeWebview,
});
