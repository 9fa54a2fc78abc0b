import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { CancellationTokenSource } from 'vscode-languageserver';
import { interruptForRequests } from '../../language/src/util/request-turn.js';
import { ImmediateMessageWriter } from '../../server/src/immediate-writer.js';

/** Keeps the thread busy for `ms`, as a slice of a large build does. */
function busy(ms: number): void {
    const end = performance.now() + ms;
    while (performance.now() < end) { /* a slice of work */ }
}

/**
 * What vscode-jsonrpc does with a request read from stdio: the event loop reads it (here a timer, which fires in the
 * same turn before the immediates, as polling does), its reader decodes it in an immediate, its connection handles
 * it in the next one.
 */
function requestArrives(answer: () => void): void {
    setTimeout(() => setImmediate(() => setImmediate(answer)), 0);
}

describe('turns given to requests between slices of work', () => {
    it('answers a request that arrived during a slice before the next slice starts', async () => {
        const token = new CancellationTokenSource().token;
        let slicesStarted = 0;
        let answeredAfter: number | undefined;
        await new Promise<void>(resolve => setImmediate(resolve));
        for (let slice = 0; slice < 4; slice++) {
            slicesStarted++;
            if (slice === 1) requestArrives(() => { answeredAfter = slicesStarted; });
            // Longer than the period between turns: every slice ends with one.
            busy(15);
            await interruptForRequests(token);
        }
        assert.equal(answeredAfter, 2, 'answered after the slice it arrived in, before the next');
    });

    it('throws when the work is cancelled', async () => {
        const source = new CancellationTokenSource();
        source.cancel();
        await assert.rejects(interruptForRequests(source.token));
    });
});

describe('the stdio message writer', () => {
    it('writes a message at once, header and body, in the order written', () => {
        const chunks: Buffer[] = [];
        const stream = new Writable({ write(chunk: Buffer, _encoding, done) { chunks.push(Buffer.from(chunk)); done(); } });
        const writer = new ImmediateMessageWriter(stream);
        void writer.write({ jsonrpc: '2.0', id: 1, result: { text: 'é' } } as never);
        void writer.write({ jsonrpc: '2.0', method: 'n' } as never);
        const body1 = JSON.stringify({ jsonrpc: '2.0', id: 1, result: { text: 'é' } });
        const body2 = JSON.stringify({ jsonrpc: '2.0', method: 'n' });
        assert.equal(Buffer.concat(chunks).toString('utf8'),
            `Content-Length: ${Buffer.byteLength(body1)}\r\n\r\n${body1}Content-Length: ${Buffer.byteLength(body2)}\r\n\r\n${body2}`);
    });
});
