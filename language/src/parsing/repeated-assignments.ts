import type { AstNode, LangiumParser } from 'langium';

/** What `watchRepeatedAssignments` wraps inside Langium 4.1's parser (private there). */
interface AssignmentInternals {
    stack?: Array<Record<string, unknown>>;
    assign?: (operator: string, feature: string, value: unknown, cstNode: unknown, crossRef: unknown) => void;
    assignWithoutOverride?: (target: Record<string, unknown>, source: Record<string, unknown>) => unknown;
}

/** Roots of parses in which no single-valued property was given a value twice. */
const withoutRepeats = new WeakSet<AstNode>();

/**
 * Whether the parse that made `root` gave no single-valued property (`=`, `?=`) of any node a value twice: then
 * `duplicate-property` has nothing to find, and its pass over the syntax tree (hundreds of thousands of nodes in a
 * large design) is not needed. False when unknown (a tree from another parse path).
 */
export function parsedWithoutRepeatedAssignments(root: AstNode): boolean {
    return withoutRepeats.has(root);
}

/**
 * A tree put together from the trees of several parses (sliced-parse.ts; `root` is the first's) is without repeated
 * assignments only when each of those parses was.
 */
export function joinParsesWithoutRepeatedAssignments(root: AstNode, others: readonly AstNode[]): void {
    if (!others.every(other => withoutRepeats.has(other))) withoutRepeats.delete(root);
}

/**
 * Notes, while the parser assigns values, any `=` or `?=` assignment to a property that already has one (and any
 * merge of a rule's node into another that both set a property): every repeat `duplicate-property` reports is one
 * of those. Returns the hooks of one parse, or undefined if Langium's internals are not where 4.1 has them.
 */
export function watchRepeatedAssignments(parser: LangiumParser): { start(): void; finish(root: AstNode): void } | undefined {
    const internals = parser as unknown as AssignmentInternals;
    const assign = internals.assign;
    const merge = internals.assignWithoutOverride;
    if (typeof assign !== 'function' || typeof merge !== 'function' || !Array.isArray(internals.stack)) return undefined;
    let repeated = false;
    internals.assign = function (this: AssignmentInternals, operator, feature, value, cstNode, crossRef) {
        if (!repeated && (operator === '=' || operator === '?=')) {
            const stack = this.stack!;
            repeated = stack.length > 0 && stack[stack.length - 1][feature] !== undefined;
        }
        assign.call(this, operator, feature, value, cstNode, crossRef);
    };
    internals.assignWithoutOverride = function (this: AssignmentInternals, target, source) {
        if (!repeated) repeated = bothSet(target, source);
        return merge.call(this, target, source);
    };
    return {
        start: () => { repeated = false; },
        finish: root => { if (!repeated) withoutRepeats.add(root); },
    };
}

/** Whether two nodes both have a value for a property that is not a list in both. */
function bothSet(target: Record<string, unknown>, source: Record<string, unknown>): boolean {
    for (const property in source) {
        if (property.startsWith('$')) continue;
        const mine = target[property];
        const theirs = source[property];
        if (mine !== undefined && theirs !== undefined && !(Array.isArray(mine) && Array.isArray(theirs))) return true;
    }
    return false;
}
