import type { ElkNode } from 'elkjs/lib/elk-api.js';

/**
 * A compound node, an edge into it and a labelled one: enough to run every phase the diagram layout uses, so that
 * a freshly started ELK (a thread, a web worker) has loaded and compiled them before the first real layout.
 */
export function warmUpGraph(): ElkNode {
    return {
        id: 'warm-up',
        layoutOptions: { 'elk.algorithm': 'layered', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN', 'elk.edgeRouting': 'ORTHOGONAL' },
        children: [
            { id: 'box', children: [{ id: 'a', width: 40, height: 20 }, { id: 'b', width: 40, height: 20 }] },
            { id: 'c', width: 40, height: 20 },
        ],
        edges: [
            { id: 'ab', sources: ['a'], targets: ['b'] },
            { id: 'ac', sources: ['a'], targets: ['c'], labels: [{ text: 'x', width: 8, height: 8 }] },
        ],
    };
}
