import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter,
    type Diagnostic, type InitializeResult, type Message, type ProtocolConnection,
} from 'vscode-languageserver/node.js';
import { REPO_ROOT as ROOT } from './paths.js';

/**
 * A small LSP client for tests and benchmarks: starts the built language server (`dist/server.cjs`) as a child
 * process and talks JSON-RPC to it over stdio, as an editor does. Records every `publishDiagnostics`.
 */

export const SERVER_BUNDLE = path.join(ROOT, 'dist', 'server.cjs');

export interface PublishedDiagnostics {
    readonly diagnostics: Diagnostic[];
    /** `performance.now()` when the notification arrived. */
    readonly at: number;
}

type DiagnosticsListener = (uri: string, published: PublishedDiagnostics) => void;

/** A `window/logMessage` of the server: type 1 error, 2 warning, 3 info, 4 log. */
export interface LoggedMessage {
    readonly type: number;
    readonly message: string;
}

export class LspClient {
    /** Every notification per URI, in arrival order (cleared by `forget`). */
    readonly published = new Map<string, PublishedDiagnostics[]>();
    /** Every `window/logMessage` of the server, in arrival order. */
    readonly logs: LoggedMessage[] = [];
    private readonly listeners = new Set<DiagnosticsListener>();
    private stderr = '';

    /** `received`: every message the server sent, as read (before the connection dispatches it). */
    private constructor(
        readonly connection: ProtocolConnection, readonly server: ChildProcess,
        private readonly writer: StreamMessageWriter, readonly received: readonly Message[],
    ) {
        connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
            const published = { diagnostics: params.diagnostics, at: performance.now() };
            const list = this.published.get(params.uri) ?? [];
            list.push(published);
            this.published.set(params.uri, list);
            for (const listener of this.listeners) listener(params.uri, published);
        });
        // The server asks for settings; an editor without any answers with nulls.
        connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
        connection.onRequest('client/registerCapability', () => null);
        connection.onRequest('window/workDoneProgress/create', () => null);
        connection.onNotification('window/logMessage', (params: LoggedMessage) => { this.logs.push(params); });
        connection.onUnhandledNotification(() => { /* telemetry */ });
        server.stderr?.on('data', chunk => { this.stderr = (this.stderr + String(chunk)).slice(-10_000); });
    }

    /** Starts the server and completes the `initialize` handshake with a workspace folder (none by default). */
    static async start(options: { workspaceFolder?: string } = {}): Promise<LspClient> {
        if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run \`npm run build\` first`);
        const server = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        const reader = new StreamMessageReader(server.stdout!);
        const writer = new StreamMessageWriter(server.stdin!);
        const received: Message[] = [];
        const connection = createProtocolConnection({
            onError: reader.onError, onClose: reader.onClose, onPartialMessage: reader.onPartialMessage, dispose: () => reader.dispose(),
            listen: callback => reader.listen(message => { received.push(message); callback(message); }),
        }, writer);
        const client = new LspClient(connection, server, writer, received);
        connection.listen();
        const folder = options.workspaceFolder;
        await connection.sendRequest<InitializeResult>('initialize', {
            processId: process.pid,
            rootUri: folder ? pathToUri(folder) : null,
            workspaceFolders: folder ? [{ uri: pathToUri(folder), name: path.basename(folder) }] : null,
            capabilities: {
                textDocument: {
                    publishDiagnostics: { relatedInformation: true },
                    completion: { completionItem: { snippetSupport: true } },
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                },
                workspace: { configuration: true, workspaceFolders: true },
            },
        });
        connection.sendNotification('initialized', {});
        return client;
    }

    open(uri: string, text: string, version = 1): void {
        this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'resil', version, text } });
    }

    /** Replaces the whole text (a change without a range is valid under incremental sync). */
    change(uri: string, text: string, version: number): void {
        this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    }

    close(uri: string): void {
        this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }

    request<R>(method: string, params: unknown): Promise<R> {
        return this.connection.sendRequest<R>(method, params);
    }

    /** Writes `message` as is, e.g. one that vscode-jsonrpc would refuse to send (through the connection's writer). */
    sendRaw(message: object): Promise<void> {
        return this.writer.write(message as Message);
    }

    /** Whether the server process is still running. */
    get running(): boolean {
        return this.server.exitCode === null && this.server.signalCode === null;
    }

    /** The diagnostics last published for `uri`. */
    latest(uri: string): PublishedDiagnostics | undefined {
        const list = this.published.get(uri);
        return list?.[list.length - 1];
    }

    forget(uri: string): void {
        this.published.delete(uri);
    }

    /** Resolves with the next publication for `uri` that satisfies `accept`. */
    nextDiagnostics(uri: string, accept: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 60_000): Promise<PublishedDiagnostics> {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.listeners.delete(listener);
                reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; server stderr: ${this.stderr}`));
            }, timeoutMs);
            const listener: DiagnosticsListener = (published, value) => {
                if (published !== uri || !accept(value.diagnostics)) return;
                clearTimeout(timer);
                this.listeners.delete(listener);
                resolve(value);
            };
            this.listeners.add(listener);
        });
    }

    /** Resident and peak resident memory of the server process in MB, from /proc (Linux). */
    memoryMb(): { rss: number; peak: number } {
        const status = fs.readFileSync(`/proc/${this.server.pid}/status`, 'utf8');
        const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
        return { rss: field('VmRSS'), peak: field('VmHWM') };
    }

    get serverStderr(): string {
        return this.stderr;
    }

    async stop(): Promise<void> {
        const exited = new Promise<void>(resolve => {
            if (this.server.exitCode !== null) resolve();
            else this.server.once('exit', () => resolve());
        });
        try {
            await withTimeout(this.connection.sendRequest('shutdown'), 5_000);
            this.connection.sendNotification('exit');
        } catch {
            // A server that does not answer is killed below.
        }
        const timer = setTimeout(() => this.server.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
        this.connection.dispose();
    }
}

export function pathToUri(file: string): string {
    return 'file://' + path.resolve(file).split(path.sep).map(encodeURIComponent).join('/');
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
        promise.then(v => { clearTimeout(timer); resolve(v); }, e => { clearTimeout(timer); reject(e); });
    });
}
