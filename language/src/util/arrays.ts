/**
 * Appends every item to `target`. `target.push(...items)` passes each item as an argument, and a design-sized list
 * (100,000 findings, the members of a large region) overflows the call stack that arguments live on.
 */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
    // An array by index: cold code (a CLI run) allocates an iterator result per step of a `for...of`.
    if (Array.isArray(items)) {
        for (let i = 0; i < items.length; i++) target.push(items[i]);
        return;
    }
    for (const item of items) target.push(item);
}
