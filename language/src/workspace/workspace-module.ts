import type { Module } from 'langium';
import type { LangiumSharedServices, PartialLangiumSharedServices } from 'langium/lsp';
import { ResilDocumentUpdateHandler } from './resil-document-update-handler.js';
import { ResilWorkspaceManager } from './resil-workspace-manager.js';

/**
 * How Resil keeps its workspace in the editor: documents come and go as the editor and the file system say, see
 * each class. With `ResilWorkspaceCoreModule` (how documents are built, CLI included).
 */
export const ResilWorkspaceModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    lsp: {
        DocumentUpdateHandler: (services) => new ResilDocumentUpdateHandler(services),
    },
    workspace: {
        WorkspaceManager: (services) => new ResilWorkspaceManager(services),
    },
};
