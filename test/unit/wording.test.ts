import * as assert from 'node:assert/strict';
import { andList } from '../../language/src/util/wording.js';

describe('andList', () => {
    it('writes lists as Intl.ListFormat does in British English, without loading it', () => {
        const format = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });
        const words = ['`use1.api`', 'dns0', 'a, b', 'x and y', '', 'Zürich', '日本', '`a`'];
        for (let length = 0; length <= words.length; length++) {
            for (let start = 0; start < words.length; start++) {
                const items = Array.from({ length }, (_, i) => words[(start + i) % words.length]);
                assert.equal(andList(items), format.format(items), JSON.stringify(items));
            }
        }
        assert.equal(andList(['a', 'b', 'c']), 'a, b and c');
    });
});
