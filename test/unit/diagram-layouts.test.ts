import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import type { DiagramModel } from '../../language/src/diagram/diagram-types.js';
import { applyView, defaultView } from '../../language/src/diagram/diagram-view.js';
import { layoutDiagram, prepareLayout, type DiagramLayout, type ElkEngine } from '../../language/src/diagram/layout.js';
import { createNodeElk } from '../../language/src/diagram/node-elk.js';
import { createThreadedElk } from '../../language/src/diagram/threaded-elk.js';
import { createElkPool } from '../../language/src/diagram/elk-pool.js';
import { splitLayouts } from '../../language/src/diagram/split-layout.js';
import { DiagramLayouts } from '../../language/src/lsp/diagram-request.js';
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateModel } from '../support/generate-model.js';
import { createResilServices } from '../../language/src/resil-module.js';
import { build, inRegion } from '../support/services.js';

/** Node ELK that counts its layouts. */
function countingElk(): ElkEngine & { warm(): Promise<void>; calls: number } {
    const elk = createNodeElk();
    const engine = {
        calls: 0,
        layout: (graph: ElkNode) => {
            engine.calls++;
            return elk.layout(graph);
        },
        warm: async () => undefined,
    };
    return engine;
}

async function modelOf(members: string): Promise<DiagramModel> {
    return buildDiagramModel((await build(inRegion(members))).parseResult.value);
}

/** Every box and route of a layout, by id. */
function geometry(layout: DiagramLayout): unknown {
    const boxes: Record<string, number[]> = {};
    const visit = (nodes: DiagramLayout['nodes']) => {
        for (const n of nodes) {
            boxes[n.node.id] = [n.x, n.y, n.width, n.height];
            visit(n.children);
        }
    };
    visit(layout.nodes);
    return { boxes, edges: layout.edges.map(e => [e.edge.id, e.points]), size: [layout.width, layout.height] };
}

const SHOP = `    alb edge in a, b, c { entry uses api }
    ecs api in a, b, c { launch fargate tasks 6 uses orders uses jobs async }
    dynamodb orders { pitr on }
    sqs jobs`;

