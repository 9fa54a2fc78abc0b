import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResilServices } from '../resil-module.js';
import { buildText } from '../workspace/documents.js';

/** Lays a design's text out with the language's formatter (what `Format Document` does in the editor). */
export async function formatDesign(services: ResilServices, text: string): Promise<string> {
    const document = await buildText(services, text, 'imported.resil');
    const formatter = services.lsp.Formatter;
    if (!formatter) return text;
    const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 2, insertSpaces: true } });
    const formatted = TextDocument.applyEdits(TextDocument.create(document.uri.toString(), 'resil', 0, text), edits);
    return formatted.endsWith('\n') ? formatted : `${formatted}\n`;
}
