import { Cancellation, DefaultDocumentBuilder, Disposable, DocumentState, MultiMap, OperationCancelled, type BuildOptions, type LangiumDocument, type LangiumSharedCoreServices, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { Topology } from '../model/topology.js';
import { computeChecksAhead } from './checks-ahead.js';
import { DocumentSources } from './document-sources.js';
import { ResilServiceRegistry } from './resil-service-registry.js';
import { SystemRelinks } from './system-relinks.js';

/**
 * Langium's builder re-reads from disk every changed document that is not open in the editor. A document that is
 * neither open nor on disk (an untitled or unsaved document just closed, a file deleted) made that read fail with
 * `ENOENT`, or left a document behind whose language no longer resolves (an `untitled:` URI has no extension), and
 * a later rebuild then ended the server. Such documents are removed instead, as deleted files are.
 *
 * A request waits for its document to reach a state (linked, validated); Langium's wait ends only then, so a
 * request about a document removed meanwhile was never answered. Removal cancels those waits.
 *
 * A request about the workspace as a whole (find references) waits for the build to reach a state; Langium's wait
 * ends when a document reaches it, so a build with nothing to redo for that state (a document closed, the others
 * already checked) left the request waiting for ever. The wait ends when the build reaches the state.
 */
export class ResilDocumentBuilder extends DefaultDocumentBuilder {
    private readonly sources: DocumentSources;
    private readonly waits = new MultiMap<string, Cancellation.CancellationTokenSource>();
    private readonly systems: SystemRelinks;
    private readonly stateWaits = new MultiMap<DocumentState, () => void>();
    private readonly topologyListeners = new Set<TopologyListener>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.sources = new DocumentSources(services);
        this.systems = new SystemRelinks(this.langiumDocuments);
        this.onBuildPhase(DocumentState.ComputedScopes, () => this.systems.joinSystems());
        const registry = services.ServiceRegistry;
        this.onUpdate((_, deleted) => {
            for (const uri of deleted) {
                if (registry instanceof ResilServiceRegistry) registry.forget(uri);
                for (const wait of this.waits.get(uri.toString())) wait.cancel();
            }
        });
    }

    override async update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        const exists = await Promise.all(changed.map(uri => this.sources.exists(uri)));
        const kept = changed.filter((_, i) => exists[i]);
        const gone = changed.filter((_, i) => !exists[i]);
        this.systems.beginUpdate([...changed, ...deleted]);
        await super.update(kept, [...deleted, ...gone], cancelToken);
        await this.rebuildLateJoiners(kept, cancelToken);
    }

    /**
     * An edit re-links and re-validates the files of its system (see `SystemRelinks`) and no other: a reference never
     * leaves its system, so Langium's test (every reference of every file of the workspace, for an error or a target in
     * the changed files) could only say the same, at a cost that grows with the workspace. A file that joins a system
     * re-links that system's files after the update.
     */
    override shouldRelink(document: LangiumDocument): boolean {
        return this.systems.isTouched(document);
    }

    /** What the checks of a whole system share is computed ahead of them, in pieces (see `computeChecksAhead`). */
    protected override async validate(document: LangiumDocument, cancelToken: CancellationToken): Promise<void> {
        await computeChecksAhead(document, cancelToken, topology => {
            for (const listener of this.topologyListeners) listener(document, topology);
        });
        return super.validate(document, cancelToken);
    }

    /**
     * `listener` hears, in the validation of each document of a system, of its system's topology as soon as it is
     * built, before the checks run: what needs only the model (the diagram's layout) can start before the diagnostics.
     */
    onTopologyBuilt(listener: TopologyListener): Disposable {
        this.topologyListeners.add(listener);
        return Disposable.create(() => this.topologyListeners.delete(listener));
    }

    /** The files of a system that an edited file joined only now (a new part) are checked again with it. */
    private async rebuildLateJoiners(changed: URI[], cancelToken?: CancellationToken): Promise<void> {
        const late = this.systems.lateJoiners(changed);
        if (late.length === 0) return;
        for (const document of late) this.resetToState(document, DocumentState.ComputedScopes);
        await this.buildDocuments(late, this.updateBuildOptions, cancelToken ?? Cancellation.CancellationToken.None);
    }

    /**
     * A file can also vanish between the change that queued a build and the build (deleted on disk before the
     * watcher's event arrived), or between the check below and the read: a document to parse that is neither open
     * nor on disk is removed, not read; a read that fails because the file is gone makes the check run again.
     */
    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: CancellationToken): Promise<void> {
        let remaining = documents;
        // Each retry follows a file that vanished; a file that keeps coming back cannot hold the build for ever.
        for (let attempt = 0; ; attempt++) {
            const vanished: LangiumDocument[] = [];
            for (const document of remaining) {
                if (document.state < DocumentState.Parsed && !await this.sources.exists(document.uri)) vanished.push(document);
            }
            if (vanished.length > 0) await this.remove(vanished.map(document => document.uri));
            remaining = remaining.filter(document => !vanished.includes(document));
            try {
                return await super.buildDocuments(remaining, options, cancelToken);
            } catch (error) {
                if (!isFileGone(error) || attempt >= documents.length) throw error;
            }
        }
    }

    /** What `update` does for a deleted document. */
    private async remove(uris: URI[]): Promise<void> {
        for (const uri of uris) {
            this.langiumDocuments.deleteDocument(uri);
            this.buildState.delete(uri.toString());
            this.indexManager.remove(uri);
        }
        await this.emitUpdate([], uris);
    }

    protected override async runCancelable(documents: LangiumDocument[], targetState: DocumentState, cancelToken: CancellationToken,
        callback: (document: LangiumDocument) => unknown): Promise<void> {
        await super.runCancelable(documents, targetState, cancelToken, callback);
        const reached = this.stateWaits.entries().filter(([state]) => state <= targetState).map(([, release]) => release).toArray();
        for (const release of reached) release();
    }

    protected override awaitBuilderState(state: DocumentState, cancelToken: CancellationToken): Promise<void> {
        if (this.currentState >= state) return Promise.resolve();
        if (cancelToken.isCancellationRequested) return Promise.reject(OperationCancelled);
        return new Promise((resolve, reject) => {
            const end = () => {
                this.stateWaits.delete(state, release);
                cancelled.dispose();
            };
            const release = () => {
                end();
                resolve();
            };
            const cancelled = cancelToken.onCancellationRequested(() => {
                end();
                reject(OperationCancelled);
            });
            this.stateWaits.add(state, release);
        });
    }

    protected override awaitDocumentState(state: DocumentState, uri: URI, cancelToken: CancellationToken): Promise<URI> {
        const key = uri.toString();
        const wait = new Cancellation.CancellationTokenSource();
        const forwarded = cancelToken.onCancellationRequested(() => wait.cancel());
        this.waits.add(key, wait);
        return super.awaitDocumentState(state, uri, wait.token).finally(() => {
            forwarded.dispose();
            this.waits.delete(key, wait);
            wait.dispose();
        });
    }
}

export type TopologyListener = (document: LangiumDocument, topology: Topology) => void;

/** The error of a read whose file was deleted after it was found. */
function isFileGone(error: unknown): boolean {
    return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
