/**
 * Work written as a generator that yields between its steps (a large design's topology, its instance graph), run
 * to its end at once. The language server runs the same steps with requests answered between two of them.
 */
export function runSteps<T>(steps: Generator<void, T>): T {
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * Steps whose result is cached: the cached value when there is one, else the steps' result, stored. Another caller
 * may have built it whole between two steps: the first one built stays the one shared.
 */
export function* cachedSteps<T>(cached: () => T | undefined, steps: () => Generator<void, T>, store: (value: T) => void): Generator<void, T> {
    const before = cached();
    if (before) return before;
    const built = yield* steps();
    const meanwhile = cached();
    if (meanwhile) return meanwhile;
    store(built);
    return built;
}
