import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createThreadedElk } from '../../language/src/diagram/threaded-elk.js';
import { registerBlastRadiusRequest } from '../../language/src/lsp/blast-radius-request.js';
import { createResilServices } from '../../language/src/resil-module.js';
import { DiagramLayouts, registerDiagramRequest } from '../../language/src/lsp/diagram-request.js';
import { registerCdkRequests } from '../../language/src/lsp/cdk-requests.js';
import { createServerConnection } from './connection.js';
import { registerDesignRequests } from './design-requests.js';
import { registerDiagramExport } from './diagram-export.js';
import { watchRuleSettings } from './rule-settings.js';

// The language server: the same services as the CLI, talking LSP over the connection the client chose.
const connection = createServerConnection();
const { shared, Resil } = createResilServices({ connection, ...NodeFileSystem });
// Diagrams are laid out in a thread of their own, so that no layout ever holds up a hover; open designs are laid out
// ahead, so that their diagrams open at once.
const elk = createThreadedElk();
const layouts = new DiagramLayouts(elk);
layouts.layOutAhead(shared, error => connection.console.warn(`Diagram layout thread: ${error instanceof Error ? error.message : String(error)}`));
connection.onShutdown(() => elk.dispose());
watchRuleSettings(shared, Resil);
registerDesignRequests(connection, shared);
registerDiagramExport(connection, shared, elk);
registerBlastRadiusRequest(connection, shared);
registerDiagramRequest(connection, shared, layouts);
registerCdkRequests(connection, shared);
startLanguageServer(shared);
