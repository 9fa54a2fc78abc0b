import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createThreadedElk } from '../../language/src/diagram/threaded-elk.js';
import { createResilServices } from '../../language/src/resil-module.js';
import { DiagramLayouts } from '../../language/src/lsp/diagram-request.js';
import { registerResilRequests } from './requests.js';
import { createServerConnection } from './connection.js';
import { watchRuleSettings } from './rule-settings.js';
import { releaseMemoryOfRemovedDocuments } from './memory-release.js';
import { messageOf } from '../../language/src/util/errors.js';

// The language server: the same services as the CLI, talking LSP over the connection the client chose.
const connection = createServerConnection();
const { shared, Resil } = createResilServices({ connection, ...NodeFileSystem });
// Diagrams are laid out in a thread of their own, so that no layout ever holds up a hover; open designs are laid out
// ahead, so that their diagrams open at once.
const elk = createThreadedElk();
const layouts = new DiagramLayouts(elk);
layouts.layOutAhead(shared, error => connection.console.warn(`Diagram layout thread: ${messageOf(error)}`));
connection.onShutdown(() => elk.dispose());
watchRuleSettings(shared, Resil);
releaseMemoryOfRemovedDocuments(shared);
registerResilRequests(connection, shared, layouts, elk);
startLanguageServer(shared);
