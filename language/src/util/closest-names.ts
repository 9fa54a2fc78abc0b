/**
 * A name more edits than this away from what was typed is no typo of it: never suggested, however long the name.
 * It also bounds the work: the distance is computed only near the diagonal (see `editDistanceWithin`), so that a
 * 50,000-character name costs a few million steps instead of billions (a fuzzed design took 13 s on its suggestion).
 */
export const MAX_SUGGESTION_EDITS = 10;

/**
 * Levenshtein distance of `a` and `b` if it is at most `max`, else `max + 1`. Only the cells within `max` of the
 * diagonal can hold a distance of `max` or less, so only those are computed: O(length × max).
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
    const beyond = max + 1;
    if (Math.abs(a.length - b.length) > max) return beyond;
    let previous = new Int32Array(b.length + 2);
    let current = new Int32Array(b.length + 2);
    for (let j = 0; j <= b.length + 1; j++) previous[j] = Math.min(j, beyond);
    for (let i = 1; i <= a.length; i++) {
        const from = Math.max(1, i - max);
        const to = Math.min(b.length, i + max);
        current[from - 1] = from === 1 ? Math.min(i, beyond) : beyond;
        let rowLeast = current[from - 1];
        const letter = a.charCodeAt(i - 1);
        for (let j = from; j <= to; j++) {
            const substitution = previous[j - 1] + (letter === b.charCodeAt(j - 1) ? 0 : 1);
            const cell = Math.min(substitution, previous[j] + 1, current[j - 1] + 1, beyond);
            current[j] = cell;
            if (cell < rowLeast) rowLeast = cell;
        }
        // The next row reads one cell past this band: outside it, every distance is beyond `max`.
        current[to + 1] = beyond;
        if (rowLeast > max) return beyond;
        [previous, current] = [current, previous];
    }
    return previous[b.length];
}

/**
 * Up to `limit` candidates close to `name`: at most a third of its length away (at least 2 edits, at most
 * MAX_SUGGESTION_EDITS), nearest first.
 */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
    const budget = Math.min(Math.max(2, Math.floor(name.length / 3)), MAX_SUGGESTION_EDITS);
    const lowerName = name.toLowerCase();
    const scored = new Map<string, number>();
    for (const candidate of candidates) {
        if (candidate === name || scored.has(candidate)) continue;
        const distance = editDistanceWithin(lowerName, candidate.toLowerCase(), budget);
        if (distance <= budget) scored.set(candidate, distance);
    }
    return [...scored.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([n]) => n);
}
