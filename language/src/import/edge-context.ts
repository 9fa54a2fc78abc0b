import type { ElementKind, ImportedEdge } from './design.js';
import type { SourceResource } from './source.js';

/** What the edge readers look up: resources by type and key, and which element a resource belongs to. */
export interface EdgeContext {
    ofTypes(types: readonly string[]): SourceResource[];
    resource(key: string): SourceResource | undefined;
    /** The key of the element a resource is, or belongs to (a function's alias, an API's stage); undefined if none. */
    owner(key: string): string | undefined;
    kindOf(elementKey: string): ElementKind | undefined;
}

export type EdgeReader = (context: EdgeContext) => ImportedEdge[];

/** The elements that the referenced resources are or belong to, each once, in order. */
export function owners(context: EdgeContext, keys: readonly string[]): string[] {
    return [...new Set(keys.map(key => context.owner(key)).filter((k): k is string => k !== undefined))];
}

export function firstOwner(context: EdgeContext, keys: readonly string[]): string | undefined {
    return owners(context, keys)[0];
}

/** Kinds a caller sends to and moves on: a call to them is asynchronous. */
export const ASYNC_TARGETS: ReadonlySet<ElementKind> = new Set(['sqs', 'sns', 'eventbridge']);
