import { Cancellation } from 'langium';

/**
 * The cancellation token of Langium's builds, for the code that parses, links and checks. It is the one
 * `vscode-languageserver` exports too (both come from vscode-jsonrpc), but importing it from there would load the
 * whole protocol and its connection (with Node's `net` and `crypto`) into every CLI start, which needs none of them.
 */
export type CancellationToken = Cancellation.CancellationToken;
export const CancellationToken = Cancellation.CancellationToken;
