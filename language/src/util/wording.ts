// British English: no comma before the `and`.
const AND_LIST = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });

/** `a`, `a and b`, `a, b and c`: lists in messages read like sentences. */
export function andList(items: readonly string[]): string {
    return AND_LIST.format(items);
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
