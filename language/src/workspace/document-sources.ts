import type { LangiumSharedCoreServices, URI } from 'langium';

/**
 * Where the text of a document comes from: the editor while the document is open in it, the file system otherwise.
 * A document with neither (an untitled document or a file that is not on disk, once closed; a deleted file) no
 * longer exists, and must leave the workspace instead of being read again.
 */
export class DocumentSources {
    constructor(private readonly shared: LangiumSharedCoreServices) { }

    isOpen(uri: URI): boolean {
        return this.shared.workspace.TextDocuments?.get(uri.toString()) !== undefined;
    }

    /** A `file:` URI whose file or folder exists (other schemes, e.g. `untitled:`, are never read from disk). */
    async isOnDisk(uri: URI): Promise<boolean> {
        if (uri.scheme !== 'file') return false;
        try {
            await this.shared.workspace.FileSystemProvider.stat(uri);
            return true;
        } catch {
            return false;
        }
    }

    async exists(uri: URI): Promise<boolean> {
        return this.isOpen(uri) || await this.isOnDisk(uri);
    }
}
