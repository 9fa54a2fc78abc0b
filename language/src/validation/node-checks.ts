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
    private readonly unguarded = new WeakMap<ValidationCheck, UnguardedCheck>();

    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        const guarded: ValidationCheck = (node, accept, cancelToken) => {
            let result: unknown;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                return this.guard(() => { throw error; }, accept, node);
            }
            return isPromiseLike(result) ? this.guard(() => result as Promise<void>, accept, node) : undefined;
        };
        this.unguarded.set(guarded, { check, thisObj });
        return guarded;
    }

    /** The check a check of this registry runs, and the object it runs it on: `validateNodes` calls it itself. */
    unguardedCheck(guarded: ValidationCheck): UnguardedCheck | undefined {
        return this.unguarded.get(guarded);
    }

    /** What a check of this registry does when the check it runs throws (`outcome` throws) or returns a promise. */
    guard(outcome: () => unknown, accept: ValidationAcceptor, node: AstNode): Promise<void> {
        return this.handleException(outcome as () => Promise<void>, 'An error occurred during validation', accept, node);
    }
}

/** A check as registered, and the object it is called on. */
export interface UnguardedCheck {
    readonly check: ValidationCheck;
    readonly thisObj: unknown;
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
    const checksByType = new Map<string, ChecksOfType>();
    const guard: Guard = registry instanceof ResilValidationRegistry ? (outcome, acceptor, node) => registry.guard(outcome, acceptor, node) : awaitOutcome;
    await walkAst(root, cancelToken, node => {
        const options = nodeOptions(node);
        if (!options.validateNode) return options.validateChildren;
        let checks = checksByType.get(node.$type);
        if (!checks) checksByType.set(node.$type, checks = checksOfType(registry, node.$type, categories));
        const calls = checks.calls;
        for (let i = 0; i < calls.length; i++) {
            // What the check's guard does, without a call of the guard (80,000 checks in a 10,000-service design).
            const { check, thisObj } = calls[i];
            let pending: Promise<void> | undefined;
            try {
                const result: unknown = check.call(thisObj, node, accept, cancelToken);
                if (result !== undefined && isPromiseLike(result)) pending = guard(() => result, accept, node);
            } catch (error) {
                pending = guard(() => { throw error; }, accept, node);
            }
            if (pending) return finishChecks(pending, checks.guarded.slice(i + 1), node, accept, cancelToken).then(() => options.validateChildren);
        }
        return options.validateChildren;
    });
}

/** What a check's guard does with its outcome (a promise it returned, or the exception it threw). */
type Guard = (outcome: () => unknown, accept: ValidationAcceptor, node: AstNode) => Promise<void>;

/** The outcome of a check of another registry: a promise of its own guard, awaited. */
const awaitOutcome: Guard = async outcome => {
    await outcome();
};

/** The checks of a type as the registry gives them, and what each of them calls when its guard is left out. */
interface ChecksOfType {
    readonly guarded: readonly ValidationCheck[];
    readonly calls: readonly UnguardedCheck[];
}

function checksOfType(registry: ValidationRegistry, type: string, categories: ValidationCategory[] | undefined): ChecksOfType {
    const guarded = registry.getChecks(type, categories).toArray();
    const calls = guarded.map(check => (registry instanceof ResilValidationRegistry ? registry.unguardedCheck(check) : undefined) ?? { check, thisObj: undefined });
    return { guarded, calls };
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
