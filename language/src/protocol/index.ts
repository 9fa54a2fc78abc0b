/**
 * Every message between the extension, the language server and the diagram webview, in one place: each custom
 * request is one `RequestType` (its method name, params and result), with the parser the server reads its params
 * with; the webview's `postMessage` messages are one union each way (`webview.ts`). Both sides import from here and
 * never spell a method name. The webview imports `webview.ts` itself: this index loads JSON-RPC.
 */
export * from './cdk.js';
export * from './diagram.js';
export * from './failures.js';
export * from './params.js';
export * from './requirements.js';
export * from './webview.js';
export * from './report.js';
