import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { createHash } from 'node:crypto';
import type { LangiumSharedServices } from 'langium/lsp';
import { buildDiagramModel } from '../diagram/diagram-model.js';
import type { DiagramModel } from '../diagram/diagram-types.js';
import { applyView, defaultView, namedView, type DiagramView, type FullView } from '../diagram/diagram-view.js';
import { layoutResult, prepareLayout } from '../diagram/layout.js';
import type { ThreadedElk } from '../diagram/threaded-elk.js';
import type { Model } from '../generated/ast.js';
import { getTopology, type Topology } from '../model/topology.js';
import { ResilDocumentBuilder } from '../workspace/resil-document-builder.js';
import { attempt } from '../util/errors.js';
import { DiagramRequest, parseDiagramParams, type DiagramParams, type DiagramResult, type PrecomputedLayout } from '../protocol/index.js';
import type { DocumentRequest } from './document-request.js';

/** Designs up to this size are laid out ahead after each pause in typing (`layOutAhead`). */
const AHEAD_MAX_SERVICES = 300;
/** Designs up to this size are laid out ahead once, when first checked: opening their diagram is then quick too. */
const AHEAD_ONCE_MAX_SERVICES = 2000;
/** How long typing must pause before the open designs are laid out ahead. */
const AHEAD_PAUSE_MS = 1000;

/**
 * The server's diagram layouts: ELK off the request thread, and the last few layouts kept, so that opening the
 * diagram of a design the server has laid out ahead (`layOutAhead`) costs no layout.
 */
export class DiagramLayouts {
    /** ELK's answers by a hash of its input, least recently used first. */
    private readonly cache = new Map<string, Promise<ElkNode | undefined>>();

    constructor(readonly elk: Pick<ThreadedElk, 'layout' | 'warm'>, private readonly capacity = 8) { }

    /**
     * Lays out, in the background, the diagrams of the designs open in the editor, so that opening one finds its
     * layout done. The layout thread starts at once and compiles ELK while the first designs are parsed and checked
     * (ELK's first layouts in a new thread run several times slower than later ones). A design is laid out when first
     * checked, then once typing has paused for a second, a layout per pause at most (and none when only a property
     * changed: the layout is kept by shape). A large design is laid out only when first checked, as soon as its
     * topology is built (its checks run meanwhile: two seconds' work of the layout thread at 1,000 services); at every
     * pause it would keep a core busy for a diagram maybe never opened. The largest are laid out when their diagram
     * opens.
     */
    layOutAhead(shared: LangiumSharedServices, onError: (error: unknown) => void): void {
        this.elk.warm().catch(onError);
        /** The topology each open document was last laid out from (or found too large to be). */
        const done = new Map<string, Topology>();
        const waiting = new Set<string>();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const isOpen = (uri: string) => shared.workspace.TextDocuments?.get(uri) !== undefined;
        const topologyOf = (document: LangiumDocument) => attempt(() => getTopology(document.parseResult.value as Model), onError);
        const layOut = (document: LangiumDocument, topology: Topology) => {
            const uri = document.uri.toString();
            const first = !done.has(uri);
            done.set(uri, topology);
            const size = topology.components.length;
            if (size > 0 && (size <= AHEAD_MAX_SERVICES || (first && size <= AHEAD_ONCE_MAX_SERVICES))) {
                // Runs inside a document's validation (`onTopologyBuilt`): nothing may escape into the checks.
                attempt(() => this.layoutOf(buildDiagramModel(document.parseResult.value as Model), undefined), onError)?.catch(onError);
            }
        };
        const builder = shared.workspace.DocumentBuilder;
        if (builder instanceof ResilDocumentBuilder) {
            // A large design's first layout takes seconds: it starts before the checks end. A small one's takes less
            // than its checks, and would only slow them down.
            builder.onTopologyBuilt((document, topology) => {
                const first = !done.has(document.uri.toString()) && isOpen(document.uri.toString());
                if (first && topology.components.length > AHEAD_MAX_SERVICES) layOut(document, topology);
            });
        }
        // Documents outside a system have no topology to wait for; edited ones wait for a pause.
        builder.onBuildPhase(DocumentState.Validated, documents => {
            const changed = documents.filter(d => isOpen(d.uri.toString()) && done.get(d.uri.toString()) !== topologyOf(d));
            if (changed.length === 0) return;
            for (const document of changed) waiting.add(document.uri.toString());
            clearTimeout(timer);
            timer = setTimeout(() => {
                for (const uri of waiting) {
                    const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
                    const topology = document && document.state >= DocumentState.Validated && isOpen(uri) ? topologyOf(document) : undefined;
                    if (document && topology) layOut(document, topology);
                }
                waiting.clear();
            }, changed.some(d => !done.has(d.uri.toString())) ? 0 : AHEAD_PAUSE_MS);
        });
        // A design opened again is laid out again when checked.
        shared.workspace.TextDocuments?.onDidClose(({ document }) => done.delete(document.uri));
    }

    /**
     * The layout of `model` under `view` (the default view when absent); undefined when ELK fails (the webview then
     * lays out). Kept by ELK's input: an edit that changes nothing drawn (a property, a scenario) costs no layout.
     */
    layoutOf(model: DiagramModel, view: DiagramView | undefined): Promise<PrecomputedLayout | undefined> {
        const initial = view?.named === undefined ? defaultView(model) : namedView(model, view.named);
        const chosen: FullView = { ...initial, expandedCells: [...view?.expandedCells ?? []], collapsed: [...view?.collapsed ?? initial.collapsed] };
        const { graph } = prepareLayout(applyView(model, chosen));
        const key = createHash('sha256').update(JSON.stringify(graph)).digest('base64');
        let result = this.cache.get(key);
        this.cache.delete(key); // re-inserted last: the least recently used go first
        result ??= this.elk.layout(graph).then(layoutResult, () => {
            this.cache.delete(key); // not kept: the next ask tries again
            return undefined;
        });
        this.cache.set(key, result);
        for (const old of this.cache.keys()) if (this.cache.size > this.capacity) this.cache.delete(old);
        return result.then(laidOut => laidOut && { view: chosen, graph: laidOut });
    }
}

/**
 * `resil/diagram`: answers as soon as the document is linked, without waiting for validation. `layouts` answers
 * `layout: true`.
 */
export function diagramRequest(layouts?: DiagramLayouts): DocumentRequest<DiagramParams, DiagramResult> {
    return {
        type: DiagramRequest,
        params: parseDiagramParams,
        state: DocumentState.Linked,
        async answer(document, { uri, view, layout }) {
            const version = document.textDocument.version;
            const model = buildDiagramModel(document.parseResult.value);
            const laidOut = layout && layouts ? await layouts.layoutOf(model, view) : undefined;
            return { uri, version, model, ...(laidOut && { layout: laidOut }) };
        },
    };
}
