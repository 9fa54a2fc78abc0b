import { URI, type LangiumDocument } from 'langium';
import type { Model } from '../generated/ast.js';
import type { ResilServices } from '../resil-module.js';

export type ResilDocument = LangiumDocument<Model>;

/** Parses, links and validates one text as a document of its own (replacing any earlier one at that URI). */
export async function buildDocument(services: ResilServices, text: string, uri: URI): Promise<ResilDocument> {
    const shared = services.shared;
    if (shared.workspace.LangiumDocuments.hasDocument(uri)) {
        await shared.workspace.DocumentBuilder.update([], [uri]);
    }
    const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: true });
    return document;
}

export function buildText(services: ResilServices, text: string, fileName = 'model.resil'): Promise<ResilDocument> {
    return buildDocument(services, text, URI.file(`/inline/${fileName}`));
}
