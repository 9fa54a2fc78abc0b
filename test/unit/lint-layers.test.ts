import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { REPO_ROOT } from '../support/paths.js';

// The layer rules of eslint.config.js, proved on sources that exist only in memory, placed at each layer's path.

const eslint = new ESLint({ cwd: REPO_ROOT });

/** What the linter says about `source` if it were the file at `file` (relative to the repository root). */
async function lint(file: string, source: string): Promise<string[]> {
    const [result] = await eslint.lintText(source, { filePath: path.join(REPO_ROOT, file) });
    return result.messages.map(m => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

async function expectBreach(file: string, specifier: string): Promise<void> {
    const messages = await lint(file, `import '${specifier}';\n`);
    assert.equal(messages.length, 1, `${file} importing ${specifier}: ${messages.join('; ') || 'no error'}`);
    assert.match(messages[0], /^no-restricted-imports: /, messages[0]);
}

async function expectClean(file: string, ...specifiers: string[]): Promise<void> {
    const source = specifiers.map(s => `import '${s}';\n`).join('');
    assert.deepEqual(await lint(file, source), [], file);
}

describe('layers enforced by the linter', () => {
    it('keeps language/ free of VS Code, the editor layers, tests and benchmarks', async () => {
        const file = 'language/src/lsp/layer-probe.ts';
        for (const specifier of ['vscode', '../../../client/src/extension.js', '../../../server/src/protocol.js',
            '../../../test/support/paths.js', '../../../bench/registry.js']) {
            await expectBreach(file, specifier);
        }
        await expectClean(file, 'langium', 'vscode-languageserver', '../model/topology.js', 'node:path');
    });

    it('keeps the webview free of Node built-ins and VS Code', async () => {
        const file = 'client/src/diagram/webview/layer-probe.ts';
        for (const specifier of ['node:fs', 'fs', 'path', 'child_process', 'vscode', '../../../../test/support/paths.js']) {
            await expectBreach(file, specifier);
        }
        await expectClean(file, 'elkjs/lib/elk-api.js', '../messages.js', '../../../../language/src/diagram/layout.js');
    });

    it('keeps the server free of the client and VS Code', async () => {
        const file = 'server/src/layer-probe.ts';
        for (const specifier of ['../../client/src/extension.js', 'vscode', '../../test/support/paths.js']) {
            await expectBreach(file, specifier);
        }
        await expectClean(file, 'vscode-languageserver/node.js', '../../language/src/resil-module.js');
    });

    it('keeps the client away from the server sources, tests and benchmarks', async () => {
        const file = 'client/src/commands/layer-probe.ts';
        for (const specifier of ['../../../server/src/protocol.js', '../../../test/support/paths.js', '../../../bench/run.js']) {
            await expectBreach(file, specifier);
        }
        await expectClean(file, 'vscode', 'node:path', '../../../language/src/validation/rules.js');
    });

    it('lets benchmarks share test/support/ only, and tests never import benchmarks', async () => {
        await expectBreach('test/unit/layer-probe.test.ts', '../../bench/registry.js');
        await expectBreach('bench/measurements/layer-probe.ts', '../../test/lsp/blast-radius-request.test.js');
        await expectClean('bench/measurements/layer-probe.ts', '../../test/support/lsp-client.js', '../registry.js');
        await expectClean('test/unit/layer-probe.test.ts', '../support/paths.js', '../../language/src/resil-module.js');
    });

    it('runs in npm test', () => {
        const { scripts } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
        assert.equal(scripts.lint, 'eslint . && tsc -p tsconfig.webview.json && tsc -p tsconfig.language.json');
        assert.match(scripts.test, /npm run lint\b/);
    });
});

/** The type errors of `source` as a file at `file`, compiled with the options of the layer's tsconfig. */
function typeErrors(tsconfig: string, file: string, source: string): string[] {
    const { config } = ts.readConfigFile(path.join(REPO_ROOT, tsconfig), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, REPO_ROOT);
    const probe = path.join(REPO_ROOT, file);
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) =>
        name === probe ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
    const program = ts.createProgram([probe], options, host);
    return ts.getPreEmitDiagnostics(program).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('layers enforced by their type-checking environments', () => {
    it('the webview has the DOM, not Node', () => {
        const file = 'client/src/diagram/webview/layer-probe.ts';
        assert.deepEqual(typeErrors('tsconfig.webview.json', file, 'export const width = document.body.clientWidth;\n'), []);
        const errors = typeErrors('tsconfig.webview.json', file, 'export const size = Buffer.byteLength(process.argv[0]);\n');
        assert.equal(errors.length, 2, errors.join('\n'));
        assert.ok(errors.every(e => /Cannot find name '(Buffer|process)'/.test(e)), errors.join('\n'));
    });

    it('language/ and the server have Node, not the DOM', () => {
        const file = 'language/src/lsp/layer-probe.ts';
        assert.deepEqual(typeErrors('tsconfig.language.json', file, 'export const size = Buffer.byteLength(process.argv[0]);\n'), []);
        const errors = typeErrors('tsconfig.language.json', file, 'export const width = document.body.clientWidth;\n');
        assert.equal(errors.length, 1, errors.join('\n'));
        assert.match(errors[0], /Cannot find name 'document'/);
    });
});
