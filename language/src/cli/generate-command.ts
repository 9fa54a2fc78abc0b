import { CDK_GENERATOR_ID, generateCdkApp, unmappedText, type UnmappedElement } from '../generator/cdk/generate.js';
import { OutputFolderError, writeGeneratedFiles, type WriteReport } from '../generator/output-folder.js';
import { getTopology } from '../model/topology.js';
import { findingsOf } from '../workspace/findings.js';
import { terminalText } from '../util/sanitise.js';
import { displayPath, findingLine } from './finding-text.js';
import { loadLinkedDocument } from './linked-document.js';
import { defineCommand, parseCommandLine } from './command-line.js';
import { UsageError } from './usage-error.js';
import type { CliResult } from './main.js';

const GENERATE_COMMAND = defineCommand({
    name: 'generate',
    positionals: 'cdk <file>',
    summary: 'Write an AWS CDK v2 app (TypeScript) for the design. Regenerating keeps files you added or changed.',
    options: {
        output: { type: 'string', short: 'o', value: 'FOLDER', help: 'The folder to write the app to.' },
        force: { type: 'boolean', help: 'Generate although the design has errors, or into a non-empty folder that resil did not generate.' },
        strict: { type: 'boolean', help: 'Exit 1 when the app cannot carry part of the design (listed on stderr).' },
    },
});

/**
 * `resil generate cdk`: the same generator as the VS Code command `Resil: Export CDK App`. A design with errors is
 * refused (exit 2, its errors printed) unless `--force`: its app would carry whichever of two contradicting values
 * the generator happened to read. What the app cannot carry is listed on stderr; `--strict` makes that exit 1.
 */
export async function runGenerate(args: string[]): Promise<CliResult> {
    const { values, positionals } = parseCommandLine(GENERATE_COMMAND, args);
    const [target, file, ...rest] = positionals;
    if (target !== 'cdk') throw new UsageError(target === undefined ? 'what to generate? `resil generate cdk <file> -o <folder>`' : `cannot generate '${terminalText(target)}': only 'cdk'`);
    if (file === undefined || rest.length > 0) throw new UsageError('expected one .resil file: `resil generate cdk <file> -o <folder>`');
    if (!values.output) throw new UsageError('missing -o <folder>');
    const document = await loadLinkedDocument(file);
    const errors = findingsOf(document, displayPath(file)).filter(f => f.severity === 'error');
    if (errors.length > 0 && !values.force) {
        throw new UsageError(`${terminalText(file)} has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}: fix ${errors.length === 1 ? 'it' : 'them'} first (\`resil check\`), or generate anyway with --force:\n${errors.map(findingLine).join('\n')}`);
    }
    const app = generateCdkApp(getTopology(document.parseResult.value));
    let report: WriteReport;
    try {
        report = writeGeneratedFiles(values.output, app.files, { force: values.force, generator: CDK_GENERATOR_ID });
    } catch (error) {
        if (error instanceof OutputFolderError) throw new UsageError(error.message);
        throw error;
    }
    const failsStrict = values.strict === true && app.unmapped.length > 0;
    return { stdout: formatReport(report, app.warnings), stderr: formatUnmapped(app.unmapped, failsStrict), exitCode: failsStrict ? 1 : 0 };
}

/** The report, one line per item: folder names, file paths and warnings quote the design and the user. */
export function formatReport(report: WriteReport, warnings: readonly string[]): string {
    const lines = [`CDK app in ${terminalText(report.folder)}: ${report.written.length} written, ${report.unchanged.length} unchanged, ${report.skipped.length} skipped`];
    for (const skipped of report.skipped) lines.push(`  skipped ${terminalText(skipped.path)}: ${terminalText(skipped.reason)}`);
    for (const warning of warnings) lines.push(`warning: ${terminalText(warning)}`);
    return lines.join('\n') + '\n';
}

/** `not generated: model.resil:12 use1.api: ...`, one line each; under --strict, the reason for exit 1 last. */
function formatUnmapped(unmapped: readonly UnmappedElement[], failsStrict: boolean): string {
    const lines = unmapped.map(u => `not generated: ${terminalText(unmappedText(u))}`);
    if (failsStrict) lines.push(`--strict: the app does not carry ${unmapped.length} element${unmapped.length === 1 ? '' : 's'} of the design (listed above and in its README)`);
    return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
