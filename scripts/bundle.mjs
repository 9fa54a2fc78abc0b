// Bundles what ships in the extension (into dist/: the language server, the extension, the webview) and the CLI (into out/cli/).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';

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

// ELK (1.5 MB) runs in the server's layout thread (`elk-thread.cjs`), shipped beside the server bundle: the server
// starts (and reports first diagnostics) without compiling it.
const elkBesideServer = {
    name: 'elk-beside-server',
    setup(build) {
        build.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, () => ({ path: './elk.bundled.cjs', external: true }));
    },
};
fs.mkdirSync('dist', { recursive: true });
fs.copyFileSync('node_modules/elkjs/lib/elk.bundled.js', 'dist/elk.bundled.cjs');

const builds = [
    // `threaded-elk.ts` finds its thread's script by `__dirname` once bundled: its `import.meta.url` is for tsc's build.
    { ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.cjs', format: 'cjs', logOverride: { 'empty-import-meta': 'silent' } },
    { ...common, entryPoints: ['language/src/diagram/elk-thread.ts'], outfile: 'dist/elk-thread.cjs', format: 'cjs', plugins: [elkBesideServer] },
];
// The CLI (`bin/resil.js`) in one file, so that `resil check` starts without resolving and compiling hundreds of
// modules; what a command loads only when it runs (diagram and ELK, the CDK generator) is split into chunks of
// its own. resvg is a native addon, loaded from node_modules. The bundle is ESM (for those split `import()`s):
// the CommonJS packages inside it get a `require` of their own.
fs.rmSync('out/cli', { recursive: true, force: true }); // chunk names change with their content: no stale ones
builds.push({
    ...common, entryPoints: { resil: 'language/src/cli/bin.ts' }, outdir: 'out/cli', format: 'esm', splitting: true,
    external: ['@resvg/resvg-js'], banner: { js: "import { createRequire as __resilRequire } from 'node:module'; const require = __resilRequire(import.meta.url);" },
});
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
}
