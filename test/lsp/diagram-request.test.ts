import * as assert from 'node:assert';
import { allNodes } from '../../language/src/diagram/diagram-types.js';
import { applyView } from '../../language/src/diagram/diagram-view.js';
import { prepareLayout, type PlacedNode } from '../../language/src/diagram/layout.js';
import { DiagramRequest, type DiagramResult } from '../../language/src/protocol/index.js';
import { serverWithDocument } from '../support/lsp-fixture.js';
import { LANGUAGE_TOUR as TOUR } from '../support/paths.js';

const URI = 'file:///virtual/diagram-tour.resil';

function placedIds(nodes: readonly PlacedNode[]): string[] {
    return nodes.flatMap(n => [n.node.id, ...placedIds(n.children)]);
}

/** `resil/diagram` over a real stdio connection to the built server (`npm run build` first). */
describe(`${DiagramRequest.method} request`, function () {
    this.timeout(60_000);
    const client = serverWithDocument(URI, TOUR);
    const request = (params: object) => client().request<DiagramResult>(DiagramRequest.method, params);

    it('answers the model alone unless a layout is asked for', async () => {
        const result = await request({ uri: URI });
        assert.strictEqual(result.version, 1);
        assert.ok([...allNodes(result.model.nodes)].some(n => n.id === 'use1.api'));
        assert.strictEqual(result.layout, undefined);
    });

    it('lays the model out in its layout thread: every node of the default view is placed', async () => {
        const { model, layout } = await request({ uri: URI, layout: true });
        assert.ok(layout, 'a layout');
        assert.deepStrictEqual(layout.view, { expandedCells: [], collapsed: [] }, 'the tour is small: nothing collapsed');
        const viewed = applyView(model, layout.view);
        const placed = placedIds(prepareLayout(viewed).read(layout.graph).nodes);
        for (const node of allNodes(viewed.nodes)) assert.ok(placed.includes(node.id), node.id);
    });

    it('lays out under the view it is given, and says which', async () => {
        const { model, layout } = await request({ uri: URI, layout: true, view: { expandedCells: ['use1.payments'], collapsed: ['usw2#azs'] } });
        assert.deepStrictEqual(layout?.view, { expandedCells: ['use1.payments'], collapsed: ['usw2#azs'] });
        const placed = placedIds(prepareLayout(applyView(model, layout.view)).read(layout.graph).nodes);
        assert.ok(placed.includes('use1.payments[3].ledger'), 'replicas drawn apart');
        assert.ok(!placed.includes('usw2.api'), 'hidden in the collapsed band');
    });

    it('ignores a malformed view and refuses an unknown document', async () => {
        const { layout } = await request({ uri: URI, layout: true, view: { expandedCells: [1, 2], collapsed: 'all' } });
        assert.deepStrictEqual(layout?.view, { expandedCells: [], collapsed: [] });
        await assert.rejects(request({ uri: 'file:///virtual/none.resil', layout: true }), /not a Resil document the server knows/);
        await assert.rejects(request({ layout: true }), /expected \{ uri: string \}/);
    });
});
