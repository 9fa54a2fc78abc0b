import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { findingsOf, hasParseOrLinkErrors, SEVERITY_ORDER, type Finding } from '../workspace/findings.js';
import type { RuleSeverity } from '../validation/rules.js';
import { collectFiles, createCliServices, loadDocument } from './load.js';
import { UsageError } from './usage-error.js';
import type { CliResult } from './main.js';
import { toSarif } from './sarif.js';
import { printable } from '../util/printable.js';

export type CheckFormat = 'text' | 'json' | 'sarif';

export interface CheckOptions {
    readonly inputs: readonly string[];
    readonly format: CheckFormat;
    readonly failOn: RuleSeverity;
}

export interface CheckResult {
    readonly output: string;
    readonly exitCode: number;
}

/** `resil check <files or folders...> [--format text|json|sarif] [--fail-on error|warning|info]`. */
export async function runCheckCommand(args: string[]): Promise<CliResult> {
    const { values, positionals } = parseArgs({
        args, allowPositionals: true, strict: true,
        options: { format: { type: 'string' }, 'fail-on': { type: 'string' } },
    });
    const result = await runCheck({ inputs: positionals, format: parseFormat(values.format), failOn: parseFailOn(values['fail-on']) });
    return { stdout: result.output, stderr: '', exitCode: result.exitCode };
}

/** `resil check`: parse, link and validate every file; report findings; exit 0, 1 or 2 per the CLI contract. */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
    const files = collectFiles(options.inputs);
    const services = createCliServices();
    const findings: Finding[] = [];
    for (const file of files) {
        const document = await loadDocument(services, file);
        findings.push(...findingsOf(document, displayPath(file)));
    }
    const output = format(findings, options.format, files.length);
    const broken = hasParseOrLinkErrors(findings);
    const failing = findings.some(f => SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[options.failOn]);
    return { output, exitCode: broken ? 2 : failing ? 1 : 0 };
}

export function displayPath(file: string): string {
    const relative = path.relative(process.cwd(), file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function format(findings: readonly Finding[], kind: CheckFormat, fileCount: number): string {
    switch (kind) {
        case 'json': return JSON.stringify({ diagnostics: findings }, null, 2) + '\n';
        case 'sarif': return JSON.stringify(toSarif(findings), null, 2) + '\n';
        case 'text': return formatText(findings, fileCount);
    }
}

function formatText(findings: readonly Finding[], fileCount: number): string {
    // File names and messages may carry text of the design: no control characters reach the terminal.
    const lines = findings.map(f => `${printable(f.file)}:${f.line}:${f.column} ${f.severity} ${f.rule} ${printable(f.message)}`);
    const count = (severity: RuleSeverity) => findings.filter(f => f.severity === severity).length;
    const files = `${fileCount} file${fileCount === 1 ? '' : 's'}`;
    lines.push(`${files} checked: ${count('error')} errors, ${count('warning')} warnings, ${count('info')} infos`);
    return lines.join('\n') + '\n';
}

export function parseFormat(value: string | undefined): CheckFormat {
    if (value === undefined) return 'text';
    if (value === 'text' || value === 'json' || value === 'sarif') return value;
    throw new UsageError(`--format must be text, json or sarif, not '${value}'`);
}

export function parseFailOn(value: string | undefined): RuleSeverity {
    if (value === undefined) return 'error';
    if (value === 'error' || value === 'warning' || value === 'info') return value;
    throw new UsageError(`--fail-on must be error, warning or info, not '${value}'`);
}
