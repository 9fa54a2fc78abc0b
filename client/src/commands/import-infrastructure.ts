import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * `Resil: Import Infrastructure…`: asks for a CloudFormation template, a cdk.out folder or a Terraform plan's JSON,
 * then where to write the design (a file that exists is replaced only when the user says so), imports it with the
 * same code as `resil import`, lays it out with the language server's formatter and opens it.
 */
export function registerImportCommand(context: vscode.ExtensionContext): void {
    context.subscriptions.push(vscode.commands.registerCommand('resil.importInfrastructure',
        (input?: vscode.Uri | string, output?: vscode.Uri | string) => importInfrastructureCommand(asUri(input), asUri(output))));
}

function asUri(value: vscode.Uri | string | undefined): vscode.Uri | undefined {
    return typeof value === 'string' ? vscode.Uri.file(value) : value;
}

export async function importInfrastructureCommand(given?: vscode.Uri, givenOutput?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const input = given ?? (await vscode.window.showOpenDialog({
        title: 'Import Infrastructure: a CloudFormation template, a cdk.out folder or a Terraform plan (terraform show -json)',
        canSelectFiles: true, canSelectFolders: true, canSelectMany: false,
        filters: { 'Infrastructure code': ['json', 'yaml', 'yml', 'template'], 'All files': ['*'] },
    }))?.[0];
    if (!input) return undefined;
    const base = path.basename(input.fsPath).replace(/\.(template\.)?(json|ya?ml|out)$/i, '') || 'imported';
    const output = givenOutput ?? await vscode.window.showSaveDialog({
        title: 'Write the design to',
        defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(path.dirname(input.fsPath)), `${base}.resil`),
        filters: { 'Resil design': ['resil'] },
    });
    if (!output) return undefined;
    if (await exists(output)) {
        const replace = 'Replace';
        const answer = await vscode.window.showWarningMessage(`${path.basename(output.fsPath)} exists. Replace it with the imported design?`, { modal: true }, replace);
        if (answer !== replace) return undefined;
    }
    // Loaded when the command runs: the import's parsers are not part of the extension's start-up.
    const { importInfrastructure } = await import('../../../language/src/import/import-infrastructure.js');
    const { ImportError } = await import('../../../language/src/import/import-error.js');
    let text: string;
    let summary: string;
    try {
        const result = importInfrastructure(input.fsPath);
        text = result.text;
        summary = `${result.design.elements.length} elements, ${result.design.edges.length} edges, ${result.design.skipped.length} resources not mapped (listed at its top)`;
    } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        void vscode.window.showErrorMessage(`Resil: cannot import: ${error.message}`);
        return undefined;
    }
    await vscode.workspace.fs.writeFile(output, new TextEncoder().encode(text));
    const document = await vscode.workspace.openTextDocument(output);
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', output, { tabSize: 2, insertSpaces: true });
    if (edits && edits.length > 0) {
        const edit = new vscode.WorkspaceEdit();
        edit.set(output, edits);
        await vscode.workspace.applyEdit(edit);
        await document.save();
    }
    await vscode.window.showTextDocument(document, { preview: false });
    void vscode.window.showInformationMessage(`Resil: imported ${path.basename(input.fsPath)} into ${path.basename(output.fsPath)}: ${summary}.`);
    return output;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}
