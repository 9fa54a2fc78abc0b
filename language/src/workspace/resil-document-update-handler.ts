import { URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocument, TextDocumentChangeEvent } from 'vscode-languageserver';
import { jsonKind } from '../util/json-kind.js';

/**
 * Feeds the editor's documents to the builder, as Langium's handler does, with three differences that keep a
 * client that sends something unusual from ending the server:
 * - a document that is not Resil (another language, another extension) is ignored: the client may open anything;
 * - a document opened with a text that is not a string (`null`, `42`, `{}`) is not built: the client hears why;
 * - a closed document is updated: re-read from disk when it is a saved file, removed otherwise (the builder
 *   decides, see `ResilDocumentBuilder`), instead of lingering with a language or a file that no longer resolves.
 * A build that fails all the same is reported to the client rather than left to end the process.
 */
export class ResilDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly services: LangiumSharedServices;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.services = services;
    }

    override didChangeContent(change: TextDocumentChangeEvent<TextDocument>): void {
        const uri = this.resilUri(change.document);
        if (!uri) return;
        const text: unknown = change.document.getText();
        if (typeof text !== 'string') {
            this.warn(`Ignored ${change.document.uri}: the client sent its text as ${jsonKind(text)}, not as a string.`);
            return;
        }
        this.fireDocumentUpdate([uri], []);
    }

    didCloseDocument(change: TextDocumentChangeEvent<TextDocument>): void {
        // Once closed, an untitled document's language is no longer known: whether it is ours is whether it was built.
        const uri = URI.parse(change.document.uri);
        if (this.services.workspace.LangiumDocuments.hasDocument(uri)) this.fireDocumentUpdate([uri], []);
    }

    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        this.workspaceManager.ready
            .then(() => this.workspaceLock.write(token => this.documentBuilder.update(changed, deleted, token)))
            .catch(error => this.services.lsp.Connection?.console.error(
                `Resil could not check ${[...changed, ...deleted].join(', ')}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`));
    }

    /** The document's URI when it is a Resil document (by language id or extension), else undefined. */
    private resilUri(document: TextDocument): URI | undefined {
        const uri = URI.parse(document.uri);
        return this.serviceRegistry.hasServices(uri) ? uri : undefined;
    }

    private warn(message: string): void {
        this.services.lsp.Connection?.console.warn(message);
    }
}
