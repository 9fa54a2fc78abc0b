import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { markdownHtml, svgProblems } from '../support/markup-safety.js';
import { runResil } from '../support/cli.js';
import { REPO_ROOT } from '../support/paths.js';

// Hostile input end to end, through the built binary: markup in SARIF, control characters on the terminal, export
// targets with `..` and symbolic links, files over the size limit.
const HOSTILE = path.join(REPO_ROOT, 'test', 'fixtures', 'hostile', 'markup.resil');
/** Runs the binary from another folder, for relative `-o` targets. */
function resilIn(cwd: string, ...args: string[]) {
    return runResil(args, cwd);
}

function assertNoStackTrace(output: string): void {
    assert.doesNotMatch(output, /\n\s+at .+\(.*:\d+:\d+\)/, 'no stack trace for the user');
}

describe('hostile input (built binary)', function () {
    this.timeout(120_000);
    let dir: string;
    before(() => { dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'resil-hostile-'))); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('keeps markup in SARIF as plain text: no markdown message carries it', () => {
        const result = runResil(['check', HOSTILE, '--format', 'sarif', '--fail-on', 'error']);
        assert.strictEqual(result.status, 0, result.stderr);
        const sarif = JSON.parse(result.stdout) as { runs: Array<{ results: Array<{ message: { text: string; markdown?: string } }> }> };
        const markdown: string[] = [];
        JSON.stringify(sarif, (key, value: unknown) => { if (key === 'markdown' && typeof value === 'string') markdown.push(value); return value; });
        assert.deepStrictEqual(markdown.flatMap(markdownHtml), []);
        assert.ok(sarif.runs[0].results.length > 0);
    });

    it('never prints control characters of a design to the terminal', () => {
        const file = path.join(dir, 'escape.resil');
        fs.writeFileSync(file, 'system T "\u001b]0;owned\u0007" {\n  region use1 {\n    az a \u001b[2J\n    sqs q\u009b31m\n  }\n}\n');
        for (const format of ['text', 'json', 'sarif']) {
            const result = runResil(['check', file, '--format', format]);
            assert.strictEqual(result.status, 2);
            assert.doesNotMatch(result.stdout + result.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, `${format}: raw control characters`);
        }
        assert.match(runResil(['check', file]).stdout, /Unexpected character '\\u\{1b\}'/);
    });

    it('writes `-o ../../x.svg` exactly where it points, and an inert SVG', () => {
        const top = path.join(dir, 'relative');
        const deep = path.join(top, 'a', 'b');
        fs.mkdirSync(deep, { recursive: true });
        const result = resilIn(deep, 'diagram', HOSTILE, '-o', '../../up.svg', '--scenario', 's1');
        assert.strictEqual(result.status, 0, result.stderr);
        assert.deepStrictEqual(fs.readdirSync(top).sort(), ['a', 'up.svg']);
        assert.deepStrictEqual(fs.readdirSync(deep), []);
        assert.deepStrictEqual(svgProblems(fs.readFileSync(path.join(top, 'up.svg'), 'utf8')), []);
    });

    it('does not write through a symbolic link to a file that is not a diagram', () => {
        const victim = path.join(dir, 'victim.txt');
        fs.writeFileSync(victim, 'keep me');
        const link = path.join(dir, 'link.svg');
        fs.symlinkSync(victim, link);
        const result = runResil(['diagram', HOSTILE, '-o', link]);
        assert.strictEqual(result.status, 2);
        assert.match(result.stderr, /not a diagram written by resil/);
        assertNoStackTrace(result.stderr);
        assert.strictEqual(fs.readFileSync(victim, 'utf8'), 'keep me');
    });

    it('generates a CDK app at `-o ../../app` and never through a symbolic link inside it', () => {
        const deep = path.join(dir, 'c', 'd');
        fs.mkdirSync(deep, { recursive: true });
        const first = resilIn(deep, 'generate', 'cdk', HOSTILE, '-o', '../../app');
        assert.strictEqual(first.status, 0, first.stderr);
        const app = path.join(dir, 'app');
        assert.ok(fs.existsSync(path.join(app, 'bin', 'app.ts')));
        // Replace a generated folder with a link to a folder outside the app: regeneration must not write into it.
        const outside = path.join(dir, 'outside');
        fs.mkdirSync(outside);
        fs.rmSync(path.join(app, 'lib'), { recursive: true });
        fs.symlinkSync(outside, path.join(app, 'lib'));
        const again = resilIn(deep, 'generate', 'cdk', HOSTILE, '-o', '../../app');
        assert.strictEqual(again.status, 0, again.stderr);
        assert.deepStrictEqual(fs.readdirSync(outside), []);
        assert.match(again.stdout, /symbolic link/);
    });

    it('refuses a file over 3 MB with file:1:1, a clear message and exit code 2', () => {
        const file = path.join(dir, 'huge.resil');
        fs.writeFileSync(file, 'system Huge {}\n');
        fs.truncateSync(file, 3 * 1024 * 1024 + 1);
        for (const command of [['check', file], ['diagram', file, '-o', path.join(dir, 'huge.svg')], ['generate', 'cdk', file, '-o', path.join(dir, 'huge-app')], ['blast-radius', file]]) {
            const result = runResil(command);
            assert.strictEqual(result.status, 2, command[0]);
            assert.match(result.stderr, /huge\.resil:1:1 3,145,729 bytes is larger than the 3 MB a design may have/, command[0]);
            assertNoStackTrace(result.stderr);
        }
        assert.ok(!fs.existsSync(path.join(dir, 'huge.svg')) && !fs.existsSync(path.join(dir, 'huge-app')));
    });
});
