import * as assert from 'node:assert';
import { analysisOf, outcomesFor, scenarioJson } from '../../language/src/analysis/analysis.js';
import { statesOf } from '../../language/src/diagram/blast-states.js';
import { buildDiagramModel, zonalBandId } from '../../language/src/diagram/diagram-model.js';
import { allNodes, type DiagramModel, type DiagramNode } from '../../language/src/diagram/diagram-types.js';
import { applyView, isCollapsed } from '../../language/src/diagram/diagram-view.js';
import { layoutDiagram, type PlacedNode } from '../../language/src/diagram/layout.js';
import { createNodeElk } from '../../language/src/diagram/node-elk.js';
import { renderSvg } from '../../language/src/diagram/svg-renderer.js';
import type { Model } from '../../language/src/generated/ast.js';
import { build } from '../support/services.js';
import { LANGUAGE_TOUR as TOUR } from '../support/paths.js';


async function tour(): Promise<{ model: DiagramModel; ast: Model }> {
    const document = await build(TOUR);
    return { model: buildDiagramModel(document.parseResult.value), ast: document.parseResult.value };
}

function find(model: DiagramModel, id: string): DiagramNode {
    const node = [...allNodes(model.nodes)].find(n => n.id === id);
    assert.ok(node, `no node ${id}`);
    return node;
}

const ids = (nodes: readonly DiagramNode[]) => nodes.map(n => n.id);

