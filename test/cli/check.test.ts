import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runResil } from '../support/cli.js';
import { REPO_ROOT } from '../support/paths.js';

interface JsonDiagnostic {
    file: string; line: number; column: number; endLine: number; endColumn: number;
    severity: string; rule: string; message: string; element: string | null;
}

const CLEAN = `system Clean {
  region use1 {
    az a
    az b
    dynamodb orders {
      entry
      pitr on
      backup daily retain 35d
    }
  }
}
`;
/** Only a warning (no point-in-time recovery) and an info (no backup plan). */
const WARNING_ONLY = CLEAN.replace('      pitr on\n      backup daily retain 35d\n', '');
const WITH_ERROR = CLEAN.replace('pitr on', 'pitr on\n      sla 120%');

describe('resil check (built binary)', function () {
    this.timeout(60_000);
    let dir: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-check-'));
        const write = (name: string, content: string | Buffer) => fs.writeFileSync(path.join(dir, name), content);
        write('clean.resil', CLEAN);
        write('warning.resil', WARNING_ONLY);
        write('error.resil', WITH_ERROR);
        write('syntax.resil', CLEAN.replace('dynamodb orders', 'dynamodb orders orders'));
        write('unknown-ref.resil', CLEAN.replace('entry', 'entry\n      uses nowhere'));
        write('duplicate.resil', CLEAN.replace('az b', 'az b\n    sqs orders'));
        write('empty.resil', '');
        write('binary.resil', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
        fs.mkdirSync(path.join(dir, 'nested', 'deeper'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'nested', 'deeper', 'found.resil'), CLEAN);
        fs.writeFileSync(path.join(dir, 'nested', 'notes.txt'), 'not a design');
        fs.mkdirSync(path.join(dir, 'nothing-here'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const file = (name: string) => path.join(dir, name);

    it('exits 0 and prints a summary for a clean design (text)', () => {
        const run = runResil(['check', file('clean.resil')]);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.strictEqual(run.stdout, '1 file checked: 0 errors, 0 warnings, 0 infos\n');
        assert.strictEqual(run.stderr, '');
    });

    it('prints file:line:col severity rule message lines (text)', () => {
        const run = runResil(['check', file('error.resil')]);
        assert.strictEqual(run.status, 1);
        assert.match(run.stdout, /error\.resil:8:11 error value-range 120 is above the maximum of 100: a percentage\.\n/);
    });

    it('prints the JSON of the contract, 1-based, with the element name', () => {
        const run = runResil(['check', file('error.resil'), '--format', 'json']);
        assert.strictEqual(run.status, 1);
        const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: JsonDiagnostic[] };
        const finding = diagnostics.find(d => d.rule === 'value-range')!;
        assert.deepStrictEqual(Object.keys(finding).sort(), ['column', 'element', 'endColumn', 'endLine', 'failureCategory', 'file', 'line', 'message', 'rule', 'severity']);
        assert.deepStrictEqual({ ...finding, file: path.basename(finding.file), message: undefined }, {
            file: 'error.resil', line: 8, column: 11, endLine: 8, endColumn: 15, severity: 'error', rule: 'value-range',
            message: undefined, element: 'use1.orders', failureCategory: 'misconfiguration-and-bugs',
        });
    });

    it('prints SARIF 2.1.0 with the metadata of every rule', () => {
        const run = runResil(['check', file('warning.resil'), '--format', 'sarif']);
        assert.strictEqual(run.status, 0);
        const sarif = JSON.parse(run.stdout);
        assert.strictEqual(sarif.version, '2.1.0');
        const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; helpUri: string; shortDescription: { text: string } }>;
        assert.ok(rules.some(r => r.id === 'dynamodb-pitr' && r.helpUri.includes('#dynamodb-pitr') && r.shortDescription.text.length > 0));
        const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'dynamodb-pitr');
        assert.strictEqual(result.level, 'warning');
        assert.strictEqual(rules[result.ruleIndex].id, 'dynamodb-pitr');
        assert.strictEqual(result.locations[0].physicalLocation.region.startLine, 5);
    });

    it('--fail-on decides which severity makes the exit code 1', () => {
        assert.strictEqual(runResil(['check', file('warning.resil')]).status, 0);
        assert.strictEqual(runResil(['check', file('warning.resil'), '--fail-on', 'warning']).status, 1);
        assert.strictEqual(runResil(['check', file('warning.resil'), '--fail-on', 'info']).status, 1);
        assert.strictEqual(runResil(['check', file('clean.resil'), '--fail-on', 'info']).status, 0);
    });

    it('searches folders recursively for .resil files only', () => {
        const run = runResil(['check', path.join(dir, 'nested'), '--format', 'json']);
        assert.strictEqual(run.status, 0, run.stderr);
        assert.deepStrictEqual(JSON.parse(run.stdout), { diagnostics: [] });
        assert.match(runResil(['check', path.join(dir, 'nested')]).stdout, /^1 file checked/);
    });

    const exit2: Array<[string, () => string[], RegExp]> = [
        ['a syntax error', () => ['check', file('syntax.resil')], /syntax.resil:5:21 error syntax /],
        ['an unknown reference', () => ['check', file('unknown-ref.resil')], /unknown-ref.resil:7:12 error unresolved-reference No service or router named 'nowhere'/],
        ['duplicate names', () => ['check', file('duplicate.resil')], /error duplicate-name Duplicate name 'orders' in region use1/],
        ['an empty file', () => ['check', file('empty.resil')], /empty.resil:1:1 error empty-model This file describes no system/],
    ];
    for (const [what, args, expected] of exit2) {
        it(`exits 2 with file:line:column for ${what}`, () => {
            const run = runResil(args());
            assert.strictEqual(run.status, 2, run.stdout + run.stderr);
            assert.match(run.stdout, expected);
            assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at /);
        });
    }

    const usage: Array<[string, () => string[], RegExp]> = [
        ['a binary file', () => ['check', file('binary.resil')], /binary file, not a \.resil design/],
        ['a missing file', () => ['check', file('missing.resil')], /missing\.resil: no such file or folder/],
        ['a folder without designs', () => ['check', path.join(dir, 'nothing-here')], /folder contains no \.resil files/],
        ['a file that is not a design', () => ['check', path.join(dir, 'nested', 'notes.txt')], /not a \.resil file/],
        ['no input', () => ['check'], /no input/],
        ['an unknown format', () => ['check', file('clean.resil'), '--format', 'xml'], /--format must be text, json or sarif/],
        ['an unknown --fail-on', () => ['check', file('clean.resil'), '--fail-on', 'never'], /--fail-on must be error, warning or info/],
        ['an unknown option', () => ['check', file('clean.resil'), '--frobnicate'], /frobnicate/],
    ];
    for (const [what, args, expected] of usage) {
        it(`exits 2 with one clear line on stderr for ${what}`, () => {
            const run = runResil(args());
            assert.strictEqual(run.status, 2);
            assert.match(run.stderr, expected);
            assert.strictEqual(run.stdout, '');
            assert.doesNotMatch(run.stderr, /\n\s+at /);
        });
    }

    it('checks the bundled resilient examples clean, as `npm start` does', () => {
        const examples = ['web-service', 'serverless-pipeline', 'container-platform', 'cell-based', 'language-tour'].map(n => `examples/${n}.resil`);
        const run = runResil(['check', ...examples, '--fail-on', 'warning']);
        assert.strictEqual(run.status, 0, run.stdout);
    });

    /**
     * What the build saves beside the bundle (`out/cli/<name>`) is used, and one that is not the bundle's (a rebuilt
     * bundle, a copy from elsewhere) is not, saying so with RESIL_DEBUG=1: the check is the same.
     */
    function usedOnlyForItsBundle(name: string, args: string[], status: number, notUsed: RegExp): void {
        const saved = path.join(REPO_ROOT, 'out', 'cli', name);
        assert.ok(fs.existsSync(saved), `the build wrote no ${name}`);
        const debug = { env: { ...process.env, RESIL_DEBUG: '1' } };
        const used = runResil(args, REPO_ROOT, debug);
        assert.strictEqual(used.stderr, '', `${name} was not used`);
        assert.strictEqual(used.status, status);
        const content = fs.readFileSync(saved);
        try {
            fs.writeFileSync(saved, Buffer.concat([Buffer.from('1:2\n'), content.subarray(content.indexOf(10) + 1)]));
            const without = runResil(args, REPO_ROOT, debug);
            assert.match(without.stderr, notUsed);
            assert.strictEqual(without.stdout, used.stdout);
            assert.strictEqual(without.status, status);
        } finally {
            fs.writeFileSync(saved, content);
        }
    }

    it('runs its bundle with the code cache the build made for it, and without one as well', () => {
        usedOnlyForItsBundle('resil.cjs.cache', ['check', 'examples/web-service.resil'], 0, /^resil: no code cache .*: compiling the bundle\n$/);
    });

    it('replays the grammar recording the build saved for its bundle, and checks the same without one', () => {
        usedOnlyForItsBundle('resil.cjs.grammar', ['check', 'examples'], 1, /^resil: no grammar recording for this bundle .*: recording the grammar\n$/);
    });

    it('checks without loading the language server: neither the protocol\'s connection nor the Node modules it needs (crypto, child_process, dgram)', () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-modules-'));
        try {
            const list = path.join(folder, 'modules.txt');
            const preload = path.join(folder, 'list-modules.cjs');
            fs.writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));\n`);
            const result = runResil(['check', 'examples/web-service.resil'], REPO_ROOT, { env: { ...process.env, NODE_OPTIONS: `--require=${preload}` } });
            assert.strictEqual(result.status, 0, result.stderr);
            const loaded = fs.readFileSync(list, 'utf8').split('\n');
            assert.ok(loaded.includes('NativeModule fs'), 'the list of modules is not the process\'s');
            assert.deepStrictEqual(loaded.filter(module => /^NativeModule (crypto|child_process|dgram)$/.test(module)), []);
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });

    it('exits 1 on the fragile example and 2 when any file of a folder does not link', () => {
        assert.strictEqual(runResil(['check', 'examples']).status, 1);
        assert.strictEqual(runResil(['check', 'examples', file('unknown-ref.resil')]).status, 2);
    });
});
