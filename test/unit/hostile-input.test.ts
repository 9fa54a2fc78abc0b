import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analysisOf, blastRadiusJson, outcomesFor, scenarioJson } from '../../language/src/analysis/analysis.js';
import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import { createNodeElk } from '../../language/src/diagram/node-elk.js';
import { renderDiagram } from '../../language/src/diagram/render-diagram.js';
import { MAX_FILE_BYTES } from '../../language/src/workspace/limits.js';
import { findingsOf } from '../../language/src/workspace/findings.js';
import { renderReport } from '../../client/src/report/report-markdown.js';
import { REPO_ROOT as ROOT } from '../support/paths.js';
import { runPipeline } from '../fuzz/pipeline.js';
import { Random } from '../fuzz/random.js';
import { markdownHtml, svgProblems } from '../support/markup-safety.js';
import { build, inRegion } from '../support/services.js';
import { EmptyFileSystem, type ValidationAcceptor } from 'langium';
import type { Model, ResilAstType } from '../../language/src/generated/ast.js';
import { createResilServices } from '../../language/src/resil-module.js';
import { buildText } from '../../language/src/workspace/documents.js';

const read = (file: string) => fs.readFileSync(path.join(ROOT, 'test', 'fixtures', file), 'utf8');

describe('hostile input', function () {
    this.timeout(120_000);

    describe('markup and script in every text of the design', () => {
        const hostile = read('hostile/markup.resil');

        it('checks without errors (so that every output below is produced)', async () => {
            const document = await build(hostile);
            assert.deepStrictEqual((document.diagnostics ?? []).filter(d => d.severity === 1).map(d => d.message), []);
        });

        it('draws an inert SVG, with and without a failure selected', async () => {
            const model = (await build(hostile)).parseResult.value;
            const scenario = scenarioJson(outcomesFor(analysisOf(model), { scenario: 's1' })[0]);
            for (const selected of [undefined, scenario]) {
                const { svg } = await renderDiagram({ model: buildDiagramModel(model), elk: createNodeElk(), scenario: selected, interactive: true });
                assert.deepStrictEqual(svgProblems(svg), []);
                assert.ok(svg.includes('&lt;script&gt;alert(&#39;system&#39;)&lt;/script&gt;') || svg.includes('&lt;script&gt;alert(\'system\')&lt;/script&gt;'), 'the system title is shown, as text');
            }
        });

        it('writes a report with no HTML in it', async () => {
            const document = await build(hostile);
            const analysis = analysisOf(document.parseResult.value);
            const findings = findingsOf(document, 'markup.resil');
            const markdown = renderReport({
                fileName: '<img src=x onerror=alert(1)>.resil',
                requirements: [{ text: 'require survive az-loss <script>', line: 3, holds: false, violations: ['<script>alert(1)</script>'] }],
                scenarios: blastRadiusJson(outcomesFor(analysis, {})).scenarios,
                scenariosError: '<img src=x onerror=alert(2)>',
                findings: findings.map(f => ({ rule: f.rule, severity: f.severity, line: f.line, message: `${f.message} <script>alert(3)</script>` })),
                simulation: blastRadiusJson(outcomesFor(analysis, { scenario: 's1' })).scenarios[0],
            });
            assert.deepStrictEqual(markdownHtml(markdown), []);
            assert.match(markdown, /&lt;script&gt;/);
        });
    });

    describe('a design with more findings than a call can take arguments', () => {
        it('keeps every finding: Langium\'s validator appended them with push(...findings), which overflowed and lost them all', async () => {
            // A design at the size limit has about 140,000 findings; a check of our own makes as many on a small one.
            const services = createResilServices(EmptyFileSystem).Resil;
            const many = 200_000;
            services.validation.ValidationRegistry.register<ResilAstType>({
                Model: (node: Model, accept: ValidationAcceptor) => {
                    for (let i = 0; i < many; i++) accept('info', `finding ${i}`, { node });
                },
            });
            const document = await buildText(services, inRegion('    sqs jobs'), 'many-findings.resil');
            assert.strictEqual((document.diagnostics ?? []).filter(d => d.message.startsWith('finding ')).length, many);
        });
    });

    describe('designs over the size limit', () => {
        it('are not parsed: one syntax error says why, for the language server as for the CLI', async () => {
            const huge = 'system Huge {\n' + ' '.repeat(MAX_FILE_BYTES) + '}\n';
            const started = performance.now();
            const document = await build(huge);
            assert.deepStrictEqual(document.diagnostics?.map(d => [d.code, d.range.start.line, d.message]), [
                ['syntax', 0, '3,145,744 bytes is larger than the 3 MB a design may have: Resil does not analyse it. Split the design into several files.'],
            ]);
            assert.ok(performance.now() - started < 20_000, 'refused without being parsed');
        });

        it('counts bytes, not characters: a million three-byte characters are over the limit', async () => {
            const document = await build(`system Wide "${'€'.repeat(Math.ceil(MAX_FILE_BYTES / 3))}" {}`);
            assert.match(document.diagnostics?.[0]?.message ?? '', /^3,145,745 bytes is larger than the 3 MB/);
        });
    });

    describe('syntax errors about long names', () => {
        it('cost no more than the name: a cell of a 100,000-character name without its replica count (found by the fuzzer)', async () => {
            // The message names the cell, read back from the error: a search anchored at the end of the text before the
            // error tried every start position in the name (quadratic: 20 s for a 50 KB design).
            const name = 'x'.repeat(100_000);
            const started = performance.now();
            const document = await build(`system S {\n  region r {\n    az a\n    cell ${name} in a { }\n  }\n}\n`);
            assert.ok(document.diagnostics?.find(d => d.code === 'syntax')?.message.includes(`'cell ${name}[2] in a, b`));
            assert.ok(performance.now() - started < 20_000, 'the message took time proportional to the square of the name');
        });
    });

    describe('cyclic and self-referencing designs', () => {
        const cyclic = `system Loops {
  global {
    route53 dns { entry health checks failover primary dns secondary dns }
  }
  region use1 {
    az a
    az b
    ecs self in a, b { tasks 2 uses self }
    ecs ping in a, b { tasks 2 uses pong }
    ecs pong in a, b { tasks 2 uses ping }
    sqs loop { dlq loop after 3 }
    sns topic { dlq topic }
    dynamodb table replica of table { pitr on }
    router rt over rt
    cell c[2] in a, b {
      lambda f { concurrency 1 uses f }
    }
  }
  scenario all { fail use1, use1.a, use1.c[0], use1.c[1], dns }
}
`;

        it('goes through every stage (analysis of every failure, diagram, code generation) without a problem', async () => {
            const result = await runPipeline(cyclic, new Random(1), { layout: true });
            assert.deepStrictEqual(result.problems, []);
        });

        it('reports each loop on the element that closes it', async () => {
            const document = await build(cyclic);
            const lines = cyclic.split('\n');
            const found = (document.diagnostics ?? []).filter(d => d.severity === 1)
                .map(d => `${d.code} ${lines[d.range.start.line].trim().split(' ').slice(0, 2).join(' ')}`);
            for (const expected of [
                'reference-kind route53 dns', // fails over to itself
                'dependency-cycle ecs self', 'dependency-cycle ecs ping',
                'reference-kind sqs loop', 'reference-kind sns topic', 'reference-kind dynamodb table', 'reference-kind router rt',
                'dependency-cycle lambda f',
            ]) {
                assert.ok(found.includes(expected), `${expected} not in ${JSON.stringify(found)}`);
            }
        });
    });
});
