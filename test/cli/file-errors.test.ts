import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runResil, type RunOptions } from '../support/cli.js';

// Errors the user caused (permissions, paths, pipes, encodings) are said as such, with exit code 2: never as an
// internal error of ours, never a hang.
const CLEAN = 'system T {\n  region use1 {\n    az a\n    az b\n    dynamodb orders { entry pitr on backup daily retain 35d }\n  }\n}\n';
/** Root may read anything: permission errors show only to another user. */
const UNPRIVILEGED: RunOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
/** Long enough for a slow machine, short enough that a hang fails the test instead of the suite. */
const LIMIT: RunOptions = { timeout: 30_000 };

function assertUserError(result: { stdout: string; stderr: string; status: number | null }, expected: RegExp, what: string): void {
    assert.strictEqual(result.status, 2, `${what}: ${result.stderr}`);
    assert.doesNotMatch(result.stderr, /internal error|please report|\n\s+at /i, what);
    assert.match(result.stderr, expected, what);
}

describe('file-system errors (built binary)', function () {
    this.timeout(120_000);
    let dir: string;
    const file = (...parts: string[]) => path.join(dir, ...parts);
    before(() => {
        dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'resil-fs-')));
        fs.chmodSync(dir, 0o755);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('reports an unreadable file of a folder and checks the others (exit 2)', () => {
        fs.mkdirSync(file('perm'), { mode: 0o755 });
        fs.writeFileSync(file('perm', 'a.resil'), CLEAN.replace('pitr on ', ''), { mode: 0o644 });
        fs.writeFileSync(file('perm', 'b.resil'), CLEAN, { mode: 0o000 });
        fs.writeFileSync(file('perm', 'c.resil'), CLEAN, { mode: 0o644 });
        const result = runResil(['check', 'perm'], dir, { ...UNPRIVILEGED, ...LIMIT });
        assertUserError(result, /^resil check: perm\/b\.resil: cannot open: permission denied$/m, 'unreadable file');
        assert.match(result.stdout, /perm\/a\.resil:5:14 warning dynamodb-pitr/, 'the file before is checked');
        assert.match(result.stdout, /^2 files checked: 0 errors, 1 warnings, 0 infos; 1 file could not be read$/m, 'and the one after');
    });

    it('says permission denied for an output folder the user cannot write', () => {
        fs.mkdirSync(file('locked'), { mode: 0o555 });
        fs.writeFileSync(file('design.resil'), CLEAN, { mode: 0o644 });
        const diagram = runResil(['diagram', file('design.resil'), '-o', file('locked', 'x.svg')], dir, { ...UNPRIVILEGED, ...LIMIT });
        assertUserError(diagram, /locked\/x\.svg: cannot open: permission denied/, 'diagram');
        const generate = runResil(['generate', 'cdk', file('design.resil'), '-o', file('locked', 'app')], dir, { ...UNPRIVILEGED, ...LIMIT });
        assertUserError(generate, /locked\/app: cannot create folder: permission denied/, 'generate');
    });

    it('says a part of the path is a file: diagram -o afile/x.svg, generate -o afile/app', () => {
        fs.writeFileSync(file('design.resil'), CLEAN);
        fs.writeFileSync(file('afile'), 'not a folder');
        assertUserError(runResil(['diagram', file('design.resil'), '-o', file('afile', 'x.svg')], dir, LIMIT), /afile\/x\.svg: .*a part of the path is a file, not a folder/, 'diagram');
        assertUserError(runResil(['generate', 'cdk', file('design.resil'), '-o', file('afile', 'app')], dir, LIMIT), /afile\/app: .*a part of the path is a file, not a folder/, 'generate');
        assertUserError(runResil(['check', file('afile', 'x.resil')], dir, LIMIT), /afile\/x\.resil: cannot read: a part of the path is a file/, 'check');
    });

    it('fails at once to create an output folder where none can be (/proc), instead of spinning', () => {
        fs.writeFileSync(file('design.resil'), CLEAN);
        const started = Date.now();
        assertUserError(runResil(['generate', 'cdk', file('design.resil'), '-o', '/proc/nope/app'], dir, LIMIT), /\/proc\/nope: cannot create folder: no such file or folder/, 'generate');
        assert.ok(Date.now() - started < 20_000, 'no loop');
    });

    it('follows symbolic links to designs and folders, once each, and reports a broken one', () => {
        fs.mkdirSync(file('links', 'real'), { recursive: true });
        fs.writeFileSync(file('elsewhere.resil'), CLEAN.replace('pitr on ', ''));
        fs.symlinkSync(file('elsewhere.resil'), file('links', 'linked.resil'));
        fs.writeFileSync(file('links', 'real', 'inner.resil'), CLEAN);
        fs.symlinkSync(file('links', 'real'), file('links', 'via-link'));
        fs.symlinkSync(file('links'), file('links', 'real', 'loop'));
        fs.symlinkSync(file('nowhere.resil'), file('links', 'broken.resil'));
        const result = runResil(['check', 'links'], dir, LIMIT);
        assertUserError(result, /^resil check: links\/broken\.resil: cannot open: no such file or folder$/m, 'broken link');
        assert.match(result.stdout, /^links\/linked\.resil:5:14 warning dynamodb-pitr/m, 'a linked design is checked');
        assert.match(result.stdout, /^3 files checked: 0 errors, 1 warnings/m, 'linked.resil, real/inner.resil and via-link/inner.resil; the loop is not followed');
    });

    it('refuses a pipe or a device named .resil without waiting or reading it', () => {
        fs.mkdirSync(file('special'));
        execFileSync('mkfifo', [file('special', 'pipe.resil')]);
        fs.symlinkSync('/dev/zero', file('special', 'zero.resil'));
        fs.writeFileSync(file('special', 'ok.resil'), CLEAN);
        const folder = runResil(['check', 'special'], dir, LIMIT);
        assertUserError(folder, /^resil check: special\/pipe\.resil: not a regular file/m, 'pipe in a folder');
        assert.match(folder.stderr, /^resil check: special\/zero\.resil: not a regular file/m, 'device in a folder');
        assert.match(folder.stdout, /^1 file checked: 0 errors/m);
        for (const name of ['pipe.resil', 'zero.resil']) {
            assertUserError(runResil(['blast-radius', file('special', name)], dir, LIMIT), /not a regular file/, name);
        }
    });

    it('reports invalid UTF-8 at the line and column of its first bad byte (exit 2)', () => {
        const bytes = Buffer.concat([Buffer.from('system T {\n  region use1 "é', 'utf8'), Buffer.from([0xff]), Buffer.from('" {\n    az a\n  }\n}\n')]);
        fs.writeFileSync(file('latin.resil'), bytes);
        const text = runResil(['check', 'latin.resil'], dir, LIMIT);
        assert.strictEqual(text.status, 2);
        assert.match(text.stdout, /^latin\.resil:2:17 error syntax Invalid UTF-8 \(byte 0xff\)/m);
        const json = JSON.parse(runResil(['check', 'latin.resil', '--format', 'json'], dir, LIMIT).stdout) as { diagnostics: Array<Record<string, unknown>> };
        assert.deepStrictEqual(json.diagnostics.map(d => [d.line, d.column, d.rule]), [[2, 17, 'syntax']]);
        assertUserError(runResil(['diagram', file('latin.resil'), '-o', file('latin.svg')], dir, LIMIT), /latin\.resil:2:17 error syntax Invalid UTF-8/, 'diagram');
        assert.ok(!fs.existsSync(file('latin.svg')));
    });
});
