import { TextDocument } from 'langium';
import {
    BlastRadiusRequest, CdkExportRequest, CdkPreviewRequest, DiagramRequest, DiagramSvgRequest, FailureTargetsRequest,
    ReportSectionsRequest, RequirementsRequest,
} from '../../language/src/protocol/index.js';
import { mutate } from './mutations.js';
import type { Random } from './random.js';

/**
 * The protocol fuzzer's script: a seeded sequence of what an editor (a well-behaved one and a careless one) sends a
 * language server. Each operation is a pure function of the random generator and the script's own model of the
 * editor's documents (never of the server's answers), so a seed and a count replay a run exactly.
 */

/** Where a document lives, which decides how the server must treat it once closed. */
export type SlotKind = 'untitled' | 'disk' | 'missing' | 'other-language';

export interface Slot {
    readonly kind: SlotKind;
    readonly uri: string;
    readonly languageId: string;
    /** The editor's copy while open, edited exactly as the server's copy is (same TextDocument implementation). */
    document?: TextDocument;
    /** On-disk slots: the file's content, undefined when the file does not exist. */
    saved?: string;
}

export interface Position { readonly line: number; readonly character: number; }

export type Operation =
    | { readonly type: 'open'; readonly slot: Slot; readonly text: string }
    | { readonly type: 'change'; readonly slot: Slot; readonly changes: ContentChange[] }
    | { readonly type: 'close'; readonly slot: Slot }
    | { readonly type: 'save'; readonly slot: Slot }
    /** A file changed, appeared or disappeared behind the editor's back (a closed on-disk slot). */
    | { readonly type: 'disk'; readonly slot: Slot; readonly text: string | undefined }
    | { readonly type: 'request'; readonly method: string; readonly params: unknown }
    /** A notification with malformed parameters: never changes what an open document holds. */
    | { readonly type: 'malformed-notification'; readonly method: string; readonly params: unknown }
    /** A request whose id vscode-jsonrpc cannot take (answered with id null). */
    | { readonly type: 'malformed-request'; readonly message: object };

export type ContentChange = { readonly text: string } | { readonly range: { start: Position; end: Position }; readonly text: string };

/** The requests an editor sends about a position or a whole document, with the parameters each takes. */
const POSITION_REQUESTS = ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/references'];
const DOCUMENT_REQUESTS = [
    'textDocument/formatting', 'textDocument/semanticTokens/full', 'textDocument/documentSymbol', 'textDocument/codeLens',
    'textDocument/codeAction', 'textDocument/inlayHint',
];
const RESIL_REQUESTS = [
    BlastRadiusRequest, FailureTargetsRequest, RequirementsRequest, DiagramRequest, DiagramSvgRequest, CdkPreviewRequest,
    CdkExportRequest, ReportSectionsRequest,
].map(request => request.method);

export class EditorScript {
    readonly slots: Slot[];
    private malformedCount = 0;

    /** `folder`: a temporary folder (its URI `folderUri`) for the on-disk documents and the exported CDK apps. */
    constructor(private readonly random: Random, private readonly corpus: readonly string[], private readonly folder: string, private readonly folderUri: string) {
        const slot = (kind: SlotKind, uri: string, languageId = 'resil'): Slot => ({ kind, uri, languageId });
        this.slots = [
            ...[1, 2, 3].map(i => slot('untitled', `untitled:Untitled-${i}`)),
            ...[1, 2, 3].map(i => slot('disk', `${folderUri}/design-${i}.resil`)),
            ...[1, 2].map(i => slot('missing', `${folderUri}/not-saved/design-${i}.resil`)),
            slot('other-language', `${folderUri}/notes.txt`, 'plaintext'),
            slot('other-language', 'untitled:Untitled-9', 'markdown'),
        ];
    }

