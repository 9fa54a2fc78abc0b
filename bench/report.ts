import * as os from 'node:os';
import type { Measurement } from './registry.js';

/** What a child process reports for one measurement. */
export interface RawResult {
    readonly name: string;
    /** Timed runs in ms. */
    readonly times: number[];
    readonly peakMb: number;
    readonly details: string[];
    /** Why a budget other than time and peak memory was missed. */
    readonly missed?: string;
    readonly error?: string;
    /** When the measurement ended (ISO time) and the machine's 1-minute load average then: figures of one file may come from several runs. */
    readonly measuredAt?: string;
    readonly load?: number;
}

export type Verdict = 'pass' | 'FAIL' | 'no budget' | 'ERROR';

export interface Evaluated {
    readonly measurement: Measurement<unknown>;
    readonly raw: RawResult;
    readonly median: number;
    readonly min: number;
    readonly max: number;
    readonly verdict: Verdict;
    readonly summary: string;
}

export function median(values: readonly number[]): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function evaluate(measurement: Measurement<unknown>, raw: RawResult): Evaluated {
    const m = median(raw.times);
    const min = raw.times.length ? Math.min(...raw.times) : NaN;
    const max = raw.times.length ? Math.max(...raw.times) : NaN;
    const budget = measurement.budget;
    let verdict: Verdict;
    if (raw.error) verdict = 'ERROR';
    else if (raw.missed) verdict = 'FAIL';
    else if (!budget || (budget.ms === undefined && budget.mb === undefined)) verdict = measurement.check ? 'pass' : 'no budget';
    else verdict = (budget.ms === undefined || m < budget.ms) && (budget.mb === undefined || raw.peakMb < budget.mb) ? 'pass' : 'FAIL';
    const summary = raw.error
        ? `ERROR ${raw.error}`
        : `median ${ms(m)} (${ms(min)}..${ms(max)}, ${raw.times.length} runs), peak ${mb(raw.peakMb)}: ${verdict}`;
    return { measurement, raw, median: m, min, max, verdict, summary };
}

export function ms(value: number): string {
    if (!Number.isFinite(value)) return '-';
    return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value >= 100 ? 0 : 1)} ms`;
}

function mb(value: number): string {
    return Number.isFinite(value) ? `${Math.round(value)} MB` : '-';
}

function budgetText(measurement: Measurement<unknown>): string {
    const parts: string[] = [];
    if (measurement.budget?.ms !== undefined) parts.push(`< ${ms(measurement.budget.ms)}`);
    if (measurement.budget?.mb !== undefined) parts.push(`< ${measurement.budget.mb} MB`);
    if (measurement.checkSummary) parts.push(measurement.checkSummary);
    return parts.join(', ') || '-';
}

const HEADER = ['measurement', 'median', 'min', 'max', 'runs', 'peak memory', 'budget', 'result'];

function rows(results: readonly Evaluated[]): string[][] {
    return results.map(r => [
        r.measurement.title, ms(r.median), ms(r.min), ms(r.max), String(r.raw.times.length), mb(r.raw.peakMb),
        budgetText(r.measurement), r.verdict,
    ]);
}

export function renderTable(results: readonly Evaluated[]): string {
    const all = [HEADER, ...rows(results)];
    const widths = HEADER.map((_, i) => Math.max(...all.map(row => row[i].length)));
    return all.map(row => row.map((cell, i) => cell.padEnd(widths[i])).join('  ')).join('\n');
}

export function machineDescription(): string[] {
    const cpus = os.cpus();
    return [
        `- CPU: ${os.availableParallelism()} cores available (\`nproc\`), ${cpus[0]?.model.trim() ?? 'unknown model'}`,
        `- Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`,
        `- Node ${process.version} on ${os.type()} ${os.release()} (${os.arch()})`,
        // Other work on the machine slows every figure down: say how busy it was.
        `- Load average when this file was written: ${os.loadavg().map(l => l.toFixed(1)).join(', ')} (1, 5, 15 min; ${os.availableParallelism()} cores)`,
    ];
}

function whenMeasured(raw: RawResult): string | undefined {
    return raw.measuredAt ? `(Measured ${raw.measuredAt.slice(0, 16).replace('T', ' ')} UTC, load average ${raw.load?.toFixed(1) ?? '-'}.)` : undefined;
}

/** How long the run took, or, for a file updated measurement by measurement, that each note says when its figure was taken. */
export type RunLength = { readonly totalMs: number } | { readonly updated: true };

export function renderMarkdown(results: readonly Evaluated[], machine: readonly string[], run: RunLength): string {
    const table = [HEADER, HEADER.map(() => '---'), ...rows(results)].map(row => `| ${row.join(' | ')} |`);
    const notes = results.flatMap(r => {
        const lines = [r.measurement.note, ...r.raw.details, r.raw.missed ? `Missed: ${r.raw.missed}.` : undefined, r.raw.error ? `error: ${r.raw.error}` : undefined, whenMeasured(r.raw)].filter((l): l is string => !!l);
        return lines.length ? [`- **${r.measurement.title}** (\`${r.measurement.name}\`): ${lines.join(' ')}`] : [];
    });
    return [
        '# Benchmarks',
        '',
        'Written by `npm run bench` (source: `bench/`); do not edit by hand, run it again. Each measurement runs in a',
        'child process of its own: an untimed preparation, a warm-up run, then the timed runs. The table gives the',
        'median and the spread (min..max) of the timed runs and the peak resident memory of that process (for language',
        'server measurements: of the server process). Models are generated by `test/support/generate-model.ts` in the tour\'s',
        'syntax: blocks of 20 services (every service kind, a cell of 4 replicas behind a shuffle-sharding router, DLQs,',
        'a kinesis consumer, a cross-region table replica, a Route 53 failover pair), about 5.7 lines per service; the',
        'models check without errors or warnings.',
        '',
        '## Machine',
        '',
        ...machine,
        'totalMs' in run ? `- Whole run: ${ms(run.totalMs)}` : '- Updated measurement by measurement (`npm run bench -- --update <name>...`): each note below says when its figure was taken and how busy the machine was.',
        '',
        '## Results',
        '',
        ...table,
        '',
        '## What each figure includes',
        '',
        ...notes,
        '',
        'Run one measurement: `npm run bench -- <name>` (the table is printed, this file is left alone); `npm run bench -- --update <name>...`',
        'replaces those figures here (the raw figures are kept in `docs/benchmarks.json`).',
        '',
    ].join('\n');
}