describe('diagram model', () => {
    it('nests the tour: global box, regions, AZ bands with lanes, cells, regional services', async () => {
        const { model } = await tour();
        assert.deepStrictEqual(ids(model.nodes), ['#global', 'use1', 'usw2']);
        assert.deepStrictEqual(ids(find(model, '#global').children), ['dns']);
        const use1 = find(model, 'use1');
        assert.strictEqual(use1.detail, 'us-east-1');
        assert.deepStrictEqual(ids(use1.children), [
            zonalBandId('use1'), 'use1.payments', 'use1.customerRouter', 'use1.orderQueue', 'use1.orderDlq',
            'use1.orders', 'use1.events', 'use1.eventsDlq', 'use1.notify', 'use1.notifyDlq', 'use1.clicks', 'use1.clicksDlq',
        ]);
        const band = find(model, zonalBandId('use1'));
        assert.deepStrictEqual(band.children.filter(c => c.kind === 'az').map(c => [c.id, c.detail]), [['use1.a', 'use1-az1'], ['use1.b', 'use1-az2'], ['use1.c', 'use1-az3']]);
        assert.deepStrictEqual(ids(band.children.filter(c => c.kind === 'service')), [
            'use1.edge', 'use1.api', 'use1.sessions', 'use1.recommendations', 'use1.fulfilment', 'use1.clicks.aggregator',
        ]);
        const payments = find(model, 'use1.payments');
        assert.strictEqual(payments.replicas, 4);
        assert.deepStrictEqual(ids(payments.children), ['use1.payments.authorize', 'use1.payments.ledger']);
        assert.deepStrictEqual(payments.children[0].instanceIds, [0, 1, 2, 3].map(i => `use1.payments[${i}].authorize`));
        assert.deepStrictEqual(ids(find(model, 'usw2').children), [zonalBandId('usw2'), 'usw2.orders']);
        assert.strictEqual([...allNodes(model.nodes)].filter(n => n.kind === 'service').length, 22);
        assert.deepStrictEqual(model.scenarios.map(s => s.name), ['badDeploy', 'zoneAndCell']);
        assert.strictEqual(model.title, 'Checkout');
    });

    it('gives every service its kind, its AZ slots with instance counts, and entry points', async () => {
        const { model } = await tour();
        const api = find(model, 'use1.api');
        assert.strictEqual(api.serviceKind, 'ecs');
        assert.deepStrictEqual(api.azSlots?.map(s => [s.label, s.count, s.used]), [['a', 3, true], ['b', 3, true], ['c', 3, true]]);
        assert.strictEqual(find(model, 'use1.orders').azSlots, undefined, 'a regional table has no AZ slots');
        assert.strictEqual(find(model, 'dns').entry, true);
        assert.strictEqual(find(model, 'use1.api').entry, undefined);
        assert.strictEqual(find(model, 'use1.clicks.aggregator').serviceKind, 'kinesis-consumer');
        assert.strictEqual(find(model, 'use1.customerRouter').shuffleShard, 2);
    });

    it('draws uses, soft, async, consumes, DLQ, failover, replica and router edges', async () => {
        const { model } = await tour();
        const edge = (source: string, target: string) => {
            const found = model.edges.filter(e => e.source === source && e.target === target).map(e => [e.kind, e.label]);
            assert.strictEqual(found.length, 1, `${source} -> ${target}: ${JSON.stringify(found)}`);
            return found[0];
        };
        assert.deepStrictEqual(edge('use1.api', 'use1.sessions'), ['hard', undefined]);
        assert.deepStrictEqual(edge('use1.api', 'use1.recommendations'), ['soft', undefined]);
        assert.deepStrictEqual(edge('use1.api', 'use1.clicks'), ['async', undefined]);
        assert.deepStrictEqual(edge('use1.orderQueue', 'use1.fulfilment'), ['consumes', undefined]);
        assert.deepStrictEqual(edge('use1.clicks', 'use1.clicks.aggregator'), ['consumes', undefined]);
        assert.deepStrictEqual(edge('use1.orderQueue', 'use1.orderDlq'), ['dlq', 'DLQ']);
        assert.deepStrictEqual(edge('use1.clicks.aggregator', 'use1.clicksDlq'), ['dlq', 'on failure']);
        assert.deepStrictEqual(edge('dns', 'use1.edge'), ['failover', 'primary']);
        assert.deepStrictEqual(edge('dns', 'usw2.edge'), ['failover', 'secondary']);
        assert.deepStrictEqual(edge('usw2.orders', 'use1.orders'), ['replica-of', 'replica of']);
        assert.deepStrictEqual(edge('use1.customerRouter', 'use1.payments'), ['routes', 'shard 2 of 4']);
        assert.deepStrictEqual(edge('use1.payments.authorize', 'use1.payments.ledger'), ['hard', undefined]);
        assert.strictEqual(new Set(model.edges.map(e => e.id)).size, model.edges.length, 'edge ids are unique');
    });

    it('carries the source range of each declaration and of its name', async () => {
        const { model } = await tour();
        const lines = TOUR.split('\n');
        const api = find(model, 'use1.api');
        assert.match(lines[api.range!.start.line], /^\s*ecs api in a, b, c \{/);
        const name = api.nameRange!;
        assert.strictEqual(lines[name.start.line].slice(name.start.character, name.end.character), 'api');
        const az = find(model, 'use1.b');
        assert.match(lines[az.range!.start.line], /az b "use1-az2"/);
    });

    it('expands a cell to one box per replica, each with its own services and edges', async () => {
        const { model } = await tour();
        const expanded = applyView(model, { expandedCells: ['use1.payments'] });
        const use1 = find(expanded, 'use1');
        const replicas = use1.children.filter(c => c.kind === 'cell');
        assert.deepStrictEqual(ids(replicas), [0, 1, 2, 3].map(i => `use1.payments[${i}]`));
        assert.deepStrictEqual(ids(replicas[2].children), ['use1.payments[2].authorize', 'use1.payments[2].ledger']);
        const inner = expanded.edges.filter(e => e.target.endsWith('.ledger') && e.source.endsWith('.authorize')).map(e => [e.source, e.target]);
        assert.deepStrictEqual(inner, [0, 1, 2, 3].map(i => [`use1.payments[${i}].authorize`, `use1.payments[${i}].ledger`]));
        assert.strictEqual(expanded.edges.filter(e => e.kind === 'routes').length, 4);
    });

    it('collapses an AZ band: lanes stay, services hide, edges move to the band', async () => {
        const { model } = await tour();
        const band = zonalBandId('use1');
        const collapsed = applyView(model, { collapsed: [band] });
        const node = find(collapsed, band);
        assert.ok(isCollapsed(node));
        assert.strictEqual(node.hidden, 6);
        assert.deepStrictEqual(ids(node.children), ['use1.a', 'use1.b', 'use1.c']);
        assert.ok(collapsed.edges.some(e => e.source === band && e.target === 'use1.customerRouter'));
        assert.ok(collapsed.edges.some(e => e.source === 'dns' && e.target === band));
        assert.ok(!collapsed.edges.some(e => e.source === band && e.target === band), 'no self loops');
    });

    it('colours nodes drawn once for several replicas from the per-replica blast radius', async () => {
        const { model, ast } = await tour();
        const [outcome] = outcomesFor(analysisOf(ast), { fail: ['use1.payments[2]'] });
        const states = statesOf(model, scenarioJson(outcome));
        assert.deepStrictEqual(states.get('use1.payments.authorize'), { state: 'degraded', note: 'failed in 1/4' });
        assert.deepStrictEqual(states.get('use1.payments'), { state: 'degraded', note: '1/4 cells down' });
        assert.strictEqual(states.get('use1.api')?.state, 'degraded');
        assert.strictEqual(states.get('usw2.api'), undefined);
        const region = statesOf(model, scenarioJson(outcomesFor(analysisOf(ast), { fail: ['use1'] })[0]));
        assert.strictEqual(region.get('use1')?.state, 'failed');
        assert.strictEqual(region.get('use1.b')?.state, 'failed', 'the AZs of a failed region are failed');
        assert.strictEqual(region.get('use1.api')?.state, 'failed');
        assert.strictEqual(region.get('use1.payments')?.state, 'failed');
    });

    it('lays the tour out with no overlapping boxes, every child inside its parent', async function () {
        this.timeout(60_000);
        const { model } = await tour();
        for (const view of [{}, { expandedCells: ['use1.payments'] }]) {
            const layout = await layoutDiagram(applyView(model, view), createNodeElk());
            const check = (siblings: readonly PlacedNode[], parent?: PlacedNode) => {
                for (const [i, a] of siblings.entries()) {
                    if (parent) {
                        assert.ok(a.x >= parent.x && a.y >= parent.y && a.x + a.width <= parent.x + parent.width + 0.5 && a.y + a.height <= parent.y + parent.height + 0.5, `${a.node.id} outside ${parent.node.id}`);
                    }
                    for (const b of siblings.slice(i + 1)) {
                        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
                        assert.ok(apart, `${a.node.id} overlaps ${b.node.id}`);
                    }
                    check(a.children, a);
                }
            };
            check(layout.nodes);
            assert.ok(layout.edges.every(e => e.points.length >= 2), 'every edge is routed');
        }
    });

    it('draws expanded replicas in index order, each with its own contents and routes', async function () {
        this.timeout(60_000);
        const { model } = await tour();
        const layout = await layoutDiagram(applyView(model, { expandedCells: ['use1.payments'] }), createNodeElk());
        const placed = new Map<string, PlacedNode>();
        const collect = (nodes: readonly PlacedNode[]) => nodes.forEach(n => { placed.set(n.node.id, n); collect(n.children); });
        collect(layout.nodes);
        const replicas = [0, 1, 2, 3].map(i => placed.get(`use1.payments[${i}]`)!);
        const inside = (p: { x: number; y: number }, box: PlacedNode) => p.x >= box.x - 1 && p.x <= box.x + box.width + 1 && p.y >= box.y - 1 && p.y <= box.y + box.height + 1;
        for (const [i, replica] of replicas.entries()) {
            if (i > 0) assert.ok(replica.y > replicas[i - 1].y || (replica.y === replicas[i - 1].y && replica.x > replicas[i - 1].x), `payments[${i}] after payments[${i - 1}]`);
            const ledger = placed.get(`use1.payments[${i}].ledger`)!;
            assert.ok(inside(ledger, replica), `payments[${i}].ledger inside its replica`);
            const route = layout.edges.find(e => e.edge.source === 'use1.customerRouter' && e.edge.target === replica.node.id)!;
            assert.ok(inside(route.points[route.points.length - 1], replica), `the router's edge ends at payments[${i}]`);
            const internal = layout.edges.find(e => e.edge.target === ledger.node.id)!;
            assert.ok(internal.points.every(p => inside(p, replica)), `payments[${i}]'s own edge stays inside it`);
        }
    });

    it('builds the model once per document version, as the topology', async () => {
        const { model, ast } = await tour();
        assert.strictEqual(buildDiagramModel(ast), model);
        const edited = await build(TOUR.replace('tasks 6', 'tasks 9'));
        assert.notStrictEqual(buildDiagramModel(edited.parseResult.value), model);
    });

    it('escapes every user text in the SVG', async () => {
        const document = await build('system T "<img src=x onerror=alert(1)> & \'q\'" { region r "<script>alert(1)</script>" { az a sqs q } }');
        const model = buildDiagramModel(document.parseResult.value);
        const svg = renderSvg(await layoutDiagram(model, createNodeElk()));
        assert.ok(!svg.includes('<img') && !svg.includes('<script'), svg);
        assert.ok(svg.includes('&lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39;'));
        assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    });
});