describe('diagram layouts of the language server', () => {
    it('lays out in a worker thread exactly as in this thread', async () => {
        const model = await modelOf(SHOP);
        const threaded = createThreadedElk();
        try {
            await threaded.warm();
            assert.deepEqual(geometry(await layoutDiagram(model, threaded)), geometry(await layoutDiagram(model, createNodeElk())));
        } finally {
            await threaded.dispose();
        }
    });

    it('lays out a large design\'s regions side by side, to the same coordinates as in one layout', async function () {
        this.timeout(120_000);
        const model = buildDiagramModel((await build(generateModel({ services: 200, regions: 3 }).text)).parseResult.value);
        const engines = [countingElk(), countingElk()];
        const split = await layoutDiagram(model, splitLayouts(engines));
        // Three regions and the global services: two parts each, then the root on the first engine.
        assert.deepEqual(engines.map(e => e.calls), [3, 2]);
        assert.deepEqual(geometry(split), geometry(await layoutDiagram(model, createNodeElk())));
    });

    it('lays out a small design whole, on one engine', async () => {
        const model = await modelOf(SHOP);
        const engines = [countingElk(), countingElk()];
        assert.deepEqual(geometry(await layoutDiagram(model, splitLayouts(engines))), geometry(await layoutDiagram(model, createNodeElk())));
        assert.deepEqual(engines.map(e => e.calls), [1, 0]);
    });

    it('lays out a large design in several threads exactly as in this thread', async function () {
        this.timeout(120_000);
        const model = buildDiagramModel((await build(generateModel({ services: 160, regions: 2 }).text)).parseResult.value);
        const pool = createElkPool({ threads: 2 });
        try {
            assert.deepEqual(geometry(await layoutDiagram(model, pool)), geometry(await layoutDiagram(model, createNodeElk())));
        } finally {
            await pool.dispose();
        }
    });

    it('fails the layouts of a thread that dies, and starts a new one for the next', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-elk-'));
        const dying = path.join(dir, 'dying.mjs');
        fs.writeFileSync(dying, `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n`);
        const threaded = createThreadedElk(dying);
        try {
            for (let attempt = 0; attempt < 2; attempt++) {
                await assert.rejects(threaded.layout({ id: 'root' }), /the layout thread stopped \(exit code 3\)/);
            }
        } finally {
            await threaded.dispose();
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it('answers the same layout again without asking ELK, also across edits that change nothing drawn', async () => {
        const elk = countingElk();
        const layouts = new DiagramLayouts(elk);
        const first = await layouts.layoutOf(await modelOf(SHOP), undefined);
        const again = await layouts.layoutOf(await modelOf(SHOP.replace('tasks 6', 'tasks 9')), undefined);
        assert.equal(elk.calls, 1);
        assert.deepEqual(again, first);
        const model = await modelOf(SHOP);
        const prepared = prepareLayout(applyView(model, defaultView(model)));
        assert.deepEqual(geometry(prepared.read(first!.graph)), geometry(await layoutDiagram(model, createNodeElk())));
    });

    it('lays out again what changes the drawing: a new service, another view', async () => {
        const elk = countingElk();
        const layouts = new DiagramLayouts(elk);
        const model = await modelOf(SHOP);
        await layouts.layoutOf(model, undefined);
        const added = await layouts.layoutOf(await modelOf(`${SHOP}\n    sqs more`), undefined);
        const boxes = (graph: ElkNode | undefined): number => (graph?.children ?? []).reduce((n, c) => n + 1 + boxes(c), 0);
        assert.equal(boxes(added?.graph), boxes((await layouts.layoutOf(model, undefined))?.graph) + 1, 'one more box');
        const collapsed = await layouts.layoutOf(model, { collapsed: ['use1#azs'] });
        assert.equal(elk.calls, 3);
        assert.deepEqual(collapsed?.view, { expandedCells: [], collapsed: ['use1#azs'] }, 'says which view it is for');
    });

    it('keeps only the most recent layouts', async () => {
        const elk = countingElk();
        const layouts = new DiagramLayouts(elk, 2);
        // Three shapes: one, two and three queues (designs of the same shape share a layout).
        const models = await Promise.all([1, 2, 3].map(n => modelOf(['a', 'b', 'c'].slice(0, n).map(q => `    sqs ${q}`).join('\n'))));
        for (const model of models) await layouts.layoutOf(model, undefined);
        await layouts.layoutOf(models[2], undefined);
        await layouts.layoutOf(models[1], undefined);
        assert.equal(elk.calls, 3, 'the two most recent are kept');
        await layouts.layoutOf(models[0], undefined);
        assert.equal(elk.calls, 4, 'the oldest was dropped');
    });

    it('gives ELK short ids of its own, never the names of the design', async () => {
        const name = `q${'x'.repeat(40_000)}`;
        const model = await modelOf(`    sqs ${name}\n    lambda f { consumes ${name} }`);
        const { graph, read } = prepareLayout(applyView(model, defaultView(model)));
        const ids: string[] = [];
        const visit = (node: ElkNode) => {
            ids.push(node.id, ...(node.edges ?? []).map(e => e.id));
            node.children?.forEach(visit);
        };
        visit(graph);
        assert.ok(ids.every(id => id.length <= 8), ids.join(' '));
        const layout = read(await createNodeElk().layout(graph));
        const placed: string[] = [];
        const collect = (nodes: DiagramLayout['nodes']) => nodes.forEach(n => { placed.push(n.node.id); collect(n.children); });
        collect(layout.nodes);
        assert.ok(placed.includes(`use1.${name}`) && placed.includes('use1.f'));
        assert.deepEqual(layout.edges.map(e => [e.edge.source, e.edge.target]), [[`use1.${name}`, 'use1.f']]);
    });

    it('lays out open designs ahead: each at once when first checked, edited ones once typing pauses, large ones once and before their checks end', async function () {
        this.timeout(30_000);
        const { shared } = createResilServices(EmptyFileSystem);
        const elk = countingElk();
        let warmed = 0;
        elk.warm = async () => { warmed++; };
        new DiagramLayouts(elk).layOutAhead(shared, error => assert.fail(String(error)));
        assert.equal(warmed, 1, 'the layout thread starts with the server');
        let version = 0;
        const edit = async (uri: string, text: string) => {
            shared.workspace.TextDocuments!.set(TextDocument.create(uri, 'resil', ++version, text));
            await shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
        };
        const settle = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
        const shop = 'file:///ahead/shop.resil';
        await edit(shop, inRegion(SHOP));
        await settle(50);
        assert.equal(elk.calls, 1, 'the first design, at once');
        await edit(shop, inRegion(`${SHOP}\n    sqs more`));
        await settle(300);
        assert.equal(elk.calls, 1, 'not while typing');
        await settle(1_000);
        assert.equal(elk.calls, 2, 'once typing paused');
        await edit(shop, inRegion(`${SHOP.replace('tasks 6', 'tasks 9')}\n    sqs more`));
        await settle(1_300);
        assert.equal(elk.calls, 2, 'a changed property draws the same: no layout');
        const large = 'file:///ahead/large.resil';
        let callsWhenChecked = 0;
        const checked = shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => { callsWhenChecked = elk.calls; });
        await edit(large, generateModel({ services: 400 }).text);
        checked.dispose();
        assert.equal(callsWhenChecked, 3, 'a large design, once, when first checked: as soon as its topology is built, before its checks end');
        await edit(large, `${generateModel({ services: 400 }).text}\n// edited`);
        await edit(large, generateModel({ services: 401 }).text);
        await settle(1_300);
        assert.deepEqual([elk.calls, warmed], [3, 1], 'not again after edits');
        shared.workspace.TextDocuments!.delete(large);
        await edit(large, generateModel({ services: 440 }).text);
        await settle(50);
        assert.equal(elk.calls, 4, 'opened again: once more, at once');
    });

    it('keeps a failing layout out of the checks it starts in: the design is checked, the failure reported', async function () {
        this.timeout(30_000);
        const { shared } = createResilServices(EmptyFileSystem);
        const errors: string[] = [];
        const elk = { layout: (): Promise<ElkNode> => { throw new Error('no layout thread'); }, warm: async () => undefined };
        new DiagramLayouts(elk).layOutAhead(shared, error => errors.push(String(error)));
        const uri = 'file:///ahead/large.resil';
        shared.workspace.TextDocuments!.set(TextDocument.create(uri, 'resil', 1, generateModel({ services: 400 }).text));
        await shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
        const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
        assert.equal(document.state, DocumentState.Validated);
        assert.deepEqual(document.diagnostics?.filter(d => d.severity === 1), []);
        assert.deepEqual(errors, ['Error: no layout thread']);
    });

    it('answers no layout when ELK fails, and tries again next time', async () => {
        let fail = true;
        const elk = { layout: async (graph: ElkNode) => { if (fail) throw new Error('boom'); return createNodeElk().layout(graph); }, warm: async () => undefined };
        const layouts = new DiagramLayouts(elk);
        const model = await modelOf(SHOP);
        assert.equal(await layouts.layoutOf(model, undefined), undefined);
        fail = false;
        assert.ok(await layouts.layoutOf(model, undefined));
    });
});
