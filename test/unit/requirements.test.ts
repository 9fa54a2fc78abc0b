import * as assert from 'node:assert';
import { diagnostics, inRegion } from '../support/services.js';
import { LANGUAGE_TOUR as TOUR } from '../support/paths.js';


/** A system with `requires` and one region use1 (AZs a, b, c) holding `members`. */
function design(requires: string, members: string): string {
    return inRegion(members).replace('system T {', `system T {\n  ${requires}`);
}

const violations = (text: string) => diagnostics(text, 'requirement-violated');

describe('requirements', () => {
    it('holds every requirement of the tour', async () => {
        assert.deepStrictEqual(await violations(TOUR), []);
    });

    it('survive az-loss: holds with static stability, fails on the require line without it', async () => {
        const stable = 'alb edge in a, b, c { uses api }\n    ecs api in a, b, c { tasks 9 needs 6 }';
        assert.deepStrictEqual(await violations(design('require survive az-loss', stable)), []);
        const found = await violations(design('require survive az-loss', stable.replace('tasks 9', 'tasks 6')));
        assert.strictEqual(found.length, 1);
        const [d] = found;
        assert.strictEqual(d.range.start.line, 1);
        assert.match(d.message, /require survive az-loss does not hold: when AZ use1\.a fails, entry point use1\.edge fails because use1\.api has 4 of 6 tasks left and needs 6 \(also when use1\.b, use1\.c fail\)/);
        assert.match(d.message, /static stability/);
        assert.deepStrictEqual(d.relatedInformation?.map(r => [r.message, r.location.range.start.line]), [['ecs use1.api', 7]]);
    });

    it('survive region-loss: holds with a Route 53 failover, fails without', async () => {
        const regions = `region use1 { az a az b alb edge in a, b }
  region usw2 { az a az b alb edge in a, b }`;
        const withFailover = `system T {\n  require survive region-loss\n  global { route53 dns { entry failover primary use1.edge secondary usw2.edge } }\n  ${regions}\n}`;
        assert.deepStrictEqual(await violations(withFailover), []);
        const found = await violations(withFailover.replace('failover primary use1.edge secondary usw2.edge', 'uses use1.edge'));
        assert.strictEqual(found.length, 1);
        assert.match(found[0].message, /when Region use1 fails, entry point dns fails because use1\.edge is in region use1.*route53 \.\.\. failover/);
    });

    const cells = (router: string) => design('require blast-radius cell-loss <= 25%', `alb edge in a, b, c { uses r }
    ${router}
    cell cells[4] in a, b, c { lambda front { uses store } dynamodb store }`);

    it('blast-radius cell-loss: holds when one cell is a quarter of the customers, fails above', async () => {
        assert.deepStrictEqual(await violations(cells('router r over cells')), []);
        const found = await violations(cells('router r over cells').replace('cells[4]', 'cells[3]'));
        assert.strictEqual(found.length, 1);
        assert.match(found[0].message, /cell-loss <= 25% does not hold: when Cell use1\.cells\[\d\] fails, 33\.33% of customers are down/);
        assert.match(found[0].message, /shuffle shard k/);
        assert.deepStrictEqual(found[0].relatedInformation?.map(r => r.message), ['router use1.r']);
        // With shuffle sharding one cell takes nobody down.
        assert.deepStrictEqual(await violations(cells('router r over cells { shuffle shard 2 }').replace('cells[4]', 'cells[3]')), []);
    });

    it('availability: holds at the estimate, fails above it naming the entry point and its weakest dependency', async () => {
        // 0.9999 (alb) x 0.9995 (lambda) = 99.94%.
        const members = 'alb edge in a, b { uses f }\n    lambda f';
        assert.deepStrictEqual(await violations(design('require availability 99.9%', members)), []);
        const found = await violations(design('require availability 99.95%', members));
        assert.strictEqual(found.length, 1);
        assert.match(found[0].message, /entry point use1\.edge is estimated at 99\.94% \(weakest hard dependency: use1\.f at 99\.95%\)/);
        assert.deepStrictEqual(found[0].relatedInformation?.map(r => r.message), ['alb use1.edge', 'lambda use1.f']);
    });

    it('honours `allow requirement-violated` on the system', async () => {
        const text = design('require availability 99.99%\n  allow requirement-violated "accepted for the prototype"', 'lambda f');
        assert.deepStrictEqual(await violations(text), []);
    });
});
