import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analysisOf, outcomesFor, scenarioJson } from '../../language/src/analysis/analysis.js';
import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import type { DiagramModel } from '../../language/src/diagram/diagram-types.js';
import { applyView, defaultView } from '../../language/src/diagram/diagram-view.js';
import { layoutDiagram, type DiagramLayout, type PlacedNode } from '../../language/src/diagram/layout.js';
import { createNodeElk } from '../../language/src/diagram/node-elk.js';
import { drawDiagram } from '../../language/src/diagram/render-diagram.js';
import { renderSvgWithTexts } from '../../language/src/diagram/svg-renderer.js';
import { generateModel } from '../support/generate-model.js';
import { layoutCrossings, type Crossing } from '../support/layout-crossings.js';
import { repoPath } from '../support/paths.js';
import { build, inRegion } from '../support/services.js';

const EXAMPLES = fs.readdirSync(repoPath('examples')).filter(f => f.endsWith('.resil')).sort();

async function modelOf(text: string): Promise<DiagramModel> {
    const document = await build(text);
    assert.deepEqual(document.parseResult.parserErrors, []);
    return buildDiagramModel(document.parseResult.value);
}

/** The layout a reader first sees: the default view (large designs start with cells and AZ bands collapsed). */
async function defaultLayout(model: DiagramModel): Promise<DiagramLayout> {
    return layoutDiagram(applyView(model, defaultView(model)), createNodeElk());
}

function describeCrossings(crossings: readonly Crossing[]): string {
    const shown = crossings.slice(0, 5).map(c => `${c.edge} through ${c.box} (${c.from.x},${c.from.y} -> ${c.to.x},${c.to.y})`);
    return `${crossings.length} crossings: ${shown.join('; ')}`;
}

function bands(layout: DiagramLayout): PlacedNode[] {
    const found: PlacedNode[] = [];
    const visit = (nodes: readonly PlacedNode[]) => nodes.forEach(n => {
        if (n.node.kind === 'zonal') found.push(n);
        visit(n.children);
    });
    visit(layout.nodes);
    return found;
}

describe('diagram layout: no edge through a card or a label', function () {
    this.timeout(300_000);

    for (const file of EXAMPLES) {
        it(`${file}, as it opens and with every cell expanded and every band collapsed`, async () => {
            const model = await modelOf(fs.readFileSync(repoPath('examples', file), 'utf8'));
            const crossings = layoutCrossings(await defaultLayout(model));
            assert.deepEqual(crossings, [], describeCrossings(crossings));
            const cells = [...model.nodes.flatMap(n => n.children)].filter(n => n.kind === 'cell').map(n => n.id);
            const collapsed = model.nodes.flatMap(n => n.children).filter(n => n.kind === 'zonal').map(n => n.id);
            const other = layoutCrossings(await layoutDiagram(applyView(model, { expandedCells: cells, collapsed }), createNodeElk()));
            assert.deepEqual(other, [], describeCrossings(other));
        });
    }

    // The generated designs of the benchmarks: past 120 services the layout is done container by container, past 300
    // cells and AZ bands start collapsed; the 1,000-service one is the benchmark's, in 3 regions.
    for (const [services, regions] of [[120, undefined], [300, undefined], [300, 3], [1000, 3]] as const) {
        it(`a generated design of ${services} services${regions ? ` in ${regions} regions` : ''}`, async () => {
            const model = await modelOf(generateModel({ services, regions }).text);
            const crossings = layoutCrossings(await defaultLayout(model));
            assert.deepEqual(crossings, [], describeCrossings(crossings));
        });
    }

    it('a generated design of 300 services with its AZ bands open', async () => {
        const model = await modelOf(generateModel({ services: 300 }).text);
        const crossings = layoutCrossings(await layoutDiagram(model, createNodeElk()));
        assert.deepEqual(crossings, [], describeCrossings(crossings));
    });
});

describe('diagram layout: container titles clear of edges', function () {
    this.timeout(120_000);

    it('counts an edge through a region\'s, a band\'s or a cell\'s title line as a crossing', async () => {
        const layout = await defaultLayout(await modelOf(fs.readFileSync(repoPath('examples', 'cell-based.resil'), 'utf8')));
        const titled = [...allPlaced(layout.nodes)].filter(n => n.node.kind === 'region' || n.node.kind === 'zonal' || n.node.kind === 'cell');
        assert.ok(titled.length >= 5);
        const [edge] = layout.edges;
        for (const container of titled) {
            const title = container.title!;
            assert.ok(title, `${container.node.id} has its title placed`);
            const through = { ...edge, points: [{ x: title.x + title.width / 2, y: title.y - 30 }, { x: title.x + title.width / 2, y: title.y + title.height + 30 }] };
            const crossings = layoutCrossings({ ...layout, edges: [through] });
            assert.ok(crossings.some(c => c.box === `title:${container.node.id}`), `${container.node.id}: ${describeCrossings(crossings)}`);
        }
    });

    it('moves a title right of the edges that run down through the top left of its container', async () => {
        // dns's failover edges enter each region from the top, at its left: where the region's name was drawn.
        const layout = await defaultLayout(await modelOf(fs.readFileSync(repoPath('examples', 'cell-based.resil'), 'utf8')));
        const moved = [...allPlaced(layout.nodes)].filter(n => n.title && n.title.x > n.x + 14);
        assert.ok(moved.length > 0, 'some title made way for an edge');
        for (const container of moved) {
            assert.ok(container.title!.x + container.title!.width <= container.x + container.width, `${container.node.id}'s title stays in its box`);
        }
        const svg = drawDiagram(layout, {});
        for (const container of moved) assert.ok(svg.includes(`x="${Math.round(container.title!.x * 10) / 10}"`), `${container.node.id}'s title drawn where placed`);
        assert.deepEqual(layoutCrossings(layout), []);
    });
});

