/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
    const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = previous[0];
        previous[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = previous[j];
            previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return previous[b.length];
}

/** Up to `limit` candidates close to `name` (distance at most a third of its length, at least 2). */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
    const budget = Math.max(2, Math.floor(name.length / 3));
    const scored = new Map<string, number>();
    for (const candidate of candidates) {
        if (candidate === name || scored.has(candidate)) continue;
        const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
        if (distance <= budget) scored.set(candidate, distance);
    }
    return [...scored.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([n]) => n);
}
