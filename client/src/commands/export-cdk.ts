import * as path from 'node:path';
import * as vscode from 'vscode';
import { CDK_DESIGN_HAS_ERRORS, CDK_FOLDER_NOT_EMPTY, type CdkExportParams, type CdkExportResult, type CdkPreviewParams } from '../../../language/src/protocol/index.js';
import type { ServerRequests } from '../server-requests.js';
import { activeDesign } from './active-design.js';

/** Scheme of the read-only stack previews: `resil-cdk:/use1-stack.ts?design=<uri>&region=use1`. */
export const CDK_PREVIEW_SCHEME = 'resil-cdk';

/** Registers `resil.exportCdk`, `resil.previewCdkStack` and the `resil-cdk:` preview documents. */
export function registerCdkCommands(context: vscode.ExtensionContext, requests: ServerRequests): void {
    const previews = new CdkPreviewProvider(requests);
    context.subscriptions.push(
        previews,
        vscode.workspace.registerTextDocumentContentProvider(CDK_PREVIEW_SCHEME, previews),
        vscode.commands.registerCommand('resil.exportCdk', (uri?: vscode.Uri | string, folder?: string) => exportCdk(requests, uri, folder)),
        vscode.commands.registerCommand('resil.previewCdkStack', (uri?: vscode.Uri | string, region?: string) => previewCdkStack(uri, region)),
    );
}

/** The folder in `resil.cdk.outputFolder`, relative to the design's workspace folder (default `cdk`). */
function defaultFolder(design: vscode.Uri): vscode.Uri | undefined {
    const setting = vscode.workspace.getConfiguration('resil', design).get<string>('cdk.outputFolder') || 'cdk';
    if (path.isAbsolute(setting)) return vscode.Uri.file(setting);
    const workspace = vscode.workspace.getWorkspaceFolder(design);
    const base = workspace?.uri ?? (design.scheme === 'file' ? vscode.Uri.file(path.dirname(design.fsPath)) : undefined);
    return base ? vscode.Uri.joinPath(base, setting) : undefined;
}

async function askFolder(design: vscode.Uri): Promise<string | undefined> {
    const suggested = defaultFolder(design);
    const value = await vscode.window.showInputBox({
        title: 'Export CDK App',
        prompt: 'Folder for the CDK app (created if missing; files you changed there are kept)',
        value: suggested?.fsPath ?? '',
        ignoreFocusOut: true,
        validateInput: text => (path.isAbsolute(text.trim()) ? undefined : 'Enter an absolute folder path'),
    });
    return value?.trim() || undefined;
}

/**
 * `Resil: Export CDK App`: asks for a folder, writes the app in the language server with progress, then opens
 * the stack of the region under the cursor. A non-empty folder that resil did not generate needs a confirmation.
 */
export async function exportCdk(requests: ServerRequests, given?: vscode.Uri | string, folderArg?: string): Promise<CdkExportResult | undefined> {
    const design = activeDesign(given);
    if (!design) return undefined;
    const folder = folderArg ?? await askFolder(design);
    if (!folder) return undefined;
    const editor = vscode.window.activeTextEditor;
    const position = editor?.document.uri.toString() === design.toString() ? editor.selection.active : undefined;
    const params: CdkExportParams = { uri: design.toString(), folder, position };
    const run = (confirmed: Pick<CdkExportParams, 'force' | 'withErrors'>) => vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Resil: exporting the CDK app' },
        () => requests.cdkExport({ ...params, ...confirmed }));
    // A design with errors, then a folder resil did not write: each needs the user's yes, as `resil generate --force`.
    const confirmed: { force?: boolean; withErrors?: boolean } = {};
    let result: CdkExportResult | undefined;
    while (!result) {
        try {
            result = await run(confirmed);
        } catch (error) {
            const code = (error as { code?: number }).code;
            const choice = code === CDK_DESIGN_HAS_ERRORS ? 'Export Anyway' : code === CDK_FOLDER_NOT_EMPTY ? 'Write Into It' : undefined;
            const [message, ...detail] = (error as Error).message.split('\n');
            if (!choice) {
                void vscode.window.showErrorMessage(`Resil: ${message}`);
                return undefined;
            }
            const answer = await confirm(message, detail.join('\n'), choice);
            if (answer !== choice) return undefined;
            if (code === CDK_DESIGN_HAS_ERRORS) confirmed.withErrors = true;
            else confirmed.force = true;
        }
    }
    const skipped = result.skipped.length > 0 ? ` Kept ${result.skipped.length} file(s) you changed: ${result.skipped.map(s => s.path).join(', ')}.` : '';
    const warnings = result.warnings.length > 0 ? ` ${result.warnings.length} warning(s), see README.md.` : '';
    void vscode.window.showInformationMessage(`Resil: CDK app in ${result.folder}: ${result.written.length} written, ${result.unchanged.length} unchanged.${skipped}${warnings}`);
    if (result.stackFile) await vscode.window.showTextDocument(vscode.Uri.file(result.stackFile), { preview: false });
    return result;
}

/** A modal question with its details (the design's errors) under it. */
function confirm(message: string, detail: string, choice: string): Thenable<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: true, detail: detail || undefined }, choice);
}

/** `Resil: Preview CDK Stack`: the stack of the region under the cursor, generated in memory, read-only. */
export async function previewCdkStack(given?: vscode.Uri | string, region?: string): Promise<vscode.TextEditor | undefined> {
    const design = activeDesign(given);
    if (!design) return undefined;
    const editor = vscode.window.activeTextEditor;
    const position = editor?.document.uri.toString() === design.toString() ? editor.selection.active : undefined;
    const query = new URLSearchParams({ design: design.toString() });
    if (region) query.set('region', region);
    if (position) query.set('position', `${position.line}:${position.character}`);
    const uri = vscode.Uri.from({ scheme: CDK_PREVIEW_SCHEME, path: '/stack.ts', query: query.toString() });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'typescript');
    return vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

/** Serves `resil-cdk:` documents from the language server; VS Code shows content-provider documents read-only. */
export class CdkPreviewProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly changes = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changes.event;
    private readonly watcher: vscode.Disposable;

    constructor(private readonly requests: ServerRequests) {
        // Keep open previews in step with the design as the user types.
        this.watcher = vscode.workspace.onDidChangeTextDocument(event => {
            for (const document of vscode.workspace.textDocuments) {
                if (document.uri.scheme === CDK_PREVIEW_SCHEME && new URLSearchParams(document.uri.query).get('design') === event.document.uri.toString()) {
                    this.changes.fire(document.uri);
                }
            }
        });
    }

    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
        const query = new URLSearchParams(uri.query);
        const [line, character] = (query.get('position') ?? '').split(':').map(Number);
        const params: CdkPreviewParams = {
            uri: query.get('design') ?? '',
            region: query.get('region') ?? undefined,
            position: Number.isInteger(line) && Number.isInteger(character) ? { line, character } : undefined,
        };
        try {
            const result = await this.requests.cdkPreview(params);
            return `// Preview of ${result.file ?? 'the stack'} (read-only; Resil: Export CDK App writes the whole app).\n${result.content}`;
        } catch (error) {
            return `// No preview: ${(error as Error).message.replace(/\n/g, ' ')}\n`;
        }
    }

    dispose(): void {
        this.watcher.dispose();
        this.changes.dispose();
    }
}
