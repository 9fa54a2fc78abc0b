import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { ResilGeneratedModule, ResilGeneratedSharedModule } from './generated/module.js';
import { AnalysisCodeLensProvider } from './lsp/analysis-code-lens-provider.js';
import { AnalysisHoverProvider } from './lsp/analysis-hover-provider.js';
import { AvailabilityInlayHintProvider } from './lsp/availability-inlay-hints.js';
import { ResilCodeActionProvider } from './lsp/resil-code-actions.js';
import { ResilCompletionProvider } from './lsp/resil-completion-provider.js';
import { ResilFormatter } from './lsp/resil-formatter.js';
import { ResilRenameProvider } from './lsp/resil-rename-provider.js';
import { ResilSemanticTokenProvider } from './lsp/resil-semantic-tokens.js';
import { finishResilServices, ResilCoreModule, type ResilAddedServices } from './resil-core-module.js';
import { ResilWorkspaceCoreModule } from './workspace/workspace-core-module.js';
import { ResilWorkspaceModule } from './workspace/workspace-module.js';

export type { ResilAddedServices, ResilCoreServices } from './resil-core-module.js';

export type ResilServices = LangiumServices & ResilAddedServices;

/** The editor's features, over `ResilCoreModule`. */
export const ResilModule: Module<ResilServices, PartialLangiumServices> = {
    lsp: {
        CodeActionProvider: () => new ResilCodeActionProvider(),
        CodeLensProvider: () => new AnalysisCodeLensProvider(),
        CompletionProvider: (services) => new ResilCompletionProvider(services),
        Formatter: (services) => new ResilFormatter(services),
        HoverProvider: (services) => new AnalysisHoverProvider(services),
        InlayHintProvider: () => new AvailabilityInlayHintProvider(),
        RenameProvider: (services) => new ResilRenameProvider(services),
        SemanticTokenProvider: (services) => new ResilSemanticTokenProvider(services),
    },
};

export interface ResilAllServices {
    shared: LangiumSharedServices;
    Resil: ResilServices;
}

/**
 * Creates the full set of services, the editor's features included: the language server and the tests start here
 * (the CLI needs none of them: `createResilCoreServices`). `sharedOverrides` replace shared services for one kind of host.
 */
export function createResilServices(context: DefaultSharedModuleContext, sharedOverrides?: Module<LangiumSharedServices, PartialLangiumSharedServices>): ResilAllServices {
    const shared = inject(createDefaultSharedModule(context), ResilGeneratedSharedModule, ResilWorkspaceCoreModule, ResilWorkspaceModule, sharedOverrides ?? {});
    const Resil = inject(createDefaultModule({ shared }), ResilGeneratedModule, ResilCoreModule, ResilModule);
    finishResilServices(shared, Resil, Boolean(context.connection));
    return { shared, Resil };
}
