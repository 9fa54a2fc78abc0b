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
