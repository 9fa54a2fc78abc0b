import type { LangiumSharedServices } from 'langium/lsp';
import type { RuleSettings } from '../../language/src/config/rule-config.js';
import { RC_FILE_NAME } from '../../language/src/config/rule-config.js';
import type { ResilServices } from '../../language/src/resil-module.js';

const SECTION = 'resil';

/** Keeps only well-formed entries of the `resil.rules` setting (the RuleReporter ignores unknown rule ids). */
export function ruleSettingsFrom(value: unknown): RuleSettings {
    if (!value || typeof value !== 'object') return {};
    return Object.fromEntries(Object.entries(value).filter(([, setting]) =>
        setting === 'off' || setting === 'info' || setting === 'warning' || setting === 'error'));
}

/** Validates every open document again, e.g. after rule severities changed. */
export function revalidateAll(shared: LangiumSharedServices): Promise<void> {
    const documents = shared.workspace.LangiumDocuments.all.toArray();
    return shared.workspace.WorkspaceLock.write(token =>
        shared.workspace.DocumentBuilder.build(documents, { validation: true }, token));
}

/**
 * Applies the `resil.rules` editor setting to the rule configuration, and re-checks every document when the
 * setting or a `.resilrc.json` changes, so severities in the editor always match `resil check`.
 */
export function watchRuleSettings(shared: LangiumSharedServices, resil: ResilServices): void {
    const configuration = shared.workspace.ConfigurationProvider;
    const rules = resil.config.RuleConfig;
    // The first settings arrive with the client's `initialized`, possibly after the first documents were checked.
    void configuration.ready.then(async () => {
        const initial = ruleSettingsFrom(await configuration.getConfiguration(SECTION, 'rules'));
        rules.setSettings(initial);
        if (Object.keys(initial).length > 0) await revalidateAll(shared);
    });
    configuration.onConfigurationSectionUpdate(update => {
        if (update.section !== SECTION) return;
        rules.setSettings(ruleSettingsFrom((update.configuration as { rules?: unknown } | undefined)?.rules));
        void revalidateAll(shared);
    });
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange?.(params => {
        if (!params.changes.some(change => change.uri.endsWith(`/${RC_FILE_NAME}`))) return;
        rules.clearCache();
        void revalidateAll(shared);
    });
}
