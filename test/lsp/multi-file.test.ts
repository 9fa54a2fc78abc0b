import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionItem, CompletionList, Diagnostic, Location, LocationLink, WorkspaceEdit } from 'vscode-languageserver';
import { LspClient, pathToUri } from '../support/lsp-client.js';

const FILES: Record<string, string> = {
    'shop.resil': 'system shop {\n  global { route53 dns { entry uses use1.edge } }\n  scenario outage { fail use1.orders[0] }\n}\n',
    'use1.resil': 'part of system shop\nregion use1 {\n  az a\n  az b\n  alb edge in a, b { uses front }\n  router front over orders\n}\n',
    'orders.resil': 'part of system shop\nin region use1 {\n  cell orders[2] in a, b {\n    ecs api { tasks 2 uses db }\n    dynamodb db\n  }\n}\n',
    'other/other.resil': 'system other {\n  region use1 {\n    az a\n    sqs inbox\n  }\n}\n',
};

/** The position of the first `text` (plus `shift` characters) in a file of the workspace. */
function at(folder: string, file: string, text: string, shift = 0) {
    const content = fs.readFileSync(path.join(folder, file), 'utf8');
    const offset = content.indexOf(text) + shift;
    assert.ok(offset >= shift, `${text} not in ${file}`);
    const before = content.slice(0, offset).split('\n');
    return { textDocument: { uri: pathToUri(path.join(folder, file)) }, position: { line: before.length - 1, character: before.at(-1)!.length } };
}

/** `file:line` of a location or a location link. */
function where(location: Location | LocationLink): string {
    const [uri, range] = 'targetUri' in location ? [location.targetUri, location.targetSelectionRange] : [location.uri, location.range];
    return `${path.basename(uri)}:${range.start.line + 1}`;
}

const errors = (diagnostics: Diagnostic[] | undefined) => (diagnostics ?? []).filter(d => d.severity === 1).map(d => `${d.range.start.line + 1}: ${d.message}`);

describe('the language server with a system across files', function () {
    this.timeout(120_000);
    let folder: string;
    let client: LspClient;
    const uri = (file: string) => pathToUri(path.join(folder, file));

    before(async () => {
        folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-lsp-multi-'));
        for (const [file, text] of Object.entries(FILES)) {
            fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
            fs.writeFileSync(path.join(folder, file), text);
        }
        client = await LspClient.start({ workspaceFolder: folder });
        // The workspace's files are loaded and linked at start; those opened are checked, and with them their system's.
        const checked = Object.keys(FILES).map(file => client.nextDiagnostics(uri(file)));
        client.open(uri('shop.resil'), FILES['shop.resil']);
        client.open(uri('other/other.resil'), FILES['other/other.resil']);
        await Promise.all(checked);
    });
    after(async () => client?.stop());

    it('links the workspace\'s files by system: no error in any file', () => {
        for (const file of Object.keys(FILES)) assert.deepEqual(errors(client.latest(uri(file))?.diagnostics), [], file);
    });

    it('goes to the definition in another file of the system', async () => {
        const locations = await client.request<Location[]>('textDocument/definition', at(folder, 'shop.resil', 'use1.edge', 6));
        assert.deepEqual(locations.map(where), ['use1.resil:5']);
        const cell = await client.request<Location[]>('textDocument/definition', at(folder, 'use1.resil', 'over orders', 6));
        assert.deepEqual(cell.map(where), ['orders.resil:3']);
    });

    it('finds the references in every file of the system, none in another system', async () => {
        const references = await client.request<Location[]>('textDocument/references', { ...at(folder, 'use1.resil', 'alb edge', 4), context: { includeDeclaration: false } });
        assert.deepEqual(references.map(where), ['shop.resil:2']);
    });

    it('renames across files, each qualified reference\'s segment only', async () => {
        const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at(folder, 'orders.resil', 'cell orders', 5), newName: 'payments' });
        const edits = Object.entries(edit.changes ?? {}).flatMap(([file, list]) => list.map(e => `${path.basename(file)}:${e.range.start.line + 1}:${e.range.start.character + 1}-${e.range.end.character + 1} ${e.newText}`)).sort();
        assert.deepEqual(edits, ['orders.resil:3:8-14 payments', 'shop.resil:3:31-37 payments', 'use1.resil:6:21-27 payments']);
    });

    it('completes with the names another file of the system declares', async () => {
        const result = await client.request<CompletionList | CompletionItem[]>('textDocument/completion', at(folder, 'orders.resil', 'uses db', 5));
        const labels = (Array.isArray(result) ? result : result.items).map(i => i.label);
        for (const name of ['db', 'edge', 'front', 'dns']) assert.ok(labels.includes(name), `${name} missing from ${labels.join(', ')}`);
        assert.ok(!labels.includes('inbox') && !labels.includes('use1.inbox'), 'system other\'s queue: ' + labels.join(', '));
    });

    it('re-checks the system when a file is removed: its references reported, nothing stale; and again when it comes back', async () => {
        const removed = path.join(folder, 'use1.resil');
        const text = fs.readFileSync(removed, 'utf8');
        fs.rmSync(removed);
        const reported = client.nextDiagnostics(uri('shop.resil'), d => errors(d).length > 0);
        const ordersReported = client.nextDiagnostics(uri('orders.resil'), d => errors(d).length > 0);
        client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('use1.resil'), type: 3 }] });
        const shop = errors((await reported).diagnostics);
        assert.equal(shop.length, 2, shop.join('\n'));
        assert.match(shop[0], /^2: .*'use1\.edge'/);
        assert.match(shop[1], /^3: .*'use1\.orders'/);
        assert.match(errors((await ordersReported).diagnostics)[0], /^2: .*'use1'/, 'in region use1 no longer resolves');
        // Renamed: the same text under another name; everything resolves again.
        fs.writeFileSync(path.join(folder, 'east.resil'), text);
        const clean = client.nextDiagnostics(uri('shop.resil'), d => errors(d).length === 0);
        client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('east.resil'), type: 1 }] });
        await clean;
        await new Promise(resolve => setTimeout(resolve, 500));
        for (const file of ['shop.resil', 'orders.resil', 'east.resil']) assert.deepEqual(errors(client.latest(uri(file))?.diagnostics), [], file);
    });
});
