import { pushAll } from './arrays.js';

/**
 * A value for every node reached from `roots`, each computed from its children's values (children first), without
 * recursion: a chain of 10,000 calls must not overflow the stack. On a cycle, a child still in progress is absent
 * from `done` when its parent is combined (cycles are reported by `dependency-cycle`).
 */
export function postOrder<N, V>(
    roots: Iterable<N>, children: (node: N) => readonly N[], combine: (node: N, done: ReadonlyMap<N, V>) => V,
): Map<N, V> {
    const result = new Map<N, V>();
    const inProgress = new Set<N>();
    for (const root of roots) {
        if (result.has(root)) continue;
        const stack: N[] = [root];
        while (stack.length > 0) {
            const node = stack[stack.length - 1];
            if (result.has(node)) { stack.pop(); continue; }
            const pending = inProgress.has(node) ? [] : children(node).filter(c => !result.has(c) && !inProgress.has(c));
            if (pending.length > 0) {
                inProgress.add(node);
                pushAll(stack, pending);
                continue;
            }
            inProgress.delete(node);
            stack.pop();
            result.set(node, combine(node, result));
        }
    }
    return result;
}
