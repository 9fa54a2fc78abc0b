import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node.js';
import type { DiagramView } from '../../../language/src/diagram/diagram-view.js';
import { allNodes, type DiagramModel, type DiagramNode, type SourceRange } from '../../../language/src/diagram/diagram-types.js';
import type { DrawnFinding } from '../../../language/src/diagram/diagram-findings.js';
import {
    parseWebviewMessage, type DiagramResult, type FailureOption, type FailureSelection, type HostMessage, type WebviewMessage,
} from '../../../language/src/protocol/index.js';
import type { ServerRequests } from '../server-requests.js';
import { createNonce, diagramHtml } from './webview-html.js';
import { messageOf } from '../../../language/src/util/errors.js';

export const OPEN_DIAGRAM_COMMAND = 'resil.openDiagram';
const VIEW_TYPE = 'resil.diagram';
/** Typing pauses this long before the diagram follows: short enough to feel live, long enough to skip keystrokes. */
const UPDATE_DELAY_MS = 150;
/** A failed model request is retried this many times, after 1, 2, 3... times this delay. */
const RETRIES = 5;
const RETRY_DELAY_MS = 1000;
/** A visible webview that has not started by then is taken for stuck (it starts in about a second). */
const READY_TIMEOUT_MS = 10_000;

/** Where a panel is: for the status of a diagram that does not appear, and for the tests that wait on it. */
export interface DiagramStatus {
    /** The webview's script runs and has asked for the model. */
    readonly ready: boolean;
    /** The document version of the last model sent to the webview. */
    readonly posted?: number;
    /** The document version of the last model the webview drew. */
    readonly rendered?: number;
    /** Why the last model could not be fetched or drawn; cleared by the next success. */
    readonly error?: string;
}

/**
 * The diagram panels, one per design: a webview beside the editor that follows the text as it changes, shows the
 * selected failure's blast radius, reveals declarations on click and highlights the element under the cursor.
 */
export class DiagramPanels implements vscode.Disposable {
    private readonly panels = new Map<string, DiagramPanel>();

    constructor(
        private readonly extensionUri: vscode.Uri,
        private readonly requests: ServerRequests,
        private readonly client: () => LanguageClient,
    ) { }

    /** Opens (or reveals) the diagram of `uri`, with `failure` selected when given. */
    async show(uri: vscode.Uri, failure?: FailureSelection): Promise<void> {
        let panel = this.panels.get(uri.toString());
        if (panel) panel.reveal();
        else panel = this.open(uri, true);
        if (failure) await panel.select(failure);
    }

    /** A new panel; the first one of a design is opened afresh once if its webview never starts. */
    private open(uri: vscode.Uri, firstAttempt: boolean): DiagramPanel {
        const key = uri.toString();
        const reopen = firstAttempt ? (selection: FailureSelection | null) => {
            this.panels.get(key)?.dispose();
            const again = this.open(uri, false);
            if (selection) void again.select(selection);
        } : undefined;
        const panel: DiagramPanel = new DiagramPanel(uri, this.extensionUri, this.requests, this.client, () => {
            if (this.panels.get(key) === panel) this.panels.delete(key);
        }, reopen);
        this.panels.set(key, panel);
        return panel;
    }

    /** The status of the diagram of `uri`; undefined when none is open. */
    statusOf(uri: vscode.Uri): DiagramStatus | undefined {
        return this.panels.get(uri.toString())?.status;
    }

    dispose(): void {
        for (const panel of [...this.panels.values()]) panel.dispose();
    }
}

/** Registers `resil.openDiagram` (palette and editor title); the panels are returned for other commands to use. */
export function registerDiagram(context: vscode.ExtensionContext, requests: ServerRequests, client: () => LanguageClient): DiagramPanels {
    const panels = new DiagramPanels(context.extensionUri, requests, client);
    context.subscriptions.push(panels, vscode.commands.registerCommand(OPEN_DIAGRAM_COMMAND, async (given?: vscode.Uri | string, failure?: FailureSelection) => {
        const uri = typeof given === 'string' ? vscode.Uri.parse(given) : given ?? designInEditor();
        if (!uri) {
            void vscode.window.showInformationMessage('Open a .resil design first.');
            return;
        }
        await panels.show(uri, failure);
    }));
    return panels;
}

function designInEditor(): vscode.Uri | undefined {
    return [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].find(e => e?.document.languageId === 'resil')?.document.uri;
}

interface Fetched {
    readonly result: DiagramResult;
    readonly targets: readonly FailureOption[];
}

