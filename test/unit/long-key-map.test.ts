import * as assert from 'node:assert/strict';
import { LongKeyMap, LongKeySet } from '../../language/src/util/long-key-map.js';

describe('LongKeyMap', () => {
    const region = 'n'.repeat(50_000);

    it('tells apart long keys of one length that differ only at their end, as the replicas of a cell do', () => {
        const map = new LongKeyMap<number>();
        for (let i = 0; i < 100; i++) map.set(`${region}.pay[${String(i).padStart(2, '0')}]`, i);
        for (let i = 0; i < 100; i++) assert.equal(map.get(`${region}.pay[${String(i).padStart(2, '0')}]`), i);
        assert.equal(map.get(`${region}.pay[100]`), undefined);
    });

    it('replaces the value of a key set again, long or short', () => {
        const map = new LongKeyMap<string>();
        map.set(`${region}.a`, 'first').set(`${region}.a`, 'second').set('a', 'short').set('a', 'again');
        assert.equal(map.get(`${region}.a`), 'second');
        assert.equal(map.get('a'), 'again');
        assert.equal(map.get(`${region}.b`), undefined);
    });

    it('keeps a key of exactly the longest hashed length apart from one a character longer', () => {
        const map = new LongKeyMap<number>();
        map.set('x'.repeat(16_383), 1);
        map.set('x'.repeat(16_384), 2);
        assert.deepEqual([map.get('x'.repeat(16_383)), map.get('x'.repeat(16_384))], [1, 2]);
    });
});

describe('LongKeySet', () => {
    it('holds long keys of one length apart', () => {
        const region = 'n'.repeat(50_000);
        const set = new LongKeySet([`${region}1`, `${region}2`]).add(`${region}3`);
        assert.deepEqual([1, 2, 3, 4].map(i => set.has(`${region}${i}`)), [true, true, true, false]);
        assert.equal(new LongKeySet(['a']).has('a'), true);
    });
});
