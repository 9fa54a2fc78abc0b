import * as assert from 'node:assert/strict';
import { parseWebviewMessage, selectionKey } from '../../language/src/protocol/webview.js';

/** The webview is untrusted: the host acts only on messages of the expected shape. */
describe('webview messages', () => {
    it('accepts every well-formed message', () => {
        assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
        assert.deepEqual(parseWebviewMessage({ type: 'ready', view: { collapsed: ['use1#azs'] } }), { type: 'ready', view: { collapsed: ['use1#azs'] } });
        assert.deepEqual(parseWebviewMessage({ type: 'view', view: { expandedCells: ['use1.cells'], collapsed: [] } }),
            { type: 'view', view: { expandedCells: ['use1.cells'], collapsed: [] } });
        assert.deepEqual(parseWebviewMessage({ type: 'reveal', id: 'use1.api' }), { type: 'reveal', id: 'use1.api' });
        assert.deepEqual(parseWebviewMessage({ type: 'reveal', id: 'use1.api', finding: true }), { type: 'reveal', id: 'use1.api', finding: true });
        assert.deepEqual(parseWebviewMessage({ type: 'reveal', id: 'use1.api', finding: 'yes' }), { type: 'reveal', id: 'use1.api' });
        assert.deepEqual(parseWebviewMessage({ type: 'select', selection: { fail: ['use1.a'] } }), { type: 'select', selection: { fail: ['use1.a'] } });
        assert.deepEqual(parseWebviewMessage({ type: 'select', selection: { scenario: 'zoneA' } }), { type: 'select', selection: { scenario: 'zoneA' } });
        assert.deepEqual(parseWebviewMessage({ type: 'select', selection: null }), { type: 'select', selection: null });
        assert.deepEqual(parseWebviewMessage({ type: 'export', format: 'svg', data: '<svg xmlns="x"></svg>' }), { type: 'export', format: 'svg', data: '<svg xmlns="x"></svg>' });
        assert.deepEqual(parseWebviewMessage({ type: 'export', format: 'png', data: 'iVBORw0KGgoAAAA=' }), { type: 'export', format: 'png', data: 'iVBORw0KGgoAAAA=' });
        assert.deepEqual(parseWebviewMessage({ type: 'rendered', version: 3, millis: 120, services: 50 }), { type: 'rendered', version: 3, millis: 120, services: 50 });
        assert.deepEqual(parseWebviewMessage({ type: 'failed', version: 3, error: 'Layout failed: x' }), { type: 'failed', version: 3, error: 'Layout failed: x' });
    });

    it('rejects what is not one of its messages', () => {
        const bad: unknown[] = [
            null, 'ready', [], { type: 'run' }, { type: 'reveal' }, { type: 'reveal', id: '' }, { type: 'reveal', id: 'x'.repeat(1001) },
            { type: 'select', selection: { fail: [] } }, { type: 'select', selection: { fail: [1] } },
            { type: 'select', selection: { scenario: 'a', fail: ['b'] } },
            { type: 'select', selection: { fail: Array.from({ length: 101 }, (_, i) => `s${i}`) } },
            { type: 'export', format: 'svg', data: '<script>alert(1)</script>' }, { type: 'export', format: 'png', data: 'AAAA' },
            { type: 'export', format: 'pdf', data: '<svg></svg>' },
            { type: 'rendered', version: -1, millis: 1, services: 1 }, { type: 'rendered', version: 1, millis: Number.NaN, services: 1 },
            { type: 'failed', version: 1 }, { type: 'failed', version: 'x', error: 'e' },
            { type: 'ready', view: 'all' }, { type: 'view' }, { type: 'view', view: { collapsed: [''] } }, { type: 'view', view: { expandedCells: [3] } },
        ];
        for (const raw of bad) assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw));
    });

    it('keeps a failure report short', () => {
        const message = parseWebviewMessage({ type: 'failed', version: 1, error: 'e'.repeat(10_000) });
        assert.ok(message?.type === 'failed' && message.error.length === 2_000);
    });

    it('names a selection the way the toolbar does', () => {
        assert.equal(selectionKey(null), '');
        assert.equal(selectionKey({ scenario: 'zoneA' }), 'scenario:zoneA');
        assert.equal(selectionKey({ fail: ['use1.a', 'use1.b'] }), 'fail:use1.a,use1.b');
    });
});
