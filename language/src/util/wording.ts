/**
 * `a`, `a and b`, `a, b and c`: lists in messages read like sentences (British English: no comma before the
 * `and`, as `Intl.ListFormat('en-GB')` writes them). Joined by hand: a list format loads ICU data on first use
 * (20-75 ms measured), which a check of a large design paid for its one list of entry points.
 */
export function andList(items: readonly string[]): string {
    if (items.length < 2) return items.join('');
    return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `1 task`, `3 tasks`. */
export function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `a, b and c`, or with more than `limit` items `a, b, c and 7 more`: a message stays short for any input. */
export function andListUpTo(items: readonly string[], limit: number): string {
    if (items.length <= limit) return andList(items);
    return `${items.slice(0, limit).join(', ')} and ${thousands(items.length - limit)} more`;
}

/** `9,990`. Without `toLocaleString`, whose first call loads ICU data (a quarter of a second on a busy machine). */
export function thousands(count: number): string {
    return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
