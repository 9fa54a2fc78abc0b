import { findingsOf, hasParseOrLinkErrors, SEVERITY_ORDER, type Finding } from '../workspace/findings.js';
import { ruleById, type RuleSeverity } from '../validation/rules.js';
import { jsonText, terminalText } from '../util/sanitise.js';
import { displayPath, findingLine } from './finding-text.js';
import * as path from 'node:path';
import { URI } from 'langium';
import { buildDocuments } from '../workspace/documents.js';
import { collectFiles, createCliServices, EncodingError, readDesignFile } from './load.js';
import { SystemDiscovery } from './system-discovery.js';
import { defineCommand, parseCommandLine } from './command-line.js';
import { UsageError, userFileError } from './usage-error.js';
import type { CliResult } from './main.js';
import { toSarif } from './sarif.js';
import { pushAll } from '../util/arrays.js';

export type CheckFormat = 'text' | 'json' | 'sarif';

export interface CheckOptions {
    readonly inputs: readonly string[];
    readonly format: CheckFormat;
    readonly failOn: RuleSeverity;
}

export interface CheckResult {
    readonly output: string;
    /** The files that could not be read (permissions, pipes, binary content...), one line each. */
    readonly problems: string;
    readonly exitCode: number;
}

const CHECK_COMMAND = defineCommand({
    name: 'check',
    positionals: '<files or folders...>',
    summary: 'Parse, link and check designs; folders are searched for .resil files.',
    options: {
        format: { type: 'string', value: 'text|json|sarif', help: 'How findings are printed (default text).' },
        'fail-on': { type: 'string', value: 'error|warning|info', help: 'The least severity that makes the exit code 1 (default error).' },
    },
});

/** `resil check <files or folders...> [--format text|json|sarif] [--fail-on error|warning|info]`. */
export async function runCheckCommand(args: string[]): Promise<CliResult> {
    const { values, positionals } = parseCommandLine(CHECK_COMMAND, args);
    const result = await runCheck({ inputs: positionals, format: parseFormat(values.format), failOn: parseFailOn(values['fail-on']) });
    return { stdout: result.output, stderr: result.problems, exitCode: result.exitCode };
}

/**
 * `resil check`: parse, link and validate every file; report findings; exit 0, 1 or 2 per the CLI contract. A file
 * that cannot be read is reported and the others are checked; the exit code is then 2.
 */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
    const collected = collectFiles(options.inputs);
    const problems = collected.problems;
    // A system spans its files: each is checked with all of them, once, however many of them were named.
    const files = new SystemDiscovery().withTheirSystems(collected.files);
    const findings: Finding[] = [];
    const texts: Array<{ file: string; text: string }> = [];
    let checked = 0;
    for (const file of files) {
        try {
            texts.push({ file, text: readDesignFile(file) });
        } catch (error) {
            if (error instanceof EncodingError) {
                findings.push(error.finding);
                checked++;
                continue;
            }
            const unreadable = error instanceof UsageError ? error : userFileError(error);
            if (!unreadable) throw error;
            problems.push(unreadable.message);
        }
    }
    const documents = await buildDocuments(createCliServices(), texts.map(({ file, text }) => ({ text, uri: URI.file(path.resolve(file)) })));
    documents.forEach((document, i) => pushAll(findings, findingsOf(document, displayPath(texts[i].file))));
    checked += documents.length;
    if (checked === 0 && problems.length > 0) throw new UsageError(problems.join('\n'));
    const output = format(findings, options.format, checked, problems);
    const broken = hasParseOrLinkErrors(findings) || problems.length > 0;
    const failing = findings.some(f => SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER[options.failOn]);
    const problemLines = problems.map(p => `resil check: ${terminalText(p)}\n`).join('');
    return { output, problems: problemLines, exitCode: broken ? 2 : failing ? 1 : 0 };
}

function format(findings: readonly Finding[], kind: CheckFormat, fileCount: number, unreadable: readonly string[]): string {
    switch (kind) {
        case 'json': return jsonText({ diagnostics: findings.map(f => ({ ...f, failureCategory: ruleById(f.rule)?.failureCategory ?? null })) });
        case 'sarif': return jsonText(toSarif(findings, { unreadable }));
        case 'text': return formatText(findings, fileCount, unreadable.length);
    }
}

function formatText(findings: readonly Finding[], fileCount: number, unreadable: number): string {
    const lines = findings.map(findingLine);
    const count = (severity: RuleSeverity) => findings.filter(f => f.severity === severity).length;
    const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
    const notRead = unreadable > 0 ? `; ${files(unreadable)} could not be read` : '';
    lines.push(`${files(fileCount)} checked: ${count('error')} errors, ${count('warning')} warnings, ${count('info')} infos${notRead}`);
    return lines.join('\n') + '\n';
}

export function parseFormat(value: string | undefined): CheckFormat {
    if (value === undefined) return 'text';
    if (value === 'text' || value === 'json' || value === 'sarif') return value;
    throw new UsageError(`--format must be text, json or sarif, not '${terminalText(value)}'`);
}

export function parseFailOn(value: string | undefined): RuleSeverity {
    if (value === undefined) return 'error';
    if (value === 'error' || value === 'warning' || value === 'info') return value;
    throw new UsageError(`--fail-on must be error, warning or info, not '${terminalText(value)}'`);
}
