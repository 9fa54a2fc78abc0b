import { DefaultDocumentBuilder, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { LangiumSharedServices } from 'langium/lsp';
import { DocumentSources } from './document-sources.js';
import { ResilServiceRegistry } from './resil-service-registry.js';

/**
 * Langium's builder re-reads from disk every changed document that is not open in the editor. A document that is
 * neither open nor on disk (an untitled or unsaved document just closed, a file deleted) made that read fail with
 * `ENOENT`, or left a document behind whose language no longer resolves (an `untitled:` URI has no extension), and
 * a later rebuild then ended the server. Such documents are removed instead, as deleted files are.
 */
export class ResilDocumentBuilder extends DefaultDocumentBuilder {
    private readonly sources: DocumentSources;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.sources = new DocumentSources(services);
        const registry = services.ServiceRegistry;
        if (registry instanceof ResilServiceRegistry) {
            this.onUpdate((_, deleted) => deleted.forEach(uri => registry.forget(uri)));
        }
    }

    override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        const exists = await Promise.all(changed.map(uri => this.sources.exists(uri)));
        const kept = changed.filter((_, i) => exists[i]);
        const gone = changed.filter((_, i) => !exists[i]);
        return super.update(kept, [...deleted, ...gone], cancelToken);
    }
}
