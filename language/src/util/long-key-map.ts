/**
 * A map from strings that stays fast when the keys are long. V8 hashes a string of more than 16,383 characters by
 * its length alone, so a `Map` holding many long keys of one length (the replicas `pay[0]` to `pay[999]` of a cell in
 * a region with a 50,000-character name) compares each new key with every key before it: quadratic, seconds for a
 * thousand keys. Here a long key is found through a hash of its whole text, and compared only with the keys that
 * share that hash.
 */
export class LongKeyMap<V> {
    private readonly short = new Map<string, V>();
    private readonly long = new Map<number, Array<{ readonly key: string; value: V }>>();

    get(key: string): V | undefined {
        if (key.length <= LONGEST_HASHED_KEY) return this.short.get(key);
        return this.long.get(textHash(key))?.find(entry => entry.key === key)?.value;
    }

    set(key: string, value: V): this {
        if (key.length <= LONGEST_HASHED_KEY) {
            this.short.set(key, value);
            return this;
        }
        const hash = textHash(key);
        const bucket = this.long.get(hash);
        const entry = bucket?.find(e => e.key === key);
        if (entry) entry.value = value;
        else if (bucket) bucket.push({ key, value });
        else this.long.set(hash, [{ key, value }]);
        return this;
    }
}

/** A set of strings, as fast for long ones (see `LongKeyMap`). */
export class LongKeySet {
    private readonly members = new LongKeyMap<true>();

    constructor(keys: Iterable<string> = []) {
        for (const key of keys) this.add(key);
    }

    has(key: string): boolean {
        return this.members.get(key) !== undefined;
    }

    add(key: string): this {
        this.members.set(key, true);
        return this;
    }
}

/** The longest string V8 hashes by its text (`String::kMaxHashCalcLength`). */
const LONGEST_HASHED_KEY = 16_383;

/** FNV-1a over the UTF-16 code units. */
function textHash(text: string): number {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
}
