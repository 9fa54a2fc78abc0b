/**
 * ELK in a worker thread of its own (see `threaded-elk.ts`): a layout of a thousand services takes a second,
 * which the language server must not spend on the thread that answers hovers and completions.
 */
import { parentPort } from 'node:worker_threads';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { ElkThreadReply, ElkThreadRequest } from './threaded-elk.js';
import { messageOf } from '../util/errors.js';

const elk = new ELK.default();
const port = parentPort;
port?.on('message', (request: ElkThreadRequest) => {
    (elk.layout(request.graph) as Promise<ElkNode>).then(
        result => port.postMessage({ id: request.id, result } satisfies ElkThreadReply),
        (error: unknown) => port.postMessage({ id: request.id, error: messageOf(error) } satisfies ElkThreadReply),
    );
});
