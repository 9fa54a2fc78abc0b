/**
 * A small seeded pseudo-random generator (a 32-bit mix of a counter, in the spirit of SplitMix), so that a fuzz
 * run is replayed exactly from its seed. Not for anything but tests.
 */
export class Random {
    private state: number;

    constructor(seed: number) {
        this.state = seed >>> 0;
    }

    /** The generator for input `index` of a run: inputs can be replayed one by one. */
    static forInput(seed: number, index: number): Random {
        return new Random(mix(mix(seed) ^ mix(index + 0x9e3779b9)));
    }

    /** A float in [0, 1). */
    next(): number {
        this.state = (this.state + 0x9e3779b9) >>> 0;
        return mix(this.state) / 0x1_0000_0000;
    }

    /** An integer in [0, n). */
    int(n: number): number {
        return Math.floor(this.next() * n);
    }

    /** An integer in [min, max]. */
    between(min: number, max: number): number {
        return min + this.int(max - min + 1);
    }

    pick<T>(items: readonly T[]): T {
        return items[this.int(items.length)];
    }

    chance(p: number): boolean {
        return this.next() < p;
    }
}

function mix(value: number): number {
    let z = value >>> 0;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
}

/** A seed from the environment (`RESIL_FUZZ_SEED`) or the clock. */
export function seedFromEnvironment(): number {
    const given = process.env.RESIL_FUZZ_SEED;
    if (given !== undefined && given !== '') {
        const seed = Number(given);
        if (!Number.isInteger(seed) || seed < 0) throw new Error(`RESIL_FUZZ_SEED must be a non-negative integer, not '${given}'`);
        return seed >>> 0;
    }
    return (Date.now() ^ (process.pid << 16)) >>> 0;
}

/** A non-negative integer from the environment variable `name`, or `fallback` when it is not set. */
export function numberFromEnvironment(name: string, fallback: number): number {
    const value = process.env[name];
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, not '${value}'`);
    return parsed;
}
