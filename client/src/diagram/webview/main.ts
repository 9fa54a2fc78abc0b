/**
 * The diagram webview: receives the diagram model (laid out by the language server) and blast radius from the
 * extension host, draws it with the shared SVG renderer, lays out itself in a web worker (ELK) what the user
 * expands or collapses, and reports clicks, failure choices, views and exports back.
 */
import ELK from 'elkjs/lib/elk-api.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { LIGHT_PALETTE } from '../../../../language/src/diagram/diagram-style.js';
import { serviceCount, type DiagramModel } from '../../../../language/src/diagram/diagram-types.js';
import { applyView, declaredView, defaultCollapsedForSize, defaultView, namedView, sameView, type FullView } from '../../../../language/src/diagram/diagram-view.js';
import { warmUpGraph } from '../../../../language/src/diagram/elk-warm-up.js';
import { prepareLayout, type DiagramLayout, type ElkEngine } from '../../../../language/src/diagram/layout.js';
import { drawDiagram } from '../../../../language/src/diagram/render-diagram.js';
import type { DrawnFinding } from '../../../../language/src/diagram/diagram-findings.js';
import { headerHeight } from '../../../../language/src/diagram/svg-renderer.js';
import type { PrecomputedLayout } from '../../../../language/src/protocol/diagram.js';
import type { FailureOption, FailureSelection, ScenarioJson } from '../../../../language/src/protocol/failures.js';
// The webview module itself, not the protocol's index: the webview has no JSON-RPC to load.
import { selectionKey, type HostMessage, type WebviewMessage } from '../../../../language/src/protocol/webview.js';
import { PanZoom, ZOOM_STEP, type Transform } from './pan-zoom.js';
import { rasterise } from './rasterise.js';
import { messageOf } from '../../../../language/src/util/errors.js';

