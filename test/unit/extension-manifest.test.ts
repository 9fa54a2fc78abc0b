import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../language/src/validation/rules.js';
import { REPO_ROOT as ROOT } from '../support/paths.js';


interface Manifest {
    main: string;
    activationEvents: string[];
    engines: { vscode: string };
    icon: string;
    contributes: {
        languages: { id: string; configuration: string; icon: { light: string; dark: string } }[];
        grammars: { path: string }[];
        snippets: { path: string }[];
        commands: { command: string }[];
        configuration: { properties: Record<string, { properties?: Record<string, { enum: string[] }> }> };
    };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

describe('extension manifest', () => {
    it('runs the bundled extension, activated by .resil files and by its commands', () => {
        assert.equal(manifest.main, './dist/extension.cjs');
        // code-server needs the language explicit; VS Code 1.74 and later infer `onCommand:` from contributed commands.
        assert.deepEqual(manifest.activationEvents, ['onLanguage:resil']);
        assert.equal(manifest.engines.vscode, '^1.100.0');
    });

    it('points only at files that exist', () => {
        const language = manifest.contributes.languages[0];
        const files = [manifest.icon, language.configuration, language.icon.light, language.icon.dark,
            ...manifest.contributes.grammars.map(g => g.path), ...manifest.contributes.snippets.map(s => s.path)];
        for (const file of files) assert.ok(fs.existsSync(path.join(ROOT, file)), `${file} is missing`);
    });

    it('offers a severity setting for every rule of the registry, and only for those', () => {
        const rules = manifest.contributes.configuration.properties['resil.rules'].properties ?? {};
        assert.deepEqual(Object.keys(rules).sort(), RULES.map(r => r.id).sort(), 'run node scripts/sync-rule-settings.mjs');
        for (const [id, setting] of Object.entries(rules)) assert.deepEqual(setting.enum, ['off', 'info', 'warning', 'error'], id);
    });

    it('ships only bundles and assets in the .vsix', () => {
        const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').filter(l => l && !l.startsWith('#'));
        assert.equal(ignore[0], '**', 'everything is excluded unless listed');
        assert.ok(!ignore.some(l => l.includes('node_modules') && l.startsWith('!')));
        // Every bundle the build makes is loaded by something (the server's layout thread, the webview's worker...).
        const bundles = fs.readdirSync(path.join(ROOT, 'dist')).filter(f => !f.endsWith('.map'));
        for (const bundle of bundles) assert.ok(ignore.includes(`!dist/${bundle}`), `dist/${bundle} is built but not shipped`);
    });
});
