import { DefaultServiceRegistry, type LangiumCoreServices, type URI } from 'langium';

/**
 * Langium resolves a document's language from the editor's copy (its language id) and else from the URI's
 * extension. An untitled document has no extension: once the editor closed it, a build still under way (or queued
 * before the close) could no longer resolve the language of a document it was processing, and the server ended.
 * This registry keeps the language a document was opened in until the document leaves the workspace (`forget`).
 */
export class ResilServiceRegistry extends DefaultServiceRegistry {
    private readonly openedAs = new Map<string, LangiumCoreServices>();

    override getServices(uri: URI): LangiumCoreServices {
        const key = uri.toString();
        const languageId = this.textDocuments?.get(key)?.languageId;
        const byLanguage = languageId === undefined ? undefined : this.languageIdMap.get(languageId);
        if (byLanguage) {
            this.openedAs.set(key, byLanguage);
            return byLanguage;
        }
        return this.openedAs.get(key) ?? super.getServices(uri);
    }

    /** The document at `uri` left the workspace: its language is decided afresh if it comes back. */
    forget(uri: URI): void {
        this.openedAs.delete(uri.toString());
    }
}
