import { LspClient } from './lsp-client.js';

/**
 * Inside a mocha `describe`: the built server started before the tests, with `text` open as `uri` and checked once,
 * stopped after them. Returns the client, for use inside the tests.
 */
export function serverWithDocument(uri: string, text: string): () => LspClient {
    let client: LspClient | undefined;
    before(async () => {
        client = await LspClient.start();
        client.open(uri, text);
        await client.nextDiagnostics(uri);
    });
    after(async () => client?.stop());
    return () => {
        if (!client) throw new Error('the server is not started yet');
        return client;
    };
}
