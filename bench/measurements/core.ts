import { EmptyFileSystem, URI } from 'langium';
import { createResilServices, type ResilServices } from '../../language/src/resil-module.js';
import { buildDocument, type ResilDocument } from '../../language/src/workspace/documents.js';
import type { Model } from '../../language/src/generated/ast.js';
import { registerMeasurement } from '../registry.js';

/** Parse, link and validate: what `resil check` and the language server do on every document version. */

export function freshServices(): ResilServices {
    return createResilServices(EmptyFileSystem).Resil;
}

let counter = 0;
function nextUri(): URI {
    return URI.file(`/bench/model-${++counter}.resil`);
}

/** Builds a document and fails loudly when the generated model does not check clean (the figures would lie). */
export async function buildClean(services: ResilServices, text: string): Promise<ResilDocument> {
    const document = await buildDocument(services, text, nextUri());
    const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
    if (errors.length > 0) throw new Error(`generated model has ${errors.length} errors, first: ${errors[0].message}`);
    return document;
}

/** Parses and links without validation; returns the document for a later, separately timed, validation. */
export async function parseAndLink(services: ResilServices, text: string): Promise<ResilDocument> {
    const shared = services.shared;
    const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(text, nextUri());
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document], { validation: false });
    return document;
}

export function forget(services: ResilServices, document: ResilDocument): void {
    services.shared.workspace.LangiumDocuments.deleteDocument(document.uri);
}

for (const [size, budget, runs] of [[1000, { ms: 500 }, 7], [10000, { ms: 4000, mb: 1536 }, 5]] as const) {
    registerMeasurement({
        name: `parse-link-validate-${size / 1000}k`,
        title: `Parse + link + validate, ${size.toLocaleString('en')} services`,
        budget,
        runs,
        note: 'one document built from text with all validation (every rule, and the requirements once they are checked); same services reused across runs, as in the language server.',
        prepare: async (context) => ({ services: freshServices(), text: context.modelText(size), last: undefined as ResilDocument | undefined }),
        run: async (state) => {
            if (state.last) forget(state.services, state.last);
            state.last = await buildClean(state.services, state.text);
        },
    });
}

registerMeasurement({
    name: 'rules-10k',
    title: 'Validation alone (all rules), 10,000 services',
    budget: { ms: 1000 },
    runs: 5,
    note: 'the validation phase on an already parsed and linked document: the share of all rules (and the topology they build) in parse + link + validate.',
    prepare: async (context) => ({ services: freshServices(), text: context.modelText(10000) }),
    run: async (state) => {
        const document = await parseAndLink(state.services, state.text);
        const start = performance.now();
        await state.services.validation.DocumentValidator.validateDocument(document);
        const elapsed = performance.now() - start;
        forget(state.services, document);
        return elapsed;
    },
});
