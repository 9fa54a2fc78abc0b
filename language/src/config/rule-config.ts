import * as fs from 'node:fs';
import * as path from 'node:path';
import type { URI } from 'langium';
import { ruleById, type RuleId, type RuleSeverity } from '../validation/rules.js';
import { messageOf } from '../util/errors.js';

export type RuleSetting = RuleSeverity | 'off';
export type RuleSettings = Readonly<Record<string, RuleSetting>>;

export const RC_FILE_NAME = '.resilrc.json';

/** A `.resilrc.json` as read: the valid entries, and what is wrong with the rest (never thrown). */
export interface RcFile {
    readonly rules: RuleSettings;
    readonly problems: string[];
}

/** The `.resilrc.json` that governs a folder: the nearest one at or above it, if any. */
export interface ResolvedRc extends RcFile {
    readonly file?: string;
}

const NO_RC: ResolvedRc = { rules: {}, problems: [] };

/**
 * The folder of a file's URI, made once per URI: every finding asks for its document's severities, and a URI makes
 * its path anew at each read of `fsPath` (a design's thousand findings made it a thousand times).
 */
const folders = new WeakMap<URI, string>();

function folderOf(uri: URI): string {
    let folder = folders.get(uri);
    if (folder === undefined) folders.set(uri, folder = path.dirname(uri.fsPath));
    return folder;
}

/**
 * The effective severity of each rule for a document, from lowest to highest precedence:
 * 1. the rule's default severity (the registry in `rules.ts`);
 * 2. the `resil.rules` editor setting (the language server only; the CLI has no editor settings);
 * 3. the nearest `.resilrc.json` at or above the document's folder (only that one: files are not merged).
 * An `allow <rule> "reason"` line in the model then silences the rule for its element whatever the severity.
 * The language server and `resil check` share this class, so a file gets the same severities in both.
 */
export class RuleConfigProvider {
    private settings: RuleSettings = {};
    private readonly rcCache = new Map<string, ResolvedRc>();

    /** The `resil.rules` setting of the editor (the CLI has none). */
    setSettings(settings: RuleSettings | undefined): void {
        this.settings = { ...(settings ?? {}) };
    }

    /** Forget cached `.resilrc.json` contents, e.g. after the file changed. */
    clearCache(): void {
        this.rcCache.clear();
    }

    severityFor(ruleId: RuleId, documentUri?: URI): RuleSetting {
        const rc = this.rcForDocument(documentUri).rules;
        return rc[ruleId] ?? this.settings[ruleId] ?? ruleById(ruleId)?.severity ?? 'error';
    }

    /** The `.resilrc.json` that governs a document (none for documents that are not files). */
    rcForDocument(documentUri: URI | undefined): ResolvedRc {
        return documentUri?.scheme === 'file' ? this.rcFileFor(folderOf(documentUri)) : NO_RC;
    }

    /** The settings of the nearest `.resilrc.json` at or above `dir`. */
    rcFor(dir: string): RuleSettings {
        return this.rcFileFor(dir).rules;
    }

    /** The nearest `.resilrc.json` at or above `dir`, with its problems; cached per folder. */
    rcFileFor(dir: string): ResolvedRc {
        const cached = this.rcCache.get(dir);
        if (cached) return cached;
        const file = path.join(dir, RC_FILE_NAME);
        let resolved: ResolvedRc;
        if (fs.existsSync(file)) {
            resolved = { file, ...readRcFile(file) };
        } else {
            const parent = path.dirname(dir);
            resolved = parent === dir ? NO_RC : this.rcFileFor(parent);
        }
        this.rcCache.set(dir, resolved);
        return resolved;
    }
}

const SETTINGS: ReadonlySet<string> = new Set(['off', 'info', 'warning', 'error']);

/** Checks rule settings (from `.resilrc.json` or `resil.rules`): keeps the valid entries, describes the others. */
export function parseRuleSettings(entries: unknown): RcFile {
    const problems: string[] = [];
    const rules: Record<string, RuleSetting> = {};
    if (entries === undefined) return { rules, problems };
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) {
        return { rules, problems: ['"rules" must be an object such as { "lambda-reserved-concurrency": "off" }'] };
    }
    for (const [id, value] of Object.entries(entries)) {
        if (!ruleById(id)) problems.push(`unknown rule '${id}'`);
        else if (typeof value !== 'string' || !SETTINGS.has(value)) problems.push(`rule '${id}': expected "off", "info", "warning" or "error", not ${JSON.stringify(value)}`);
        else rules[id] = value as RuleSetting;
    }
    return { rules, problems };
}

/** Reads a `.resilrc.json`; an unreadable file or unknown entries are reported in `problems`, never thrown. */
export function readRcFile(file: string): RcFile {
    let json: unknown;
    try {
        json = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    } catch (error) {
        const reason = error instanceof SyntaxError ? `invalid JSON (${error.message})` : `cannot be read (${messageOf(error)})`;
        return { rules: {}, problems: [reason] };
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
        return { rules: {}, problems: ['expected an object such as { "rules": { "dynamodb-backup": "off" } }'] };
    }
    const unknownKeys = Object.keys(json).filter(key => key !== 'rules' && key !== '$schema')
        .map(key => `unknown key '${key}' (only "rules" is read)`);
    const parsed = parseRuleSettings((json as { rules?: unknown }).rules);
    return { rules: parsed.rules, problems: [...unknownKeys, ...parsed.problems] };
}
