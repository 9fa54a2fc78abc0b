import {
    createServerPipeTransport, createServerSocketTransport, IPCMessageReader, IPCMessageWriter,
    StreamMessageReader, type MessageReader, type MessageWriter,
} from 'vscode-languageserver/node.js';
import { ImmediateMessageWriter } from './immediate-writer.js';

export interface ServerTransport {
    readonly reader: MessageReader;
    readonly writer: MessageWriter;
    /** Messages go over stdout: nothing else may be written there. */
    readonly stdio: boolean;
}

/**
 * The transport the client chose on the command line, as vscode-languageserver reads it (`--stdio`, `--node-ipc`,
 * `--socket=<port>`, `--pipe=<name>`). The server builds it itself, rather than letting `createConnection` do it,
 * to read the messages before vscode-jsonrpc does (see invalid-requests.ts).
 */
export function transportFromArguments(args: readonly string[]): ServerTransport {
    for (let i = 0; i < args.length; i++) {
        const [flag, inlineValue] = args[i].split('=', 2);
        const value = () => inlineValue ?? args[i + 1];
        switch (flag) {
            case '--stdio':
                return { reader: new StreamMessageReader(process.stdin), writer: new ImmediateMessageWriter(process.stdout), stdio: true };
            case '--node-ipc':
                return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), stdio: false };
            case '--socket': {
                const [reader, writer] = createServerSocketTransport(Number.parseInt(value(), 10));
                return { reader, writer, stdio: false };
            }
            case '--pipe': {
                const [reader, writer] = createServerPipeTransport(value());
                return { reader, writer, stdio: false };
            }
        }
    }
    throw new Error('The Resil language server needs a transport on its command line: --stdio, --node-ipc, --socket=<port> or --pipe=<name>.');
}
