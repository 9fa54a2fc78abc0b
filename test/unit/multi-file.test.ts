import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstUtils, DocumentState, EmptyFileSystem, TextDocument, URI } from 'langium';
import { analysisOf, blastRadiusJson, outcomesFor } from '../../language/src/analysis/analysis.js';
import { isUses, type Model } from '../../language/src/generated/ast.js';
import { getTopology } from '../../language/src/model/topology.js';
import { createResilServices, type ResilServices } from '../../language/src/resil-module.js';
import { qualifiedName } from '../../language/src/scoping/qualified-names.js';
import { buildDocuments, type ResilDocument } from '../../language/src/workspace/documents.js';
import { repoPath } from '../support/paths.js';

/** Fresh services per test: a workspace of its own. */
function workspace(): ResilServices {
    return createResilServices(EmptyFileSystem).Resil;
}

function buildFiles(services: ResilServices, files: Record<string, string>): Promise<ResilDocument[]> {
    return buildDocuments(services, Object.entries(files).map(([file, text]) => ({ text, uri: URI.file(`/ws/${file}`) })));
}

/** What the editor does: texts opened or changed, files deleted, then one update of the workspace. */
async function edit(services: ResilServices, changed: Record<string, string>, deleted: string[] = []): Promise<void> {
    const uris = Object.entries(changed).map(([file, text]) => {
        const uri = URI.file(`/ws/${file}`);
        services.shared.workspace.TextDocuments.set(TextDocument.create(uri.toString(), 'resil', 2, text));
        return uri;
    });
    await services.shared.workspace.DocumentBuilder.update(uris, deleted.map(file => URI.file(`/ws/${file}`)));
}

const codes = (document: ResilDocument) => (document.diagnostics ?? []).map(d => `${d.range.start.line + 1}:${String(d.code)}`);
const usesTargets = (document: ResilDocument) => AstUtils.streamAst(document.parseResult.value).filter(isUses)
    .map(u => `${qualifiedName(u.$container)} -> ${u.target.ref ? `${qualifiedName(u.target.ref)} in ${path.basename(AstUtils.getDocument(u.target.ref).uri.path)}` : '?'}`).toArray();

const SHOP = `system shop "A shop" {
  require survive az-loss
  global { route53 dns { entry uses use1.edge } }
  scenario outage { fail use1.a }
}`;

const USE1 = `part of system shop
region use1 "us-east-1" {
  az a "use1-az1"
  az b "use1-az2"
  alb edge in a, b { uses orders.api }
}`;

const ORDERS = `part of system shop
in region use1 {
  cell orders[2] in a, b {
    ecs api in a, b { tasks 2 uses db }
    dynamodb db
  }
  router orders-router over orders
}`;

