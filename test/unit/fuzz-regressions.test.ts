import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT as ROOT } from '../support/paths.js';
import { runPipeline } from '../fuzz/pipeline.js';
import { Random } from '../fuzz/random.js';
import { build, testServices } from '../support/services.js';

// Every crash the fuzzer found, kept as a fixture under test/fixtures/fuzz/ (its header says what broke).
const FOLDER = path.join(ROOT, 'test', 'fixtures', 'fuzz');
const fixtures = fs.readdirSync(FOLDER).filter(f => f.endsWith('.resil')).sort();
const read = (name: string) => fs.readFileSync(path.join(FOLDER, name), 'utf8');

describe('fuzz regressions', function () {
    this.timeout(120_000);

    for (const name of fixtures) {
        it(`${name} goes through every stage without a problem`, async () => {
            const text = read(name);
            // Laying out thousands of recovered elements takes minutes: the layout is fuzzed on smaller inputs.
            const result = await runPipeline(text, new Random(7), { layout: text.length < 10_000 });
            assert.deepStrictEqual(result.problems, []);
        });
    }

    it('completes at the end of deeply nested text instead of failing', async () => {
        const document = await build(read('deep-cells.resil'));
        const text = document.textDocument.getText();
        for (const offset of [text.length, text.length - 10, Math.floor(text.length / 2)]) {
            const list = await testServices().lsp.CompletionProvider!.getCompletion(document, {
                textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset),
            });
            assert.ok(list === undefined || Array.isArray(list.items));
        }
    });

    it('reports too deep nesting as a syntax error where it starts, and parses the next document normally', async () => {
        const deep = await build(read('deep-braces.resil'));
        const error = (deep.diagnostics ?? []).find(d => d.code === 'syntax' && d.message.includes('nests blocks too deeply'));
        assert.ok(error, JSON.stringify(deep.diagnostics?.map(d => d.message)));
        assert.strictEqual(error.range.start.line, 5);
        const tour = await build(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'tour.resil'), 'utf8'));
        assert.deepStrictEqual((tour.diagnostics ?? []).filter(d => d.severity === 1 || d.severity === 2).map(d => d.message), []);
    });
});
