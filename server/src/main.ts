import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { registerBlastRadiusRequest } from '../../language/src/lsp/blast-radius-request.js';
import { createResilServices } from '../../language/src/resil-module.js';
import { registerDiagramRequest } from '../../language/src/lsp/diagram-request.js';
import { registerCdkRequests } from '../../language/src/lsp/cdk-requests.js';
import { registerDesignRequests } from './design-requests.js';
import { registerDiagramExport } from './diagram-export.js';
import { watchRuleSettings } from './rule-settings.js';

// The language server: the same services as the CLI, talking LSP over the connection the client chose.
const connection = createConnection(ProposedFeatures.all);
const { shared, Resil } = createResilServices({ connection, ...NodeFileSystem });
watchRuleSettings(shared, Resil);
registerDesignRequests(connection, shared);
registerDiagramExport(connection, shared);
registerBlastRadiusRequest(connection, shared);
registerDiagramRequest(connection, shared);
registerCdkRequests(connection, shared);
startLanguageServer(shared);
