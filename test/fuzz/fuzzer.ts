import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { REPO_ROOT as ROOT } from '../support/paths.js';
import { mutate } from './mutations.js';
import type { FuzzProblem } from './pipeline.js';
import { Random } from './random.js';

/**
 * The mutation fuzzer's driver: deals the inputs of a run over worker threads, bounds the time of each input
 * (terminating a worker that hangs and going on in a fresh one), and collects every input that had a problem.
 * Input `i` of seed `s` is a pure function of (s, i): `RESIL_FUZZ_SEED=s` replays a run, `only` one input.
 */

export interface FuzzOptions {
    readonly seed: number;
    readonly inputs: number;
    readonly corpus: readonly string[];
    /** Per-input time bound; an input that takes longer is reported as a hang. */
    readonly timeBoundMs: number;
    /** Lay out and render the diagram for every n-th input (0: never). */
    readonly layoutEvery: number;
    readonly workers?: number;
    /** Run only these input indexes (replay). */
    readonly only?: readonly number[];
    /** Called after each input, e.g. for progress. */
    readonly onInput?: (index: number, done: number) => void;
}

export interface FuzzFailure {
    readonly index: number;
    readonly input: string;
    readonly problems: FuzzProblem[];
}

export interface FuzzReport {
    readonly seed: number;
    readonly inputs: number;
    readonly failures: FuzzFailure[];
    /** Inputs without error diagnostics. */
    readonly cleanIndexes: number[];
    /** Total milliseconds per pipeline stage over all inputs. */
    readonly stageMs: Record<string, number>;
    readonly elapsedMs: number;
}

/** What the parent gives a worker. */
export interface WorkerTask {
    readonly seed: number;
    readonly indexes: number[];
    readonly corpus: readonly string[];
    readonly layoutEvery: number;
}

export type WorkerReport =
    | { readonly type: 'start'; readonly index: number }
    | { readonly type: 'done'; readonly index: number; readonly problems: FuzzProblem[]; readonly clean: boolean; readonly timings: Record<string, number> }
    | { readonly type: 'finished' };

const WORKER = new URL('./worker.js', import.meta.url);

/** The input text of index `index` in a run of `seed`. */
export function fuzzInput(corpus: readonly string[], seed: number, index: number): string {
    return mutate(corpus, Random.forInput(seed, index));
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
    const started = performance.now();
    const all = options.only ? [...options.only] : Array.from({ length: options.inputs }, (_, i) => i);
    const workerCount = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), all.length));
    const shares = Array.from({ length: workerCount }, (_, w) => all.filter((_, i) => i % workerCount === w));
    const failures: FuzzFailure[] = [];
    const cleanIndexes: number[] = [];
    const stageMs: Record<string, number> = {};
    let done = 0;
    const record = (index: number, problems: FuzzProblem[]) => {
        failures.push({ index, input: fuzzInput(options.corpus, options.seed, index), problems });
    };
    await Promise.all(shares.map(async share => {
        let remaining = share;
        while (remaining.length > 0) {
            const outcome = await runWorker(options, remaining, {
                done: (index, problems, clean, timings) => {
                    for (const [stage, ms] of Object.entries(timings)) stageMs[stage] = (stageMs[stage] ?? 0) + ms;
                    if (problems.length > 0) record(index, problems);
                    if (clean) cleanIndexes.push(index);
                    options.onInput?.(index, ++done);
                },
            });
            if (outcome.hung === undefined) break;
            record(outcome.hung, [{ stage: 'timeout', message: `no result within ${options.timeBoundMs} ms` }]);
            options.onInput?.(outcome.hung, ++done);
            remaining = remaining.slice(remaining.indexOf(outcome.hung) + 1);
        }
    }));
    failures.sort((a, b) => a.index - b.index);
    return { seed: options.seed, inputs: all.length, failures, cleanIndexes: cleanIndexes.sort((a, b) => a - b), stageMs, elapsedMs: performance.now() - started };
}

interface WorkerCallbacks {
    done(index: number, problems: FuzzProblem[], clean: boolean, timings: Record<string, number>): void;
}

/** Runs `indexes` in one worker; resolves when all are done or with the index that exceeded the time bound. */
function runWorker(options: FuzzOptions, indexes: number[], callbacks: WorkerCallbacks): Promise<{ hung?: number }> {
    return new Promise((resolve, reject) => {
        const task: WorkerTask = { seed: options.seed, indexes, corpus: options.corpus, layoutEvery: options.layoutEvery };
        // A 1 MB stack like the main thread of the CLI and the language server: deep nesting must not overflow it.
        const worker = new Worker(WORKER, { workerData: task, resourceLimits: { maxOldGenerationSizeMb: 2048, stackSizeMb: 1 } });
        let timer: NodeJS.Timeout | undefined;
        let settled = false;
        const finish = (result: { hung?: number } | Error) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            void worker.terminate();
            if (result instanceof Error) reject(result); else resolve(result);
        };
        worker.on('message', (report: WorkerReport) => {
            if (report.type === 'start') {
                clearTimeout(timer);
                timer = setTimeout(() => finish({ hung: report.index }), options.timeBoundMs);
            } else if (report.type === 'done') {
                clearTimeout(timer);
                callbacks.done(report.index, report.problems, report.clean, report.timings);
            } else {
                finish({});
            }
        });
        worker.on('error', error => finish(error));
        worker.on('exit', code => finish(code === 0 ? {} : new Error(`fuzz worker exited with code ${code}`)));
    });
}

/** Writes each failing input to out/fuzz-failures/ and returns a readable summary with the replay command. */
export function describeFailures(report: FuzzReport): string {
    if (report.failures.length === 0) return `fuzz: ${report.inputs} inputs, seed ${report.seed}: no problem`;
    const folder = path.join(ROOT, 'out', 'fuzz-failures');
    fs.mkdirSync(folder, { recursive: true });
    const lines = [`fuzz: ${report.failures.length} of ${report.inputs} inputs failed (seed ${report.seed})`];
    for (const failure of report.failures.slice(0, 20)) {
        const file = path.join(folder, `seed-${report.seed}-input-${failure.index}.resil`);
        fs.writeFileSync(file, failure.input);
        lines.push(`- input ${failure.index} (${path.relative(ROOT, file)}):`);
        for (const problem of failure.problems.slice(0, 3)) {
            lines.push(`    [${problem.stage}] ${problem.message.split('\n')[0].slice(0, 300)}`);
            if (problem.stack) lines.push(...problem.stack.split('\n').slice(1, 6).map(l => `      ${l.trim()}`));
        }
    }
    lines.push(`replay: RESIL_FUZZ_SEED=${report.seed} RESIL_FUZZ_ONLY=${report.failures.map(f => f.index).slice(0, 20).join(',')} npm run fuzz`);
    return lines.join('\n');
}
