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
    const stack: N[] = [];
    for (const root of roots) {
        if (result.has(root)) continue;
        stack.push(root);
        while (stack.length > 0) {
            const node = stack[stack.length - 1];
            if (result.has(node)) { stack.pop(); continue; }
            if (!inProgress.has(node)) {
                // The children not done nor in progress go on the stack, the last on top; the node waits for them.
                const before = stack.length;
                const next = children(node);
                for (let i = 0; i < next.length; i++) {
                    if (!result.has(next[i]) && !inProgress.has(next[i])) stack.push(next[i]);
                }
                if (stack.length > before) {
                    inProgress.add(node);
                    continue;
                }
            }
            inProgress.delete(node);
            stack.pop();
            result.set(node, combine(node, result));
        }
    }
    return result;
}
