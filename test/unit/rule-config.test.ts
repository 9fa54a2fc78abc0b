import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { runCheck } from '../../language/src/cli/check-command.js';
import { buildDocument } from '../../language/src/workspace/documents.js';
import { findingsOf } from '../../language/src/workspace/findings.js';
import { diagnostics, inRegion, testServices } from '../support/services.js';

const TABLE = inRegion('    dynamodb orders {\n      pitr on\n    }');

describe('rule configuration', () => {
    describe('allow lines', () => {
        it('silence a rule for their element and count as used', async () => {
            const text = inRegion('    dynamodb orders {\n      pitr on\n      allow dynamodb-backup "rebuilt from the event log"\n    }');
            assert.deepStrictEqual(await diagnostics(text, 'dynamodb-backup'), []);
            assert.deepStrictEqual(await diagnostics(text, 'unused-allow'), []);
        });
        it('silence topology rules too, from an enclosing element', async () => {
            const text = `system T {\n  allow unreachable "a sketch"\n  region use1 {\n    az a\n    az b\n    alb edge in a, b {\n      entry\n    }\n    dynamodb lost {\n      pitr on\n      backup daily\n    }\n  }\n}\n`;
            assert.deepStrictEqual(await diagnostics(text, 'unreachable'), []);
            assert.deepStrictEqual(await diagnostics(text, 'unused-allow'), []);
        });
        it('are reported (warning) when they silence nothing', async () => {
            const text = inRegion('    dynamodb orders {\n      pitr on\n      backup daily\n      allow dynamodb-backup "not needed any more"\n    }');
            const found = await diagnostics(text, 'unused-allow');
            assert.deepStrictEqual(found.map(d => d.severity), [2]);
        });
        it('are reported as unused while typing too (the editor validates with the fast checks only)', async () => {
            const services = testServices();
            const text = inRegion('    dynamodb orders {\n      pitr on\n      backup daily\n      allow dynamodb-backup "not needed any more"\n    }');
            const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file('/inline/typing.resil'));
            services.shared.workspace.LangiumDocuments.addDocument(document);
            await services.shared.workspace.DocumentBuilder.build([document], { validation: { categories: ['built-in', 'fast'] } });
            assert.deepStrictEqual((document.diagnostics ?? []).filter(d => d.code === 'unused-allow').map(d => d.severity), [2]);
        });
        it('are not reported as unused when configuration turns their rule off', async () => {
            const services = testServices();
            services.config.RuleConfig.setSettings({ 'dynamodb-backup': 'off' });
            try {
                const text = inRegion('    dynamodb orders {\n      pitr on\n      allow dynamodb-backup "rebuilt from the event log"\n    }');
                assert.deepStrictEqual(await diagnostics(text, 'unused-allow'), []);
            } finally {
                services.config.RuleConfig.setSettings({});
            }
        });
    });

    describe('.resilrc.json and the resil.rules setting', () => {
        let root: string;
        before(() => {
            root = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-rc-'));
            fs.mkdirSync(path.join(root, 'team', 'nested'), { recursive: true });
            fs.mkdirSync(path.join(root, 'broken'));
            fs.writeFileSync(path.join(root, '.resilrc.json'), JSON.stringify({ rules: { 'dynamodb-backup': 'off', 'lambda-reserved-concurrency': 'error' } }));
            fs.writeFileSync(path.join(root, 'team', '.resilrc.json'), JSON.stringify({ rules: { 'dynamodb-backup': 'warning' } }));
            fs.writeFileSync(path.join(root, 'broken', '.resilrc.json'), '{ "rules": { "dynamodb-backup": "loud", "no-such-rule": "off", "dynamodb-pitr": "off" ');
            fs.writeFileSync(path.join(root, 'broken', 'x.resil'), TABLE);
            for (const dir of ['.', 'team/nested']) fs.writeFileSync(path.join(root, dir, 'design.resil'), TABLE);
        });
        after(() => fs.rmSync(root, { recursive: true, force: true }));
        afterEach(() => {
            testServices().config.RuleConfig.setSettings({});
            testServices().config.RuleConfig.clearCache();
        });

        async function severities(file: string, text = TABLE): Promise<Record<string, number | undefined>> {
            const document = await buildDocument(testServices(), text, URI.file(file));
            return Object.fromEntries((document.diagnostics ?? []).map(d => [String(d.code), d.severity]));
        }

        it('applies the nearest file up the folder tree (files are not merged)', async () => {
            assert.strictEqual((await severities(path.join(root, 'design.resil')))['dynamodb-backup'], undefined);
            assert.strictEqual((await severities(path.join(root, 'team', 'nested', 'design.resil')))['dynamodb-backup'], 2);
            const lambda = inRegion('    lambda f');
            assert.strictEqual((await severities(path.join(root, 'design.resil'), lambda))['lambda-reserved-concurrency'], 1);
            assert.strictEqual((await severities(path.join(root, 'team', 'nested', 'design.resil'), lambda))['lambda-reserved-concurrency'], 2);
        });

        it('lets the file win over the editor setting, and the setting over the default', async () => {
            testServices().config.RuleConfig.setSettings({ 'dynamodb-backup': 'error', 'dynamodb-pitr': 'error' });
            const found = await severities(path.join(root, 'design.resil'), inRegion('    dynamodb orders'));
            assert.strictEqual(found['dynamodb-backup'], undefined, '.resilrc.json says off');
            assert.strictEqual(found['dynamodb-pitr'], 1, 'the setting raises the default warning');
        });

        it('reports a broken file on the design it governs, keeping its valid entries', async () => {
            const found = await diagnostics(TABLE, 'config-file');
            assert.deepStrictEqual(found, [], 'no file, no finding');
            const document = await buildDocument(testServices(), inRegion('    dynamodb orders'), URI.file(path.join(root, 'broken', 'x.resil')));
            const config = (document.diagnostics ?? []).filter(d => d.code === 'config-file');
            assert.strictEqual(config.length, 1);
            assert.match(config[0].message, /broken\/\.resilrc\.json is not a valid Resil configuration: invalid JSON/);
            fs.writeFileSync(path.join(root, 'broken', '.resilrc.json'), JSON.stringify({ rule: {}, rules: { 'dynamodb-backup': 'loud', 'no-such-rule': 'off', 'dynamodb-pitr': 'off' } }));
            testServices().config.RuleConfig.clearCache();
            const again = await buildDocument(testServices(), inRegion('    dynamodb orders'), URI.file(path.join(root, 'broken', 'x.resil')));
            const messages = (again.diagnostics ?? []).filter(d => d.code === 'config-file').map(d => d.message);
            assert.strictEqual(messages.length, 1);
            assert.match(messages[0], /unknown key 'rule'.*rule 'dynamodb-backup': expected "off", "info", "warning" or "error", not "loud".*unknown rule 'no-such-rule'/);
            assert.ok(!(again.diagnostics ?? []).some(d => d.code === 'dynamodb-pitr'), 'the valid entry still applies');
        });

        it('gives `resil check` the same findings as the language server', async () => {
            const files = [path.join(root, 'design.resil'), path.join(root, 'team', 'nested', 'design.resil'), path.join(root, 'broken', 'x.resil')];
            const check = await runCheck({ inputs: files, format: 'json', failOn: 'error' });
            const cli = (JSON.parse(check.output) as { diagnostics: Array<{ rule: string; severity: string; line: number; file: string }> }).diagnostics
                .map(d => `${path.resolve(d.file)}:${d.line} ${d.severity} ${d.rule}`);
            const server: string[] = [];
            for (const file of files) {
                const document = await buildDocument(testServices(), fs.readFileSync(file, 'utf8'), URI.file(file));
                server.push(...findingsOf(document, file).map(d => `${file}:${d.line} ${d.severity} ${d.rule}`));
            }
            assert.deepStrictEqual(cli, server);
            assert.ok(server.some(f => f.endsWith('warning dynamodb-backup')) && server.some(f => f.endsWith('error config-file')));
        });
    });
});