interface VsCodeApi {
    postMessage(message: WebviewMessage): void;
    getState(): Persisted | undefined;
    setState(state: Persisted): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What survives the panel being hidden and shown again. */
interface Persisted {
    readonly transform?: Transform;
    readonly view?: FullView;
    readonly selection?: FailureSelection | null;
}

const vscode = acquireVsCodeApi();
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const viewport = byId<HTMLDivElement>('viewport');
const canvas = byId<HTMLDivElement>('canvas');
const failureSelect = byId<HTMLSelectElement>('failure');
const viewSelect = byId<HTMLSelectElement>('view');
const status = byId<HTMLSpanElement>('status');

const saved = vscode.getState() ?? {};
let model: DiagramModel | undefined;
/** The server's layout of `model`, when it came with one. */
let precomputed: PrecomputedLayout | undefined;
let version = 0;
let layout: DiagramLayout | undefined;
let scenario: ScenarioJson | null = null;
let findings: readonly DrawnFinding[] = [];
let selection: FailureSelection | null = saved.selection ?? null;
let highlighted: string | null = null;
let targetsKey = '';
let renderSeq = 0;
let view: FullView | undefined = saved.view;
let fitted = saved.transform !== undefined;

const panZoom = new PanZoom(viewport, canvas, () => persist());
if (saved.transform) panZoom.set(saved.transform);

let elk: ElkEngine | undefined;

function persist(): void {
    vscode.setState({ transform: panZoom.current, view, selection });
}

/**
 * ELK in a web worker built from the extension's `elk-worker.js` (a webview cannot start a cross-origin worker).
 * Started after the first drawing, not before: the server lays out the models, the worker only what the user expands
 * or collapses, and loading it first would compete with the first paint.
 */
function workerElk(): ElkEngine {
    if (elk) return elk;
    const config = JSON.parse(byId<HTMLScriptElement>('resil-config').textContent ?? '{}') as { workerUri?: string };
    const source = fetch(config.workerUri ?? '').then(async response => {
        if (!response.ok) throw new Error(`cannot load the layout worker (HTTP ${response.status})`);
        return URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
    });
    // ELK's API waits for its worker's answer forever: a worker that fails must fail the layouts waiting on it.
    let workerFailed: (error: Error) => void = () => undefined;
    const broken = new Promise<never>((_, reject) => { workerFailed = reject; });
    broken.catch(() => undefined);
    // `ELK.default`: the module sets `ELK.default = ELK`, and Node16 typing sees only the namespace.
    const engine = source.then(url => new ELK.default({
        workerFactory: () => {
            const worker = new Worker(url);
            worker.addEventListener('error', event => workerFailed(new Error(`the layout worker failed: ${event.message || 'no reason given'}`)));
            return worker;
        },
    }));
    engine.catch(() => undefined); // reported by the first layout that needs it, not as an unhandled rejection
    return elk = { layout: async (graph: ElkNode) => Promise.race([(await engine).layout(graph) as Promise<ElkNode>, broken]) };
}

/** Loads the worker once the page is idle, with a small layout, so the first expand or collapse is quick. */
function warmWorkerWhenIdle(): void {
    if (elk) return;
    setTimeout(() => void workerElk().layout(warmUpGraph()).catch(() => undefined), 200);
}

function setStatus(text: string, error = false): void {
    status.textContent = text;
    status.classList.toggle('error', error);
}

async function relayout(): Promise<void> {
    if (!model) return;
    const seq = ++renderSeq;
    const started = performance.now();
    const shown = view ??= precomputed?.view ?? defaultView(model);
    const prepared = prepareLayout(applyView(model, shown));
    let result: DiagramLayout;
    try {
        const server = precomputed && sameView(precomputed.view, shown) ? precomputed.graph : undefined;
        result = prepared.read(server ?? await workerElk().layout(prepared.graph));
    } catch (error) {
        elk = undefined; // the next layout starts a new worker
        const text = `Layout failed: ${messageOf(error)}`;
        setStatus(text, true);
        console.error(`Resil diagram: ${text}`);
        vscode.postMessage({ type: 'failed', version, error: text });
        return;
    }
    if (seq !== renderSeq) return; // a newer model arrived while this one was laid out
    layout = result;
    draw();
    if (!fitted) {
        fitDrawing();
        fitted = true;
    }
    const services = serviceCount(result.model.nodes);
    vscode.postMessage({ type: 'rendered', version, millis: Math.round(performance.now() - started), services });
    warmWorkerWhenIdle();
}

function draw(): void {
    if (!layout) return;
    // Every user text in the SVG is escaped by the renderer: parsing it cannot create elements of the user's.
    canvas.innerHTML = drawDiagram(layout, { scenario: scenario ?? undefined, interactive: true, findings });
    applyHighlight();
}

function fitDrawing(): void {
    if (!layout) return;
    panZoom.fit(layout.width, layout.height + headerHeight(layout, { scenario: scenario ?? undefined }));
}

function applyHighlight(): void {
    for (const el of canvas.querySelectorAll('.highlight')) el.classList.remove('highlight');
    if (!highlighted) return;
    canvas.querySelector(`[data-id="${CSS.escape(highlighted)}"]`)?.classList.add('highlight');
}

function fillFailures(targets: readonly FailureOption[]): void {
    const key = JSON.stringify(targets);
    if (key === targetsKey) return;
    targetsKey = key;
    const groups: [FailureOption['kind'], string][] = [
        ['scenario', 'Scenarios'], ['region', 'Regions'], ['az', 'Availability Zones'], ['cell', 'Cells (every replica)'],
        ['cell-replica', 'Cell replicas'], ['service', 'Services'],
    ];
    failureSelect.replaceChildren(new Option('None', ''));
    for (const [kind, label] of groups) {
        const members = targets.filter(t => t.kind === kind);
        if (members.length === 0) continue;
        const group = document.createElement('optgroup');
        group.label = label;
        for (const target of members) {
            const value = selectionKey(kind === 'scenario' ? { scenario: target.name } : { fail: [target.name] });
            // Option(text, value) sets text, never markup.
            group.append(new Option(target.detail ? `${target.name} (${target.detail})` : target.name, value));
        }
        failureSelect.append(group);
    }
    failureSelect.value = selectionKey(selection);
}

/** The View list: the whole design, then the views the design declares (hidden when it declares none). */
function fillViews(current: DiagramModel): void {
    const views = current.views ?? [];
    viewSelect.replaceChildren(new Option('Whole design', ''), ...views.map(v => new Option(v.title ? `${v.name} (${v.title})` : v.name, v.name)));
    viewSelect.hidden = views.length === 0;
    (viewSelect.labels[0] as HTMLElement | undefined)?.toggleAttribute('hidden', views.length === 0);
    // A view the design no longer declares draws the whole design.
    if (view?.named !== undefined && !declaredView(current, view.named)) view = defaultView(current);
    viewSelect.value = view?.named ?? '';
}

function chooseView(name: string): void {
    if (!model) return;
    view = name === '' ? defaultView(model) : namedView(model, name);
    viewChanged();
}

function selectionOf(value: string): FailureSelection | null {
    if (value.startsWith('scenario:')) return { scenario: value.slice('scenario:'.length) };
    if (value.startsWith('fail:')) return { fail: value.slice('fail:'.length).split(',') };
    return null;
}

function toggle(action: string, target: string): void {
    if (!view) return;
    const flip = (list: readonly string[]) => list.includes(target) ? list.filter(x => x !== target) : [...list, target];
    if (action === 'replicas') view = { ...view, expandedCells: flip(view.expandedCells) };
    else if (action === 'collapse') view = { ...view, collapsed: flip(view.collapsed) };
    viewChanged();
}

/** The host lays out the next models under the new view; this one is laid out here at once. */
function viewChanged(): void {
    persist();
    if (view) vscode.postMessage({ type: 'view', view });
    void relayout();
}

function setAllCollapsed(collapse: boolean): void {
    if (!model) return;
    view = { ...view, expandedCells: view?.expandedCells ?? [], collapsed: collapse ? defaultCollapsedForSize(model, 0) : [] };
    viewChanged();
}

async function exportAs(format: 'svg' | 'png'): Promise<void> {
    if (!layout) return;
    const svg = drawDiagram(layout, { scenario: scenario ?? undefined, palette: LIGHT_PALETTE, findings });
    try {
        const data = format === 'svg' ? svg : await rasterise(svg, 2);
        vscode.postMessage({ type: 'export', format, data });
    } catch (error) {
        setStatus(`Export failed: ${messageOf(error)}`, true);
    }
}

function onHostMessage(message: HostMessage): void {
    switch (message.type) {
        case 'model':
            model = message.model;
            precomputed = message.layout;
            version = message.version;
            fillFailures(message.targets);
            fillViews(message.model);
            void relayout();
            break;
        case 'blast':
            selection = message.selection;
            scenario = message.scenario;
            failureSelect.value = selectionKey(selection);
            persist();
            setStatus(message.error ?? (scenario ? `${Math.round(scenario.customersDown * 1000) / 10}% of customers down` : ''), message.error !== undefined);
            draw();
            break;
        case 'findings':
            findings = message.findings;
            draw();
            break;
        case 'highlight':
            highlighted = message.id;
            applyHighlight();
            break;
        case 'exported':
            setStatus(message.file ? `Saved ${message.file}` : '');
            break;
    }
}

window.addEventListener('message', event => onHostMessage(event.data as HostMessage));

canvas.addEventListener('click', event => {
    if (panZoom.suppressClick) return;
    const target = event.target as Element;
    const toggleEl = target.closest('[data-toggle]');
    if (toggleEl) {
        toggle(toggleEl.getAttribute('data-toggle') ?? '', toggleEl.getAttribute('data-target') ?? '');
        return;
    }
    const badge = target.closest('[data-finding]')?.getAttribute('data-finding');
    if (badge) {
        vscode.postMessage({ type: 'reveal', id: badge, finding: true });
        return;
    }
    const node = target.closest('[data-id]');
    const id = node?.getAttribute('data-id');
    if (id) vscode.postMessage({ type: 'reveal', id });
});

viewport.addEventListener('keydown', event => {
    if (event.key === '0') fitDrawing();
});
failureSelect.addEventListener('change', () => vscode.postMessage({ type: 'select', selection: selectionOf(failureSelect.value) }));
viewSelect.addEventListener('change', () => chooseView(viewSelect.value));
byId('zoom-in').addEventListener('click', () => panZoom.zoom(ZOOM_STEP));
byId('zoom-out').addEventListener('click', () => panZoom.zoom(1 / ZOOM_STEP));
byId('fit').addEventListener('click', () => fitDrawing());
byId('collapse-all').addEventListener('click', () => setAllCollapsed(true));
byId('expand-all').addEventListener('click', () => setAllCollapsed(false));
byId('export-svg').addEventListener('click', () => void exportAs('svg'));
byId('export-png').addEventListener('click', () => void exportAs('png'));

vscode.postMessage({ type: 'ready', ...(saved.view && { view: saved.view }) });
