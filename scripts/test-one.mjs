// `npm run test:one -- test/unit/parsing.test.ts [more files] [mocha options]`: runs test files from their
// TypeScript sources through tsx, without a build. The sources import the parser Langium generates from the
// grammar, so that is generated first when the grammar is newer (about 3 s); nothing else is built.
// Tests that drive the built binary, server or bundles (test/cli, test/lsp, test/webview) still need `npm run build`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

const GRAMMAR = 'language/src/grammar/resil.langium';
const GENERATED = 'language/src/generated/ast.ts';

const modified = file => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);
if (modified(GENERATED) < modified(GRAMMAR)) {
    const generate = spawnSync('npx', ['langium', 'generate'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (generate.status !== 0) process.exit(generate.status ?? 1);
}

const args = process.argv.slice(2);
if (args.length === 0) {
    console.error('usage: npm run test:one -- <test file.ts>... [mocha options]');
    process.exit(2);
}
const mocha = spawnSync('npx', ['mocha', '--no-config', '--import=tsx', '--timeout', '30000', ...args], { stdio: 'inherit' });
process.exit(mocha.status ?? 1);
