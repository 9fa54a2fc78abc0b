import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node.js';

/**
 * Writes each message to a stream at once, in the order written. vscode-jsonrpc's stream writer queues every
 * message behind a `setImmediate`: while a large design is built in slices, an answer computed between two slices
 * then went out only after the next one (a hover on another file waited two slices instead of one). The server's
 * stdout is written synchronously anyway (a pipe or a file, on Linux and macOS), and the IPC writer the editor uses
 * sends at once too: this one does on stdio what vscode-jsonrpc's does, without the wait.
 */
export class ImmediateMessageWriter extends AbstractMessageWriter implements MessageWriter {
    private errorCount = 0;

    constructor(private readonly stream: NodeJS.WritableStream) {
        super();
        stream.on('error', (error: unknown) => this.fireError(error));
        stream.on('close', () => this.fireClose());
    }

    write(message: Message): Promise<void> {
        try {
            const body = Buffer.from(JSON.stringify(message), 'utf8');
            this.stream.write(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii');
            this.stream.write(body);
            this.errorCount = 0;
            return Promise.resolve();
        } catch (error) {
            this.fireError(error, message, ++this.errorCount);
            return Promise.reject(error);
        }
    }

    end(): void {
        this.stream.end();
    }
}
