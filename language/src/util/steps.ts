/**
 * Work written as a generator that yields between its steps (a large design's topology, its instance graph), run
 * to its end at once. The language server runs the same steps with requests answered between two of them.
 */
export function runSteps<T>(steps: Generator<void, T>): T {
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}
