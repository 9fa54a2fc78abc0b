import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** A removed document of at least this much text has its memory given back at once. */
const LARGE_DOCUMENT_CHARS = 256 * 1024;

/**
 * A 10,000-service design holds about 200 MB of syntax tree, topology and analysis. When its document is removed
 * (closed without being on disk, deleted), V8 sees only garbage it may collect later: its heap limit has grown with
 * the design, so the next design opened is built on top of the old one, and the server's peak kept rising with
 * each large design opened (about 1 GB after six). After a large document is removed, a full collection gives that
 * memory back before the next build grows the heap further: one pause of the order of a parse's, only then.
 */
export function releaseMemoryOfRemovedDocuments(shared: LangiumSharedServices): void {
    const collect = garbageCollector();
    if (!collect) return;
    const sizes = new Map<string, number>();
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Parsed, documents => {
        for (const document of documents) sizes.set(document.uri.toString(), document.textDocument.getText().length);
    });
    let scheduled = false;
    shared.workspace.DocumentBuilder.onUpdate((_changed, deleted) => {
        let released = 0;
        for (const uri of deleted) {
            const key = uri.toString();
            released += sizes.get(key) ?? 0;
            sizes.delete(key);
        }
        if (released < LARGE_DOCUMENT_CHARS || scheduled) return;
        scheduled = true;
        // Once the removal is done and nothing of the build that removed it still holds the document.
        setTimeout(() => {
            scheduled = false;
            collect();
        }, 0);
    });
}

/** V8's full collection, which Node exposes only under `--expose-gc`: the flag is set for this process. */
function garbageCollector(): (() => void) | undefined {
    const exposed = (globalThis as { gc?: unknown }).gc;
    if (typeof exposed === 'function') return exposed as () => void;
    try {
        v8.setFlagsFromString('--expose-gc');
        const gc: unknown = vm.runInNewContext('gc');
        return typeof gc === 'function' ? gc as () => void : undefined;
    } catch {
        return undefined;
    }
}
