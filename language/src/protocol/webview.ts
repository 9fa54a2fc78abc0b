/**
 * The messages between the diagram panel (extension host) and its webview, which has no JSON-RPC connection: they
 * go through `postMessage`. Shared by both sides; everything the webview sends is checked by `parseWebviewMessage`
 * before the host acts on it, since a webview is untrusted. Pure: no `vscode`, no DOM, no JSON-RPC (the webview
 * bundles it).
 */
import type { DrawnFinding } from '../diagram/diagram-findings.js';
import type { DiagramModel } from '../diagram/diagram-types.js';
import { parseDiagramView, type DiagramView } from '../diagram/diagram-view.js';
import type { PrecomputedLayout } from './diagram.js';
import type { FailureOption, FailureSelection, ScenarioJson } from './failures.js';
import { isRecord } from './guards.js';

export type HostMessage =
    | {
        readonly type: 'model'; readonly model: DiagramModel; readonly version: number; readonly targets: readonly FailureOption[];
        /** The server's layout of the model, when it had one for the webview's view. */
        readonly layout?: PrecomputedLayout;
    }
    | { readonly type: 'blast'; readonly selection: FailureSelection | null; readonly scenario: ScenarioJson | null; readonly error?: string }
    | { readonly type: 'highlight'; readonly id: string | null }
    /** The design's rule findings as the editor shows them, for their badges on the drawing. */
    | { readonly type: 'findings'; readonly findings: readonly DrawnFinding[] }
    | { readonly type: 'exported'; readonly file: string | null };

export type WebviewMessage =
    /** The page is loaded; `view` is what it showed before it was hidden (none: the default view). */
    | { readonly type: 'ready'; readonly view?: DiagramView }
    /** The user expanded or collapsed something: the next models are laid out under this view. */
    | { readonly type: 'view'; readonly view: DiagramView }
    /** Go to the element's declaration, or with `finding` to its first finding. */
    | { readonly type: 'reveal'; readonly id: string; readonly finding?: true }
    | { readonly type: 'select'; readonly selection: FailureSelection | null }
    | { readonly type: 'export'; readonly format: 'svg'; readonly data: string }
    | { readonly type: 'export'; readonly format: 'png'; readonly data: string }
    | { readonly type: 'rendered'; readonly version: number; readonly millis: number; readonly services: number }
    | { readonly type: 'failed'; readonly version: number; readonly error: string };

/** Names are short; anything longer is not one of ours. */
const MAX_NAME = 1_000;
const MAX_ERROR = 2_000;
const MAX_NAMES = 100;
/** An export of a 5,000-service design stays well below this. */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

const isName = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= MAX_NAME;
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

/** The message if it is well formed, else undefined (the host ignores it). */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
    if (!isRecord(raw)) return undefined;
    switch (raw.type) {
        case 'ready': {
            if (raw.view === undefined || raw.view === null) return { type: 'ready' };
            const view = parseDiagramView(raw.view);
            return view ? { type: 'ready', view } : undefined;
        }
        case 'view': {
            const view = parseDiagramView(raw.view);
            return view ? { type: 'view', view } : undefined;
        }
        case 'reveal':
            if (!isName(raw.id)) return undefined;
            return raw.finding === true ? { type: 'reveal', id: raw.id, finding: true } : { type: 'reveal', id: raw.id };
        case 'select': {
            if (raw.selection === null) return { type: 'select', selection: null };
            const selection = parseSelection(raw.selection);
            return selection ? { type: 'select', selection } : undefined;
        }
        case 'export':
            if (typeof raw.data !== 'string' || raw.data.length > MAX_EXPORT_BYTES * 1.4) return undefined;
            if (raw.format === 'svg' && /^\s*<svg[\s>]/.test(raw.data)) return { type: 'export', format: 'svg', data: raw.data };
            if (raw.format === 'png' && isPngBase64(raw.data)) return { type: 'export', format: 'png', data: raw.data };
            return undefined;
        case 'rendered':
            return isCount(raw.version) && isCount(raw.millis) && isCount(raw.services)
                ? { type: 'rendered', version: raw.version, millis: raw.millis, services: raw.services } : undefined;
        case 'failed':
            return isCount(raw.version) && typeof raw.error === 'string'
                ? { type: 'failed', version: raw.version, error: raw.error.slice(0, MAX_ERROR) } : undefined;
        default:
            return undefined;
    }
}

function parseSelection(raw: unknown): FailureSelection | undefined {
    if (!isRecord(raw)) return undefined;
    if (raw.scenario !== undefined) {
        return isName(raw.scenario) && raw.fail === undefined ? { scenario: raw.scenario } : undefined;
    }
    const fail = raw.fail;
    if (!Array.isArray(fail) || fail.length === 0 || fail.length > MAX_NAMES || !fail.every(isName)) return undefined;
    return { fail: [...fail] };
}

/** Base64 of a PNG starts with the encoded signature `\x89PNG\r\n\x1a\n`. */
function isPngBase64(data: string): boolean {
    return data.startsWith('iVBORw0KGgo') && /^[A-Za-z0-9+/]+={0,2}$/.test(data);
}

/** The selection as the toolbar and `resil/blastRadius` name it. */
export function selectionKey(selection: FailureSelection | null | undefined): string {
    if (!selection) return '';
    return selection.scenario !== undefined ? `scenario:${selection.scenario}` : `fail:${(selection.fail ?? []).join(',')}`;
}
