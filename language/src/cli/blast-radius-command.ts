import { analysisOf, blastRadiusJson, outcomesFor } from '../analysis/analysis.js';
import { formatShare } from '../analysis/availability.js';
import { availabilityJson } from '../analysis/availability-report.js';
import { UnknownFailureName } from '../analysis/scenarios.js';
import type { ScenarioOutcome } from '../analysis/simulation.js';
import { trafficAssumption } from '../analysis/traffic.js';
import type { FailureSelection } from '../protocol/failures.js';
import { jsonText, terminalText } from '../util/sanitise.js';
import { loadLinkedDocument } from './linked-document.js';
import { defineCommand, parseCommandLine } from './command-line.js';
import { UsageError } from './usage-error.js';
import type { CliResult } from './main.js';

type BlastRadiusFormat = 'text' | 'json';

const BLAST_RADIUS_COMMAND = defineCommand({
    name: 'blast-radius',
    positionals: '<file>',
    summary: 'Simulate failures: every region, AZ and cell replica alone, or the names given with --fail together, or a scenario block.',
    options: {
        fail: { type: 'string', multiple: true, value: 'NAME', help: 'Fail this together with the others given: use1, use1.a, use1.payments, use1.payments[2], use1.payments[2].authorize, dns.' },
        scenario: { type: 'string', value: 'NAME', help: 'Simulate the scenario block of this name.' },
        format: { type: 'string', value: 'text|json', help: 'How the outcome is printed (default text).' },
    },
});

/** `resil blast-radius`: the CLI contract of docs/analysis.md. */
export async function runBlastRadius(args: string[]): Promise<CliResult> {
    const { values, positionals } = parseCommandLine(BLAST_RADIUS_COMMAND, args);
    const format = parseFormat(values.format);
    if (positionals.length !== 1) throw new UsageError(`expected one .resil file, got ${positionals.length}`);
    const file = positionals[0];
    const document = await loadLinkedDocument(file);
    const request: FailureSelection = { fail: values.fail, scenario: values.scenario };
    let outcomes: readonly ScenarioOutcome[];
    const analysis = analysisOf(document.parseResult.value);
    try {
        outcomes = outcomesFor(analysis, request);
    } catch (error) {
        // The message quotes the name given, whatever it holds.
        if (error instanceof UnknownFailureName) throw new UsageError(terminalText(error.message));
        throw error;
    }
    const detailed = request.scenario !== undefined || (request.fail?.length ?? 0) > 0;
    const stdout = format === 'json' ? jsonText({ ...blastRadiusJson(outcomes), availability: availabilityJson(analysis) }) : formatText(outcomes, detailed);
    return { stdout, stderr: '', exitCode: 0 };
}

function parseFormat(value: string | undefined): BlastRadiusFormat {
    if (value === undefined) return 'text';
    if (value === 'text' || value === 'json') return value;
    throw new UsageError(`--format must be text or json, not '${terminalText(value)}'`);
}

/** A table, one scenario a row; for scenarios asked for by name, the services and the capacity left too. */
export function formatText(outcomes: readonly ScenarioOutcome[], detailed: boolean): string {
    const header = ['scenario', 'failed', 'degraded', 'customers down', 'entry points'];
    const rows = outcomes.map(o => [
        o.scenario.name,
        String(o.failed.length),
        String(o.degraded.length),
        formatShare(o.customersDown),
        [...o.entryPoints].map(([name, state]) => `${name} ${state}`).join(', ') || '(none)',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => i === cells.length - 1 ? c : c.padEnd(widths[i])).join('  ').trimEnd();
    const lines = [line(header), ...rows.map(line)];
    const assumption = outcomes.length > 0 ? trafficAssumption(outcomes[0].graph.topology) : undefined;
    if (assumption) lines.push(`(${assumption})`);
    if (detailed) {
        for (const outcome of outcomes) lines.push('', ...details(outcome));
    }
    return lines.join('\n') + '\n';
}

function details(outcome: ScenarioOutcome): string[] {
    const { scenario } = outcome;
    // The title is a string of the design: it may hold line breaks, which must not make lines of their own.
    const lines = [`${scenario.name}${scenario.title ? ` (${terminalText(scenario.title)})` : ''}: fails ${scenario.targets.map(t => t.name).join(', ') || 'nothing'}`];
    lines.push(`  failed:   ${outcome.failed.join(', ') || '(none)'}`);
    lines.push(`  degraded: ${outcome.degraded.join(', ') || '(none)'}`);
    const capacity = [...outcome.capacityLeft].sort((a, b) => a[0].localeCompare(b[0]));
    if (capacity.length > 0) {
        lines.push('  capacity left:');
        for (const [name, left] of capacity) {
            lines.push(`    ${name}: ${left.left} of ${left.total} ${left.unit}${left.needs !== undefined ? `, needs ${left.needs}` : ''}`);
        }
    }
    return lines;
}
