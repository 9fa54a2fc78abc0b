import * as assert from 'node:assert';
import { analysisOf, outcomesFor, scenarioJson } from '../../language/src/analysis/analysis.js';
import { formatText } from '../../language/src/cli/blast-radius-command.js';
import { trafficAssumption } from '../../language/src/analysis/traffic.js';
import { build, inRegion } from '../support/services.js';
import { expectFindings } from '../support/rule-checks.js';

/** Two entry points without cells: the shop and the admin console, each on its own service. */
const entries = (shop: string, admin: string) => inRegion(`
    alb shop in a, b, c { entry ${shop} uses web }
    alb admin in a, b, c { entry ${admin} uses console }
    ecs web in a, b, c
    ecs console in a, b, c`);

async function outcome(text: string, fail: string) {
    const document = await build(text);
    const analysis = analysisOf(document.parseResult.value);
    return { analysis, outcome: outcomesFor(analysis, { fail: [fail] })[0] };
}

describe('customers down without cells', () => {
    it('weighs the entry points by their declared traffic share', async () => {
        const { outcome: admin } = await outcome(entries('traffic 95%', 'traffic 5%'), 'use1.console');
        assert.strictEqual(scenarioJson(admin).customersDown, 0.05);
        const { outcome: shop } = await outcome(entries('traffic 95%', 'traffic 5%'), 'use1.web');
        assert.strictEqual(scenarioJson(shop).customersDown, 0.95);
    });

    it('splits what the declared shares leave among the entry points that declare none', async () => {
        const { outcome: admin } = await outcome(entries('traffic 90%', ''), 'use1.console');
        assert.strictEqual(scenarioJson(admin).customersDown, 0.1);
    });

    it('scales shares that do not add up to 100%', async () => {
        const { outcome: admin } = await outcome(entries('traffic 30%', 'traffic 10%'), 'use1.console');
        assert.strictEqual(scenarioJson(admin).customersDown, 0.25);
    });

    it('counts each entry point equally without declarations, and the output says that it assumes so', async () => {
        const { analysis, outcome: admin } = await outcome(entries('', ''), 'use1.console');
        assert.strictEqual(scenarioJson(admin).customersDown, 0.5);
        const assumption = 'customers down assumes that each of the 2 entry points carries an equal share of the customers (declare `traffic P%` on an entry point to give its real share)';
        assert.strictEqual(trafficAssumption(analysis.topology), assumption);
        assert.ok(formatText([admin], false).endsWith(`\n(${assumption})\n`));
        const { analysis: partly } = await outcome(entries('traffic 90%', ''), 'use1.console');
        assert.match(trafficAssumption(partly.topology)!, /that the entry point without `traffic` \(use1\.admin\) carries what the others leave/);
    });

    it('assumes nothing with every share declared, or with one entry point', async () => {
        assert.strictEqual(trafficAssumption((await outcome(entries('traffic 95%', 'traffic 5%'), 'use1.web')).analysis.topology), undefined);
        const single = await outcome(inRegion('    alb shop in a, b { entry uses web }\n    ecs web in a, b'), 'use1.web');
        assert.strictEqual(trafficAssumption(single.analysis.topology), undefined);
        assert.ok(!formatText([single.outcome], false).includes('assumes'));
    });

    it('keeps a share a percentage', async () => {
        await expectFindings(entries('traffic 120%', ''), 'value-range', 'error', ['120%']);
    });
});