describe('a system across files', () => {
    it('resolves references across the files of a system by qualified name, and an `in region` block sees the region\'s names', async () => {
        const [shop, use1, orders] = await buildFiles(workspace(), { 'shop/shop.resil': SHOP, 'shop/use1.resil': USE1, 'shop/orders.resil': ORDERS });
        assert.deepEqual(usesTargets(shop), ['dns -> use1.edge in use1.resil']);
        assert.deepEqual(usesTargets(use1), ['use1.edge -> use1.orders.api in orders.resil']);
        assert.deepEqual(usesTargets(orders), ['use1.orders.api -> use1.orders.db in orders.resil']);
        for (const document of [shop, use1, orders]) assert.deepEqual((document.diagnostics ?? []).filter(d => d.code === 'unresolved-reference' || d.code === 'syntax'), []);
        const topology = getTopology(orders.parseResult.value);
        assert.equal(topology, getTopology(shop.parseResult.value), 'one topology for all the files of a system');
        assert.deepEqual(topology.components.map(c => c.id).sort(), ['dns', 'use1.edge', 'use1.orders-router', 'use1.orders.api', 'use1.orders.db']);
        assert.deepEqual(topology.cells.map(c => `${c.id} in ${c.azs.map(az => az.id).join(',')} via ${c.routers.map(r => r.id).join(',')}`), ['use1.orders in use1.a,use1.b via use1.orders-router']);
    });

    it('reports a finding in the file of the element it points at', async () => {
        const [shop, use1, west] = await buildFiles(workspace(), {
            'shop/shop.resil': SHOP.replace('uses use1.edge', 'uses use1.edge\n'),
            'shop/use1.resil': USE1.replace('uses orders.api', '').replace('alb edge in a, b', 'alb edge in a'),
            'shop/usw2.resil': 'part of system shop\nregion usw2 { az a\n  lambda sync { uses use1.edge } }',
        });
        assert.deepEqual(codes(west).filter(c => c.endsWith('cross-region-dependency')), ['3:cross-region-dependency']);
        assert.ok(codes(use1).includes('5:alb-multi-az'), codes(use1).join(' '));
        assert.ok(!codes(shop).some(c => c.endsWith('cross-region-dependency') || c.endsWith('alb-multi-az')), codes(shop).join(' '));
    });

    it('keeps two systems in one workspace apart, and a part joins the system of its name nearest above it', async () => {
        const [, , , , stray, copy] = await buildFiles(workspace(), {
            'a/shop.resil': SHOP,
            'a/use1.resil': USE1.replace(' { uses orders.api }', ''),
            'b/other.resil': 'system other { region euw1 { az a  sqs jobs } }',
            'b/use1.resil': 'part of system other\nin region euw1 { lambda worker { consumes jobs } }',
            'b/stray.resil': 'part of system other\nregion use2 { lambda reader { uses use1.edge } }',
            'a/copy/shop.resil': 'system shop { region use1 { az a  sqs queue } }',
        });
        const unresolved = (stray.diagnostics ?? []).filter(d => d.code === 'unresolved-reference').map(d => d.message);
        assert.equal(unresolved.length, 1, unresolved.join('\n'));
        assert.match(unresolved[0], /'use1\.edge'/, 'shop\'s use1.edge is not visible from system other');
        assert.deepEqual(getTopology(copy.parseResult.value).components.map(c => c.id), ['use1.queue'], 'the copy in a/copy is a system of its own');
    });

    it('says when the system a part names is not in its folder or above', async () => {
        const [part] = await buildFiles(workspace(), { 'x/part.resil': 'part of system nowhere\nregion r { az a }', 'y/nowhere.resil': 'system nowhere { }' });
        assert.deepEqual(codes(part), ['1:unresolved-reference']);
        assert.equal(part.diagnostics?.[0].message, "No system named 'nowhere' in this file's folder or a folder above it: part of a system, a file sits in the folder of the file that declares `system nowhere { ... }` or below it.");
    });

    it('reports a name declared twice in a region, whether in two files or in two `in region` blocks of one file', async () => {
        const twice = `${ORDERS}\nin region use1 {\n  sqs edge\n  sqs edge\n}\nexternal pay "Pay" { sla 99.9% }\nexternal pay "Pay" { sla 99.9% }`;
        const [, use1, orders] = await buildFiles(workspace(), { 'shop/shop.resil': SHOP, 'shop/use1.resil': USE1, 'shop/orders.resil': twice });
        assert.deepEqual(codes(use1).filter(c => c.endsWith('duplicate-name')), []);
        const duplicates = (orders.diagnostics ?? []).filter(d => d.code === 'duplicate-name').map(d => `${d.range.start.line + 1}: ${d.message}`).sort();
        assert.deepEqual(duplicates, [
            "10: Duplicate name 'edge' in region use1: it is already declared in use1.resil on line 5. Rename one of them.",
            "11: Duplicate name 'edge' in region use1: it is already declared in use1.resil on line 5. Rename one of them.",
            "14: Duplicate name 'pay' in the system: it is already declared on line 13. Rename one of them.",
        ]);
        const [, , parted] = await buildFiles(workspace(), { 'shop/shop.resil': SHOP, 'shop/use1.resil': USE1, 'shop/orders.resil': `${ORDERS}\nin region use1 {\n  sqs api-queue\n}\nin region use1 {\n  sqs api-queue\n}` });
        assert.deepEqual((parted.diagnostics ?? []).filter(d => d.code === 'duplicate-name').map(d => `${d.range.start.line + 1}: ${d.message}`),
            ["13: Duplicate name 'api-queue' in region use1: it is already declared on line 10. Rename one of them."]);
    });

    it('reports the references into a removed file and keeps nothing of it', async () => {
        const services = workspace();
        const [shop, , orders] = await buildFiles(services, { 'shop/shop.resil': SHOP, 'shop/use1.resil': USE1, 'shop/orders.resil': ORDERS });
        await services.shared.workspace.DocumentBuilder.update([], [URI.file('/ws/shop/use1.resil')]);
        assert.deepEqual(codes(shop), ['3:unresolved-reference', '4:unresolved-reference']);
        // `in region use1` no longer resolves: one error, not one more for each AZ of that region its cell and service name.
        assert.deepEqual(codes(orders).filter(c => c.endsWith('unresolved-reference')), ['2:unresolved-reference']);
        assert.deepEqual(getTopology(shop.parseResult.value).components.map(c => c.id).sort(), ['dns']);
    });

    it('links a renamed file as before: its references resolve, none to the old file', async () => {
        const services = workspace();
        const [shop] = await buildFiles(services, { 'shop/shop.resil': SHOP, 'shop/use1.resil': USE1, 'shop/orders.resil': ORDERS });
        const documents = services.shared.workspace.LangiumDocuments;
        await edit(services, { 'shop/east.resil': USE1 }, ['shop/use1.resil']);
        const renamed = documents.getDocument(URI.file('/ws/shop/east.resil')) as ResilDocument;
        // The new part re-checks the other files of its system: nothing stays unresolved.
        for (const document of documents.all) assert.deepEqual(codes(document as ResilDocument).filter(c => c.endsWith('unresolved-reference')), [], document.uri.path);
        assert.deepEqual(usesTargets(shop), ['dns -> use1.edge in east.resil']);
        const edge = getTopology(renamed.parseResult.value).components.find(c => c.id === 'use1.edge');
        assert.equal(edge && AstUtils.getDocument(edge.ast).uri.path, '/ws/shop/east.resil');
    });

    it('re-checks on an edit the files of the edited system only', async () => {
        const services = workspace();
        await buildFiles(services, {
            'shop/shop.resil': SHOP, 'shop/use1.resil': USE1, 'shop/orders.resil': ORDERS,
            'other/other.resil': 'system other { region euw1 { az a  sqs jobs } }', 'other/worker.resil': 'part of system other\nin region euw1 { lambda worker { consumes jobs } }',
        });
        const validated: string[] = [];
        services.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => { validated.push(path.basename(document.uri.path)); });
        await edit(services, { 'shop/orders.resil': ORDERS.replace('dynamodb db', 'dynamodb db { pitr on }') });
        assert.deepEqual(validated.sort(), ['orders.resil', 'shop.resil', 'use1.resil']);
    });

    it('counts an allow in a part as used by the findings of the system\'s checks, run once for all its files', async () => {
        const [, use1] = await buildFiles(workspace(), {
            'shop/shop.resil': SHOP,
            'shop/use1.resil': USE1.replace(' { uses orders.api }', '').replace('alb edge in a, b', 'alb edge in a, b\n  lambda sync { allow cross-region-dependency "reads the catalog"\n uses usw2.catalog }'),
            'shop/usw2.resil': 'part of system shop\nregion usw2 { az a\n  dynamodb catalog }',
        });
        assert.deepEqual(codes(use1).filter(c => /cross-region|unused-allow/.test(c)), []);
    });
});

