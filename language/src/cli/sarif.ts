import { RULES, ruleDocsUrl, type RuleSeverity } from '../validation/rules.js';
import type { Finding } from '../workspace/findings.js';

const LEVEL: Record<RuleSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 with the metadata of every rule, so that code-scanning UIs can describe each finding. */
export function toSarif(findings: readonly Finding[]): object {
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
                        properties: { category: rule.category, quickFix: rule.fix },
                    })),
                },
            },
            results: findings.map(f => ({
                ruleId: f.rule,
                ruleIndex: RULES.findIndex(r => r.id === f.rule),
                level: LEVEL[f.severity],
                message: { text: f.message },
                locations: [{
                    physicalLocation: {
                        artifactLocation: { uri: f.file.split('\\').join('/') },
                        region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
                    },
                    ...(f.element ? { logicalLocations: [{ fullyQualifiedName: f.element, kind: 'resource' }] } : {}),
                }],
            })),
        }],
    };
}
