import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runResil } from '../support/cli.js';

// Text of the design and of the command line reaches the terminal inert, in every command and every message:
// each kind of control or invisible character is injected into each place that prints it.
const HIDDEN = '\u001b]0;owned\u0007\u001b[2J\u009b31m\u0085\u00ad\u200b\u200c\u200e\u200f\u2028\u2029\u202a\u202d\u202e\u2060\u2066\u2069\u206f\ufeff\u0008';
/** Anything of that kind, raw: a line break is only allowed as the end of a line. */
const RAW_HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u2060-\u206f](?<!\n)/u;
/** On a terminal, U+FFFD is what half of a surrogate pair becomes; in JSON, the replacement of a lone surrogate. */
const REPLACEMENT = /\ufffd/u;

function assertInert(output: string, where: string, json = false): void {
    const match = RAW_HIDDEN.exec(output) ?? (json ? null : REPLACEMENT.exec(output));
    assert.strictEqual(match, null, `${where}: raw U+${match?.[0].codePointAt(0)!.toString(16).padStart(4, '0')} in ${JSON.stringify(output)}`);
}

const design = (title: string, regionCode: string) => `system T {
  scenario s1 "${title}" { fail use1.a }
  region use1 "${regionCode}" {
    az a
    az b
    dynamodb orders { entry pitr on backup daily retain 35d }
  }
}
`;

