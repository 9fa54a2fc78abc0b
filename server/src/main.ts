import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createResilServices } from '../../language/src/resil-module.js';

// The language server: the same services as the CLI, talking LSP over the connection the client chose.
const connection = createConnection(ProposedFeatures.all);
const { shared } = createResilServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
