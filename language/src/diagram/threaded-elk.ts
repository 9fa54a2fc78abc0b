import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { warmUpGraph } from './elk-warm-up.js';
import type { ElkEngine } from './layout.js';

export interface ElkThreadRequest {
    readonly id: number;
    readonly graph: ElkNode;
}

export type ElkThreadReply = { readonly id: number; readonly result: ElkNode } | { readonly id: number; readonly error: string };

/** ELK in a worker thread, started on first use (or by `warm`) and again if it ever dies. */
export interface ThreadedElk extends ElkEngine {
    /** Starts the thread and runs a small layout, so the first real one finds ELK loaded and compiled. */
    warm(): Promise<void>;
    dispose(): Promise<void>;
}

/** Where the thread's script is: beside the server bundle (`dist/`), or beside this module when built by tsc. */
function defaultWorkerFile(): string {
    if (typeof __dirname === 'string') return path.join(__dirname, 'elk-thread.cjs');
    return fileURLToPath(new URL('./elk-thread.js', import.meta.url));
}

export function createThreadedElk(workerFile = defaultWorkerFile()): ThreadedElk {
    let worker: Worker | undefined;
    let nextId = 0;
    const pending = new Map<number, { resolve(result: ElkNode): void; reject(error: Error): void }>();

    const fail = (error: Error) => {
        worker = undefined;
        for (const request of pending.values()) request.reject(error);
        pending.clear();
    };
    const start = (): Worker => {
        const started = new Worker(workerFile);
        started.on('message', (reply: ElkThreadReply) => {
            const request = pending.get(reply.id);
            pending.delete(reply.id);
            // An idle thread must not keep a command-line process alive.
            if (pending.size === 0) started.unref();
            if ('error' in reply) request?.reject(new Error(reply.error));
            else request?.resolve(reply.result);
        });
        started.on('error', error => { if (worker === started) fail(error); });
        started.on('exit', code => { if (worker === started) fail(new Error(`the layout thread stopped (exit code ${code})`)); });
        return started;
    };
    const layout = (graph: ElkNode): Promise<ElkNode> => new Promise((resolve, reject) => {
        worker ??= start();
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, graph } satisfies ElkThreadRequest);
    });
    return {
        layout,
        warm: async () => {
            await layout(warmUpGraph());
        },
        dispose: async () => {
            const stopping = worker;
            fail(new Error('the layout thread was disposed'));
            await stopping?.terminate();
        },
    };
}
