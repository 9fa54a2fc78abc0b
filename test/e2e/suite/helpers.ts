import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ResilApi } from '../../../client/src/extension.js';

export const EXTENSION_ID = 'resil.resil';

/** The workspace folder the launcher prepared: a copy of `examples/` and of the e2e fixtures. */
export function workspaceRoot(): string {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests need a workspace folder (the launchers open one)');
    return folder.uri.fsPath;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
    return vscode.Uri.file(path.join(workspaceRoot(), ...segments));
}

/** The repository (the extension under development): where test results go. */
export function repositoryRoot(): string {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    return extension.extensionPath;
}

/** Where tests write results: the launcher says (the installed .vsix lives outside the repository). */
export function resultsDir(): string {
    const dir = process.env.RESIL_E2E_RESULTS ?? path.join(repositoryRoot(), 'test-results', 'e2e');
    fs.mkdirSync(dir, { recursive: true });
    return dir;
}

export async function api(): Promise<ResilApi> {
    const extension = vscode.extensions.getExtension<ResilApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    return extension.isActive ? extension.exports : extension.activate();
}

export async function openDesign(...segments: string[]): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(workspaceUri(...segments));
    return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
}

/** Resolves when `check` returns a value (not undefined), polling on each event and every 100 ms. */
export function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        const started = Date.now();
        const attempt = async (): Promise<void> => {
            try {
                const value = await check();
                if (value !== undefined) return resolve(value);
            } catch (error) {
                if (Date.now() - started > timeoutMs) return reject(error);
            }
            if (Date.now() - started > timeoutMs) return reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
            setTimeout(() => void attempt(), 100);
        };
        void attempt();
    });
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    return code === undefined ? undefined : String(code);
}

/** The diagnostics of `uri` once one has each of `codes` (or once there are some, when no code is given). */
export function diagnosticsWith(uri: vscode.Uri, codes: readonly string[], timeoutMs?: number): Promise<vscode.Diagnostic[]> {
    return waitFor(`diagnostics ${codes.join(', ') || '(any)'} on ${path.basename(uri.fsPath)}`, () => {
        const diagnostics = vscode.languages.getDiagnostics(uri);
        const present = new Set(diagnostics.map(codeOf));
        const complete = codes.length === 0 ? diagnostics.length > 0 : codes.every(c => present.has(c));
        return complete ? diagnostics : undefined;
    }, timeoutMs);
}

/** The position of the first occurrence of `text` in the document (plus `offset` characters). */
export function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
    const index = document.getText().indexOf(text);
    assert.ok(index >= 0, `'${text}' not found in ${document.uri.fsPath}`);
    return document.positionAt(index + offset);
}

/** The text of hovers (Markdown or plain), joined. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
    return hovers.flatMap(h => h.contents).map(c => typeof c === 'string' ? c : c.value).join('\n');
}

export async function closeAllEditors(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Asks the code-server launcher for what only the browser sees (a screenshot, the nodes drawn in webviews) and
 * waits for its answer; undefined when the suite runs in desktop VS Code, where no launcher answers.
 */
export async function probe(kind: 'screenshot' | 'webview', file: string): Promise<string | undefined> {
    if (vscode.env.uiKind !== vscode.UIKind.Web) return undefined;
    fs.rmSync(file, { force: true });
    console.log(`RESIL_E2E_PROBE ${kind} ${file}`);
    return waitFor(`the launcher to write ${file}`, () => fs.existsSync(file) ? file : undefined, 30_000);
}

/** The ids of the nodes drawn in the webviews of the page (the diagram), as the launcher saw them. */
export async function drawnNodeIds(): Promise<string[] | undefined> {
    const file = await probe('webview', path.join(resultsDir(), 'webview-nodes.json'));
    return file ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { dataIds: string[] }).dataIds : undefined;
}