describe('printed text (built binary)', function () {
    this.timeout(120_000);
    let dir: string;
    before(() => { dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'resil-printed-'))); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, content: string) => {
        const file = path.join(dir, name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content);
        return file;
    };

    it('check: a configuration key and rule name of every kind, in text, JSON and SARIF', () => {
        const file = write('config/t.resil', design('t', 'us-east-1'));
        // A lone surrogate, which only JSON can carry into a design's world.
        write('config/.resilrc.json', `{ "rules": { "x${JSON.stringify(HIDDEN).slice(1, -1)}\\ud83dy": "off" }, "k\\u2028": 1 }`);
        for (const format of ['text', 'json', 'sarif']) {
            const result = runResil(['check', file, '--format', format]);
            assert.strictEqual(result.status, 1, result.stderr);
            assertInert(result.stdout + result.stderr, `check --format ${format}`, format !== 'text');
            assert.match(result.stdout, /config-file|unknown rule/);
        }
        const text = runResil(['check', file]).stdout;
        assert.match(text, /unknown rule 'x\\u\{1b\}\]0;owned\\u\{7\}\\u\{1b\}\[2J\\u\{9b\}31m.*\\u\{d83d\}y'/, 'what was hidden is shown');
        const json = runResil(['check', file, '--format', 'json']).stdout;
        assert.ok(JSON.parse(json).diagnostics.some((d: { message: string }) => d.message.includes(`x${HIDDEN}\ufffdy`)), 'the JSON holds the same text, its lone surrogate replaced');
    });

    it('check: an emoji where a name belongs is quoted whole, not half a surrogate pair', () => {
        const file = write('emoji.resil', 'system T {\n  region use1 {\n    az a\n    dynamodb t😀x { }\n  }\n}\n');
        const text = runResil(['check', file]);
        assert.strictEqual(text.status, 2);
        assert.match(text.stdout, /emoji\.resil:4:15 error syntax Unexpected character '😀'/);
        assertInert(text.stdout, 'check text');
        const json = runResil(['check', file, '--format', 'json']);
        assert.doesNotMatch(json.stdout, /\\ud83d|\ufffd/i);
        assert.ok(JSON.parse(json.stdout).diagnostics.some((d: { message: string }) => d.message.includes("'😀'")));
    });

    it('blast-radius --scenario: the scenario title stays on its line, inert', () => {
        const file = write('title.resil', design(`bad\n${HIDDEN}deploy`, 'us-east-1'));
        const result = runResil(['blast-radius', file, '--scenario', 's1']);
        assert.strictEqual(result.status, 0, result.stderr);
        assertInert(result.stdout, 'blast-radius');
        assert.match(result.stdout, /^s1 \(bad\\u\{a\}\\u\{1b\}.*deploy\): fails use1\.a$/m);
        const json = runResil(['blast-radius', file, '--scenario', 's1', '--format', 'json']);
        assertInert(json.stdout, 'blast-radius json');
    });

    it('blast-radius and diagram: an unknown --fail name is echoed inert', () => {
        const file = write('fail.resil', design('t', 'us-east-1'));
        for (const command of [['blast-radius', file], ['diagram', file, '-o', path.join(dir, 'fail.svg')]]) {
            const result = runResil([...command, '--fail', `use1.${HIDDEN}\nx`]);
            assert.strictEqual(result.status, 2, command[0]);
            assertInert(result.stderr, command[0]);
            assert.match(result.stderr, /unknown .*'use1\.\\u\{1b\}\]0;owned/, command[0]);
            assert.strictEqual(result.stderr.trimEnd().split('\n').length, 1, `${command[0]}: one line, the name's line break escaped`);
        }
    });

    it('generate cdk: a region code in a warning, inert, and cut whole at an emoji', () => {
        const hidden = runResil(['generate', 'cdk', write('region.resil', design('t', `us-east-1${HIDDEN}`)), '-o', path.join(dir, 'app')]);
        assert.strictEqual(hidden.status, 0, hidden.stderr);
        assertInert(hidden.stdout, 'generate');
        assert.match(hidden.stdout, /^warning: region use1: 'us-east-1\\u\{1b\}\]0;owned.*' is not an AWS region code/m);
        // A node type is quoted up to 60 characters: the 60th is an emoji with a skin tone, two surrogate pairs.
        const nodeType = `${'x'.repeat(59)}👍🏽tail`;
        const cache = design('t', 'us-east-1').replace('    dynamodb', `    elasticache c in a, b { engine redis replicas 1 multi-az on failover auto node "${nodeType}" }\n    dynamodb`);
        const long = runResil(['generate', 'cdk', write('long.resil', cache), '-o', path.join(dir, 'app2')]);
        assert.strictEqual(long.status, 0, long.stderr);
        assertInert(long.stdout, 'generate');
        assert.match(long.stdout, /^warning: .*'x{59}👍🏽…' is not a valid ElastiCache node type/m);
    });

    it('usage errors and file names echo what the user typed inert', () => {
        const file = write('usage.resil', design('t', 'us-east-1'));
        const cases: string[][] = [
            [`chec${HIDDEN}k`],
            ['check', file, '--format', `x${HIDDEN}`],
            ['blast-radius', file, '--format', `x${HIDDEN}`],
            ['check', path.join(dir, `missing${HIDDEN}.resil`)],
            ['diagram', file, '-o', path.join(dir, `x${HIDDEN}.pdf`)],
            ['generate', `cd${HIDDEN}k`, file, '-o', path.join(dir, 'x')],
        ];
        for (const args of cases) {
            const result = runResil(args);
            assert.strictEqual(result.status, 2, args.join(' '));
            assertInert(result.stdout + result.stderr, args.join(' '));
            assert.match(result.stderr, /\\u\{1b\}/, `${args[0]}: what was hidden is shown`);
        }
        const named = write(`named${HIDDEN}.resil`, 'system T {\n  region use1 {\n    az a\n    lambda f { uses nothere }\n  }\n}\n');
        for (const args of [['check', named], ['diagram', named, '-o', path.join(dir, `out${HIDDEN}.svg`)]]) {
            const result = runResil(args);
            assert.strictEqual(result.status, 2, args[0]);
            assertInert(result.stdout + result.stderr, `${args[0]} with a hidden file name`);
        }
        const drawn = runResil(['diagram', file, '-o', path.join(dir, `out${HIDDEN}.svg`)]);
        assert.strictEqual(drawn.status, 0, drawn.stderr);
        assertInert(drawn.stdout, 'diagram wrote');
    });
});