class DiagramPanel {
    private readonly panel: vscode.WebviewPanel;
    private readonly subscriptions: vscode.Disposable[] = [];
    private model: DiagramModel | undefined;
    private selection: FailureSelection | null = null;
    /** What the webview shows (undefined: the default view); the server lays models out under it. */
    private view: DiagramView | undefined;
    /** The model asked for when the panel opened, while the webview loads. */
    private early: Promise<Fetched> | undefined;
    private state: DiagramStatus = { ready: false };
    private timer: ReturnType<typeof setTimeout> | undefined;
    private stuckTimer: ReturnType<typeof setTimeout> | undefined;
    /** Model requests failed in a row. */
    private failures = 0;
    private disposed = false;

    constructor(
        private readonly uri: vscode.Uri,
        extensionUri: vscode.Uri,
        private readonly requests: ServerRequests,
        private readonly client: () => LanguageClient,
        private readonly onDispose: () => void,
        private readonly onStuck?: (selection: FailureSelection | null) => void,
    ) {
        const dist = vscode.Uri.joinPath(extensionUri, 'dist');
        this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Diagram: ${baseName(uri)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            enableScripts: true,
            localResourceRoots: [dist],
        });
        const webview = this.panel.webview;
        webview.html = diagramHtml({
            cspSource: webview.cspSource,
            nonce: createNonce(n => randomBytes(n)),
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
            workerUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'elk-worker.js')).toString(),
        });
        this.subscriptions.push(
            webview.onDidReceiveMessage(raw => {
                const message = parseWebviewMessage(raw);
                if (message) void this.onMessage(message);
            }),
            vscode.workspace.onDidChangeTextDocument(e => {
                if (e.document.uri.toString() === this.uri.toString()) this.scheduleUpdate();
            }),
            vscode.languages.onDidChangeDiagnostics(e => {
                if (this.state.ready && e.uris.some(u => u.toString() === this.uri.toString())) this.post({ type: 'findings', findings: this.findings() });
            }),
            vscode.window.onDidChangeTextEditorSelection(e => {
                if (e.textEditor.document.uri.toString() === this.uri.toString()) this.highlightAt(e.selections[0].active);
            }),
            this.panel.onDidDispose(() => this.dispose()),
            // After a server restart (or crash and recovery) the diagram asks again rather than keep an error shown.
            this.client().onDidChangeState(e => {
                if (e.newState === State.Running && this.state.ready) this.scheduleUpdate();
            }),
        );
        // The server builds and lays out the model while the webview loads: the two take about as long.
        this.early = this.fetch(undefined);
        if (this.onStuck) {
            this.watchForStuck();
            this.subscriptions.push(this.panel.onDidChangeViewState(() => this.watchForStuck()));
        }
    }

    /**
     * VS Code for the Web sometimes fails to start a webview (its service worker does not register) and leaves it
     * blank: a webview that is visible and has not said it is ready within a while is opened afresh, once.
     */
    private watchForStuck(): void {
        clearTimeout(this.stuckTimer);
        if (this.state.ready || !this.panel.visible) return;
        this.stuckTimer = setTimeout(() => {
            if (!this.state.ready && !this.disposed && this.panel.visible) this.onStuck?.(this.selection);
        }, READY_TIMEOUT_MS);
    }

    get status(): DiagramStatus {
        return this.state;
    }

    reveal(): void {
        this.panel.reveal(vscode.ViewColumn.Beside, true);
    }

    async select(selection: FailureSelection | null): Promise<void> {
        this.selection = selection;
        if (this.state.ready) await this.sendBlast();
    }

    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        clearTimeout(this.timer);
        clearTimeout(this.stuckTimer);
        for (const s of this.subscriptions) s.dispose();
        this.panel.dispose();
        this.onDispose();
    }

    private post(message: HostMessage): void {
        if (!this.disposed) void this.panel.webview.postMessage(message);
    }

    private async onMessage(message: WebviewMessage): Promise<void> {
        switch (message.type) {
            case 'ready': {
                clearTimeout(this.stuckTimer);
                this.state = { ...this.state, ready: true };
                this.view = message.view;
                const early = this.early;
                this.early = undefined;
                await this.update(message.view === undefined ? early : undefined);
                return;
            }
            case 'view':
                this.view = message.view;
                return;
            case 'reveal':
                await this.revealNode(message.id, message.finding === true);
                return;
            case 'select':
                await this.select(message.selection);
                return;
            case 'export':
                await this.save(message.format, message.data);
                return;
            case 'rendered':
                this.state = { ...this.state, rendered: message.version, error: undefined };
                return;
            case 'failed':
                this.state = { ...this.state, error: message.error };
                return;
        }
    }

    private scheduleUpdate(delay = UPDATE_DELAY_MS): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.update(), delay);
    }

    /** Asks the server for the model laid out under `view`, and for the failures to offer. */
    private fetch(view: DiagramView | undefined): Promise<Fetched> {
        const fetched = Promise.all([
            this.requests.diagram({ uri: this.uri.toString(), view, layout: true }),
            this.requests.failureTargets(this.uri.toString()).then(r => r.targets, () => []),
        ]).then(([result, targets]) => ({ result, targets }));
        fetched.catch(() => undefined); // reported by `update`, which awaits it
        return fetched;
    }

    /** Hands the model (from `fetched`, or asked for now) to the webview. */
    private async update(fetched?: Promise<Fetched>): Promise<void> {
        try {
            const { result, targets } = await (fetched ?? this.fetch(this.view));
            this.model = result.model;
            this.post({ type: 'model', model: result.model, version: result.version, targets, layout: result.layout });
            this.post({ type: 'findings', findings: this.findings() });
            this.state = { ...this.state, posted: result.version };
            this.failures = 0;
            if (this.selection) await this.sendBlast();
        } catch (error) {
            // The server may be starting or still reading the document: ask again a few times, then wait for an edit.
            if (++this.failures <= RETRIES) this.scheduleUpdate(RETRY_DELAY_MS * this.failures);
            const text = `Diagram unavailable: ${messageOf(error)}`;
            this.state = { ...this.state, error: text };
            this.post({ type: 'blast', selection: this.selection, scenario: null, error: text });
        }
    }

    private async sendBlast(): Promise<void> {
        const selection = this.selection;
        if (!selection) {
            this.post({ type: 'blast', selection: null, scenario: null });
            return;
        }
        try {
            const result = await this.requests.blastRadius({ uri: this.uri.toString(), fail: selection.fail, scenario: selection.scenario });
            this.post({ type: 'blast', selection, scenario: result.scenarios[0] ?? null });
        } catch (error) {
            this.post({ type: 'blast', selection, scenario: null, error: `Cannot simulate: ${messageOf(error)}` });
        }
    }

    private findNode(id: string): DiagramNode | undefined {
        for (const node of allNodes(this.model?.nodes ?? [])) {
            if (node.id === id) return node;
            // Replicas drawn apart (`use1.payments[2].ledger`) come from the one declaration.
            if (node.instanceIds?.includes(id) || node.replicaIds?.includes(id)) return node;
        }
        return undefined;
    }

    private async revealNode(id: string, finding: boolean): Promise<void> {
        const node = this.findNode(id);
        const declared = node?.range && toRange(node.range);
        // A badge's click: the first finding inside the element (a collapsed box stands for all those inside it).
        const first = finding && declared ? vscode.languages.getDiagnostics(this.uri).map(d => d.range).filter(r => declared.contains(r.start))
            .sort((x, y) => x.start.compareTo(y.start))[0] : undefined;
        const range = first ?? (node?.nameRange ? toRange(node.nameRange) : declared);
        if (!range) return;
        const document = await vscode.workspace.openTextDocument(this.uri);
        const column = vscode.window.visibleTextEditors.find(e => e.document === document)?.viewColumn ?? vscode.ViewColumn.One;
        const editor = await vscode.window.showTextDocument(document, { viewColumn: column, preserveFocus: false });
        editor.selection = new vscode.Selection(range.start, range.end);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    /** The design's diagnostics as the editor shows them, for the badges on the drawing. */
    private findings(): DrawnFinding[] {
        return vscode.languages.getDiagnostics(this.uri).map(d => ({
            severity: d.severity === vscode.DiagnosticSeverity.Error ? 'error' : d.severity === vscode.DiagnosticSeverity.Warning ? 'warning' : 'info',
            message: d.message,
            ...(typeof d.code === 'string' && { rule: d.code }),
            range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } },
        }));
    }

    /** The innermost element whose declaration holds the cursor. */
    private highlightAt(position: vscode.Position): void {
        let found: DiagramNode | undefined;
        for (const node of allNodes(this.model?.nodes ?? [])) {
            if (node.range && toRange(node.range).contains(position)) found = node;
        }
        this.post({ type: 'highlight', id: found?.id ?? null });
    }

    private async save(format: 'svg' | 'png', data: string): Promise<void> {
        const defaultUri = this.uri.with({ path: this.uri.path.replace(/\.resil$/, '') + `.${format}` });
        const target = await vscode.window.showSaveDialog({
            defaultUri, title: `Export the diagram as ${format.toUpperCase()}`,
            filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
        });
        if (!target) {
            this.post({ type: 'exported', file: null });
            return;
        }
        const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data, 'base64');
        try {
            await vscode.workspace.fs.writeFile(target, bytes);
            this.post({ type: 'exported', file: baseName(target) });
        } catch (error) {
            void vscode.window.showErrorMessage(`Could not save ${target.fsPath}: ${messageOf(error)}`);
        }
    }
}

function toRange(range: SourceRange): vscode.Range {
    return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function baseName(uri: vscode.Uri): string {
    return uri.path.split('/').pop() ?? uri.path;
}
