import * as assert from 'node:assert';
import { declarationOrder } from '../../language/src/generator/cdk/order.js';
import type { TopologyComponent } from '../../language/src/model/topology.js';

/** Just what declarationOrder reads: each component's outgoing edges. */
function components(count: number, usesOf: (i: number) => number[]): TopologyComponent[] {
    const all = Array.from({ length: count }, (_, i) => ({ id: `m${i}`, outgoing: [] as Array<{ to: unknown }> }));
    all.forEach((component, i) => { for (const to of usesOf(i)) component.outgoing.push({ to: all[to] }); });
    return all as unknown as TopologyComponent[];
}

describe('CDK generator: declaration order', () => {
    it('declares what a component points at before it, and keeps model order in a cycle', () => {
        const order = declarationOrder(components(4, i => (i === 0 ? [2] : i === 2 ? [3, 0] : [])));
        assert.deepStrictEqual(order.map(c => c.id), ['m3', 'm2', 'm0', 'm1']);
    });

    it('orders a chain and a cycle of 100,000 components without running out of stack', () => {
        const size = 100_000;
        const chain = declarationOrder(components(size, i => (i + 1 < size ? [i + 1] : [])));
        assert.strictEqual(chain[0].id, `m${size - 1}`);
        assert.strictEqual(chain.length, size);
        const cycle = declarationOrder(components(size, i => [(i + 1) % size]));
        assert.deepStrictEqual([cycle[0].id, cycle[size - 1].id], [`m${size - 1}`, 'm0']);
    });
});
