// Bundles what ships in the extension (into dist/: the language server, the extension, the webview) and the CLI (into out/cli/).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
    bundle: true,
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    platform: 'node',
    target: 'node20',
};

// ELK (1.5 MB) is required from a copy beside the bundle that uses it, `elk.bundled.cjs`: the server's layout
// thread (`elk-thread.cjs`) and the CLI's `diagram` command. The server starts (and reports first diagnostics)
// without compiling it, and the CLI does not read it at every start (it was more than half of the CLI's bundle).
const elkBesideBundle = {
    name: 'elk-beside-bundle',
    setup(build) {
        build.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, () => ({ path: './elk.bundled.cjs', external: true }));
    },
};
fs.mkdirSync('dist', { recursive: true });
fs.copyFileSync('node_modules/elkjs/lib/elk.bundled.js', 'dist/elk.bundled.cjs');

// Langium's document builder imports the language server protocol for the error it rejects a request with when a
// document it waits for is gone, which never happens in a CLI run; loading the protocol (and vscode-jsonrpc's
// connection, with Node's `net` and `crypto`) cost every CLI start. In the CLI's bundle, that import reads them
// from the protocol on first use.
const protocolOnFirstUse = {
    name: 'protocol-on-first-use',
    setup(build) {
        build.onResolve({ filter: /^vscode-languageserver-protocol$/ }, args => (
            /langium[\\/]lib[\\/]workspace[\\/]document-builder\.js$/.test(args.importer)
                ? { path: path.resolve('scripts/cli-bundle/protocol-on-first-use.cjs') }
                : undefined
        ));
    },
};

const builds = [
    // `threaded-elk.ts` finds its thread's script by `__dirname` once bundled: its `import.meta.url` is for tsc's build.
    { ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.cjs', format: 'cjs', logOverride: { 'empty-import-meta': 'silent' } },
    { ...common, entryPoints: ['language/src/diagram/elk-thread.ts'], outfile: 'dist/elk-thread.cjs', format: 'cjs', plugins: [elkBesideBundle] },
];
// The CLI (`bin/resil.js`) in one CommonJS script, so that `resil check` starts without resolving and compiling
// hundreds of modules, and so that bin/resil.js can run it with V8's code cache (written below). What a command
// loads only when it runs (the diagram, the CDK generator) stays in the script uncompiled until then; ELK is
// required from beside the script. resvg is a native addon, loaded from node_modules.
const CLI_BUNDLE = 'out/cli/resil.cjs';
fs.rmSync('out/cli', { recursive: true, force: true });
fs.mkdirSync('out/cli', { recursive: true });
fs.copyFileSync('node_modules/elkjs/lib/elk.bundled.js', 'out/cli/elk.bundled.cjs');
builds.push({
    ...common, entryPoints: ['language/src/cli/bin.ts'], outfile: CLI_BUNDLE, format: 'cjs', plugins: [elkBesideBundle, protocolOnFirstUse],
    external: ['@resvg/resvg-js'], logOverride: { 'empty-import-meta': 'silent' },
});
// The layout thread of `resil diagram` (a large design's regions laid out side by side), beside the CLI's script.
builds.push({ ...common, entryPoints: ['language/src/diagram/elk-thread.ts'], outfile: 'out/cli/elk-thread.cjs', format: 'cjs', plugins: [elkBesideBundle] });
if (fs.existsSync('client/src/extension.ts')) {
    builds.push({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.cjs', format: 'cjs', external: ['vscode'] });
}
if (fs.existsSync('client/src/diagram/webview/main.ts')) {
    // The diagram webview runs in the browser; ELK's own worker build runs its layouts off the UI thread.
    builds.push({ ...common, platform: 'browser', target: 'chrome120', entryPoints: ['client/src/diagram/webview/main.ts'], outfile: 'dist/webview.js', format: 'iife' });
    fs.mkdirSync('dist', { recursive: true });
    fs.copyFileSync('node_modules/elkjs/lib/elk-worker.min.js', 'dist/elk-worker.js');
}
if (!production && fs.existsSync('test/e2e/suite/index.ts')) {
    // The end-to-end suite runs inside the VS Code extension host, which loads CommonJS; mocha comes from node_modules.
    builds.push({ ...common, sourcemap: true, minify: false, entryPoints: ['test/e2e/suite/index.ts'], outfile: 'out/e2e/index.cjs', format: 'cjs', external: ['vscode', 'mocha'] });
}

if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
} else {
    await Promise.all(builds.map(options => esbuild.build(options)));
    escapeNonAscii(CLI_BUNDLE);
    writeCliGrammarRecording();
    writeCliCodeCache();
}

/** The recording of the parser's grammar that the CLI replays (language/src/cli/grammar-recording-file.ts). */
function writeCliGrammarRecording() {
    const run = spawnSync(process.execPath, ['bin/resil.js', 'check', 'examples/web-service.resil'], {
        env: { ...process.env, RESIL_WRITE_GRAMMAR_RECORDING: '1' }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (!fs.existsSync(`${CLI_BUNDLE}.grammar`)) throw new Error(`the CLI did not write its grammar recording (exit ${run.status ?? run.signal})`);
}

/**
 * bin/resil.js decodes an ASCII bundle as latin1, several times faster than UTF-8. esbuild escapes what is not ASCII
 * in strings and names, but keeps some comments as written: their characters are escaped too (as text, in a comment).
 */
function escapeNonAscii(file) {
    const text = fs.readFileSync(file, 'utf8');
    const ascii = text.replace(/[^\x00-\x7f]/g, unit => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
    if (ascii !== text) fs.writeFileSync(file, ascii);
}

/**
 * V8's code cache of the CLI bundle, holding the functions that checking the examples compiles (every rule runs
 * on `fragile.resil`): bin/resil.js hands it to V8, which then skips compiling them at every start. Made by a run
 * of the CLI itself, so it is the cache of the very Node that builds (and runs the benchmarks and tests).
 */
function writeCliCodeCache() {
    const run = spawnSync(process.execPath, ['bin/resil.js', 'check', 'examples'], {
        env: { ...process.env, RESIL_WRITE_CODE_CACHE: '1' }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (!fs.existsSync(`${CLI_BUNDLE}.cache`)) throw new Error(`the CLI did not write its code cache (exit ${run.status ?? run.signal})`);
}
