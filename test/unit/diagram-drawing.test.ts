import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analysisOf, outcomesFor, scenarioJson } from '../../language/src/analysis/analysis.js';
import { statesOf } from '../../language/src/diagram/blast-states.js';
import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import { EDGE_STYLES, EXPORT_PALETTES, THEME_PALETTE } from '../../language/src/diagram/diagram-style.js';
import type { DiagramEdgeKind } from '../../language/src/diagram/diagram-types.js';
import { layoutDiagram, type DiagramLayout, type PlacedNode } from '../../language/src/diagram/layout.js';
import { createNodeElk } from '../../language/src/diagram/node-elk.js';
import { renderSvgWithTexts, type DrawnText } from '../../language/src/diagram/svg-renderer.js';
import { getTopology } from '../../language/src/model/topology.js';
import { failureTargets } from '../../server/src/design-requests.js';
import { repoPath } from '../support/paths.js';
import { build } from '../support/services.js';

const EXAMPLES = fs.readdirSync(repoPath('examples')).filter(f => f.endsWith('.resil')).sort();

function placedById(layout: DiagramLayout): Map<string, PlacedNode> {
    const byId = new Map<string, PlacedNode>();
    const visit = (nodes: readonly PlacedNode[]) => nodes.forEach(n => { byId.set(n.node.id, n); visit(n.children); });
    visit(layout.nodes);
    return byId;
}

/** Texts that leave their box (half a pixel of rounding allowed). */
function overflowing(texts: readonly DrawnText[]): string[] {
    return texts.filter(t => t.x < t.within.x - 0.5 || t.x + t.width > t.within.x + t.within.width + 0.5
        || t.y < t.within.y - 0.5 || t.y + t.height > t.within.y + t.within.height + 0.5)
        .map(t => `${t.owner}: "${t.text}" at ${t.x.toFixed(1)}+${t.width} in ${t.within.x.toFixed(1)}+${t.within.width.toFixed(1)}`);
}

async function layoutOf(text: string) {
    const document = await build(text);
    const ast = document.parseResult.value;
    return { ast, layout: await layoutDiagram(buildDiagramModel(ast), createNodeElk()) };
}

describe('diagram drawing', function () {
    this.timeout(120_000);

    it('keeps every text inside its box and the picture, in every example under every failure', async () => {
        for (const example of EXAMPLES) {
            const { ast, layout } = await layoutOf(fs.readFileSync(repoPath('examples', example), 'utf8'));
            const analysis = analysisOf(ast);
            const failures = [undefined, ...failureTargets(getTopology(ast))];
            for (const failure of failures) {
                const selection = failure?.kind === 'scenario' ? { scenario: failure.name } : failure ? { fail: [failure.name] } : undefined;
                const scenario = selection && scenarioJson(outcomesFor(analysis, selection)[0]);
                const { texts } = renderSvgWithTexts(layout, { scenario, states: scenario && statesOf(layout.model, scenario) });
                assert.deepEqual(overflowing(texts), [], `${example} under ${failure?.name ?? 'no failure'}`);
                if (scenario) {
                    const header = texts.filter(t => t.owner === '#header').map(t => t.text);
                    assert.ok(header.some(t => t.startsWith('Customers down:')) && header.some(t => t.startsWith('Entry points down:')), `${example}: the failure summary is drawn whole: ${header.join(' | ')}`);
                }
            }
        }
    });

    it('wraps the failure summary on a narrow drawing instead of cutting it', async () => {
        const { ast, layout } = await layoutOf('system S { region r "us-west-2" { az a "usw2-az1" sqs q { entry } } }');
        const scenario = scenarioJson(outcomesFor(analysisOf(ast), { fail: ['r.q'] })[0]);
        const { texts } = renderSvgWithTexts(layout, { scenario });
        const header = texts.filter(t => t.owner === '#header');
        assert.deepEqual(header.filter(t => t.text.endsWith('…')), []);
        assert.ok(new Set(header.map(t => t.y)).size >= 3, 'title, legend and summary lines');
        assert.deepEqual(overflowing(texts), []);
    });

    it('draws long AZ ids and long names whole', async () => {
        const name = 'customerNotificationPreferencesWriterService';
        const { layout } = await layoutOf(`system S {
  region usw2 "us-west-2" {
    az a "usw2-lax1-az1"
    az b "usw2-lax1-az2"
    az c "usw2-az4"
    ecs ${name} in a, b, c { launch fargate tasks 3 entry }
  }
}`);
        const texts = renderSvgWithTexts(layout).texts.map(t => t.text);
        for (const whole of ['usw2-lax1-az1', 'usw2-lax1-az2', 'usw2-az4', name]) assert.ok(texts.includes(whole), `${whole} in ${texts.join(' | ')}`);
    });

    it('draws a consumer below the queue it reads, the arrow from the queue to it', async () => {
        const { layout } = await layoutOf(fs.readFileSync(repoPath('examples', 'web-service.resil'), 'utf8'));
        const placed = placedById(layout);
        const consumes = layout.edges.filter(e => e.edge.kind === 'consumes');
        assert.ok(consumes.length > 0);
        for (const { edge, points } of consumes) {
            const [queue, consumer] = [placed.get(edge.source)!, placed.get(edge.target)!];
            assert.equal(queue.node.serviceKind, 'sqs');
            assert.ok(consumer.y >= queue.y + queue.height, `${consumer.node.id} below ${queue.node.id}`);
            assert.ok(points[points.length - 1].y <= consumer.y + 1 && points[0].y >= queue.y + queue.height - 1, 'from the queue down into the consumer');
        }
    });

    it('gives each kind of edge its own colour and dash pattern, and lists only the kinds drawn', async () => {
        const kinds = Object.keys(EDGE_STYLES) as DiagramEdgeKind[];
        for (const palette of [...Object.values(EXPORT_PALETTES), THEME_PALETTE]) {
            // `replica-of` is long-dashed in the data colour: told apart from `async` by its pattern where they share a hue.
            const looks = kinds.map(k => `${palette.edges[k]} ${EDGE_STYLES[k].dash ?? 'solid'} ${EDGE_STYLES[k].width}`);
            assert.equal(new Set(looks).size, kinds.length, looks.join(', '));
        }
        assert.equal(new Set(kinds.map(k => `${EDGE_STYLES[k].dash ?? 'solid'} ${EDGE_STYLES[k].width}`)).size, kinds.length, 'patterns alone tell the kinds apart');
        for (const key of ['soft', 'async', 'dlq'] as const) {
            for (const other of kinds.filter(k => k !== key)) {
                for (const palette of Object.values(EXPORT_PALETTES)) assert.notEqual(palette.edges[key], palette.edges[other], `${key} and ${other} differ in colour`);
            }
        }
        const { layout } = await layoutOf('system S { region r { az a ecs api in a { uses t } dynamodb t } }');
        const { svg } = renderSvgWithTexts(layout);
        const legend = svg.slice(svg.indexOf('<g class="header">'), svg.indexOf('</g>', svg.indexOf('<g class="header">')));
        assert.deepEqual([...legend.matchAll(/class="edge edge-([a-z-]+)"/g)].map(m => m[1]), ['hard']);
        assert.deepEqual([...svg.matchAll(/<marker id="([^"]+)"/g)].map(m => m[1]), ['resil-arrow-hard', 'resil-arrow-failed', 'resil-arrow-failed-start']);
    });
});
