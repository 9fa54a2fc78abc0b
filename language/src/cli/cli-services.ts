import { DefaultIndexManager, type LangiumDocument, type LangiumSharedCoreServices, type Module, type PartialLangiumSharedCoreServices } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createResilCoreServices, type ResilCoreServices } from '../resil-core-module.js';
import { useBundleGrammarRecording } from './grammar-recording-file.js';
import { IndexedAstReflection } from './indexed-reflection.js';

/**
 * The index of who refers to what serves the editor (find references, rename, re-linking the documents an edit
 * affects). The CLI builds each design once and asks none of that: indexing its references cost a 10,000-service
 * design about a tenth of its check.
 */
class CliIndexManager extends DefaultIndexManager {
    override async updateReferences(_document: LangiumDocument): Promise<void> {
        // Nothing asks for references in a CLI run.
    }
}

const CliSharedModule: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices> = {
    AstReflection: () => new IndexedAstReflection(),
    workspace: {
        IndexManager: (services) => new CliIndexManager(services),
    },
};

/** Resil's services as the CLI uses them: on the file system, without a language server or the editor's features. */
export function createCliServices(): ResilCoreServices {
    const services = createResilCoreServices(NodeFileSystem, CliSharedModule).Resil;
    useBundleGrammarRecording(services);
    return services;
}
