import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analysisOf, outcomesFor, scenarioJson } from '../../language/src/analysis/analysis.js';
import { statesOf } from '../../language/src/diagram/blast-states.js';
import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import { capacityText, explainFailure } from '../../language/src/diagram/failure-reasons.js';
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
            const end = points[points.length - 1];
            // Into the consumer's top, or into its left side where it is a card of an AZ band.
            const intoTop = Math.abs(end.y - consumer.y) <= 1;
            const intoSide = Math.abs(end.x - consumer.x) <= 1 && end.y > consumer.y && end.y < consumer.y + consumer.height;
            assert.ok((intoTop || intoSide) && points[0].y >= queue.y + queue.height - 1, 'from the queue down into the consumer');
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

    it('marks the injected failure as the cause, says why each element failed, and shows lost capacity and the failover taken', async () => {
        const { ast, layout } = await layoutOf(CAUSE_AND_EFFECT);
        const scenario = scenarioJson(outcomesFor(analysisOf(ast), { fail: ['use1.a'] })[0]);
        const states = statesOf(layout.model, scenario);
        const { reasons, capacity, failoverTaken } = explainFailure(layout.model, scenario, states);
        assert.deepEqual([...reasons].filter(([, r]) => r.cause).map(([id]) => id), ['use1.a']);
        assert.equal(reasons.get('use1.cache')?.text, 'runs only in failed AZ a');
        assert.equal(reasons.get('use1.api')?.text, 'needs cache, failed');
        assert.equal(reasons.get('use1.edge')?.text, 'needs api, failed');
        assert.equal(reasons.get('dns')?.text, 'primary down, fails over to usw2.edge');
        assert.ok(!reasons.has('usw2.api'), 'nothing to explain where nothing failed');
        const standbyLost = scenarioJson(outcomesFor(analysisOf(ast), { fail: ['usw2'] })[0]);
        assert.equal(explainFailure(layout.model, standbyLost, statesOf(layout.model, standbyLost)).reasons.get('dns')?.text, 'secondary usw2.edge failed');
        assert.deepEqual(capacity.get('use1.api'), { left: 4, total: 6, needs: 4, unit: 'tasks' });
        assert.equal(capacityText(capacity.get('use1.api')!), '4/6 tasks, needs 4');
        assert.deepEqual([...failoverTaken].map(id => layout.model.edges.find(e => e.id === id)?.label), ['secondary']);

        const { svg, texts } = renderSvgWithTexts(layout, { scenario, states });
        assert.match(svg, /<g class="node lane-node state-failed cause" data-id="use1.a"><title>[^<]*the injected failure/);
        assert.match(svg, /<rect class="cause-ring"/);
        assert.match(svg, /<rect class="az-failed-column" data-az="use1.a"/);
        assert.ok(!svg.includes('data-az="use1.b"'), 'only the failed AZ\'s column is hatched');
        assert.match(svg, /<g class="capacity-bar"><title>4\/6 tasks, needs 4<\/title>/);
        assert.match(svg, /class="edge edge-failover path-taken"/);
        // Each reason is on its card, whole, or numbered there and listed whole below the drawing.
        const drawn = texts.map(t => t.text);
        for (const [id, reason] of reasons) {
            if (reason.cause) continue;
            assert.ok(drawn.includes(reason.text) || drawn.includes(`${id}: ${reason.text}`), `${id}: ${reason.text}`);
        }
        assert.deepEqual(overflowing(texts), []);
    });
});

const CAUSE_AND_EFFECT = `system S {
  global {
    route53 dns {
      entry
      health checks
      failover primary use1.edge secondary usw2.edge
    }
  }
  region use1 "us-east-1" {
    az a
    az b
    az c
    alb edge in a, b, c { uses api }
    ecs api in a, b, c { launch fargate tasks 6 needs 4 uses cache uses reco soft }
    elasticache cache in a { engine redis }
    ecs reco in a { launch fargate tasks 1 }
  }
  region usw2 "us-west-2" {
    az a
    az b
    az c
    alb edge in a, b, c { uses api }
    ecs api in a, b, c { launch fargate tasks 3 }
  }
}
`;
