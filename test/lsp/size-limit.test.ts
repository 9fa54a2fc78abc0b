import * as assert from 'node:assert';
import { MAX_FILE_BYTES } from '../../language/src/workspace/limits.js';
import { LspClient } from '../support/lsp-client.js';

describe('language server: a design over the size limit', function () {
    this.timeout(60_000);
    let client: LspClient;

    before(async () => { client = await LspClient.start(); });
    after(async () => { await client.stop(); });

    it('gets one diagnostic saying why it is not analysed, and the server goes on', async () => {
        const uri = 'file:///limits/huge.resil';
        const huge = client.nextDiagnostics(uri);
        client.open(uri, `system Huge {\n${' '.repeat(MAX_FILE_BYTES)}}\n`);
        const { diagnostics } = await huge;
        assert.deepStrictEqual(diagnostics.map(d => [d.code, d.range.start.line, d.range.start.character, d.message]), [
            ['syntax', 0, 0, '3,145,744 bytes is larger than the 3 MB a design may have: Resil does not analyse it. Split the design into several files.'],
        ]);
        const small = 'file:///limits/small.resil';
        const checked = client.nextDiagnostics(small);
        client.open(small, 'system Small { region r { az a sqs q } }\n');
        await checked;
        assert.strictEqual(client.server.exitCode, null, client.serverStderr);
    });
});
