import * as assert from 'node:assert/strict';
import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import { allNodes, type DiagramModel } from '../../language/src/diagram/diagram-types.js';
import { UnknownFocusName, focusModel } from '../../language/src/diagram/focus-view.js';
import { LANGUAGE_TOUR as TOUR } from '../support/paths.js';
import { build } from '../support/services.js';

const servicesOf = (model: DiagramModel) => [...allNodes(model.nodes)].filter(n => n.kind === 'service').map(n => n.id).sort();

describe('diagram views: a region, a service\'s neighbourhood', () => {
    let model: DiagramModel;
    before(async () => { model = buildDiagramModel((await build(TOUR)).parseResult.value); });

    it('draws one region with the global services, and only the edges between what is drawn', () => {
        const usw2 = focusModel(model, { region: 'usw2' });
        assert.deepEqual(usw2.nodes.map(n => n.id), ['#global', 'usw2']);
        assert.ok(servicesOf(usw2).every(id => id === 'dns' || id.startsWith('usw2.')));
        assert.ok(servicesOf(usw2).includes('usw2.api'));
        const drawn = new Set([...allNodes(usw2.nodes)].map(n => n.id));
        assert.ok(usw2.edges.every(e => drawn.has(e.source) && drawn.has(e.target)));
        assert.ok(!usw2.edges.some(e => e.kind === 'replica-of'), 'the replica in use1 is not drawn');
    });

    it('draws the services within N edges of one, either way, with their containers', () => {
        const near = focusModel(model, { focus: 'use1.sessions', hops: 1 });
        assert.deepEqual(servicesOf(near), ['use1.api', 'use1.sessions']);
        assert.deepEqual([...allNodes(near.nodes)].filter(n => n.kind === 'az').map(n => n.id), ['use1.a', 'use1.b', 'use1.c'], 'the band keeps its lanes');
        const wider = focusModel(model, { focus: 'use1.sessions', hops: 2 });
        assert.ok(servicesOf(wider).includes('use1.edge') && servicesOf(wider).length > servicesOf(near).length);
        assert.ok(!servicesOf(wider).some(id => id.startsWith('usw2.')));
        const router = focusModel(model, { focus: 'use1.customerRouter', hops: 1 });
        assert.ok(servicesOf(router).includes('use1.payments.ledger'), 'reaching a cell reaches its services');
    });

    it('says which name is unknown', () => {
        assert.throws(() => focusModel(model, { region: 'euw9' }), (e: Error) => e instanceof UnknownFocusName && /unknown region 'euw9'; the design has use1, usw2/.test(e.message));
        assert.throws(() => focusModel(model, { focus: 'use1.nothing' }), /unknown service 'use1.nothing'/);
    });
});
