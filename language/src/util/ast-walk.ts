import { isAstNode, type AstNode } from 'langium';

/**
 * Pushes the nodes directly contained in `node` onto `stack`, last first: popping the stack then visits a tree in
 * the order of Langium's `streamAst` (pre-order, children in property order), without the iterator objects that
 * stream allocates for every node.
 */
export function pushChildrenReversed(node: AstNode, stack: AstNode[]): void {
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

/** Nodes between two chances for the language server to answer a request (Langium checks at every node). */
export const NODES_PER_INTERRUPT = 64;
