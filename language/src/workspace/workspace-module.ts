import type { Module } from 'langium';
import type { LangiumSharedServices, PartialLangiumSharedServices } from 'langium/lsp';
import { ResilDocumentBuilder } from './resil-document-builder.js';
import { ResilDocumentUpdateHandler } from './resil-document-update-handler.js';
import { ResilServiceRegistry } from './resil-service-registry.js';
import { ResilWorkspaceManager } from './resil-workspace-manager.js';

/** How Resil keeps its workspace: documents come and go as the editor and the file system say, see each class. */
export const ResilWorkspaceModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    ServiceRegistry: (services) => new ResilServiceRegistry(services),
    lsp: {
        DocumentUpdateHandler: (services) => new ResilDocumentUpdateHandler(services),
    },
    workspace: {
        DocumentBuilder: (services) => new ResilDocumentBuilder(services),
        WorkspaceManager: (services) => new ResilWorkspaceManager(services),
    },
};
