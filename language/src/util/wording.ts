// British English: no comma before the `and`. Made on first use: creating it loads ICU data (20-75 ms measured),
// which every start of the CLI and the server paid when it was made as the module loaded.
let andListFormat: Intl.ListFormat | undefined;

/** `a`, `a and b`, `a, b and c`: lists in messages read like sentences. */
export function andList(items: readonly string[]): string {
    if (items.length < 2) return items.join('');
    andListFormat ??= new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });
    return andListFormat.format(items);
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
