import { parseArgs } from 'node:util';
import { CDK_GENERATOR_ID, generateCdkApp } from '../generator/cdk/generate.js';
import { OutputFolderError, writeGeneratedFiles, type WriteReport } from '../generator/output-folder.js';
import { getTopology } from '../model/topology.js';
import { terminalText } from '../util/sanitise.js';
import { loadLinkedDocument } from './linked-document.js';
import { UsageError } from './usage-error.js';
import type { CliResult } from './main.js';

/** `resil generate cdk`: the same generator as the VS Code command `Resil: Export CDK App`. */
export async function runGenerate(args: string[]): Promise<CliResult> {
    const { values, positionals } = parseArgs({
        args, allowPositionals: true, strict: true,
        options: { output: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
    });
    const [target, file, ...rest] = positionals;
    if (target !== 'cdk') throw new UsageError(target === undefined ? 'what to generate? `resil generate cdk <file> -o <folder>`' : `cannot generate '${terminalText(target)}': only 'cdk'`);
    if (file === undefined || rest.length > 0) throw new UsageError('expected one .resil file: `resil generate cdk <file> -o <folder>`');
    if (!values.output) throw new UsageError('missing -o <folder>');
    const document = await loadLinkedDocument(file);
    const app = generateCdkApp(getTopology(document.parseResult.value));
    let report: WriteReport;
    try {
        report = writeGeneratedFiles(values.output, app.files, { force: values.force, generator: CDK_GENERATOR_ID });
    } catch (error) {
        if (error instanceof OutputFolderError) throw new UsageError(error.message);
        throw error;
    }
    return { stdout: formatReport(report, app.warnings), stderr: '', exitCode: 0 };
}

/** The report, one line per item: folder names, file paths and warnings quote the design and the user. */
export function formatReport(report: WriteReport, warnings: readonly string[]): string {
    const lines = [`CDK app in ${terminalText(report.folder)}: ${report.written.length} written, ${report.unchanged.length} unchanged, ${report.skipped.length} skipped`];
    for (const skipped of report.skipped) lines.push(`  skipped ${terminalText(skipped.path)}: ${terminalText(skipped.reason)}`);
    for (const warning of warnings) lines.push(`warning: ${terminalText(warning)}`);
    return lines.join('\n') + '\n';
}
