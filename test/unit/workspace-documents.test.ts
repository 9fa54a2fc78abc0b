import * as assert from 'node:assert/strict';
import { Cancellation, DocumentState, EmptyFileSystem, TextDocument, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { NodeFileSystemProvider } from 'langium/node';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createResilServices } from '../../language/src/resil-module.js';

// How documents enter and leave the server's workspace, in process (the stdio tests are test/lsp/unusual-clients).
describe('workspace documents', () => {
    const UNTITLED = 'untitled:Untitled-2';
    const TEXT = 'system U { region r { az a lambda f { uses nothere } } }';

    it('keeps the language of a closed untitled document until it leaves the workspace (found by the protocol fuzzer)', async () => {
        // A build queued before the editor closed the document runs after the close: it must still resolve the
        // document's language, which an untitled URI's (missing) extension cannot tell.
        const { shared } = createResilServices(EmptyFileSystem);
        const uri = URI.parse(UNTITLED);
        shared.workspace.TextDocuments.set(TextDocument.create(UNTITLED, 'resil', 1, TEXT));
        await shared.workspace.DocumentBuilder.update([uri], []);
        assert.ok(shared.workspace.LangiumDocuments.getDocument(uri)?.diagnostics?.length);

        shared.workspace.TextDocuments.delete(UNTITLED);
        assert.equal(shared.ServiceRegistry.getServices(uri).LanguageMetaData.languageId, 'resil');

        await shared.workspace.DocumentBuilder.update([uri], []);
        assert.equal(shared.workspace.LangiumDocuments.hasDocument(uri), false, 'a closed untitled document stays in the workspace');
        assert.equal(shared.ServiceRegistry.hasServices(uri), false, 'a removed untitled document keeps a language');
    });

    it('relinks the other documents when a closed untitled document with link errors is still in the workspace', async () => {
        const { shared } = createResilServices(EmptyFileSystem);
        const untitled = URI.parse(UNTITLED);
        const other = URI.parse('untitled:Untitled-3');
        shared.workspace.TextDocuments.set(TextDocument.create(UNTITLED, 'resil', 1, TEXT));
        shared.workspace.TextDocuments.set(TextDocument.create(other.toString(), 'resil', 1, TEXT));
        await shared.workspace.DocumentBuilder.update([untitled, other], []);
        shared.workspace.TextDocuments.delete(UNTITLED);
        // The edit of the other document relinks every document with link errors, the closed one included.
        shared.workspace.TextDocuments.set(TextDocument.create(other.toString(), 'resil', 2, TEXT.replace('nothere', 'f')));
        await shared.workspace.DocumentBuilder.update([other], []);
        assert.deepEqual(shared.workspace.LangiumDocuments.getDocument(other)?.diagnostics?.filter(d => d.code === 'unresolved-reference'), []);
    });
});

describe('requests about the whole workspace', () => {
    it('are answered after a build with nothing to redo (a document closed, the others checked: found by the protocol fuzzer)', async () => {
        const { shared } = createResilServices(EmptyFileSystem);
        const builder = shared.workspace.DocumentBuilder;
        const open = URI.parse('untitled:Untitled-5');
        shared.workspace.TextDocuments.set(TextDocument.create(open.toString(), 'resil', 1, 'system U { region r { az a lambda f } }'));
        await builder.update([open], []);
        // Find references arrives while the update runs: the workspace is not indexed, so it waits.
        let waiting: Promise<string> | undefined;
        const listening = builder.onUpdate(() => {
            waiting = builder.waitUntil(DocumentState.IndexedReferences).then(() => 'answered', () => 'cancelled');
        });
        await builder.update([], []);
        listening.dispose();
        const outcome = await Promise.race([waiting, new Promise(resolve => setTimeout(() => resolve('still waiting'), 2_000))]);
        assert.equal(outcome, 'answered');
    });
});

describe('requests about a document that leaves the workspace', () => {
    it('end instead of waiting for ever for the document to be linked (found by the protocol fuzzer)', async () => {
        const { shared } = createResilServices(EmptyFileSystem);
        const closed = 'untitled:Untitled-4';
        const uri = URI.parse(closed);
        // A request waits for the document to be linked again after an overtaken edit; then the editor closes it.
        await openWithOvertakenEdit(shared, closed);
        assert.equal(shared.workspace.LangiumDocuments.getDocument(uri)?.state, DocumentState.Changed);
        const waiting = shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked, uri);
        shared.workspace.TextDocuments.delete(closed);
        await shared.workspace.DocumentBuilder.update([uri], []);
        const outcome = await Promise.race([
            waiting.then(() => 'linked', () => 'ended'),
            new Promise(resolve => setTimeout(() => resolve('still waiting'), 2_000)),
        ]);
        assert.equal(outcome, 'ended');
    });
});