    /** The next operation, and the script's model updated as the editor would see it after sending it. */
    next(): Operation {
        const roll = this.random.int(100);
        if (roll < 14) return this.open();
        if (roll < 40) return this.change();
        if (roll < 48) return this.close();
        if (roll < 51) return this.save();
        if (roll < 53) return this.disk();
        if (roll < 57) return this.malformedNotification();
        if (roll < 58) return this.malformedRequest();
        return this.request();
    }

    openSlots(): Slot[] {
        return this.slots.filter(s => s.document);
    }

    private pickSlot(filter: (slot: Slot) => boolean): Slot | undefined {
        const candidates = this.slots.filter(filter);
        return candidates.length > 0 ? this.random.pick(candidates) : undefined;
    }

    private text(): string {
        const random = this.random;
        if (random.chance(0.05)) return '';
        if (random.chance(0.2)) return random.pick(this.corpus);
        return mutate(this.corpus, random);
    }

    private open(): Operation {
        const slot = this.pickSlot(s => !s.document);
        if (!slot) return this.change();
        const text = this.text();
        slot.document = TextDocument.create(slot.uri, slot.languageId, 1, text);
        return { type: 'open', slot, text };
    }

    private change(): Operation {
        const slot = this.pickSlot(s => s.document !== undefined);
        if (!slot?.document) return this.open();
        const document = slot.document;
        const changes: ContentChange[] = [];
        for (let n = this.random.chance(0.7) ? 1 : this.random.between(2, 4); n > 0; n--) {
            changes.push(this.random.chance(0.3) ? { text: this.text() } : { range: this.range(document), text: this.snippet() });
        }
        slot.document = TextDocument.update(document, changes, document.version + 1);
        return { type: 'change', slot, changes };
    }

    private close(): Operation {
        const slot = this.pickSlot(s => s.document !== undefined);
        if (!slot) return this.open();
        slot.document = undefined;
        return { type: 'close', slot };
    }

    private save(): Operation {
        const slot = this.pickSlot(s => s.document !== undefined && s.kind === 'disk');
        if (!slot?.document) return this.request();
        slot.saved = slot.document.getText();
        return { type: 'save', slot };
    }

    private disk(): Operation {
        const slot = this.pickSlot(s => !s.document && s.kind === 'disk');
        if (!slot) return this.request();
        slot.saved = this.random.chance(0.3) ? undefined : this.text();
        return { type: 'disk', slot, text: slot.saved };
    }

    /** A range inside the text, or partly or wholly beyond it (the text document manager clamps it). */
    private range(document: TextDocument): { start: Position; end: Position } {
        const length = document.getText().length;
        const offset = (): number => this.random.chance(0.05) ? length + this.random.int(100) : this.random.int(length + 1);
        const [a, b] = [offset(), offset()].sort((x, y) => x - y);
        const position = (o: number): Position => (o > length && this.random.chance(0.5)
            ? { line: document.lineCount + this.random.int(5), character: this.random.int(50) }
            : document.positionAt(Math.min(o, length)));
        return { start: position(a), end: position(Math.min(b, a + 200)) };
    }

    /** A few characters as typed or pasted: a piece of another design, or of this one's vocabulary. */
    private snippet(): string {
        const random = this.random;
        if (random.chance(0.3)) return '';
        const donor = random.pick(this.corpus);
        const start = random.int(donor.length);
        return donor.slice(start, start + random.between(1, random.chance(0.8) ? 12 : 300));
    }

    private position(slot: Slot | undefined): Position {
        const random = this.random;
        const document = slot?.document;
        if (!document || random.chance(0.1)) {
            return random.pick([
                { line: 1_000_000, character: 0 }, { line: 0, character: 1_000_000 }, { line: -1, character: -1 },
                { line: random.int(50), character: random.int(120) },
            ]);
        }
        return document.positionAt(random.int(document.getText().length + 1));
    }

