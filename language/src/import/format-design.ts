import { URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Model } from '../generated/ast.js';
import type { ResilServices } from '../resil-module.js';

/**
 * Lays a design's text out with the language's formatter (what `Format Document` does in the editor). The text is
 * parsed and linked, not validated: the formatter reads only its tokens and syntax tree.
 */
export async function formatDesign(services: ResilServices, text: string): Promise<string> {
    const workspace = services.shared.workspace;
    const document = workspace.LangiumDocumentFactory.fromString<Model>(text, URI.file('/import/imported.resil'));
    workspace.LangiumDocuments.addDocument(document);
    await workspace.DocumentBuilder.build([document], { validation: false });
    const formatter = services.lsp.Formatter;
    let edits;
    try {
        if (!formatter) return text;
        edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 2, insertSpaces: true } });
    } finally {
        workspace.LangiumDocuments.deleteDocument(document.uri);
    }
    const formatted = TextDocument.applyEdits(TextDocument.create(document.uri.toString(), 'resil', 0, text), edits);
    return formatted.endsWith('\n') ? formatted : `${formatted}\n`;
}
