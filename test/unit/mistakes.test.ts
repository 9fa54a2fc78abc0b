import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { REPO_ROOT } from '../support/paths.js';
import { build } from '../support/services.js';
import { unhelpfulText } from '../support/message-checks.js';

/**
 * Mistakes a new user makes, one per file (test/fixtures/mistakes): each file lists the findings it must get,
 * `// expect LINE:COLUMN RULE MESSAGE`, exactly: its errors, and findings of any rule an expectation names. One
 * located, specific message per mistake, nothing caused by another.
 */
const FOLDER = path.join(REPO_ROOT, 'test', 'fixtures', 'mistakes');
const FILES = fs.readdirSync(FOLDER).filter(f => f.endsWith('.resil')).sort();

function expectationsOf(text: string): string[] {
    return [...text.matchAll(/^\/\/ expect (.+)$/gm)].map(m => m[1]);
}

const line = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`;

describe('the mistakes corpus', () => {
    it('holds at least 40 mistakes, each with what it must report', () => {
        assert.ok(FILES.length >= 40, `${FILES.length} files`);
        for (const file of FILES) assert.ok(expectationsOf(fs.readFileSync(path.join(FOLDER, file), 'utf8')).length > 0, file);
    });

    for (const file of FILES) {
        it(file.replace(/\.resil$/, ''), async () => {
            const text = fs.readFileSync(path.join(FOLDER, file), 'utf8');
            const expected = expectationsOf(text);
            const rules = new Set(expected.map(e => e.split(' ')[1]));
            const diagnostics = (await build(text)).diagnostics ?? [];
            const reported = diagnostics.filter(d => d.severity === DiagnosticSeverity.Error || rules.has(String(d.code)));
            assert.deepStrictEqual(reported.map(line), expected);
            for (const d of diagnostics) assert.strictEqual(unhelpfulText(d.message), undefined, d.message);
        });
    }
});
