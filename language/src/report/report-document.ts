import { formatAvailability, formatShare } from '../analysis/availability.js';
import { DR_STRATEGY_TITLES } from '../analysis/dr-strategy.js';
import { formatSeconds } from '../analysis/recovery.js';
import type { ScenarioJson } from '../protocol/failures.js';
import type { DisruptionRow, ReportData, WorstFigure } from './report-data.js';

/**
 * The report as a document of blocks: one structure that the Markdown and HTML renderings serialise, so that both
 * say the same. Text is plain (renderers escape it); emphasis and code are marked, never written as markup.
 */
export type Inline = string | { readonly strong: string } | { readonly code: string };
export type Text = readonly Inline[];

export type Block =
    | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: Text }
    | { readonly kind: 'paragraph'; readonly text: Text }
    | { readonly kind: 'list'; readonly items: readonly Text[] }
    | { readonly kind: 'table'; readonly header: readonly string[]; readonly rows: readonly (readonly Text[])[] }
    /** Where the HTML report draws the design. */
    | { readonly kind: 'diagram' };

const para = (...text: Inline[]): Block => ({ kind: 'paragraph', text });
const heading = (level: 1 | 2 | 3, ...text: Inline[]): Block => ({ kind: 'heading', level, text });

function requirements(data: ReportData): Block[] {
    const blocks = [heading(2, 'Requirements')];
    if (data.requirements.length === 0) return [...blocks, para('The design states no ', { code: 'require' }, ' lines.')];
    return [...blocks, {
        kind: 'table', header: ['Requirement', 'Line', 'Holds', 'Why not'],
        rows: data.requirements.map(r => [[{ code: r.text }], [String(r.line)], [r.holds ? 'yes' : { strong: 'no' }], [r.holds ? '-' : r.message]]),
    }];
}

function worst(figure: WorstFigure | undefined, target: number | undefined): Text {
    if (!figure) return ['-'];
    const value = formatSeconds(figure.seconds);
    return [target !== undefined && figure.seconds > target ? { strong: value } : value, ` (${figure.subject}, ${figure.scenario})`];
}

const target = (seconds: number | undefined): Text => [seconds === undefined ? '-' : formatSeconds(seconds)];

function recovery(data: ReportData): Block[] {
    const derivations = data.disruptions.flatMap(derivationItems);
    return [
        heading(2, 'Recovery objectives by disruption'),
        para('The worst estimate over every scenario of each type; unbounded: nothing in the design recovers it before the AWS event ends.'),
        {
            kind: 'table', header: ['Disruption', 'Scenarios', 'RTO target', 'Estimated RTO', 'RPO target', 'Estimated RPO'],
            rows: data.disruptions.map(row => [[row.disruption], [String(row.scenarios)], target(row.rtoTarget), worst(row.rto, row.rtoTarget), target(row.rpoTarget), worst(row.rpo, row.rpoTarget)]),
        },
        ...(derivations.length > 0 ? [para('How the worst figures come about:'), { kind: 'list', items: derivations } as const] : []),
    ];
}

function derivationItems(row: DisruptionRow): Text[] {
    return ([['RTO', row.rto], ['RPO', row.rpo]] as const)
        .filter(([, figure]) => figure !== undefined && figure.seconds > 0)
        .map(([objective, figure]) => [`${row.disruption} ${objective}: ${figure!.derivation}`]);
}

function strategy(data: ReportData): Block[] {
    return [heading(2, 'Disaster recovery strategy'), data.strategies.length === 0 ? para('The design has no region.') : {
        kind: 'table', header: ['Region', 'Recovers into', 'Strategy', 'Because', 'Next step up'],
        rows: data.strategies.map(s => [[s.primary], [s.secondary ?? '-'], [{ strong: DR_STRATEGY_TITLES[s.strategy] }], [s.evidence.join('; ')], [s.nextStep ?? '-']]),
    }];
}

function availability(data: ReportData): Block[] {
    return [
        heading(2, 'Availability per entry point'),
        ...(data.availability.length === 0 ? [para('The design has no entry point.')] : []),
        ...data.availability.flatMap(entry => [
            heading(3, `${entry.entryPoint}: ${formatAvailability(entry.estimate)}`),
            { kind: 'list', items: entry.derivation.map(d => [d.trim()]) } as const,
        ]),
        para('Assumptions:'),
        { kind: 'list', items: data.assumptions.map(a => [a]) },
    ];
}

function entryStates(entryPoints: ScenarioJson['entryPoints']): Text {
    const entries = Object.entries(entryPoints);
    if (entries.length === 0) return ['-'];
    return entries.flatMap(([name, state], i): Inline[] => [i > 0 ? ', ' : '', `${name}: `, state === 'ok' ? 'ok' : { strong: state }]);
}

function scenarios(data: ReportData): Block[] {
    const names = (list: readonly string[]): Text => [list.length === 0 ? '-' : list.join(', ')];
    return [heading(2, 'Blast radius of every scenario'), data.scenarios.length === 0 ? para('No scenario to simulate.') : {
        kind: 'table', header: ['Scenario', 'Failed', 'Degraded', 'Entry points', 'Customers down'],
        rows: data.scenarios.map(s => [[s.name], names(s.failed), names(s.degraded), entryStates(s.entryPoints), [formatShare(s.customersDown)]]),
    }];
}

function findings(data: ReportData): Block[] {
    return [
        heading(2, 'Findings by failure category'),
        para('The failure categories of AWS\'s resilience analysis framework: https://docs.aws.amazon.com/prescriptive-guidance/latest/resilience-analysis-framework/'),
        ...data.findings.flatMap(group => [
            heading(3, `${group.title} (${group.findings.length})`),
            group.findings.length === 0 ? para('None.') : {
                kind: 'list', items: group.findings.map(f => [`line ${f.line}, ${f.severity} `, { code: f.rule }, `: ${f.message}`]),
            } as const,
        ]),
    ];
}

/** The sections that come from the recovery analysis: what the editor's report adds to what it has already. */
export function recoverySections(data: ReportData): Block[] {
    return [...recovery(data), ...strategy(data), ...availability(data)];
}

export function reportDocument(data: ReportData): Block[] {
    const violated = data.requirements.filter(r => !r.holds).length;
    const count = (severity: string) => data.findings.reduce((n, g) => n + g.findings.filter(f => f.severity === severity).length, 0);
    const verdict = data.requirements.length === 0 ? 'no requirements stated'
        : violated === 0 ? `all ${data.requirements.length} requirements hold` : `${violated} of ${data.requirements.length} requirements violated`;
    return [
        heading(1, `Resilience report: ${data.fileName}`),
        para(`${count('error')} errors, ${count('warning')} warnings, ${count('info')} infos; ${verdict}.`),
        { kind: 'diagram' },
        ...requirements(data),
        ...recoverySections(data),
        ...scenarios(data),
        ...findings(data),
    ];
}
