import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, openDesign } from './helpers.js';

// Last in the run: the generated app opens TypeScript files whose problems would crowd the screenshot's Problems view.
describe('CDK export', () => {
    after(closeAllEditors);

    it('exports a CDK app into a folder and opens the region\'s stack', async () => {
        const editor = await openDesign('examples', 'web-service.resil');
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-cdk-'));
        try {
            const result = await vscode.commands.executeCommand<{ written: string[]; stackFile?: string }>(
                'resil.exportCdk', editor.document.uri, path.join(folder, 'app'));
            assert.ok(result, 'the export answered');
            for (const file of ['package.json', 'cdk.json', 'tsconfig.json', 'bin/app.ts']) {
                assert.ok(fs.existsSync(path.join(folder, 'app', file)), `${file} was written`);
            }
            assert.ok(result.stackFile && fs.existsSync(result.stackFile), `the stack file exists: ${result.stackFile}`);
            assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, result.stackFile, 'the stack is opened');
            assert.match(fs.readFileSync(result.stackFile, 'utf8'), /extends (cdk\.)?Stack/);
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });

});
