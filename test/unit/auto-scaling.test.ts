import * as assert from 'node:assert';
import { analysisOf, outcomesFor, scenarioJson } from '../../language/src/analysis/analysis.js';
import { getTopology } from '../../language/src/model/topology.js';
import { build, inRegion } from '../support/services.js';

async function outcome(text: string, ...fail: string[]) {
    const document = await build(text);
    const [result] = outcomesFor(analysisOf(document.parseResult.value), { fail });
    return result;
}

/** Two entry points, each carrying half of the customers: a web tier on Auto Scaling, and an API on ECS. */
const TWO_TIERS = (web: string) => inRegion(`
    alb site in a, b, c { entry uses web }
    alb api in a, b, c { entry uses svc }
    asg web in a, b, c { ${web} health check elb }
    ecs svc in a, b, c { tasks 6 }`);

describe('EC2 Auto Scaling: placement and static stability', () => {
    it('runs `desired` instances, else `min`, else one per AZ, spread over its AZs like ECS tasks', async () => {
        const perAz = async (web: string) => {
            const document = await build(TWO_TIERS(web));
            const group = getTopology(document.parseResult.value).components.find(c => c.name === 'web')!;
            assert.strictEqual(group.placement, 'zonal');
            return [...group.capacity!.perAz.values()];
        };
        assert.deepStrictEqual(await perAz('min 2 desired 7 max 9'), [3, 2, 2]);
        assert.deepStrictEqual(await perAz('min 4 max 9'), [2, 1, 1]);
        assert.deepStrictEqual(await perAz('max 9'), [1, 1, 1]);
    });

    it('fails a group that an AZ loss leaves below `needs`, and the entry point in front of it: half the customers', async () => {
        // desired 6 over a, b, c: 2 each. Losing use1.a leaves 4 instances, fewer than the 5 needed.
        const result = await outcome(TWO_TIERS('min 3 desired 6 max 12 needs 5'), 'use1.a');
        const json = scenarioJson(result);
        assert.deepStrictEqual(json.failed, ['use1.site', 'use1.web']);
        assert.deepStrictEqual(json.degraded, []);
        assert.deepStrictEqual(json.entryPoints, { 'use1.api': 'ok', 'use1.site': 'failed' });
        assert.strictEqual(json.customersDown, 0.5);
        assert.deepStrictEqual(result.capacityLeft.get('use1.web'), { unit: 'instances', left: 4, total: 6, needs: 5 });
    });

    it('keeps a statically stable group up: the AZs left still hold `needs`', async () => {
        // desired 9: 3 per AZ; losing one leaves 6 >= 6.
        const json = scenarioJson(await outcome(TWO_TIERS('min 3 desired 9 max 12 needs 6'), 'use1.a'));
        assert.deepStrictEqual([json.failed, json.degraded, json.customersDown], [[], [], 0]);
    });

    it('fails a group in one AZ with that AZ', async () => {
        const json = scenarioJson(await outcome(TWO_TIERS('min 2').replace('asg web in a, b, c', 'asg web in b'), 'use1.b'));
        assert.deepStrictEqual(json.failed, ['use1.site', 'use1.web']);
        assert.strictEqual(json.customersDown, 0.5);
    });
});