    private request(): Operation {
        const random = this.random;
        // Mostly open documents; sometimes closed, unknown or other-language ones.
        const slot = random.chance(0.85) ? this.pickSlot(s => s.document !== undefined) ?? random.pick(this.slots) : random.pick(this.slots);
        const uri = random.chance(0.03) ? 'file:///nowhere/unknown.resil' : slot.uri;
        const textDocument = { uri };
        const group = random.int(10);
        if (group < 4) {
            const method = random.pick(POSITION_REQUESTS);
            const params: Record<string, unknown> = { textDocument, position: this.position(slot) };
            if (method === 'textDocument/references') params.context = { includeDeclaration: random.chance(0.5) };
            return { type: 'request', method, params };
        }
        if (group < 8) {
            const method = random.pick(DOCUMENT_REQUESTS);
            const start = this.position(slot);
            const range = { start, end: random.chance(0.5) ? start : this.position(slot) };
            const params: Record<string, unknown> = { textDocument };
            if (method === 'textDocument/formatting') params.options = { tabSize: random.pick([2, 4]), insertSpaces: true };
            if (method === 'textDocument/codeAction') params.range = range;
            if (method === 'textDocument/codeAction') params.context = { diagnostics: [] };
            if (method === 'textDocument/inlayHint') params.range = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
            return { type: 'request', method, params };
        }
        const method = random.pick(RESIL_REQUESTS);
        const params: Record<string, unknown> = { uri };
        if (method === BlastRadiusRequest.method || method === DiagramSvgRequest.method) {
            if (random.chance(0.5)) params.fail = [random.pick(['use1', 'use1.a', 'usw2', 'nope', 'euw1.a', ''])];
        }
        // Layouts run ELK: a few, to keep the bounded run fast.
        if (method === DiagramRequest.method) params.layout = random.chance(0.1);
        if (method === DiagramSvgRequest.method && random.chance(0.8)) return this.request();
        if (method === CdkExportRequest.method) params.folder = random.chance(0.9) ? `${this.folder}/cdk-${random.int(2)}` : 'relative/cdk';
        if (method === CdkPreviewRequest.method || method === CdkExportRequest.method) params.position = this.position(slot);
        if (random.chance(0.05)) return { type: 'request', method, params: random.pick([null, {}, { uri: 42 }, [uri]]) };
        return { type: 'request', method, params };
    }

    private malformedNotification(): Operation {
        const random = this.random;
        const uri = `${this.folderUri}/malformed-${++this.malformedCount}.resil`;
        const open = this.pickSlot(s => s.document !== undefined);
        return random.pick<Operation>([
            { type: 'malformed-notification', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'resil', version: 1, text: random.pick([null, 42, {}, [], true]) } } },
            { type: 'malformed-notification', method: 'textDocument/didOpen', params: random.pick([null, {}, { textDocument: null }, { textDocument: { uri: 42 } }]) },
            { type: 'malformed-notification', method: 'textDocument/didChange', params: { textDocument: { uri: open?.uri ?? uri, version: null }, contentChanges: [{ text: 'x' }] } },
            { type: 'malformed-notification', method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'system X { }' }] } },
            { type: 'malformed-notification', method: 'textDocument/didChange', params: random.pick([null, {}, { textDocument: { uri: open?.uri ?? uri } }]) },
            { type: 'malformed-notification', method: 'textDocument/didClose', params: random.pick([null, {}, { textDocument: { uri } }]) },
            { type: 'malformed-notification', method: 'textDocument/didSave', params: random.pick([null, { textDocument: { uri } }]) },
            { type: 'malformed-notification', method: 'workspace/didChangeWatchedFiles', params: random.pick([null, { changes: null }, { changes: [{ uri, type: 3 }] }]) },
        ]);
    }

    private malformedRequest(): Operation {
        const id = this.random.pick<unknown>([{}, [1], null, true, { id: 1 }]);
        return { type: 'malformed-request', message: { jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 0 } } } };
    }
}
