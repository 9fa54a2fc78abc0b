import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { api, closeAllEditors, codeOf, diagnosticsWith, hoverText, openDesign, positionOf, waitFor, workspaceUri } from './helpers.js';

describe('language features in VS Code', () => {
    after(closeAllEditors);

    it('reports findings with their rule ids, severities and exact ranges', async () => {
        const editor = await openDesign('fixtures', 'shop.resil');
        const diagnostics = await diagnosticsWith(editor.document.uri, ['unresolved-reference', 'dynamodb-pitr']);
        const unresolved = diagnostics.find(d => codeOf(d) === 'unresolved-reference')!;
        assert.equal(unresolved.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(editor.document.getText(unresolved.range), 'inventory');
        const pitr = diagnostics.find(d => codeOf(d) === 'dynamodb-pitr')!;
        assert.equal(pitr.severity, vscode.DiagnosticSeverity.Warning);
        assert.equal(editor.document.getText(pitr.range), 'carts');
        const code = unresolved.code as { target?: vscode.Uri };
        assert.ok(code.target, 'each finding links to its rule documentation');
    });

    it('reports the fragile example\'s findings across every rule family', async () => {
        const editor = await openDesign('examples', 'fragile.resil');
        const expected = ['dynamodb-pitr', 'sqs-dlq', 'lambda-vpc-multi-az', 'ecs-fargate-placement', 'elasticache-replicas',
            'kinesis-checkpoint', 'static-stability', 'cell-isolation', 'single-az-dependency', 'requirement-violated'];
        await diagnosticsWith(editor.document.uri, expected).catch(error => {
            const seen = [...new Set(vscode.languages.getDiagnostics(editor.document.uri).map(codeOf))].join(', ');
            throw new Error(`${(error as Error).message}; seen: ${seen}`);
        });
    });

    it('applies a quick fix that makes its finding disappear', async () => {
        const editor = await openDesign('fixtures', 'fifty-services.resil');
        const uri = editor.document.uri;
        const pitr = (await diagnosticsWith(uri, ['dynamodb-pitr'])).find(d => codeOf(d) === 'dynamodb-pitr')!;
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider',
            uri, pitr.range, vscode.CodeActionKind.QuickFix.value);
        // The command API drops the actions' `diagnostics`: on the finding's range, the preferred quick fix is its fix.
        const fix = actions.find(a => a.isPreferred && a.kind?.value === vscode.CodeActionKind.QuickFix.value);
        assert.ok(fix?.edit, `a preferred quick fix for dynamodb-pitr: ${actions.map(a => a.title).join('; ')}`);
        try {
            assert.ok(await vscode.workspace.applyEdit(fix.edit));
            assert.match(editor.document.getText(), /dynamodb line1Table \{[^}]*pitr on/);
            await waitFor('dynamodb-pitr to disappear', () =>
                vscode.languages.getDiagnostics(uri).some(d => codeOf(d) === 'dynamodb-pitr') ? undefined : true);
        } finally {
            await vscode.commands.executeCommand('workbench.action.files.revert');
        }
    });

    it('shows a hover on a service', async () => {
        const editor = await openDesign('fixtures', 'shop.resil');
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider',
            editor.document.uri, positionOf(editor.document, 'ecs api', 'ecs '.length));
        assert.match(hoverText(hovers), /storefront API/);
    });

    it('completes references with the services in scope', async () => {
        const editor = await openDesign('fixtures', 'shop.resil');
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider',
            editor.document.uri, positionOf(editor.document, 'uses orders', 'uses '.length));
        const labels = list.items.map(i => typeof i.label === 'string' ? i.label : i.label.label);
        for (const name of ['orders', 'carts']) assert.ok(labels.includes(name), `completion offers '${name}': ${labels.join(', ')}`);
    });

    it('honours the resil.rules setting and re-checks when it changes', async () => {
        const editor = await openDesign('fixtures', 'shop.resil');
        const uri = editor.document.uri;
        await diagnosticsWith(uri, ['dynamodb-pitr']);
        const settings = vscode.workspace.getConfiguration('resil');
        try {
            await settings.update('rules', { 'dynamodb-pitr': 'off' }, vscode.ConfigurationTarget.Workspace);
            await waitFor('dynamodb-pitr to be turned off', () =>
                vscode.languages.getDiagnostics(uri).some(d => codeOf(d) === 'dynamodb-pitr') ? undefined : true);
            await settings.update('rules', { 'dynamodb-pitr': 'error' }, vscode.ConfigurationTarget.Workspace);
            await waitFor('dynamodb-pitr to become an error', () =>
                vscode.languages.getDiagnostics(uri).find(d => codeOf(d) === 'dynamodb-pitr' && d.severity === vscode.DiagnosticSeverity.Error));
        } finally {
            await settings.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
        }
        await waitFor('dynamodb-pitr back to a warning', () =>
            vscode.languages.getDiagnostics(uri).find(d => codeOf(d) === 'dynamodb-pitr' && d.severity === vscode.DiagnosticSeverity.Warning));
    });

    it('opens every example without a syntax or linking error', async function () {
        const folder = workspaceUri('examples');
        if (!fs.existsSync(folder.fsPath)) this.skip();
        const files = fs.readdirSync(folder.fsPath).filter(f => f.endsWith('.resil'));
        assert.ok(files.length >= 5, `examples/ has ${files.length} designs`);
        for (const file of files) {
            const editor = await openDesign('examples', file);
            // The server answers once the file is validated, and publishes its diagnostics before it answers.
            await (await api()).requests.requirements(editor.document.uri.toString());
            const broken = vscode.languages.getDiagnostics(editor.document.uri)
                .filter(d => codeOf(d) === 'syntax' || codeOf(d) === 'unresolved-reference');
            assert.deepEqual(broken.map(d => `${file}:${d.range.start.line + 1} ${d.message}`), []);
        }
    });
});
