import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { createCliServices } from '../../language/src/cli/load.js';
import type { ResilCoreServices } from '../../language/src/resil-core-module.js';
import { buildDocument } from '../../language/src/workspace/documents.js';
import { findingsOf, severityName, type Finding } from '../../language/src/workspace/findings.js';
import { LspClient, pathToUri } from '../support/lsp-client.js';
import { EditorScript, type Operation, type Slot } from './lsp-operations.js';
import { Random } from './random.js';
import { unhelpfulText } from '../support/message-checks.js';

/**
 * The protocol fuzzer: plays a seeded editor script (lsp-operations.ts) against the built language server over
 * stdio and checks that the server never exits, answers every request (a result or an error) within a time bound,
 * publishes nothing for documents that are not Resil, and ends, for every open Resil document, with the diagnostics
 * `resil check` gives the same text (the CLI's checker, in process). Checked every `checkEvery` operations and at the
 * end. `RESIL_FUZZ_SEED` and the number of operations replay a run exactly.
 */

export interface ProtocolFuzzOptions {
    readonly seed: number;
    readonly operations: number;
    readonly corpus: readonly string[];
    /** Compare diagnostics with the CLI's every this many operations (and at the end). */
    readonly checkEvery: number;
    /** The time a request may take before it counts as unanswered. */
    readonly requestTimeoutMs: number;
    readonly onProgress?: (done: number) => void;
}

export interface ProtocolFuzzReport {
    readonly seed: number;
    readonly operations: number;
    readonly requests: number;
    readonly problems: string[];
    readonly elapsedMs: number;
    /** The last operations before the first problem (or the end), for reading a failure. */
    readonly trail: string[];
}

const TRAIL = 30;
/** How long diagnostics may take to settle on the CLI's after the operations before a check. */
const SETTLE_MS = 30_000;

export async function runProtocolFuzz(options: ProtocolFuzzOptions): Promise<ProtocolFuzzReport> {
    const started = performance.now();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-lsp-fuzz-'));
    const script = new EditorScript(new Random(options.seed), options.corpus, folder, pathToUri(folder));
    const client = await LspClient.start({ workspaceFolder: folder });
    const checker = createCliServices();
    const problems: string[] = [];
    const trail: string[] = [];
    let exited: string | undefined;
    client.server.once('exit', (code, signal) => { exited = `the server exited (code ${code}, signal ${signal})`; });
    let pending: Array<Promise<void>> = [];
    let requests = 0;
    let malformedRequests = 0;
    let done = 0;
    try {
        for (; done < options.operations && !exited && problems.length === 0; done++) {
            const operation = script.next();
            trail.push(`${done}: ${describe(operation)}`);
            if (trail.length > TRAIL) trail.shift();
            const request = send(client, operation);
            if (request) {
                requests++;
                pending.push(answered(request, operation, options.requestTimeoutMs).then(problem => { if (problem) problems.push(problem); }));
            }
            if (operation.type === 'malformed-request') malformedRequests++;
            // Let the server read now and then, as an editor does, and keep the requests in flight bounded.
            if (pending.length >= 16 || done % 8 === 7) {
                await Promise.all(pending);
                pending = [];
            }
            if ((done + 1) % options.checkEvery === 0 && !exited) {
                await Promise.all(pending);
                pending = [];
                problems.push(...await checkInvariants(client, script, checker, malformedRequests));
            }
            options.onProgress?.(done + 1);
        }
        await Promise.all(pending);
        if (!exited && problems.length === 0) problems.push(...await checkInvariants(client, script, checker, malformedRequests));
        if (exited) problems.unshift(`${exited}; stderr: ${client.serverStderr.slice(-3000)}`);
    } finally {
        await client.stop();
        fs.rmSync(folder, { recursive: true, force: true });
    }
    return { seed: options.seed, operations: done, requests, problems, elapsedMs: performance.now() - started, trail };
}

/** Sends one operation; returns the answer's promise for a request. */
function send(client: LspClient, operation: Operation): Promise<unknown> | undefined {
    const connection = client.connection;
    switch (operation.type) {
        case 'open':
            connection.sendNotification('textDocument/didOpen', { textDocument: { uri: operation.slot.uri, languageId: operation.slot.languageId, version: 1, text: operation.text } });
            return undefined;
        case 'change':
            connection.sendNotification('textDocument/didChange', { textDocument: { uri: operation.slot.uri, version: operation.slot.document!.version }, contentChanges: operation.changes });
            return undefined;
        case 'close':
            client.close(operation.slot.uri);
            return undefined;
        case 'save':
            fs.mkdirSync(path.dirname(URI.parse(operation.slot.uri).fsPath), { recursive: true });
            fs.writeFileSync(URI.parse(operation.slot.uri).fsPath, operation.slot.saved ?? '');
            connection.sendNotification('textDocument/didSave', { textDocument: { uri: operation.slot.uri } });
            return undefined;
        case 'disk': {
            const file = URI.parse(operation.slot.uri).fsPath;
            const existed = fs.existsSync(file);
            if (operation.text === undefined) fs.rmSync(file, { force: true });
            else fs.writeFileSync(file, operation.text);
            const type = operation.text === undefined ? 3 : existed ? 2 : 1;
            connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: operation.slot.uri, type }] });
            return undefined;
        }
        case 'malformed-notification':
            connection.sendNotification(operation.method, operation.params);
            return undefined;
        case 'malformed-request':
            void client.sendRaw(operation.message);
            return undefined;
        case 'request':
            return client.request(operation.method, operation.params);
    }
}

