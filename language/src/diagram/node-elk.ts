import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { ElkEngine } from './layout.js';

/** ELK in this thread (CLI, tests, benchmarks); the webview runs it in a web worker instead. */
export function createNodeElk(): ElkEngine {
    const elk = new ELK.default();
    return { layout: graph => elk.layout(graph) as Promise<ElkNode> };
}
