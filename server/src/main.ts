import * as path from 'node:path';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { registerBlastRadiusRequest } from '../../language/src/lsp/blast-radius-request.js';
import { createResilServices } from '../../language/src/resil-module.js';
import { registerDiagramRequest } from '../../language/src/lsp/diagram-request.js';
import { registerCdkRequests } from '../../language/src/lsp/cdk-requests.js';
import { ResilAsyncParser } from './async-parser.js';
import { registerDesignRequests } from './design-requests.js';
import { registerDiagramExport } from './diagram-export.js';
import { watchRuleSettings } from './rule-settings.js';

// The language server: the same services as the CLI, talking LSP over the connection the client chose.
const connection = createConnection(ProposedFeatures.all);
// Large designs are parsed in a worker thread (dist/parser-worker.cjs, next to this bundle).
const parserWorker = path.join(path.dirname(process.argv[1] ?? '.'), 'parser-worker.cjs');
const { shared, Resil } = createResilServices({ connection, ...NodeFileSystem }, {
    parser: { AsyncParser: (services) => new ResilAsyncParser(services, parserWorker) },
});
watchRuleSettings(shared, Resil);
registerDesignRequests(connection, shared);
registerDiagramExport(connection, shared);
registerBlastRadiusRequest(connection, shared);
registerDiagramRequest(connection, shared);
registerCdkRequests(connection, shared);
startLanguageServer(shared);
