import { URI, type LangiumDocument } from 'langium';
import type { Model } from '../generated/ast.js';
import type { ResilCoreServices } from '../resil-core-module.js';

export type ResilDocument = LangiumDocument<Model>;

/** A text and where it is from. */
export interface DocumentText {
    readonly text: string;
    readonly uri: URI;
}

/** Parses, links and validates one text as a document of its own (replacing any earlier one at that URI). */
export async function buildDocument(services: ResilCoreServices, text: string, uri: URI): Promise<ResilDocument> {
    const [document] = await buildDocuments(services, [{ text, uri }]);
    return document;
}

/**
 * Parses, links and validates texts together, as files of one workspace: a system may span them (replacing any
 * earlier documents at their URIs).
 */
export async function buildDocuments(services: ResilCoreServices, texts: readonly DocumentText[]): Promise<ResilDocument[]> {
    const shared = services.shared;
    const replaced = texts.map(t => t.uri).filter(uri => shared.workspace.LangiumDocuments.hasDocument(uri));
    if (replaced.length > 0) await shared.workspace.DocumentBuilder.update([], replaced);
    const documents = texts.map(({ text, uri }) => shared.workspace.LangiumDocumentFactory.fromString<Model>(text, uri));
    for (const document of documents) shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return documents;
}

export function buildText(services: ResilCoreServices, text: string, fileName = 'model.resil'): Promise<ResilDocument> {
    return buildDocument(services, text, URI.file(`/inline/${fileName}`));
}
