import {
    createDefaultCoreModule, createDefaultSharedCoreModule, inject, type DefaultSharedCoreModuleContext, type LangiumCoreServices,
    type LangiumSharedCoreServices, type Module, type PartialLangiumCoreServices, type PartialLangiumSharedCoreServices,
} from 'langium';
import { RuleConfigProvider } from './config/rule-config.js';
import { ResilGeneratedModule, ResilGeneratedSharedModule } from './generated/module.js';
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
import { ResilWorkspaceCoreModule } from './workspace/workspace-core-module.js';

/**
 * Resil's services without a language server: parsing, linking and validating documents, which is all the CLI does.
 * This module and what it imports stay clear of `langium/lsp` and `vscode-languageserver` (the editor's features
 * and the protocol's connection): the CLI would otherwise load and initialise them at every start, a tenth of
 * checking a small design. `resil-module.ts` adds the editor's features for the language server.
 */

/** Services Resil adds to Langium's. */
export interface ResilAddedServices {
    config: {
        RuleConfig: RuleConfigProvider;
    };
    validation: {
        RuleReporter: RuleReporter;
    };
}

export type ResilCoreServices = LangiumCoreServices & ResilAddedServices;

export const ResilCoreModule: Module<ResilCoreServices, PartialLangiumCoreServices & ResilAddedServices> = {
    config: {
        RuleConfig: () => new RuleConfigProvider(),
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

export interface ResilAllCoreServices {
    shared: LangiumSharedCoreServices;
    Resil: ResilCoreServices;
}

/**
 * Creates Resil's services without a language server (the CLI's). `sharedOverrides` replace shared services for
 * one kind of host.
 */
export function createResilCoreServices(context: DefaultSharedCoreModuleContext, sharedOverrides?: Module<LangiumSharedCoreServices, PartialLangiumSharedCoreServices>): ResilAllCoreServices {
    const shared = inject(createDefaultSharedCoreModule(context), ResilGeneratedSharedModule, ResilWorkspaceCoreModule, sharedOverrides ?? {});
    const Resil = inject(createDefaultCoreModule({ shared }), ResilGeneratedModule, ResilCoreModule);
    finishResilServices(shared, Resil, false);
    return { shared, Resil };
}

/** What every set of Resil's services does once injected: register the language and its checks. */
export function finishResilServices(shared: LangiumSharedCoreServices, Resil: ResilCoreServices, connected: boolean): void {
    shared.ServiceRegistry.register(Resil);
    registerValidationChecks(Resil);
    if (!connected) {
        // No language server: nothing else would build the configuration provider.
        shared.workspace.ConfigurationProvider.initialized({});
    }
}
