import { parentPort, workerData } from 'node:worker_threads';
import { mutate } from './mutations.js';
import { runPipeline } from './pipeline.js';
import { Random } from './random.js';
import type { WorkerReport, WorkerTask } from './fuzzer.js';

// One fuzz worker: runs its share of the inputs and reports before and after each, so the parent can enforce the
// per-input time bound (a hang in synchronous code can only be stopped by terminating the thread).
const task = workerData as WorkerTask;
const post = (report: WorkerReport) => parentPort!.postMessage(report);

for (const index of task.indexes) {
    post({ type: 'start', index });
    const random = Random.forInput(task.seed, index);
    const text = mutate(task.corpus, random);
    const layout = task.layoutEvery > 0 && index % task.layoutEvery === 0;
    const result = await runPipeline(text, random, { layout });
    post({ type: 'done', index, problems: result.problems, clean: result.clean, timings: result.timings });
}
post({ type: 'finished' });
