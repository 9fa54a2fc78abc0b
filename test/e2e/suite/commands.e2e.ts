import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, closeAllEditors, diagnosticsWith, openDesign, waitFor } from './helpers.js';

/** The text of the report the extension serves for `design`, once it matches `expected` (it refreshes asynchronously). */
async function reportText(design: vscode.Uri, expected: RegExp): Promise<string> {
    const { reports } = await api();
    const uri = reports.reportUri(design);
    return waitFor(`the report to match ${expected}`, async () => {
        const text = (await vscode.workspace.openTextDocument(uri)).getText();
        return expected.test(text) ? text : undefined;
    }, 10_000).catch(async error => {
        // Show what the report said instead of a bare time-out.
        throw new Error(`${(error as Error).message}; the report reads:\n${(await vscode.workspace.openTextDocument(uri)).getText()}`);
    });
}

describe('commands', () => {
    after(closeAllEditors);

    it('shows the status of the active design in the status bar', async () => {
        const editor = await openDesign('fixtures', 'shop.resil');
        await diagnosticsWith(editor.document.uri, ['unresolved-reference']);
        const { statusBar } = await api();
        const text = await waitFor('the status bar item', () => statusBar.text?.includes('$(error) 1') ? statusBar.text : undefined);
        assert.match(text, /\$\(warning\) 1/);
    });

    it('shows the resilience report: requirements, scenarios and findings by rule', async () => {
        const editor = await openDesign('fixtures', 'shop.resil');
        await diagnosticsWith(editor.document.uri, ['unresolved-reference']);
        await vscode.commands.executeCommand('resil.showReport', editor.document.uri);
        const report = await reportText(editor.document.uri, /^# Resilience report: fixtures\/shop\.resil$/m);
        assert.match(report, /## Requirements\n\n\| Requirement/);
        assert.match(report, /require survive az-loss/);
        assert.match(report, /## Findings by rule/);
        assert.match(report, /### unresolved-reference: Unresolved reference \(error, 1\)/);
    });

    it('simulates a failure given by name and reports its blast radius', async () => {
        const editor = await openDesign('fixtures', 'shop.resil');
        await vscode.commands.executeCommand('resil.simulateFailure', { uri: editor.document.uri.toString(), fail: ['use1.a'] });
        const report = await reportText(editor.document.uri, /## Simulated failure: /);
        assert.match(report, /- Fails: use1\.a/);
    });

    it('lists failure targets of every kind for the quick pick', async () => {
        const editor = await openDesign('fixtures', 'shop.resil');
        const { requests } = await api();
        const { targets } = await requests.failureTargets(editor.document.uri.toString());
        const byKind = (kind: string) => targets.filter(t => t.kind === kind).map(t => t.name);
        assert.deepEqual(byKind('region'), ['use1']);
        assert.deepEqual(byKind('az'), ['use1.a', 'use1.b', 'use1.c']);
        assert.deepEqual(byKind('scenario'), ['zoneA']);
        assert.ok(byKind('service').includes('use1.api'));
    });

    it('exports the diagram as SVG, with a failure coloured when given', async () => {
        const editor = await openDesign('fixtures', 'shop.resil');
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-svg-'));
        try {
            const plain = path.join(folder, 'shop.svg');
            const failed = path.join(folder, 'shop-use1-a.svg');
            const uri = editor.document.uri.toString();
            await vscode.commands.executeCommand('resil.exportDiagram', { uri, target: plain });
            await vscode.commands.executeCommand('resil.exportDiagram', { uri, target: failed, fail: ['use1'] });
            const svg = fs.readFileSync(plain, 'utf8');
            assert.match(svg, /^<svg[\s>]/);
            for (const name of ['edge', 'api', 'orders', 'carts']) assert.ok(svg.includes(`>${name}<`), `the SVG shows ${name}`);
            assert.notEqual(fs.readFileSync(failed, 'utf8'), svg, 'the failure changes the picture');
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });

    it('restarts the language server and checks again', async () => {
        const editor = await openDesign('fixtures', 'shop.resil');
        await vscode.commands.executeCommand('resil.restartServer');
        const { client } = await api();
        await waitFor('the server to run again', () => client().isRunning() ? true : undefined);
        await diagnosticsWith(editor.document.uri, ['unresolved-reference']);
    });
});
