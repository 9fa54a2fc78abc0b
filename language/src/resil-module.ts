import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext,
    type LangiumServices, type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { RuleConfigProvider } from './config/rule-config.js';
import { ResilGeneratedModule, ResilGeneratedSharedModule } from './generated/module.js';
import { AnalysisCodeLensProvider } from './lsp/analysis-code-lens-provider.js';
import { AnalysisHoverProvider } from './lsp/analysis-hover-provider.js';
import { AvailabilityInlayHintProvider } from './lsp/availability-inlay-hints.js';
import { ResilCodeActionProvider } from './lsp/resil-code-actions.js';
import { ResilCompletionProvider } from './lsp/resil-completion-provider.js';
import { ResilFormatter } from './lsp/resil-formatter.js';
import { ResilRenameProvider } from './lsp/resil-rename-provider.js';
import { ResilSemanticTokenProvider } from './lsp/resil-semantic-tokens.js';
import { ResilAsyncParser } from './parsing/resil-async-parser.js';
import { ResilLexer } from './parsing/resil-lexer.js';
import { createResilCompletionParser, createResilParser } from './parsing/resil-parser.js';
import { ResilTokenBuilder } from './parsing/resil-token-builder.js';
import { ResilValueConverter } from './parsing/resil-value-converter.js';
import { LazyAstNodeDescriptionProvider } from './scoping/lazy-node-descriptions.js';
import { ResilLinker } from './scoping/resil-linker.js';
import { ResilScopeComputation } from './scoping/resil-scope-computation.js';
import { ResilScopeProvider } from './scoping/resil-scope-provider.js';
import { ResilDocumentValidator } from './validation/resil-document-validator.js';
import { ResilValidationRegistry } from './validation/node-checks.js';
import { RuleReporter } from './validation/rule-reporter.js';
import { registerValidationChecks } from './validation/resil-validator.js';
import { LazyReferenceDescriptionProvider } from './workspace/lazy-reference-descriptions.js';
import { ResilWorkspaceModule } from './workspace/workspace-module.js';

/** Services Resil adds to Langium's. */
export interface ResilAddedServices {
    config: {
        RuleConfig: RuleConfigProvider;
    };
    validation: {
        RuleReporter: RuleReporter;
    };
}

export type ResilServices = LangiumServices & ResilAddedServices;

export const ResilModule: Module<ResilServices, PartialLangiumServices & ResilAddedServices> = {
    config: {
        RuleConfig: () => new RuleConfigProvider(),
    },
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
    parser: {
        AsyncParser: (services) => new ResilAsyncParser(services),
        CompletionParser: (services) => createResilCompletionParser(services),
        Lexer: (services) => new ResilLexer(services),
        LangiumParser: (services) => createResilParser(services),
        TokenBuilder: () => new ResilTokenBuilder(),
        ValueConverter: () => new ResilValueConverter(),
    },
    references: {
        Linker: (services) => new ResilLinker(services),
        ScopeComputation: (services) => new ResilScopeComputation(services),
        ScopeProvider: (services) => new ResilScopeProvider(services),
    },
    workspace: {
        AstNodeDescriptionProvider: (services) => new LazyAstNodeDescriptionProvider(services),
        ReferenceDescriptionProvider: (services) => new LazyReferenceDescriptionProvider(services),
    },
    validation: {
        DocumentValidator: (services) => new ResilDocumentValidator(services),
        ValidationRegistry: (services) => new ResilValidationRegistry(services),
        RuleReporter: (services) => new RuleReporter(services.config.RuleConfig),
    },
};

export interface ResilAllServices {
    shared: LangiumSharedServices;
    Resil: ResilServices;
}

/**
 * Creates the full set of services; the language server, the CLI and the tests all start here. `sharedOverrides`
 * replace shared services for one kind of host (the CLI's).
 */
export function createResilServices(context: DefaultSharedModuleContext, sharedOverrides?: Module<LangiumSharedServices, PartialLangiumSharedServices>): ResilAllServices {
    const shared = inject(createDefaultSharedModule(context), ResilGeneratedSharedModule, ResilWorkspaceModule, sharedOverrides ?? {});
    const Resil = inject(createDefaultModule({ shared }), ResilGeneratedModule, ResilModule);
    shared.ServiceRegistry.register(Resil);
    registerValidationChecks(Resil);
    if (!context.connection) {
        // No language server: nothing else would build the configuration provider.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Resil };
}
