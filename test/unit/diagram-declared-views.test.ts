import * as assert from 'node:assert/strict';
import { expectCompletion } from 'langium/test';
import type { CompletionList, Hover } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import { allNodes, type DiagramModel } from '../../language/src/diagram/diagram-types.js';
import { applyView, isCollapsed, namedView, parseDiagramView, sameView } from '../../language/src/diagram/diagram-view.js';
import { expectFindings, expectQuiet, formatted } from '../support/rule-checks.js';
import { build, testServices } from '../support/services.js';

const DESIGN = `system Shop {
  global {
    route53 dns {
      entry
      failover primary use1.edge secondary usw2.edge
    }
  }
  region use1 "us-east-1" {
    az a
    az b
    alb edge in a, b {
      uses payRouter
    }
    router payRouter over pay
    cell pay[3] in a, b {
      lambda authorize {
        uses ledger
      }
      dynamodb ledger
    }
    sqs audit
    lambda auditor {
      consumes audit
    }
  }
  region usw2 "us-west-2" {
    az a
    alb edge in a
  }
  view primary "the primary region" {
    region use1
    collapse use1.pay
  }
  view payments { cell use1.pay }
  view near { around use1.payRouter hops 1 }
  view requests { path from dns }
}
`;

const servicesOf = (model: DiagramModel) => [...allNodes(model.nodes)].filter(n => n.kind === 'service').map(n => n.id).sort();

