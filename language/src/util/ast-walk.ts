import { OperationCancelled, type AstNode, type MultiReference, type Reference, type ReferenceInfo } from 'langium';
import { CancellationToken } from './cancellation.js';
import { interruptForRequests } from './request-turn.js';

/** Nodes between two chances for the language server to answer a request (Langium checks at every node). */
const NODES_PER_INTERRUPT = 64;

/**
 * What a walk does before each node: notice a cancelled build at once and give the server a turn every 64 nodes;
 * nothing (undefined) when the walk cannot be cancelled.
 */
function pacer(cancelToken: CancellationToken): (() => Promise<void> | undefined) | undefined {
    if (cancelToken === CancellationToken.None) return undefined;
    let visited = 0;
    return () => {
        if (cancelToken.isCancellationRequested) throw OperationCancelled;
        return ++visited % NODES_PER_INTERRUPT === 0 ? interruptForRequests(cancelToken) : undefined;
    };
}

/**
 * Visits every node of a tree in the order of Langium's `streamAst` (pre-order, children in property order), the
 * children of a node only when its visit says so, without the iterators that stream allocates for every node and
 * without awaiting anything unless a visit returns a promise. Unlike Langium's loops, which await a cancellation
 * check at every node, a build cancelled is noticed at once and the server gets a turn every 64 nodes.
 */
export function walkAst(root: AstNode, cancelToken: CancellationToken, visit: (node: AstNode) => boolean | Promise<boolean>): Promise<void> {
    const order = walkOrders.get(root);
    return order ? walkInOrder(order, cancelToken, visit) : walk(root, cancelToken, visit, undefined);
}

/**
 * Visits the references of every node of a tree: the nodes in the order of `walkAst`, the references of each in
 * the order of Langium's `AstUtils.streamReferences` (list elements with their index), before its children. One
 * pass over a node's properties finds both its references and its children, where a visit of each node that
 * looks for its references passes over them once more (linking a 10,000-service design: its 26,000 nodes).
 */
export async function walkReferences(root: AstNode, cancelToken: CancellationToken, visit: (info: ReferenceInfo) => void): Promise<void> {
    const order: AstNode[] = [];
    walkOrders.delete(root);
    await walk(root, cancelToken, node => order.push(node) > 0, visit);
    walkOrders.set(root, order);
}

/**
 * The nodes of a tree in walk order, as the walk of its references (linking) found them: the walks after it
 * (the index of references, validation) go through the list instead of each node's properties again (26,000 nodes
 * in a 10,000-service design). A tree is not changed once parsed; a new parse makes a new root.
 */
const walkOrders = new WeakMap<AstNode, readonly AstNode[]>();

/** `walk` over the nodes listed in walk order: the descendants of a node whose visit says so are skipped. */
async function walkInOrder(order: readonly AstNode[], cancelToken: CancellationToken, visit: (node: AstNode) => boolean | Promise<boolean>): Promise<void> {
    const pace = pacer(cancelToken);
    for (let i = 0; i < order.length; i++) {
        const node = order[i];
        const turn = pace?.();
        if (turn) await turn;
        const result = visit(node);
        const children = typeof result === 'boolean' ? result : await result;
        if (!children) while (i + 1 < order.length && isInside(order[i + 1], node)) i++;
    }
}

function isInside(node: AstNode, ancestor: AstNode): boolean {
    for (let current = node.$container; current; current = current.$container) if (current === ancestor) return true;
    return false;
}

async function walk(
    root: AstNode, cancelToken: CancellationToken, visit: (node: AstNode) => boolean | Promise<boolean>, visitReference: ((info: ReferenceInfo) => void) | undefined,
): Promise<void> {
    const pace = pacer(cancelToken);
    const stack: AstNode[] = [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        const turn = pace?.();
        if (turn) await turn;
        const result = visit(node);
        const children = typeof result === 'boolean' ? result : await result;
        if (children) pushChildrenReversed(node, stack, visitReference);
    }
}

/**
 * The nodes inside `root` (not `root` itself) in the order of Langium's `AstUtils.streamAllContents`, as a list:
 * without the iterators that stream allocates for every node (a check of each cell walks its services).
 */
export function allContents(root: AstNode): AstNode[] {
    const contents: AstNode[] = [];
    const stack: AstNode[] = [];
    pushChildrenReversed(root, stack);
    while (stack.length > 0) {
        const node = stack.pop()!;
        contents.push(node);
        pushChildrenReversed(node, stack);
    }
    return contents;
}

const DOLLAR = '$'.charCodeAt(0);

/** Langium's `isReference(object) || isMultiReference(object)`, for an object. */
function isAnyReference(object: object): object is Reference | MultiReference {
    return typeof (object as { $refText?: unknown }).$refText === 'string' && ('ref' in object || 'items' in object);
}

/** Langium's `isAstNode(object)`, for an object. */
function hasType(object: object): object is AstNode {
    return typeof (object as { $type?: unknown }).$type === 'string';
}

/**
 * Pushes the nodes directly contained in `node` onto `stack`, last first, so that they pop in property order;
 * visits its references on the way, if asked to.
 */
function pushChildrenReversed(node: AstNode, stack: AstNode[], visitReference?: (info: ReferenceInfo) => void): void {
    const start = stack.length;
    const properties = node as unknown as Record<string, unknown>;
    for (const property in properties) {
        const value = properties[property];
        // Most properties hold a primitive or nothing: tested first, without a call.
        if (typeof value !== 'object' || value === null || property.charCodeAt(0) === DOLLAR) continue;
        if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const element: unknown = value[index];
                if (typeof element !== 'object' || element === null) continue;
                if (hasType(element)) stack.push(element);
                else if (visitReference && isAnyReference(element)) visitReference({ reference: element, container: node, property, index });
            }
        } else if (hasType(value)) {
            stack.push(value);
        } else if (visitReference && isAnyReference(value)) {
            visitReference({ reference: value, container: node, property });
        }
    }
    reverseFrom(stack, start);
}

function reverseFrom(stack: AstNode[], start: number): void {
    for (let i = start, j = stack.length - 1; i < j; i++, j--) {
        const swap = stack[i];
        stack[i] = stack[j];
        stack[j] = swap;
    }
}