function* allPlaced(nodes: readonly PlacedNode[]): Generator<PlacedNode> {
    for (const node of nodes) {
        yield node;
        yield* allPlaced(node.children);
    }
}

describe('diagram layout: AZ columns', function () {
    this.timeout(60_000);

    const DESIGN = inRegion(`    alb edge in a, b, c { entry uses api }
    ecs api in a, b, c { launch fargate tasks 6 needs 4 uses cache uses orders }
    elasticache cache in a, b { engine redis }
    dynamodb orders`);

    it('stacks the zonal services of a band in rows as wide as its AZ columns, regional services outside it', async () => {
        const layout = await layoutDiagram(await modelOf(DESIGN), createNodeElk());
        const [band] = bands(layout);
        const lanes = band.children.filter(c => c.node.kind === 'az');
        const cards = band.children.filter(c => c.node.kind === 'service');
        assert.deepEqual(lanes.map(l => l.node.label), ['a', 'b', 'c']);
        for (let i = 1; i < lanes.length; i++) assert.ok(lanes[i].x > lanes[i - 1].x + lanes[i - 1].width, 'columns side by side, in order');
        const left = lanes[0].x;
        const right = lanes[2].x + lanes[2].width;
        assert.deepEqual(cards.map(c => c.node.label), ['edge', 'api', 'cache'], 'in the order the band\'s edges run');
        for (const card of cards) {
            assert.equal(card.x, left, `${card.node.id} starts at the first column`);
            assert.equal(card.x + card.width, right, `${card.node.id} ends at the last column`);
        }
        for (let i = 1; i < cards.length; i++) assert.ok(cards[i].y >= cards[i - 1].y + cards[i - 1].height, 'one card per row');
        assert.ok(!band.children.some(c => c.node.label === 'orders'), 'a regional service sits in the region, outside the band');
    });

    it('puts each AZ slot of a card, with its count, in the column of its AZ', async () => {
        const layout = await layoutDiagram(await modelOf(DESIGN), createNodeElk());
        const [band] = bands(layout);
        const lanes = band.children.filter(c => c.node.kind === 'az');
        const { texts } = renderSvgWithTexts(layout);
        const slots = texts.filter(t => t.owner === 'use1.api' && /^[abc]( · \d+)?$/.test(t.text));
        assert.deepEqual(slots.map(t => t.text), ['a · 2', 'b · 2', 'c · 2']);
        // Texts are in picture coordinates (below the header); the lanes in layout coordinates: compare x only.
        slots.forEach((slot, i) => {
            assert.ok(slot.within.x >= lanes[i].x && slot.within.x + slot.within.width <= lanes[i].x + lanes[i].width,
                `${slot.text} inside the column of AZ ${lanes[i].node.label}`);
        });
        const cache = texts.filter(t => t.owner === 'use1.cache' && /^[abc–]/.test(t.text)).map(t => t.text);
        assert.equal(cache.at(-1), '–', 'no slot filled where the service does not run');
    });

    it('hatches a failed AZ\'s whole column, over the cards in it', async () => {
        const document = await build(DESIGN);
        const model = buildDiagramModel(document.parseResult.value);
        const layout = await layoutDiagram(model, createNodeElk());
        const analysis = analysisOf(document.parseResult.value);
        const scenario = scenarioJson(outcomesFor(analysis, { fail: ['use1.a'] })[0]);
        const svg = drawDiagram(layout, { scenario });
        const [band] = bands(layout);
        const lane = band.children.find(c => c.node.id === 'use1.a')!;
        const column = /<rect class="az-failed-column" data-az="use1.a" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(svg);
        assert.ok(column, 'the column is drawn');
        const [x, y, width, height] = column.slice(1).map(Number);
        assert.deepEqual([x, width], [lane.x, lane.width]);
        assert.equal(y, lane.y + lane.height);
        const cards = band.children.filter(c => c.node.kind === 'service');
        assert.ok(y + height >= Math.max(...cards.map(c => c.y + c.height)), 'down past the last card');
        assert.ok(svg.indexOf('class="az-failed-column"') > svg.indexOf('<g class="services">'), 'drawn over the cards');
    });
});
