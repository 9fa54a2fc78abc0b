import * as assert from 'node:assert';
import { getTopology } from '../../language/src/model/topology.js';
import { build, inRegion } from '../support/services.js';

async function topologyOf(text: string) {
    const document = await build(text);
    return getTopology(document.parseResult.value);
}

describe('topology', () => {
    it('places zonal, regional and global components', async () => {
        const topology = await topologyOf(`system T {
  global { route53 dns { failover primary use1.edge secondary use1.edge } }
  region use1 { az a az b az c
    alb edge in a, b { uses api }
    ecs api { tasks 7 needs 4 uses table uses cache soft uses q async }
    elasticache cache in b, c { shards 2 replicas 1 }
    dynamodb table
    sqs q
    lambda f { vpc subnets a }
    lambda g
  }
}`);
        const byId = (id: string) => {
            const found = topology.byId(id);
            assert.ok(found?.kind === 'service', id);
            return found.component;
        };
        assert.strictEqual(byId('dns').placement, 'global');
        assert.deepStrictEqual(byId('use1.edge').azs.map(a => a.id), ['use1.a', 'use1.b']);
        const api = byId('use1.api');
        assert.strictEqual(api.placement, 'zonal');
        assert.deepStrictEqual([...api.capacity!.perAz.values()], [3, 2, 2]);
        assert.strictEqual(api.capacity!.needs, 4);
        assert.deepStrictEqual(api.outgoing.map(e => [e.to.id, e.hard, e.sync]), [
            ['use1.table', true, true], ['use1.cache', false, true], ['use1.q', true, false],
        ]);
        assert.deepStrictEqual([...byId('use1.cache').capacity!.perAz.entries()].map(([az, n]) => [az.id, n]), [['use1.b', 2], ['use1.c', 2]]);
        assert.strictEqual(byId('use1.table').placement, 'regional');
        assert.strictEqual(byId('use1.f').placement, 'zonal');
        assert.strictEqual(byId('use1.g').placement, 'regional');
        assert.deepStrictEqual(byId('dns').outgoing.map(e => e.kind), ['failover', 'failover']);
    });

    it('instantiates cell services per replica and finds front services and routers', async () => {
        const topology = await topologyOf(inRegion(`
    router r over cells { shuffle shard 2 }
    cell cells[3] in a, b {
      lambda front { uses store }
      dynamodb store
      ecs worker
    }`));
        const named = topology.byId('use1.cells');
        assert.ok(named?.kind === 'cell');
        const cell = named.cell;
        assert.deepStrictEqual(cell.replicaIds, ['use1.cells[0]', 'use1.cells[1]', 'use1.cells[2]']);
        assert.deepStrictEqual(cell.frontComponents.map(c => c.name), ['front', 'worker']);
        assert.deepStrictEqual(cell.routers.map(r => r.id), ['use1.r']);
        const service = topology.byId('use1.cells.worker');
        assert.ok(service?.kind === 'service');
        const worker = service.component;
        assert.deepStrictEqual(worker.azs.map(a => a.name), ['a', 'b']);
        assert.deepStrictEqual(worker.instanceIds, ['use1.cells[0].worker', 'use1.cells[1].worker', 'use1.cells[2].worker']);
    });

    it('takes entry points from `entry`, else the components nothing depends on', async () => {
        const implicit = await topologyOf(inRegion(`
    alb edge { uses api }
    ecs api`));
        assert.deepStrictEqual(implicit.entryPoints.map(c => c.id), ['use1.edge']);
        const explicit = await topologyOf(inRegion(`
    alb edge { uses api }
    ecs api { entry }`));
        assert.deepStrictEqual(explicit.entryPoints.map(c => c.id), ['use1.api']);
    });
});
