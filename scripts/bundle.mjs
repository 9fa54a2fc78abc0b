// Bundles what ships in the extension: the language server (and, as they exist, the extension and webview).
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

const builds = [
    { ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.cjs', format: 'cjs' },
];
if (fs.existsSync('client/src/extension.ts')) {
    builds.push({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.cjs', format: 'cjs', external: ['vscode'] });
}

if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
} else {
    await Promise.all(builds.map(options => esbuild.build(options)));
}
