import { isAstNode, OperationCancelled, type AstNode } from 'langium';
import { CancellationToken } from './cancellation.js';
import { interruptForRequests } from './request-turn.js';

/** Nodes between two chances for the language server to answer a request (Langium checks at every node). */
const NODES_PER_INTERRUPT = 64;

/**
 * Visits every node of a tree in the order of Langium's `streamAst` (pre-order, children in property order), the
 * children of a node only when its visit says so, without the iterators that stream allocates for every node and
 * without awaiting anything unless a visit returns a promise. Unlike Langium's loops, which await a cancellation
 * check at every node, a build cancelled is noticed at once and the server gets a turn every 64 nodes.
 */
export async function walkAst(root: AstNode, cancelToken: CancellationToken, visit: (node: AstNode) => boolean | Promise<boolean>): Promise<void> {
    const interruptible = cancelToken !== CancellationToken.None;
    const stack: AstNode[] = [root];
    let visited = 0;
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (interruptible) {
            if (cancelToken.isCancellationRequested) throw OperationCancelled;
            if (++visited % NODES_PER_INTERRUPT === 0) await interruptForRequests(cancelToken);
        }
        const result = visit(node);
        const children = typeof result === 'boolean' ? result : await result;
        if (children) pushChildrenReversed(node, stack);
    }
}

/** Pushes the nodes directly contained in `node` onto `stack`, last first, so that they pop in property order. */
function pushChildrenReversed(node: AstNode, stack: AstNode[]): void {
    const start = stack.length;
    for (const property of Object.keys(node)) {
        if (property.startsWith('$')) continue;
        const value = (node as unknown as Record<string, unknown>)[property];
        if (isAstNode(value)) {
            stack.push(value);
        } else if (Array.isArray(value)) {
            for (const element of value) if (isAstNode(element)) stack.push(element);
        }
    }
    for (let i = start, j = stack.length - 1; i < j; i++, j--) {
        const swap = stack[i];
        stack[i] = stack[j];
        stack[j] = swap;
    }
}
