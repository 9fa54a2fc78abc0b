import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toSarif } from '../../language/src/cli/sarif.js';
import { FIXABLE_RULES } from '../../language/src/lsp/resil-code-actions.js';
import { DOCS_BASE_URL, FAILURE_CATEGORIES, FAILURE_CATEGORY_TITLES, RULES, ruleDocsUrl } from '../../language/src/validation/rules.js';
import { build } from '../support/services.js';
import { REPO_ROOT as ROOT } from '../support/paths.js';

const DOCS = fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as dashes. */
function githubSlug(heading: string): string {
    return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

interface Section {
    readonly heading: string;
    readonly body: string;
}

/** The `### ` sections of the rule documentation, each up to the next heading. */
function ruleSections(): Section[] {
    return DOCS.split(/^(?=#{2,3} )/m).filter(s => s.startsWith('### ')).map(s => {
        const [first, ...rest] = s.split('\n');
        return { heading: first.slice(4), body: rest.join('\n') };
    });
}

const snippets = (body: string): string[] => [...body.matchAll(/```resil\n([\s\S]*?)```/g)].map(m => m[1]);

/** A snippet as a whole design: region members go into a region with three AZs. */
function asDesign(snippet: string): string {
    if (snippet.startsWith('system') || snippet.startsWith('//')) return snippet;
    const members = snippet.trimEnd().split('\n').map(l => (l ? `    ${l}` : l)).join('\n');
    return `system Example {\n  region use1 "us-east-1" {\n    az a\n    az b\n    az c\n${members}\n  }\n}\n`;
}

describe('rule documentation', () => {
    it('has one section per rule, whose anchor is the link the diagnostics carry', () => {
        const sections = ruleSections();
        const anchors = sections.map(s => githubSlug(s.heading));
        assert.deepStrictEqual([...anchors].sort(), RULES.map(r => r.id).sort(), 'no rule without docs, no docs without a rule');
        for (const rule of RULES) {
            assert.strictEqual(ruleDocsUrl(rule.id), `${DOCS_BASE_URL}#${githubSlug(rule.id)}`);
            const section = sections.find(s => githubSlug(s.heading) === rule.id)!;
            assert.match(section.body, new RegExp(`Default severity: ${rule.severity}\\b`), `${rule.id} severity`);
            assert.match(section.body, new RegExp(`Quick fix: ${rule.fix ? 'yes' : 'no'}\\b`), `${rule.id} quick fix`);
            assert.match(section.body, new RegExp(`^- Failure category: ${FAILURE_CATEGORY_TITLES[rule.failureCategory]}$`, 'm'), `${rule.id} failure category`);
        }
    });

    for (const section of ruleSections()) {
        const rule = section.heading.trim();
        const [failing, passing] = snippets(section.body);
        if (failing === undefined) continue;
        it(`${rule}: the failing snippet trips it and the passing one does not`, async () => {
            assert.ok(passing !== undefined, 'a passing snippet');
            const fired = (await build(asDesign(failing))).diagnostics ?? [];
            assert.ok(fired.some(d => d.code === rule), `fires on:\n${failing}\n${JSON.stringify(fired.map(d => d.code))}`);
            const quiet = (await build(asDesign(passing))).diagnostics ?? [];
            assert.deepStrictEqual(quiet.filter(d => d.code === rule).map(d => d.message), [], `quiet on:\n${passing}`);
        });
    }

    it('explains the five failure categories of the resilience analysis framework, with their JSON names', () => {
        assert.match(DOCS, /https:\/\/docs\.aws\.amazon\.com\/prescriptive-guidance\/latest\/resilience-analysis-framework\//);
        for (const category of FAILURE_CATEGORIES) {
            assert.match(DOCS, new RegExp(`^\\| ${FAILURE_CATEGORY_TITLES[category]} \\| [a-z ]+ \\| \`${category}\` \\|$`, 'm'), category);
        }
    });

    it('marks exactly the rules that have a quick fix', () => {
        assert.deepStrictEqual([...FIXABLE_RULES].sort(), RULES.filter(r => r.fix).map(r => r.id).sort());
    });
});

describe('SARIF rule metadata', () => {
    it('describes every rule: id, name, short and full description, help URI, default level', () => {
        const sarif = toSarif([]) as { runs: Array<{ tool: { driver: { rules: Array<Record<string, unknown>> } } }> };
        const rules = sarif.runs[0].tool.driver.rules;
        assert.deepStrictEqual(rules.map(r => r.id), RULES.map(r => r.id));
        const levels = { error: 'error', warning: 'warning', info: 'note' } as const;
        for (const [i, rule] of RULES.entries()) {
            const entry = rules[i] as {
                name: string; shortDescription: { text: string }; fullDescription: { text: string }; helpUri: string;
                defaultConfiguration: { level: string }; properties: { failureCategory: string };
            };
            assert.match(entry.name, /^[A-Z][A-Za-z0-9]+$/, `${rule.id} name`);
            assert.strictEqual(entry.shortDescription.text, rule.title);
            assert.ok(entry.fullDescription.text.startsWith(rule.summary) && entry.fullDescription.text.includes(rule.source));
            assert.strictEqual(entry.helpUri, ruleDocsUrl(rule.id));
            assert.strictEqual(entry.defaultConfiguration.level, levels[rule.severity]);
            assert.strictEqual(entry.properties.failureCategory, rule.failureCategory);
        }
        assert.strictEqual(new Set(rules.map(r => r.name)).size, rules.length, 'rule names are unique');
    });

    it('points each result at its rule', () => {
        const finding = { file: 'a.resil', line: 1, column: 1, endLine: 1, endColumn: 2, severity: 'warning' as const, rule: 'sqs-dlq', message: 'm', element: 'use1.q' };
        const sarif = toSarif([finding]) as { runs: Array<{ results: Array<{ ruleId: string; ruleIndex: number; level: string }> }> };
        const [result] = sarif.runs[0].results;
        assert.strictEqual(result.ruleId, 'sqs-dlq');
        assert.strictEqual(RULES[result.ruleIndex].id, 'sqs-dlq');
        assert.strictEqual(result.level, 'warning');
    });
});
