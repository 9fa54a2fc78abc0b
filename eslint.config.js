// The layers of DEVELOPERS.md, enforced: each block says what one layer may not import.
// A file gets exactly one `no-restricted-imports` setting (ESLint does not merge a rule's options across
// blocks: the last matching block wins), so the blocks below are disjoint and each lists all its restrictions.
// test/unit/lint-layers.test.ts proves every restriction on a deliberate breach.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Relative imports that climb to a top-level folder: `../../server/src/protocol.js` reaches `server/`. */
const topLevel = (...folders) => `^(\\.\\./)+(${folders.join('|')})/`;

const noVscode = { name: 'vscode', message: 'Only client/ (the extension host) talks to VS Code.' };
const noTestsOrBench = {
    regex: topLevel('test', 'bench'),
    message: 'Product code never depends on tests or benchmarks.',
};
const noEditorLayers = {
    regex: topLevel('client', 'server'),
    message: 'language/ is shared by the CLI, the server and the webview: it depends on no editor layer.',
};
const noClient = { regex: topLevel('client'), message: 'The server does not depend on the extension.' };
const noServerSource = {
    regex: '^(\\.\\./)+server/src/',
    message: 'The client talks to the server through the protocol only (language/src), never its sources.',
};
const noNodeInWebview = builtinModules.filter(name => !name.startsWith('_')).map(name => ({
    name,
    message: 'The webview runs in a browser: no Node built-ins.',
}));
const noNodePrefixInWebview = { regex: '^node:', message: 'The webview runs in a browser: no Node built-ins.' };
const noBench = { regex: topLevel('bench'), message: 'Tests do not depend on benchmarks; shared code lives in test/support/.' };
const onlyTestSupport = {
    regex: '^(\\.\\./)+test/(?!support/)',
    message: 'Benchmarks share only test/support/ with the tests.',
};

const restrict = (paths, patterns) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });

const WEBVIEW = 'client/src/diagram/webview/**/*.ts';
export default defineConfig(
    globalIgnores(['out/**', 'dist/**', '.e2e/**', 'node_modules/**', 'language/src/generated/**', '.tmp/**', 'test-results/**']),
    js.configs.recommended,
    tseslint.configs.recommended,
    {
        rules: {
            // The printable-text sanitisers match control characters on purpose.
            'no-control-regex': 'off',
            // Expected output in tests is indented text: the spaces read as the text they match.
            'no-regex-spaces': 'off',
        },
    },
    {
        files: ['**/*.ts'],
        rules: {
            // Parameters an interface requires but an implementation does not read are named `_x`.
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
        },
    },
    {
        files: ['**/*.js', '**/*.mjs'],
        languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    },
    {
        files: ['language/src/**/*.ts'],
        rules: restrict([noVscode], [noEditorLayers, noTestsOrBench]),
    },
    {
        files: ['server/src/**/*.ts'],
        rules: restrict([noVscode], [noClient, noTestsOrBench]),
    },
    {
        files: ['client/src/**/*.ts'],
        ignores: [WEBVIEW],
        rules: restrict([], [noServerSource, noTestsOrBench]),
    },
    {
        files: [WEBVIEW],
        rules: restrict([noVscode, ...noNodeInWebview], [noNodePrefixInWebview, noServerSource, noTestsOrBench]),
    },
    {
        files: ['test/**/*.ts'],
        rules: restrict([], [noBench]),
    },
    {
        files: ['bench/**/*.ts'],
        rules: restrict([], [onlyTestSupport]),
    },
);
