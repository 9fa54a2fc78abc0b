import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { createHash } from 'node:crypto';
import type { LangiumSharedServices } from 'langium/lsp';
import { buildDiagramModel } from '../diagram/diagram-model.js';
import { serviceCount, type DiagramModel } from '../diagram/diagram-types.js';
import { applyView, defaultView, namedView, type DiagramView, type FullView } from '../diagram/diagram-view.js';
import { layoutResult, prepareLayout } from '../diagram/layout.js';
import type { ThreadedElk } from '../diagram/threaded-elk.js';
import type { Model } from '../generated/ast.js';
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
     * layout done: the first ones as soon as they are checked (which also loads and compiles ELK on a real graph),
     * later ones once typing has paused for a second, a layout per pause at most (and none when only a property
     * changed: the layout is kept by shape). A large design is laid out once, when first checked (a second's work of
     * the layout thread at 1,000 services, which makes its first diagram open in well under two); after edits it only
     * warms ELK up: its layout would keep a core busy at every pause for a diagram maybe never opened. The largest
     * only warm ELK up.
     */
    layOutAhead(shared: LangiumSharedServices, onError: (error: unknown) => void): void {
        const waiting = new Set<string>();
        const laidOutOnce = new Set<string>();
        let first = true;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const layOut = () => {
            let warmed = !first;
            for (const uri of waiting) {
                const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri)) as LangiumDocument<Model> | undefined;
                if (!document || document.state < DocumentState.Validated) continue;
                const model = buildDiagramModel(document.parseResult.value);
                const services = serviceCount(model.nodes);
                const once = !laidOutOnce.has(uri) && services <= AHEAD_ONCE_MAX_SERVICES;
                if (services > 0 && (services <= AHEAD_MAX_SERVICES || once)) {
                    laidOutOnce.add(uri);
                    this.layoutOf(model, undefined).catch(onError);
                    warmed = true;
                }
            }
            if (!warmed) this.elk.warm().catch(onError);
            waiting.clear();
            first = false;
        };
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, documents => {
            const open = documents.filter(d => shared.workspace.TextDocuments?.get(d.uri.toString()));
            for (const document of open.length > 0 || !first ? open : documents.slice(0, 1)) waiting.add(document.uri.toString());
            clearTimeout(timer);
            timer = setTimeout(layOut, first ? 0 : AHEAD_PAUSE_MS);
        });
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
