import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { wellFormed } from '../util/sanitise.js';
import { RULES, ruleDocsUrl, type RuleSeverity } from '../validation/rules.js';
import type { Finding } from '../workspace/findings.js';

const LEVEL: Record<RuleSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** The folder that relative artifact URIs are relative to: where `resil check` ran (the repository, in CI). */
const SOURCE_ROOT = '%SRCROOT%';

export interface SarifOptions {
    /** What relative file names are relative to. */
    readonly workingFolder?: string;
    /** Files that could not be read, one message each: the run did not check everything. */
    readonly unreadable?: readonly string[];
}

/**
 * SARIF 2.1.0 with the metadata of every rule, so that code-scanning UIs can describe each finding. Files are
 * URI references (percent-encoded): relative to SOURCE_ROOT, the working folder, or absolute `file:` URIs.
 */
export function toSarif(findings: readonly Finding[], { workingFolder = process.cwd(), unreadable = [] }: SarifOptions = {}): object {
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'resil',
                    informationUri: 'https://github.com/resil-dev/resil',
                    rules: RULES.map(rule => ({
                        id: rule.id,
                        name: rule.title.replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').map(w => w[0].toUpperCase() + w.slice(1)).join(''),
                        shortDescription: { text: rule.title },
                        fullDescription: { text: `${rule.summary} Source: ${rule.source}.` },
                        helpUri: ruleDocsUrl(rule.id),
                        help: { text: `${rule.summary} See ${ruleDocsUrl(rule.id)}` },
                        defaultConfiguration: { level: LEVEL[rule.severity] },
                        properties: { category: rule.category, failureCategory: rule.failureCategory, quickFix: rule.fix },
                    })),
                },
            },
            invocations: [{
                executionSuccessful: unreadable.length === 0,
                toolExecutionNotifications: unreadable.map(problem => ({ level: 'error', message: { text: problem } })),
            }],
            originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(path.join(workingFolder, path.sep)).href } },
            results: findings.map(f => ({
                ruleId: f.rule,
                ruleIndex: RULES.findIndex(r => r.id === f.rule),
                level: LEVEL[f.severity],
                message: { text: f.message },
                locations: [{
                    physicalLocation: {
                        artifactLocation: artifactLocation(f.file),
                        region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
                    },
                    ...(f.element ? { logicalLocations: [{ fullyQualifiedName: f.element, kind: 'resource' }] } : {}),
                }],
            })),
        }],
    };
}

/** `f.file` is relative to the working folder, or absolute when outside it (see `displayPath`). */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
    if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
    return { uri: file.split(path.sep).map(segment => encodeURIComponent(wellFormed(segment))).join('/'), uriBaseId: SOURCE_ROOT };
}
