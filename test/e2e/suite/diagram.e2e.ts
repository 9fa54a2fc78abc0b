import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, closeAllEditors, diagnosticsWith, drawnNodeIds, openDesign, probe, resultsDir, waitFor, workspaceRoot } from './helpers.js';

/** The open webview tabs of the Resil diagram. */
function diagramTabs(): vscode.Tab[] {
    return vscode.window.tabGroups.all.flatMap(g => g.tabs)
        .filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('resil.diagram'));
}

/**
 * Waits until the diagram of `uri` has drawn a model (the webview says so to the host), then until every one of
 * `ids` is in the page (code-server only: the launcher looks). A failure says how far the panel got.
 */
async function expectDrawn(uri: vscode.Uri, ids: readonly string[]): Promise<void> {
    const { diagrams } = await api();
    await waitFor('the diagram webview to draw a model', () => diagrams.statusOf(uri)?.rendered !== undefined ? true : undefined, 60_000)
        .catch(error => {
            throw new Error(`${(error as Error).message}; panel status: ${JSON.stringify(diagrams.statusOf(uri) ?? 'no panel')}`);
        });
    let drawn: string[] | undefined = [];
    await waitFor(`the diagram to draw ${ids.join(', ')}`, async () => {
        drawn = await drawnNodeIds();
        return drawn === undefined || ids.every(id => drawn!.includes(id)) ? true : undefined;
    }, 30_000).catch(error => {
        throw new Error(`${(error as Error).message}; drawn: ${drawn?.join(', ')}`);
    });
}

/** The richest example: the largest design in examples/ (the fixtures when there are no examples). */
function richestExample(): string[] {
    const examples = path.join(workspaceRoot(), 'examples');
    const files = fs.existsSync(examples) ? fs.readdirSync(examples).filter(f => f.endsWith('.resil')) : [];
    if (files.length === 0) return ['fixtures', 'shop.resil'];
    const size = (f: string) => fs.statSync(path.join(examples, f)).size;
    return ['examples', files.sort((a, b) => size(b) - size(a))[0]];
}

describe('diagram', () => {
    after(closeAllEditors);

    it('opens beside the editor and draws the model the server sent', async () => {
        await closeAllEditors();
        const editor = await openDesign('fixtures', 'shop.resil');
        await vscode.commands.executeCommand('resil.openDiagram');
        await waitFor('a diagram panel', () => diagramTabs().length === 1 ? true : undefined);
        await expectDrawn(editor.document.uri, ['use1.edge', 'use1.api', 'use1.orders', 'use1.carts']);
    });

    it('shows a simulated failure on the diagram', async () => {
        const editor = await openDesign('fixtures', 'shop.resil');
        await vscode.commands.executeCommand('resil.simulateFailure', { uri: editor.document.uri.toString(), scenario: 'zoneA' });
        assert.equal(diagramTabs().length, 1, 'the simulation reuses the open diagram');
    });

    it('saves a screenshot of the richest example with its diagnostics and diagram', async () => {
        await closeAllEditors();
        await vscode.commands.executeCommand('workbench.action.closeSidebar');
        const editor = await openDesign(...richestExample());
        const uri = editor.document.uri;
        // Show live checking: ask for more availability than the design gives (the file is not saved).
        const text = editor.document.getText();
        const requirement = /(require availability )\d+(\.\d+)?%/.exec(text);
        if (requirement) {
            const start = editor.document.positionAt(requirement.index);
            const range = new vscode.Range(start, editor.document.positionAt(requirement.index + requirement[0].length));
            await editor.edit(edit => edit.replace(range, `${requirement[1]}99.99999%`));
            await diagnosticsWith(uri, ['requirement-violated']);
        }
        await vscode.commands.executeCommand('resil.openDiagram');
        await waitFor('a diagram panel', () => diagramTabs().length === 1 ? true : undefined);
        const { diagrams, requests } = await api();
        const replica = (await requests.failureTargets(uri.toString())).targets.find(t => t.kind === 'cell-replica');
        if (replica) await diagrams.show(uri, { fail: [replica.name] });
        await expectDrawn(uri, []);
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        await new Promise(resolve => setTimeout(resolve, 2_000)); // let the blast radius and the panels settle
        try {
            const file = await probe('screenshot', path.join(resultsDir(), 'vscode.png'));
            if (file) assert.ok(fs.statSync(file).size > 10_000, 'the screenshot has content');
        } finally {
            await vscode.commands.executeCommand('workbench.action.files.revert');
        }
    });
});
