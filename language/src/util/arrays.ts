/**
 * Appends every item to `target`. `target.push(...items)` passes each item as an argument, and a design-sized list
 * (100,000 findings, the members of a large region) overflows the call stack that arguments live on.
 */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
    for (const item of items) target.push(item);
}
