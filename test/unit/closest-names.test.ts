import * as assert from 'node:assert';
import { closestNames, editDistanceWithin, MAX_SUGGESTION_EDITS } from '../../language/src/util/closest-names.js';
import { Random } from '../fuzz/random.js';

/** Levenshtein distance over the whole table: what the banded computation must agree with. */
function fullEditDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}

describe('"did you mean" suggestions (closest names)', () => {
    it('computes the edit distance up to a bound as the whole table does, and "beyond" past it', () => {
        const random = new Random(20261201);
        const word = () => Array.from({ length: random.between(0, 14) }, () => random.pick(['a', 'b', 'c'])).join('');
        for (let n = 0; n < 3_000; n++) {
            const a = word();
            const b = random.chance(0.25) ? a.slice(0, random.between(0, a.length)) + word() : word();
            const max = random.between(0, 8);
            const full = fullEditDistance(a, b);
            assert.strictEqual(editDistanceWithin(a, b, max), full <= max ? full : max + 1, `${JSON.stringify(a)} ${JSON.stringify(b)} within ${max}`);
        }
    });

    it('suggests the near names of a typo, nearest first', () => {
        assert.deepStrictEqual(closestNames('orders-tabel', ['orders-table', 'orders-queue', 'payments-table']), ['orders-table']);
        assert.deepStrictEqual(closestNames('x', ['a', 'b', 'xyz']), ['a', 'b', 'xyz']);
    });

    it(`never suggests a name more than ${MAX_SUGGESTION_EDITS} edits away, however long the name typed`, () => {
        const typed = 'checkout-service-in-the-payments-cell-of-us-east-1-primary';
        // Eleven letters replaced by one the name does not hold: eleven edits, whatever the alignment.
        const elevenAway = [...typed].map((letter, i) => (i % 5 === 0 && i < 55 ? '#' : letter)).join('');
        const near = `${typed.slice(0, 10)}X${typed.slice(11)}`;
        assert.ok(fullEditDistance(typed.toLowerCase(), elevenAway.toLowerCase()) > MAX_SUGGESTION_EDITS);
        assert.deepStrictEqual(closestNames(typed, [elevenAway, near]), [near]);
    });

    it('finds a one-letter typo in a 50,000-character name (a fuzzed design)', () => {
        const name = `n${'_9'.repeat(25_000)}`;
        const typo = `${name.slice(0, 30_000)}8${name.slice(30_001)}`;
        assert.deepStrictEqual(closestNames(typo, [name, 'a', 'b']), [name]);
    });
});
