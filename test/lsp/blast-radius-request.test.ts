import * as assert from 'node:assert';
import { BlastRadiusRequest } from '../../language/src/protocol/index.js';
import { serverWithDocument } from '../support/lsp-fixture.js';
import { LANGUAGE_TOUR as TOUR } from '../support/paths.js';

const URI = 'file:///virtual/tour.resil';

interface ScenarioJson {
    name: string; fail: string[]; failed: string[]; degraded: string[]; entryPoints: Record<string, string>; customersDown: number;
}

/** `resil/blastRadius` over a real stdio connection to the built server (`npm run build` first). */
describe(`${BlastRadiusRequest.method} request`, function () {
    this.timeout(60_000);
    const client = serverWithDocument(URI, TOUR);
    const request = (params: object) => client().connection.sendRequest<{ scenarios: ScenarioJson[] }>(BlastRadiusRequest.method, params);

    it('answers every single-failure scenario when nothing is named', async () => {
        const { scenarios } = await request({ uri: URI });
        assert.deepStrictEqual(scenarios.map(s => s.name), [
            'use1', 'usw2', 'use1.a', 'use1.b', 'use1.c', 'usw2.a', 'usw2.b', 'usw2.c',
            'use1.payments[0]', 'use1.payments[1]', 'use1.payments[2]', 'use1.payments[3]',
        ]);
        const usw2 = scenarios.find(s => s.name === 'usw2')!;
        assert.deepStrictEqual(usw2, {
            name: 'usw2', fail: ['usw2'], failed: ['usw2.api', 'usw2.edge', 'usw2.orders'], degraded: ['dns'],
            entryPoints: { dns: 'degraded' }, customersDown: 0,
        });
    });

    it('fails names together and runs scenario blocks', async () => {
        const failed = await request({ uri: URI, fail: ['use1.payments[3]', 'use1.payments[1]'] });
        assert.deepStrictEqual(failed.scenarios.map(s => [s.fail, s.customersDown]), [[['use1.payments[1]', 'use1.payments[3]'], 0.166667]]);
        const block = await request({ uri: URI, scenario: 'zoneAndCell' });
        assert.deepStrictEqual(block.scenarios[0].failed, ['use1.payments[0].authorize', 'use1.payments[0].ledger']);
    });

    it('answers unknown names with an error that suggests the closest ones', async () => {
        await assert.rejects(request({ uri: URI, fail: ['use1.paymnts'] }), (e: Error) => /unknown name 'use1\.paymnts'; did you mean use1\.payments/.test(e.message));
        await assert.rejects(request({ uri: 'file:///virtual/none.resil' }), /not a Resil document the server knows/);
        await assert.rejects(request({ fail: 'use1' }), /expected \{ uri: string/);
    });
});
