import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { ErrorCodes, RequestType, type ResponseError } from 'vscode-languageserver-protocol';
import * as protocol from '../../language/src/protocol/index.js';
import { TOUR_FILE } from '../support/paths.js';
import { serverWithDocument } from '../support/lsp-fixture.js';

const URI = 'file:///virtual/params-tour.resil';
const REQUESTS = (Object.values(protocol) as unknown[]).filter((x): x is RequestType<unknown, unknown, void> => x instanceof RequestType);

/** Params the server cannot read answer InvalidParams with what was expected, over a real stdio connection. */
describe('custom requests with malformed params', function () {
    this.timeout(60_000);
    const client = serverWithDocument(URI, fs.readFileSync(TOUR_FILE, 'utf8'));
    const send = (method: string, params: unknown) => client().connection.sendRequest<unknown>(method, params);
    const invalid = (message: RegExp) => (error: ResponseError<unknown>) => {
        assert.equal(error.code, ErrorCodes.InvalidParams, error.message);
        assert.match(error.message, message);
        return true;
    };

    it('are tried for every request the protocol module declares', () => {
        assert.deepEqual(new Set(REQUESTS), new Set([
            protocol.BlastRadiusRequest, protocol.FailureTargetsRequest, protocol.RequirementsRequest, protocol.DiagramRequest,
            protocol.DiagramSvgRequest, protocol.CdkExportRequest, protocol.CdkPreviewRequest, protocol.ReportSectionsRequest,
        ]));
    });

    for (const request of REQUESTS) {
        it(`${request.method}: no uri, or not a string, or a document the server does not know`, async () => {
            for (const params of [null, [], 'x', 3, {}, { uri: 5 }, [URI]]) {
                await assert.rejects(send(request.method, params), invalid(/^expected \{ uri: string \}$/), JSON.stringify(params));
            }
            for (const uri of ['file:///virtual/none.resil', 'not a scheme:x']) {
                await assert.rejects(send(request.method, { uri, folder: '/tmp/x' }), invalid(/not a Resil document the server knows/), uri);
            }
        });
    }

    it('names the field it cannot read, and keeps serving', async () => {
        const cases: Array<[RequestType<unknown, unknown, void>, object, RegExp]> = [
            [protocol.BlastRadiusRequest, { uri: URI, fail: 'use1' }, /`fail` must be a list of names/],
            [protocol.BlastRadiusRequest, { uri: URI, scenario: ['zoneAndCell'] }, /`scenario` must be a name/],
            [protocol.DiagramSvgRequest, { uri: URI, fail: [1] }, /`fail` must be a list of names/],
            [protocol.CdkExportRequest, { uri: URI, folder: 'relative/cdk' }, /expected an absolute folder/],
            [protocol.CdkPreviewRequest, { uri: URI, position: 'top' }, /`position` must be \{ line, character \}/],
            [protocol.CdkPreviewRequest, { uri: URI, position: { line: -1, character: 0 } }, /`position` must be/],
            [protocol.CdkPreviewRequest, { uri: URI, region: 5 }, /`region` must be a region name/],
        ];
        for (const [request, params, message] of cases) await assert.rejects(send(request.method, params), invalid(message), JSON.stringify(params));
        const preview = await send(protocol.CdkPreviewRequest.method, { uri: URI, position: { line: 0, character: 0 } }) as protocol.CdkPreviewResult;
        assert.match(preview.content, /Stack/);
    });
});
