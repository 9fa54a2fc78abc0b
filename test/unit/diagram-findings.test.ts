import * as assert from 'node:assert/strict';
import { findingsOnElements, type DrawnFinding } from '../../language/src/diagram/diagram-findings.js';
import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import { layoutDiagram } from '../../language/src/diagram/layout.js';
import { createNodeElk } from '../../language/src/diagram/node-elk.js';
import { renderSvgWithTexts } from '../../language/src/diagram/svg-renderer.js';
import { severityName } from '../../language/src/workspace/findings.js';
import { build } from '../support/services.js';

/** `use1.edge` sits in one AZ (alb-multi-az, an error), and the AZ-loss requirement fails on the system. */
const DESIGN = `system S {
  require survive az-loss
  region use1 "us-east-1" {
    az a
    az b
    alb edge in a { entry uses api }
    ecs api in a, b { launch fargate tasks 4 needs 2 }
    sqs jobs
  }
}
`;

async function designWithFindings() {
    const document = await build(DESIGN);
    const findings: DrawnFinding[] = (document.diagnostics ?? []).map(d => ({
        severity: severityName(d.severity), message: d.message, range: d.range, ...(typeof d.code === 'string' && { rule: d.code }),
    }));
    return { model: buildDiagramModel(document.parseResult.value), findings };
}

describe('diagram: rule findings as badges on their elements', function () {
    this.timeout(60_000);

    it('gives each finding to the innermost element declared around it, and leaves the system\'s out', async () => {
        const { model, findings } = await designWithFindings();
        const byElement = findingsOnElements(model, findings);
        const edge = byElement.get('use1.edge');
        assert.ok(edge, `use1.edge has findings: ${[...byElement.keys()].join(', ')}`);
        assert.ok(edge.findings.some(f => f.rule === 'alb-multi-az'), edge.findings.map(f => f.rule).join(', '));
        assert.equal(edge.severity, 'error', 'the worst of its findings');
        assert.ok(!byElement.has('use1'), 'a finding on a service is not the region\'s');
        const drawn = [...byElement.values()].reduce((n, e) => n + e.findings.length, 0);
        const system = findings.filter(f => f.range.start.line === 1);
        assert.ok(system.length > 0, 'the requirement fails on the system');
        assert.equal(drawn, findings.length - system.length, 'every finding but the system\'s is on an element');
    });

    it('draws a badge with the count on each element, coloured by the worst severity, its findings in the tooltip', async () => {
        const { model, findings } = await designWithFindings();
        const layout = await layoutDiagram(model, createNodeElk());
        const { svg, texts } = renderSvgWithTexts(layout, { findings });
        for (const [id, { findings: own, severity }] of findingsOnElements(model, findings)) {
            const badge = new RegExp(`<g class="finding-badge severity-${severity}" data-finding="${id.replace('.', '\\.')}"><title>([^<]*)</title>`).exec(svg);
            assert.ok(badge, `a ${severity} badge on ${id}`);
            for (const finding of own) assert.ok(badge[1].includes(finding.rule ?? ''), `${finding.rule} in the tooltip of ${id}`);
            assert.ok(texts.some(t => t.owner === id && t.text === `${own.length}` && t.within.width === 18), `the count ${own.length} on ${id}'s badge`);
        }
        assert.ok(!renderSvgWithTexts(layout).svg.includes('class="finding-badge '), 'no findings given, no badge');
    });
});
