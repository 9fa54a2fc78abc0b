import * as fs from 'node:fs';
import * as path from 'node:path';
import type { URI } from 'langium';
import { ruleById, type RuleSeverity } from '../validation/rules.js';

export type RuleSetting = RuleSeverity | 'off';
export type RuleSettings = Readonly<Record<string, RuleSetting>>;

export const RC_FILE_NAME = '.resilrc.json';

/**
 * The effective severity of each rule for a document: the rule's default, overridden by the `resil.rules`
 * editor setting, overridden by the nearest `.resilrc.json` up the folder tree from the document.
 */
export class RuleConfigProvider {
    private settings: RuleSettings = {};
    private readonly rcCache = new Map<string, RuleSettings>();

    /** The `resil.rules` setting of the editor (the CLI has none). */
    setSettings(settings: RuleSettings | undefined): void {
        this.settings = { ...(settings ?? {}) };
    }

    /** Forget cached `.resilrc.json` contents, e.g. after the file changed. */
    clearCache(): void {
        this.rcCache.clear();
    }

    severityFor(ruleId: string, documentUri?: URI): RuleSetting {
        const rc = documentUri?.scheme === 'file' ? this.rcFor(path.dirname(documentUri.fsPath)) : {};
        return rc[ruleId] ?? this.settings[ruleId] ?? ruleById(ruleId)?.severity ?? 'error';
    }

    /** The settings of the nearest `.resilrc.json` at or above `dir`. */
    rcFor(dir: string): RuleSettings {
        const cached = this.rcCache.get(dir);
        if (cached) return cached;
        const file = path.join(dir, RC_FILE_NAME);
        let settings: RuleSettings;
        if (fs.existsSync(file)) {
            settings = readRcFile(file).rules;
        } else {
            const parent = path.dirname(dir);
            settings = parent === dir ? {} : this.rcFor(parent);
        }
        this.rcCache.set(dir, settings);
        return settings;
    }
}

export interface RcFile {
    readonly rules: RuleSettings;
    readonly problems: string[];
}

const SETTINGS: ReadonlySet<string> = new Set(['off', 'info', 'warning', 'error']);

/** Reads a `.resilrc.json`; an unreadable file or unknown entries are reported in `problems`, never thrown. */
export function readRcFile(file: string): RcFile {
    const problems: string[] = [];
    const rules: Record<string, RuleSetting> = {};
    try {
        const json = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
        const entries = (json && typeof json === 'object' && 'rules' in json) ? (json as { rules: unknown }).rules : undefined;
        if (entries && typeof entries === 'object') {
            for (const [id, value] of Object.entries(entries)) {
                if (!ruleById(id)) problems.push(`unknown rule '${id}'`);
                else if (typeof value !== 'string' || !SETTINGS.has(value)) problems.push(`rule '${id}': expected "off", "info", "warning" or "error"`);
                else rules[id] = value as RuleSetting;
            }
        } else if (entries !== undefined) {
            problems.push('"rules" must be an object');
        }
    } catch (error) {
        problems.push(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { rules, problems };
}
