import * as assert from 'node:assert/strict';
import { MIN_FONT_RATIO, fitText, shrinkToFit, textWidth } from '../../language/src/diagram/text-metrics.js';

describe('text metrics', () => {
    it('keeps a text that fits, and cuts one that does not to the longest prefix that fits with an ellipsis', () => {
        assert.equal(fitText('orders', 13, 200), 'orders');
        for (const text of ['recommendations-engine-primary', 'WWWWWWWWWWWWWWWWWWWW', 'iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii', 'Ärger-über-Größe-😀-😀-😀-😀']) {
            for (const [size, max, bold] of [[13, 120, false], [11, 60, true], [13, 40, false]] as const) {
                const fitted = fitText(text, size, max, bold);
                if (textWidth(text, size, bold) <= max) {
                    assert.equal(fitted, text);
                    continue;
                }
                const prefix = [...fitted].slice(0, -1).join('');
                assert.ok(fitted.endsWith('…') && text.startsWith(prefix), fitted);
                assert.ok(textWidth(fitted, size, bold) <= max || [...prefix].length === 1, `${fitted} fits ${max}`);
                const longer = [...text].slice(0, [...prefix].length + 1).join('');
                assert.ok(textWidth(`${longer}…`, size, bold) > max, `${fitted} is the longest cut`);
            }
        }
    });

    it('keeps the first character when nothing fits, whole (not half a surrogate pair)', () => {
        assert.equal(fitText('😀😀😀', 13, 1), '😀…');
    });

    it('cuts a very long name in one pass', () => {
        const fitted = fitText('x'.repeat(200_000), 13, 280);
        assert.ok(fitted.length < 50 && fitted.endsWith('…'));
    });

    it('shrinks a text that does not fit before it cuts it, never below the smallest readable size', () => {
        assert.deepEqual(shrinkToFit('usw2-az1', 10.5, 200), { text: 'usw2-az1', size: 10.5 });
        const shrunk = shrinkToFit('usw2-lax1-az1', 10.5, textWidth('usw2-lax1-az1', 10.5) - 8);
        assert.equal(shrunk.text, 'usw2-lax1-az1');
        assert.ok(shrunk.size < 10.5 && shrunk.size >= 10.5 * MIN_FONT_RATIO && textWidth(shrunk.text, shrunk.size) <= textWidth('usw2-lax1-az1', 10.5) - 8);
        const cut = shrinkToFit('x'.repeat(100), 13, 100, true);
        assert.ok(cut.text.endsWith('…') && cut.size === Math.round(13 * MIN_FONT_RATIO * 10) / 10 && textWidth(cut.text, cut.size, true) <= 100);
    });
});