describe('a document whose file vanishes before its build', () => {
    it('is removed, and the other documents are checked (found by the protocol fuzzer)', async () => {
        const { shared } = createResilServices(EmptyFileSystem);
        const vanishing = 'file:///fuzz/vanishing.resil';
        const uri = URI.parse(vanishing);
        const other = URI.parse('untitled:Untitled-5');
        // After an overtaken edit the editor closes the document, and its file is gone (never saved, or deleted on
        // disk) before the close reaches the builder; another edit comes first.
        await openWithOvertakenEdit(shared, vanishing);
        shared.workspace.TextDocuments.delete(vanishing);
        shared.workspace.TextDocuments.set(TextDocument.create(other.toString(), 'resil', 1, 'system U { }'));
        await shared.workspace.DocumentBuilder.update([other], []);
        assert.equal(shared.workspace.LangiumDocuments.hasDocument(uri), false);
        assert.ok(shared.workspace.LangiumDocuments.getDocument(other)?.diagnostics, 'the other document was not checked');
    });

    it('is removed when its file vanishes after being found and before being read (found by the protocol fuzzer)', async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-vanishing-'));
        try {
            const file = path.join(folder, 'vanishing.resil');
            fs.writeFileSync(file, 'system S { }');
            // The file is there when the builder looks for it, and deleted by another program before the read.
            class DeletedBeforeReadFileSystem extends NodeFileSystemProvider {
                override readFile(uri: URI): Promise<string> {
                    if (uri.fsPath === file) fs.rmSync(file, { force: true });
                    return super.readFile(uri);
                }
            }
            const { shared } = createResilServices({ fileSystemProvider: () => new DeletedBeforeReadFileSystem() });
            const uri = URI.file(file);
            const other = URI.parse('untitled:Untitled-6');
            shared.workspace.TextDocuments.set(TextDocument.create(other.toString(), 'resil', 1, 'system U { }'));
            await shared.workspace.DocumentBuilder.update([uri, other], []);
            assert.equal(shared.workspace.LangiumDocuments.hasDocument(uri), false);
            assert.ok(shared.workspace.LangiumDocuments.getDocument(other)?.diagnostics, 'the other document was not checked');
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });

    it('becomes ready when a workspace file vanishes between being listed and being read (found by the protocol fuzzer)', async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-vanishing-'));
        const text = 'system U { region r { az a lambda f { uses nothere } } }';
        try {
            fs.writeFileSync(path.join(folder, 'kept.resil'), text);
            fs.writeFileSync(path.join(folder, 'vanishing.resil'), text);
            // Listed by the folder traversal, gone by the time it is read: as when another program deletes it.
            class VanishingFileSystem extends NodeFileSystemProvider {
                override readFile(uri: URI): Promise<string> {
                    return uri.path.endsWith('vanishing.resil')
                        ? Promise.reject(Object.assign(new Error(`ENOENT: no such file or directory, open '${uri.fsPath}'`), { code: 'ENOENT' }))
                        : super.readFile(uri);
                }
            }
            const { shared } = createResilServices({ fileSystemProvider: () => new VanishingFileSystem() });
            await shared.workspace.WorkspaceManager.initializeWorkspace([{ name: 'w', uri: URI.file(folder).toString() }]);
            const ready = await Promise.race([shared.workspace.WorkspaceManager.ready.then(() => true), new Promise(resolve => setTimeout(() => resolve(false), 2000))]);
            assert.equal(ready, true, 'requests and builds wait for the workspace to be ready');
            const kept = URI.file(path.join(folder, 'kept.resil'));
            await shared.workspace.DocumentBuilder.update([kept], []);
            assert.ok(shared.workspace.LangiumDocuments.getDocument(kept)?.diagnostics?.length, 'the file read is checked');
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });
});

/**
 * Opens and checks `uri`, then edits it with a build that a newer one overtakes (cancels) before the document is
 * parsed again: the document is left invalidated, waiting for its next build.
 */
async function openWithOvertakenEdit(shared: LangiumSharedServices, uri: string): Promise<void> {
    shared.workspace.TextDocuments.set(TextDocument.create(uri, 'resil', 1, 'system S { }'));
    await shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
    shared.workspace.TextDocuments.set(TextDocument.create(uri, 'resil', 2, 'system T { }'));
    const overtaken = new Cancellation.CancellationTokenSource();
    const edit = shared.workspace.DocumentBuilder.update([URI.parse(uri)], [], overtaken.token);
    overtaken.cancel();
    await edit.catch(() => undefined);
}