describe('the multi-file example', () => {
    const folder = repoPath('examples/multi-file/cell-based');

    async function single(): Promise<ResilDocument> {
        const [document] = await buildDocuments(workspace(), [{ text: fs.readFileSync(repoPath('examples/cell-based.resil'), 'utf8'), uri: URI.file(repoPath('examples/cell-based.resil')) }]);
        return document;
    }

    async function split(): Promise<ResilDocument[]> {
        const files = fs.readdirSync(folder).filter(f => f.endsWith('.resil')).sort();
        return buildDocuments(workspace(), files.map(f => ({ text: fs.readFileSync(path.join(folder, f), 'utf8'), uri: URI.file(path.join(folder, f)) })));
    }

    it('checks as the single-file version does: the same findings, no error or warning', async () => {
        const messages = (documents: ResilDocument[]) => documents.flatMap(d => (d.diagnostics ?? []).map(x => `${String(x.code)} ${x.severity} ${x.message}`)).sort();
        const [splitDocuments, singleDocument] = [await split(), await single()];
        assert.deepEqual(messages(splitDocuments), messages([singleDocument]));
        assert.ok(splitDocuments.every(d => (d.diagnostics ?? []).every(x => (x.severity ?? 1) > 2)), 'only infos');
        assert.equal(splitDocuments.length, 4);
    });

    it('has the blast radius of the single-file version, every single failure and its scenario', async () => {
        const radius = (model: Model) => {
            const json = blastRadiusJson(outcomesFor(analysisOf(model), {}));
            return JSON.stringify(json.scenarios.map(s => ({ ...s, failed: [...s.failed].sort(), degraded: [...s.degraded].sort() })).sort((a, b) => a.name.localeCompare(b.name)));
        };
        const main = (await split()).find(d => d.parseResult.value.system)!;
        const expected = radius((await single()).parseResult.value);
        assert.equal(radius(main.parseResult.value), expected);
        assert.ok(JSON.parse(expected).length > 20);
        const scenario = (model: Model) => JSON.stringify(blastRadiusJson(outcomesFor(analysisOf(model), { scenario: 'badDeploy' })));
        assert.equal(scenario(main.parseResult.value), scenario((await single()).parseResult.value));
    });
});
