import { Console } from 'node:console';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node.js';
import { answeringInvalidRequests } from './invalid-requests.js';
import { transportFromArguments } from './transport.js';

/**
 * The server's connection on the transport of its command line, with malformed requests answered (see
 * invalid-requests.ts). Because the server builds the transport itself, it also does what vscode-languageserver does
 * for a transport it builds: on stdio, keep stdout for messages (library code logs with `console.log`), and end the
 * process when the client closes stdin.
 */
export function createServerConnection(): Connection {
    const transport = transportFromArguments(process.argv.slice(2));
    if (transport.stdio) {
        globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
    }
    const reader = answeringInvalidRequests(transport.reader, transport.writer, why => connection.console.warn(`Answered a malformed request with an error: ${why}`));
    const connection = createConnection(ProposedFeatures.all, reader, transport.writer);
    // A client that closes stdin without the `exit` notification has gone away: nothing will ask for anything again.
    if (transport.stdio) transport.reader.onClose(() => process.exit(1));
    return connection;
}
