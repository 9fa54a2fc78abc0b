import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { runResil } from '../support/cli.js';

/**
 * Microsoft's SARIF SDK ships the SARIF 2.1.0 schema (its last release candidate, rtm.5: the same constraints on
 * URIs and messages as the OASIS standard's sarif-schema-2.1.0.json). It is a draft-04 schema: `id` is `$id` for
 * Ajv 8, and one of its patterns is only valid without the `u` flag.
 */
function sarifValidator() {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
    const { $schema: _draft, id, ...rest } = schema;
    const ajv = new Ajv.default({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    return ajv.compile({ ...rest, $id: String(id) });
}

interface SarifLocation { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }
interface SarifLog {
    runs: Array<{
        invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }>;
        originalUriBaseIds?: Record<string, { uri: string }>; results: Array<{ message: { text: string }; locations: SarifLocation[] }> }>;
}

const BROKEN = 'system T {\n  region use1 {\n    az a\n    lambda f { uses nothere }\n  }\n}\n';
const NAMES = ['with space.resil', 'hash#1.resil', 'per%25cent.resil', 'quest?ion.resil', 'ünïcødé 😀.resil', 'semi;colon[1].resil'];

describe('resil check --format sarif: valid SARIF 2.1.0 (built binary)', function () {
    this.timeout(120_000);
    const validate = sarifValidator();
    let dir: string;
    before(() => {
        dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'resil-sarif-')));
        const folder = path.join(dir, 'a folder #%');
        fs.mkdirSync(folder);
        for (const name of NAMES) fs.writeFileSync(path.join(folder, name), BROKEN);
        // A rule name with a lone surrogate: the one way a message can carry one (JSON escapes in .resilrc.json).
        fs.writeFileSync(path.join(folder, '.resilrc.json'), '{ "rules": { "half\\ud83d": "off" } }');
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    function sarifOf(cwd: string, target: string): { log: SarifLog; text: string } {
        const result = runResil(['check', target, '--format', 'sarif'], cwd);
        assert.strictEqual(result.status, 2, result.stderr);
        return { log: JSON.parse(result.stdout) as SarifLog, text: result.stdout };
    }

    /** Each result's file, resolved as a SARIF consumer does: against its base URI, else as an absolute URI. */
    function resolvedFiles(log: SarifLog): string[] {
        const run = log.runs[0];
        return run.results.map(r => {
            const { uri, uriBaseId } = r.locations[0].physicalLocation.artifactLocation;
            const base = uriBaseId ? run.originalUriBaseIds![uriBaseId].uri : undefined;
            return fileURLToPath(new URL(uri, base));
        });
    }

    for (const [where, cwd, target] of [
        ['relative to the working folder', () => dir, () => 'a folder #%'],
        ['outside the working folder (absolute file: URIs)', () => os.tmpdir(), () => path.join(dir, 'a folder #%')],
    ] as const) {
        it(`validates against the SARIF 2.1.0 schema, with paths ${where}`, () => {
            const { log } = sarifOf(cwd(), target());
            const valid = validate(log);
            assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 3), null, 2));
            assert.deepStrictEqual([...new Set(resolvedFiles(log))].sort(), NAMES.map(n => path.join(dir, 'a folder #%', n)).sort(), 'each URI leads back to its file');
        });
    }

    it('says in the log which files could not be read, and that the run did not check everything', () => {
        const folder = path.join(dir, 'with a pipe');
        fs.mkdirSync(folder);
        fs.writeFileSync(path.join(folder, 'ok.resil'), BROKEN);
        execFileSync('mkfifo', [path.join(folder, 'pipe.resil')]);
        const { log } = sarifOf(dir, 'with a pipe');
        assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3), null, 2));
        const [invocation] = log.runs[0].invocations;
        assert.strictEqual(invocation.executionSuccessful, false);
        assert.deepStrictEqual(invocation.toolExecutionNotifications.map(n => [n.level, n.message.text.replace(/:.*/, '')]), [['error', 'with a pipe/pipe.resil']]);
        assert.strictEqual(sarifOf(dir, 'a folder #%').log.runs[0].invocations[0].executionSuccessful, true);
    });

    it('writes no lone surrogate: messages are well-formed Unicode for strict readers', () => {
        const { log, text } = sarifOf(dir, 'a folder #%');
        assert.doesNotMatch(text, /\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i, 'no escaped lone surrogate');
        const messages = log.runs[0].results.map(r => r.message.text);
        assert.ok(messages.some(m => m.includes('half\ufffd')), 'the rule name is shown, its half emoji replaced');
        for (const message of messages) assert.doesNotMatch(message, /\p{Cs}/u);
    });
});
