import type { LangiumSharedCoreServices, Module, PartialLangiumSharedCoreServices } from 'langium';
import { ResilDocumentBuilder } from './resil-document-builder.js';
import { ResilServiceRegistry } from './resil-service-registry.js';

/** How Resil builds its documents, with or without an editor (see each class); `workspace-module.ts` adds the editor's part. */
export const ResilWorkspaceCoreModule: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices> = {
    ServiceRegistry: (services) => new ResilServiceRegistry(services),
    workspace: {
        DocumentBuilder: (services) => new ResilDocumentBuilder(services),
    },
};
