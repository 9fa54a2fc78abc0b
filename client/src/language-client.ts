import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node.js';

export const LANGUAGE_ID = 'resil';

/**
 * The language client for the bundled server (`dist/server.cjs`, shipped in the .vsix next to the extension
 * bundle). Trace output follows the `resil.trace.server` setting: the client id `resil` is what ties them.
 */
export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
    const module = context.asAbsolutePath('dist/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: LANGUAGE_ID, scheme: 'file' }, { language: LANGUAGE_ID, scheme: 'untitled' }],
        outputChannelName: 'Resil Language Server',
    };
    return new LanguageClient(LANGUAGE_ID, 'Resil Language Server', serverOptions, clientOptions);
}
