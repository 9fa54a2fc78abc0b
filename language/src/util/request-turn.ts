import { delayNextTick, OperationCancelled } from 'langium';
import { CancellationToken } from './cancellation.js';

/** The longest stretch of work between two turns given to requests (Langium's `interruptAndCheck` default). */
const TURN_PERIOD_MS = 10;

let lastTurn = 0;

/**
 * Langium's `interruptAndCheck`, but the turn lets a request read meanwhile be answered before the work goes on.
 * Langium awaits one `setImmediate`, and a request is answered only after two immediates of vscode-jsonrpc queued
 * behind it, so on a 10,000-service open a hover on another file waited for the next piece of work as well as the
 * one it arrived during (see `yieldToPendingIo`).
 */
export async function interruptForRequests(cancelToken: CancellationToken): Promise<void> {
    if (cancelToken === CancellationToken.None) return;
    const now = performance.now();
    if (now - lastTurn >= TURN_PERIOD_MS) {
        await yieldToPendingIo();
        lastTurn = performance.now();
    }
    if (cancelToken.isCancellationRequested) throw OperationCancelled;
}

/**
 * Waits until the requests that arrived meanwhile are answered. The event loop polls before it runs the first
 * immediate awaited here; vscode-jsonrpc then decodes what it read in an immediate (its stream reader's queue),
 * handles the message in the next one (its connection's queue), and a handler that needs no other turn answers at
 * once: each of those immediates was queued after one awaited here, so a third keeps the work behind them.
 */
export async function yieldToPendingIo(): Promise<void> {
    await delayNextTick();
    await delayNextTick();
    await delayNextTick();
}
