import { availableParallelism } from 'node:os';
import { serviceCount, type DiagramModel } from './diagram-types.js';
import { HIERARCHICAL_LIMIT, type ElkEngine } from './layout.js';
import { createNodeElk } from './node-elk.js';
import { splitLayouts } from './split-layout.js';
import { createThreadedElk, type ThreadedElk } from './threaded-elk.js';

/** More layout threads than a large design has regions buy nothing, and each holds its own ELK. */
const MAX_THREADS = 3;

export interface ElkPoolOptions {
    /** Layout threads to start (on first use or `warm`). */
    readonly threads: number;
    /** ELK on the calling thread too, for a process with nothing else to do while it waits (the CLI). */
    readonly here?: ElkEngine;
    /** The threads' script (tests). */
    readonly workerFile?: string;
}

/**
 * ELK on several threads: a large design's regions are laid out side by side (`splitLayouts`), a small design on the
 * first engine. `warm` starts every thread and compiles ELK in it.
 */
export function createElkPool(options: ElkPoolOptions): ThreadedElk {
    const threads = Array.from({ length: options.threads }, () => createThreadedElk(options.workerFile));
    const engines = options.here ? [options.here, ...threads] : threads;
    const split = splitLayouts(engines);
    return {
        layout: graph => split.layout(graph),
        warm: async () => {
            await Promise.all(threads.map(thread => thread.warm()));
        },
        dispose: async () => {
            await Promise.all(threads.map(thread => thread.dispose()));
        },
    };
}

/** The cores beyond the calling thread's, as layout threads (at least one when there is only this one). */
export function spareCores(): number {
    return Math.min(MAX_THREADS, availableParallelism() - 1);
}

/**
 * ELK for a process that draws and ends (`resil diagram`): this thread, and for a design laid out per container the
 * spare cores too, its regions side by side. Dispose of it once drawn.
 */
export function drawingElk(diagram: DiagramModel): ElkEngine & Pick<ThreadedElk, 'dispose'> {
    const here = createNodeElk();
    if (serviceCount(diagram.nodes) <= HIERARCHICAL_LIMIT || spareCores() < 1) return { layout: graph => here.layout(graph), dispose: async () => undefined };
    return createElkPool({ threads: spareCores(), here });
}
