import { FAILURE_CATEGORIES, FAILURE_CATEGORY_TITLES, ruleById } from '../../../language/src/validation/rules.js';
import type { RequirementStatus, ScenarioJson } from '../../../language/src/protocol/index.js';
import { escapeMarkdown } from '../../../language/src/report/report-markdown.js';

/** What the resilience report shows; no `vscode` types, so the rendering is unit-tested in plain Node. */
export interface ReportFinding {
    readonly rule: string;
    readonly severity: 'error' | 'warning' | 'info';
    /** 1-based. */
    readonly line: number;
    readonly message: string;
}

export interface ReportInput {
    readonly fileName: string;
    readonly requirements: readonly RequirementStatus[];
    /** Markdown of the server's recovery, DR strategy and availability sections (`resil/reportSections`). */
    readonly recoverySections?: string;
    readonly scenarios: readonly ScenarioJson[];
    /** Why the scenarios could not be simulated, when they could not (the report still shows the rest). */
    readonly scenariosError?: string;
    readonly findings: readonly ReportFinding[];
    /** A failure the user simulated: shown first, in detail. */
    readonly simulation?: ScenarioJson;
}

export { escapeMarkdown };

function names(list: readonly string[]): string {
    return list.length === 0 ? '-' : list.map(escapeMarkdown).join(', ');
}

function percent(share: number): string {
    return `${(share * 100).toFixed(share > 0 && share < 0.01 ? 2 : 1)} %`;
}

function entryPointSummary(entryPoints: Readonly<Record<string, string>>): string {
    const entries = Object.entries(entryPoints);
    if (entries.length === 0) return '-';
    return entries.map(([name, state]) => `${escapeMarkdown(name)}: ${state === 'ok' ? 'ok' : `**${state}**`}`).join(', ');
}

function requirementsSection(requirements: readonly RequirementStatus[]): string[] {
    const lines = ['## Requirements', ''];
    if (requirements.length === 0) return [...lines, 'The design states no `require` lines.', ''];
    lines.push('| Requirement | Holds | Why not |', '| --- | --- | --- |');
    for (const r of requirements) {
        lines.push(`| ${escapeMarkdown(r.text)} (line ${r.line + 1}) | ${r.holds ? 'yes' : '**no**'} | ${r.violations.map(escapeMarkdown).join('; ') || '-'} |`);
    }
    return [...lines, ''];
}

function simulationSection(s: ScenarioJson): string[] {
    return [
        `## Simulated failure: ${escapeMarkdown(s.name)}`, '',
        `- Fails: ${names(s.fail)}`,
        `- Failed services: ${names(s.failed)}`,
        `- Degraded services: ${names(s.degraded)}`,
        `- Entry points: ${entryPointSummary(s.entryPoints)}`,
        `- Customers down: ${percent(s.customersDown)}`,
        '',
    ];
}

function scenariosSection(scenarios: readonly ScenarioJson[], error?: string): string[] {
    const lines = ['## Blast radius of every scenario', ''];
    if (error) return [...lines, `The scenarios could not be simulated: ${escapeMarkdown(error)}`, ''];
    if (scenarios.length === 0) return [...lines, 'No scenario to simulate.', ''];
    lines.push('| Scenario | Failed | Degraded | Entry points | Customers down |', '| --- | --- | --- | --- | --- |');
    for (const s of scenarios) {
        lines.push(`| ${escapeMarkdown(s.name)} | ${names(s.failed)} | ${names(s.degraded)} | ${entryPointSummary(s.entryPoints)} | ${percent(s.customersDown)} |`);
    }
    return [...lines, ''];
}

/** How many findings fall in each failure category of AWS's resilience analysis framework. */
function categorySection(findings: readonly ReportFinding[]): string[] {
    const lines = ['## Findings by failure category', '', '| Category | Findings |', '| --- | --- |'];
    for (const category of FAILURE_CATEGORIES) {
        const count = findings.filter(f => (ruleById(f.rule)?.failureCategory ?? 'misconfiguration-and-bugs') === category).length;
        lines.push(`| ${FAILURE_CATEGORY_TITLES[category]} | ${count} |`);
    }
    return [...lines, ''];
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function findingsSection(findings: readonly ReportFinding[]): string[] {
    const lines = ['## Findings by rule', ''];
    if (findings.length === 0) return [...lines, 'No findings.', ''];
    const byRule = new Map<string, ReportFinding[]>();
    for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
    const rules = [...byRule.entries()].sort(([a, fa], [b, fb]) =>
        SEVERITY_RANK[fa[0].severity] - SEVERITY_RANK[fb[0].severity] || a.localeCompare(b));
    for (const [rule, list] of rules) {
        const title = ruleById(rule)?.title;
        const category = ruleById(rule)?.failureCategory;
        lines.push(`### ${escapeMarkdown(rule)}${title ? `: ${escapeMarkdown(title)}` : ''} (${list[0].severity}, ${list.length})`, '');
        if (category) lines.push(`Failure category: ${FAILURE_CATEGORY_TITLES[category]}.`, '');
        for (const f of [...list].sort((a, b) => a.line - b.line)) lines.push(`- line ${f.line}: ${escapeMarkdown(f.message)}`);
        lines.push('');
    }
    return lines;
}

function count(findings: readonly ReportFinding[], severity: ReportFinding['severity']): number {
    return findings.filter(f => f.severity === severity).length;
}

/** The resilience report of one design as Markdown. */
export function renderReport(input: ReportInput): string {
    const violated = input.requirements.filter(r => !r.holds).length;
    const verdict = input.requirements.length === 0 ? 'no requirements stated'
        : violated === 0 ? `all ${input.requirements.length} requirements hold` : `${violated} of ${input.requirements.length} requirements violated`;
    return [
        `# Resilience report: ${escapeMarkdown(input.fileName)}`, '',
        `${count(input.findings, 'error')} errors, ${count(input.findings, 'warning')} warnings, ${count(input.findings, 'info')} infos; ${verdict}.`, '',
        ...(input.simulation ? simulationSection(input.simulation) : []),
        ...requirementsSection(input.requirements),
        ...(input.recoverySections ? [input.recoverySections] : []),
        ...categorySection(input.findings),
        ...scenariosSection(input.scenarios, input.scenariosError),
        ...findingsSection(input.findings),
    ].join('\n');
}
