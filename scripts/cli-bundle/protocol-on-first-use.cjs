/* global module, require */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, so that the protocol is required when first read */
// What Langium's document builder imports from the language server protocol, in the CLI's bundle (see
// `protocolOnFirstUse` in scripts/bundle.mjs): the protocol is loaded when one of them is first read.
module.exports = {
    get LSPErrorCodes() {
        return require('vscode-languageserver-protocol').LSPErrorCodes;
    },
    get ResponseError() {
        return require('vscode-languageserver-protocol').ResponseError;
    },
};

// Loading the protocol installs vscode-jsonrpc's Node runtime, which its events and cancellation tokens (Langium's)
// call upon (a listener that throws is logged through it): installed here, without the rest of the protocol.
require('vscode-jsonrpc/lib/node/ril.js').default.install();