/** Undefined when the request was answered in time (a result or an error), else the problem. */
async function answered(request: Promise<unknown>, operation: Operation, timeoutMs: number): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>(resolve => { timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms to ${describe(operation)}`), timeoutMs); });
    const answer = request.then(() => undefined, () => undefined);
    try {
        return await Promise.race([answer, timeout]);
    } finally {
        clearTimeout(timer);
    }
}

/** `count()` once it reaches `expected`, or what it is after `timeoutMs`. */
async function settledCount(count: () => number, expected: number, timeoutMs: number): Promise<number> {
    const started = performance.now();
    while (count() < expected && performance.now() - started < timeoutMs) await new Promise(resolve => setTimeout(resolve, 50));
    return count();
}

async function checkInvariants(client: LspClient, script: EditorScript, checker: ResilCoreServices, malformedRequests: number): Promise<string[]> {
    const problems: string[] = [];
    for (const slot of script.slots.filter(s => s.kind === 'other-language')) {
        if (client.published.has(slot.uri)) problems.push(`diagnostics were published for ${slot.uri} (${slot.languageId})`);
    }
    // A malformed request sent just before this check may not have been read yet (a busy server reads its input
    // between two slices of work): it has a few seconds to answer, as the other requests have theirs.
    const invalidAnswers = await settledCount(() => client.received.filter(m => 'error' in m && (m as { id?: unknown }).id === null).length, malformedRequests, 5_000);
    if (invalidAnswers < malformedRequests) problems.push(`${malformedRequests - invalidAnswers} of ${malformedRequests} requests with a malformed id got no answer`);
    const errors = client.logs.filter(log => log.type === 1 && /could not check|failed unexpectedly|Unhandled|internal error/i.test(log.message));
    if (errors.length > 0) problems.push(`the server logged errors: ${errors.slice(0, 3).map(e => e.message.slice(0, 1500)).join('\n')}`);
    for (const slot of script.openSlots().filter(s => s.kind !== 'other-language')) {
        const problem = await diagnosticsMatch(client, slot, checker);
        if (problem) problems.push(problem);
    }
    return problems;
}

/** Waits until the server's diagnostics for `slot` are the CLI's for its text; the difference if they never are. */
async function diagnosticsMatch(client: LspClient, slot: Slot, checker: ResilCoreServices): Promise<string | undefined> {
    const text = slot.document!.getText();
    // The CLI reads files: an untitled document is checked as a file of that name, where no `.resilrc.json` applies.
    const uri = URI.parse(slot.uri);
    const document = await buildDocument(checker, text, uri.scheme === 'file' ? uri : URI.file(`/untitled/${uri.path}.resil`));
    const expected = findingsOf(document, slot.uri).map(findingKey).sort();
    const started = performance.now();
    let actual: string[] = [];
    while (performance.now() - started < SETTLE_MS) {
        actual = (client.latest(slot.uri)?.diagnostics ?? []).map(diagnosticKey).sort();
        if (sameLines(actual, expected)) return leakedText(client, slot.uri, text);
        await new Promise(resolve => setTimeout(resolve, 50));
    }
    const missing = expected.filter(line => !actual.includes(line));
    const extra = actual.filter(line => !expected.includes(line));
    return `diagnostics of ${slot.uri} (${text.length} characters) differ from the CLI's after ${SETTLE_MS} ms:\n` +
        `  only the CLI: ${missing.slice(0, 5).join(' | ')}\n  only the server: ${extra.slice(0, 5).join(' | ')}`;
}

/** A published message with `undefined`, `null`, `[object` or an empty name in it (support/message-checks.ts). */
function leakedText(client: LspClient, uri: string, text: string): string | undefined {
    for (const diagnostic of client.latest(uri)?.diagnostics ?? []) {
        const leaked = unhelpfulText(diagnostic.message, text);
        if (leaked) return `a diagnostic of ${uri} says ${leaked}: ${diagnostic.message}`;
    }
    return undefined;
}

function findingKey(f: Finding): string {
    return `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.rule} ${f.message}`;
}

function diagnosticKey(d: Diagnostic): string {
    const rule = typeof d.code === 'string' ? d.code : 'syntax';
    return `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${severityName(d.severity)} ${rule} ${d.message}`;
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
    return a.length === b.length && a.every((line, i) => line === b[i]);
}

/** One line about an operation, for the trail. */
export function describe(operation: Operation): string {
    switch (operation.type) {
        case 'open': return `open ${operation.slot.uri} (${operation.text.length} characters)`;
        case 'change': return `change ${operation.slot.uri} to version ${operation.slot.document?.version ?? '?'} (${operation.changes.length} changes)`;
        case 'close': return `close ${operation.slot.uri}`;
        case 'save': return `save ${operation.slot.uri}`;
        case 'disk': return `${operation.text === undefined ? 'delete' : 'write'} ${operation.slot.uri} on disk`;
        case 'request': return `request ${operation.method} ${JSON.stringify(operation.params).slice(0, 200)}`;
        case 'malformed-notification': return `malformed ${operation.method} ${JSON.stringify(operation.params).slice(0, 200)}`;
        case 'malformed-request': return `malformed request ${JSON.stringify(operation.message).slice(0, 200)}`;
    }
}

/** A readable summary with the replay command. */
export function describeProtocolFuzz(report: ProtocolFuzzReport): string {
    const replay = `replay: RESIL_FUZZ_SEED=${report.seed} RESIL_LSP_FUZZ_OPERATIONS=${report.operations} npm run fuzz:lsp`;
    if (report.problems.length === 0) {
        return `protocol fuzz: ${report.operations} operations (${report.requests} requests), seed ${report.seed}: no problem (${replay})`;
    }
    return [
        `protocol fuzz: ${report.problems.length} problems after ${report.operations} operations (seed ${report.seed})`,
        ...report.problems.slice(0, 10).map(p => `- ${p}`),
        'last operations:', ...report.trail.map(t => `  ${t}`),
        replay,
    ].join('\n');
}
