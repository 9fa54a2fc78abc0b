import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../language-client.js';

/**
 * The design a command works on: the URI it was given (from a code lens, the diagram, a test), else the active
 * `.resil` editor, else any visible one. Tells the user when there is none.
 */
export function activeDesign(given?: vscode.Uri | string): vscode.Uri | undefined {
    if (given) return typeof given === 'string' ? vscode.Uri.parse(given) : given;
    const editor = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors]
        .find(e => e?.document.languageId === LANGUAGE_ID);
    if (!editor) {
        void vscode.window.showInformationMessage('Open a .resil design first.');
        return undefined;
    }
    return editor.document.uri;
}
