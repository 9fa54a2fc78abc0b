import * as assert from 'node:assert';
import { expectHover } from 'langium/test';
import { build, inRegion, testServices } from '../support/services.js';
import { LANGUAGE_TOUR as TOUR } from '../support/paths.js';


describe('analysis in the editor', () => {
    it('hovers a service with its doc comment, placement, availability and blast radius', async () => {
        const text = inRegion(`
    /** The front door. */
    alb <|>edge in a, b, c { entry uses api }
    ecs api in a, b, c { tasks 6 needs 5 }`);
        await expectHover(testServices())({
            text, index: 0, disposeAfterCheck: true,
            hover: /^The front door\.\n\n---\n\n\*\*alb\*\* `use1\.edge` · zonal in use1\.a, use1\.b, use1\.c\n\nEstimated availability: 99\.98%.*\n\nIf `use1\.edge` fails: 1 failed, 0 degraded, entry point use1\.edge failed, 100% of customers down/s,
        });
    });

    it('hovers an Aurora cluster with its instances, its writer\'s AZ and its failover when that AZ fails', async () => {
        const text = inRegion(`
    alb edge in a, b, c { entry uses orders }
    aurora <|>orders in a, b, c { readers 2 }`);
        await expectHover(testServices())({
            text, index: 0, disposeAfterCheck: true,
            hover: /^\*\*aurora\*\* `use1\.orders` · zonal in use1\.a, use1\.b, use1\.c · 3 nodes · writer in use1\.a\n\nEstimated availability: 99\.99%/,
        });
        await expectHover(testServices())({
            text: text.replace('<|>orders', 'orders').replace('az a', 'az <|>a'), index: 0, disposeAfterCheck: true,
            hover: /If AZ use1\.a fails: 0 failed, 2 degraded, entry point use1\.edge degraded/,
        });
    });

    it('hovers an AZ with its blast radius and the capacity it leaves, also from a reference', async () => {
        const text = inRegion(`
    alb edge in a, b, c { entry uses api }
    ecs api in <|>a, b, c { tasks 6 needs 5 }`);
        await expectHover(testServices())({
            text, index: 0, disposeAfterCheck: true,
            hover: /\*\*AZ\*\* `use1\.a`\n\nIf AZ use1\.a fails: 2 failed, 0 degraded, entry point use1\.edge failed.*Capacity left:\n- `use1\.api`: 4 of 6 tasks left \(needs 5\)/s,
        });
    });

    it('hovers a cell and a scenario with their blast radius', async () => {
        const cell = TOUR.replace('cell payments[4]', 'cell <|>payments[4]');
        await expectHover(testServices())({
            text: cell, index: 0, disposeAfterCheck: true,
            hover: /\*\*cell\*\* `use1\.payments` · 4 replicas in use1\.a, use1\.b, use1\.c · behind `use1\.customerRouter` \(shuffle shard 2\)\n\nIf one replica \(use1\.payments\[0\]\) fails: 2 failed, 4 degraded, entry point dns degraded/,
        });
        const scenario = TOUR.replace('scenario badDeploy', 'scenario <|>badDeploy');
        await expectHover(testServices())({
            text: scenario, index: 0, disposeAfterCheck: true,
            hover: /\*\*scenario\*\* `badDeploy` \(a bad deploy takes out two payment cells\): fails use1\.payments\[1\], use1\.payments\[3\]\n\nBlast radius: 4 failed, 4 degraded, entry point dns degraded, 16\.67% of customers down/,
        });
    });

    it('puts a code lens on each region, AZ, cell and scenario that runs resil.simulateFailure', async () => {
        const document = await build(TOUR);
        const lenses = await testServices().lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } }) ?? [];
        const titles = lenses.map(l => l.command?.title);
        assert.strictEqual(lenses.length, 2 + 6 + 1 + 2);
        assert.ok(titles.includes('AZ use1.a fails: 0 failed, 0 degraded, entry points ok'), titles.join('\n'));
        assert.ok(titles.includes('Region use1 fails: 24 failed, 4 degraded, entry point dns degraded'), titles.join('\n'));
        assert.ok(titles.includes('Cell use1.payments[0] fails: 2 failed, 4 degraded, entry point dns degraded'), titles.join('\n'));
        assert.ok(titles.includes('Scenario badDeploy: 4 failed, 4 degraded, entry point dns degraded, 16.67% of customers down'), titles.join('\n'));
        const az = lenses.find(l => l.command?.title.startsWith('AZ use1.a'))!;
        assert.strictEqual(az.command!.command, 'resil.simulateFailure');
        assert.deepStrictEqual(az.command!.arguments, [{ uri: document.uri.toString(), fail: ['use1.a'] }]);
        assert.strictEqual(document.textDocument.getText(az.range), 'a');
        const scenario = lenses.find(l => l.command?.title.startsWith('Scenario zoneAndCell'))!;
        assert.deepStrictEqual(scenario.command!.arguments, [{ uri: document.uri.toString(), scenario: 'zoneAndCell' }]);
    });

    it('shows each entry point estimated availability as an inlay hint after its name', async () => {
        const document = await build(TOUR);
        const range = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };
        const hints = await testServices().lsp.InlayHintProvider!.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range }) ?? [];
        assert.strictEqual(hints.length, 1);
        const line = document.textDocument.getText().split('\n')[hints[0].position.line];
        assert.match(line, /route53 dns/);
        assert.strictEqual(hints[0].position.character, line.indexOf('dns') + 3);
        // Two regions behind a Route 53 failover: the switch time of each outage keeps it well below six nines.
        assert.strictEqual(hints[0].label, '≈ 99.9983%');
    });
});
