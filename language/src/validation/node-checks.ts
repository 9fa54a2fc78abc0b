import {
    ValidationRegistry, type AstNode, type ValidationAcceptor, type ValidationCategory,
    type ValidationCheck,
} from 'langium';
import { CancellationToken } from '../util/cancellation.js';
import { walkAst } from '../util/ast-walk.js';
import { interruptForRequests } from '../util/request-turn.js';

/**
 * Langium runs every check of every node as an async function inside another (the exception guard), and awaits a
 * cancellation check per node: on a 10,000-service design, 80,000 checks of 26,000 nodes cost more in promises
 * and the garbage they leave than the checks themselves. Resil's checks are synchronous: here a check runs as a
 * plain call, and a promise is made only for one that returns a promise or throws, which then goes through
 * Langium's guard as before (same diagnostic for an exception, cancellation passed on).
 */
export class ResilValidationRegistry extends ValidationRegistry {
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node, accept, cancelToken) => {
            let result: unknown;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                return this.handleException(() => { throw error; }, 'An error occurred during validation', accept, node);
            }
            return isPromiseLike(result) ? this.handleException(() => result as Promise<void>, 'An error occurred during validation', accept, node) : undefined;
        };
    }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
    return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Whether each node is checked and its children visited (Langium's `validateSingleNodeOptions`). */
export type NodeOptions = (node: AstNode) => { readonly validateNode: boolean; readonly validateChildren: boolean };

/**
 * Langium's `validateAstNodes`: every node of the tree in document order (pre-order, children in property order
 * as `streamAst` gives them), each with the checks of its type in registration order. The checks of a type are
 * looked up once per run, not per node, and only a check that returns a promise is awaited.
 */
export async function validateNodes(
    registry: ValidationRegistry, root: AstNode, categories: ValidationCategory[] | undefined, nodeOptions: NodeOptions,
    accept: ValidationAcceptor, cancelToken: CancellationToken,
): Promise<void> {
    const checksByType = new Map<string, ValidationCheck[]>();
    await walkAst(root, cancelToken, node => {
        const options = nodeOptions(node);
        if (!options.validateNode) return options.validateChildren;
        let checks = checksByType.get(node.$type);
        if (!checks) checksByType.set(node.$type, checks = registry.getChecks(node.$type, categories).toArray());
        for (let i = 0; i < checks.length; i++) {
            const pending = checks[i](node, accept, cancelToken);
            if (pending) return finishChecks(pending, checks.slice(i + 1), node, accept, cancelToken).then(() => options.validateChildren);
        }
        return options.validateChildren;
    });
}

/**
 * The checks of a node after one that returned a promise, each awaited in turn. The checks of a whole system (on
 * its model, asynchronous) each take a good share of a large design's validation: between two of them the language
 * server answers waiting requests.
 */
async function finishChecks(pending: Promise<void>, rest: readonly ValidationCheck[], node: AstNode, accept: ValidationAcceptor, cancelToken: CancellationToken): Promise<void> {
    await pending;
    for (const check of rest) {
        await interruptForRequests(cancelToken);
        await check(node, accept, cancelToken);
    }
}
