import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { createHash } from 'node:crypto';
import type { LangiumSharedServices } from 'langium/lsp';
import { ResponseError, type Connection } from 'vscode-languageserver';
import { buildDiagramModel } from '../diagram/diagram-model.js';
import { DIAGRAM_REQUEST, type DiagramResult, type PrecomputedLayout } from '../diagram/diagram-protocol.js';
import { allNodes, type DiagramModel } from '../diagram/diagram-types.js';
import { applyView, defaultView, parseDiagramView, type DiagramView } from '../diagram/diagram-view.js';
import { layoutResult, prepareLayout, type ElkEngine } from '../diagram/layout.js';
import type { Model } from '../generated/ast.js';

const INVALID_PARAMS = -32602;
/** Designs up to this size are laid out ahead (`layOutAhead`). */
const AHEAD_MAX_SERVICES = 300;

/** ELK that can load itself ahead of the first layout (`createThreadedElk`). */
export interface WarmableElk extends ElkEngine {
    warm(): Promise<void>;
}

/**
 * The server's diagram layouts: ELK off the request thread, and the last few layouts kept, so that opening the
 * diagram of a design the server has laid out ahead (`layOutAhead`) costs no layout.
 */
export class DiagramLayouts {
    /** ELK's answers by a hash of its input, least recently used first. */
    private readonly cache = new Map<string, Promise<ElkNode | undefined>>();

    constructor(readonly elk: WarmableElk, private readonly capacity = 8) { }

    /**
     * Lays out, in the background, the diagram of the first design the server checks (one open in the editor if
     * any): ELK gets loaded and compiled on a real graph, and opening that diagram then finds its layout done.
     * A large design only warms ELK up: its layout would keep a core busy for a diagram maybe never opened.
     */
    layOutAhead(shared: LangiumSharedServices, onError: (error: unknown) => void): void {
        const once = shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, documents => {
            once.dispose();
            const open = documents.find(d => shared.workspace.TextDocuments?.get(d.uri.toString())) ?? documents[0];
            const document = open as LangiumDocument<Model> | undefined;
            const model = document && buildDiagramModel(document.parseResult.value);
            const services = model ? [...allNodes(model.nodes)].filter(n => n.kind === 'service').length : 0;
            const work = document && model && services > 0 && services <= AHEAD_MAX_SERVICES
                ? this.layoutOf(model, undefined)
                : this.elk.warm();
            work.catch(onError);
        });
    }

    /**
     * The layout of `model` under `view` (the default view when absent); undefined when ELK fails (the webview then
     * lays out). Kept by ELK's input: an edit that changes nothing drawn (a property, a scenario) costs no layout.
     */
    layoutOf(model: DiagramModel, view: DiagramView | undefined): Promise<PrecomputedLayout | undefined> {
        const chosen = { expandedCells: [...view?.expandedCells ?? []], collapsed: [...view?.collapsed ?? defaultView(model).collapsed] };
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
 * Registers `resil/diagram`; answers as soon as the document is linked, without waiting for validation. `layouts`
 * answers `layout: true`.
 */
export function registerDiagramRequest(connection: Connection, shared: LangiumSharedServices, layouts?: DiagramLayouts): void {
    connection.onRequest(DIAGRAM_REQUEST, (params: unknown) => diagramOf(shared, params, layouts));
}

export async function diagramOf(shared: LangiumSharedServices, params: unknown, layouts?: DiagramLayouts): Promise<DiagramResult> {
    const { uri, view, layout } = (params ?? {}) as { uri?: unknown; view?: unknown; layout?: unknown };
    if (typeof uri !== 'string') throw new ResponseError(INVALID_PARAMS, 'expected { uri: string }');
    const parsed = URI.parse(uri);
    if (!shared.workspace.LangiumDocuments.hasDocument(parsed)) {
        throw new ResponseError(INVALID_PARAMS, `not a Resil document the server knows: ${uri}`);
    }
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked, parsed);
    const document = shared.workspace.LangiumDocuments.getDocument(parsed) as LangiumDocument<Model>;
    const version = document.textDocument.version;
    const model = buildDiagramModel(document.parseResult.value);
    const laidOut = layout === true && layouts ? await layouts.layoutOf(model, parseDiagramView(view)) : undefined;
    return { uri, version, model, ...(laidOut && { layout: laidOut }) };
}