describe('views declared in .resil', () => {
    let model: DiagramModel;
    before(async () => {
        const document = await build(DESIGN);
        assert.deepEqual((document.diagnostics ?? []).filter(d => d.code === 'syntax' || d.code === 'unresolved-reference').map(d => d.message), []);
        model = buildDiagramModel(document.parseResult.value);
    });

    it('lists the views with their names resolved to diagram ids, in source order', () => {
        assert.deepEqual(model.views?.map(v => [v.name, v.region ?? v.cell ?? v.around ?? v.pathFrom, v.collapsed]), [
            ['primary', 'use1', ['use1.pay']], ['payments', 'use1.pay', []], ['near', 'use1.payRouter', []], ['requests', 'dns', []],
        ]);
        assert.equal(model.views?.[0].title, 'the primary region');
        assert.equal(model.views?.[2].hops, 1);
    });

    it('draws a region with its collapse, a cell, a neighbourhood and an entry point\'s dependencies', () => {
        const primary = applyView(model, namedView(model, 'primary'));
        assert.deepEqual(primary.nodes.map(n => n.id), ['#global', 'use1']);
        assert.ok([...allNodes(primary.nodes)].some(n => n.id === 'use1.pay' && isCollapsed(n)), 'the cell is one box');
        assert.deepEqual(servicesOf(applyView(model, { named: 'payments' })), ['use1.pay.authorize', 'use1.pay.ledger']);
        assert.deepEqual(servicesOf(applyView(model, { named: 'near' })), ['use1.edge', 'use1.pay.authorize', 'use1.pay.ledger', 'use1.payRouter']);
        // Follows the edges forward only: the queue's reader is not something dns depends on.
        assert.deepEqual(servicesOf(applyView(model, { named: 'requests' })),
            ['dns', 'use1.edge', 'use1.pay.authorize', 'use1.pay.ledger', 'use1.payRouter', 'usw2.edge']);
    });

    it('draws the whole design for a view the design does not declare', () => {
        assert.deepEqual(servicesOf(applyView(model, { named: 'nothing' })), servicesOf(model));
    });

    it('carries the chosen view through the webview and LSP messages', () => {
        assert.deepEqual(parseDiagramView({ named: 'primary', collapsed: ['use1.pay'] }), { named: 'primary', collapsed: ['use1.pay'] });
        assert.equal(parseDiagramView({ named: 42 }), undefined);
        assert.equal(parseDiagramView({ named: '' }), undefined);
        assert.ok(!sameView({ named: 'primary' }, {}), 'another view is another layout');
    });

    it('renames a region everywhere a view names it', async () => {
        const document = await build(DESIGN);
        const text = document.textDocument.getText();
        const offset = text.indexOf('region use1 "us-east-1"') + 'region '.length;
        const edit = await testServices().lsp.RenameProvider!.rename(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset), newName: 'east',
        });
        const renamed = TextDocument.applyEdits(document.textDocument, edit?.changes?.[document.uri.toString()] ?? []);
        assert.match(renamed, /region east\n    collapse east\.pay\n/);
        assert.match(renamed, /cell east\.pay \}/);
        assert.match(renamed, /around east\.payRouter hops 1/);
    });

    it('says on hover what a view draws', async () => {
        const document = await build(DESIGN);
        const offset = document.textDocument.getText().indexOf('view near') + 'view '.length;
        const hover = await testServices().lsp.HoverProvider!.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset),
        }) as Hover | undefined;
        const text = (hover?.contents as { value: string } | undefined)?.value ?? '';
        assert.match(text, /\*\*view\*\* `near`: within 1 edges of `use1.payRouter`, 4 services/);
        assert.match(text, /resil diagram --view near/);
    });

    it('completes what each member of a view names', async () => {
        const complete = expectCompletion(testServices());
        const labels = async (member: string) => {
            let found: string[] = [];
            await complete({
                text: DESIGN.replace('  view payments', `  view x { ${member} }\n  view payments`), index: 0, disposeAfterCheck: true,
                assert: (list: CompletionList) => { found = list.items.map(i => i.label); },
            });
            return found;
        };
        const collapse = await labels('collapse <|>');
        assert.ok(collapse.includes('use1') && collapse.includes('use1.pay'), collapse.join(' '));
        assert.ok(!collapse.includes('use1.edge') && !collapse.includes('use1.a'), 'only regions and cells have a content to hide');
        const around = await labels('around <|>');
        assert.ok(around.includes('use1.edge') && !around.includes('use1.a'), around.join(' '));
        const members = await labels('<|>');
        for (const keyword of ['region', 'cell', 'around', 'path', 'collapse']) assert.ok(members.includes(keyword), `${keyword} in ${members.join(' ')}`);
    });

    it('formats a view one member a line', async () => {
        const messy = DESIGN.replace('view payments { cell use1.pay }', 'view payments {\n      cell use1.pay    around use1.payRouter   hops 1 }');
        assert.match(await formatted(messy), /  view payments \{\n    cell use1\.pay\n    around use1\.payRouter hops 1\n  \}\n/);
    });

    describe('empty-view', () => {
        it('fires on a view that selects nothing, and on one whose parts keep no service in common', async () => {
            const text = DESIGN.replace('  view payments', '  view everything { }\n  view apart { region usw2 cell use1.pay }\n  view zone { around use1.a }\n  view payments');
            const messages = await expectFindings(text, 'empty-view', 'warning', ['everything', 'apart', 'zone']);
            assert.match(messages[0], /selects nothing: it draws the whole design/);
            assert.match(messages[1], /no service is in all of region usw2, cell use1\.pay/);
            assert.match(messages[2], /around use1\.a holds none/);
        });
        it('stays quiet on views that draw something', async () => {
            await expectQuiet(DESIGN, 'empty-view');
        });
        it('reports a collapse of what is neither a region nor a cell, and duplicate view names', async () => {
            const text = DESIGN.replace('  view payments', '  view bad { collapse use1.edge }\n  view near { cell use1.pay }\n  view payments');
            const [kind] = await expectFindings(text, 'reference-kind', 'error', ['use1.edge']);
            assert.match(kind, /`collapse` draws a region or a cell as one box, and alb use1.edge is neither/);
            const document = await build(text);
            assert.ok((document.diagnostics ?? []).some(d => d.code === 'duplicate-name' && /'near' in the views/.test(d.message)));
        });
    });
});
