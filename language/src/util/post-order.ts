/** A node numbered from 0 (a topology's component: its `index`), below the number of nodes the walk is given. */
export interface Numbered {
    readonly index: number;
}

const UNSEEN = 0;
const IN_PROGRESS = 1;
const DONE = 2;

/**
 * A value for every node reached from `roots`, each computed from its children's values (children first), without
 * recursion: a chain of 10,000 calls must not overflow the stack. On a cycle, a child still in progress is absent
 * from `done` when its parent is combined (cycles are reported by `dependency-cycle`). Where each of the `count`
 * nodes stands is kept in an array by its number: the walk runs cold over a whole design, where a lookup in a map
 * and a set per step was most of its cost.
 */
export function postOrder<N extends Numbered, V>(
    roots: Iterable<N>, count: number, children: (node: N) => readonly N[], combine: (node: N, done: ReadonlyMap<N, V>) => V,
): Map<N, V> {
    const result = new Map<N, V>();
    const state = new Uint8Array(count);
    const stack: N[] = [];
    for (const root of roots) {
        if (state[root.index] === DONE) continue;
        stack.push(root);
        while (stack.length > 0) {
            const node = stack[stack.length - 1];
            if (state[node.index] === DONE) { stack.pop(); continue; }
            if (state[node.index] === UNSEEN) {
                // The children not done nor in progress go on the stack, the last on top; the node waits for them.
                const before = stack.length;
                const next = children(node);
                for (let i = 0; i < next.length; i++) if (state[next[i].index] === UNSEEN) stack.push(next[i]);
                if (stack.length > before) {
                    state[node.index] = IN_PROGRESS;
                    continue;
                }
            }
            stack.pop();
            result.set(node, combine(node, result));
            state[node.index] = DONE;
        }
    }
    return result;
}
