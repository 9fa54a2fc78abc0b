import * as fs from 'node:fs';
import { NodeFileSystem } from 'langium/node';
import { formatDesign } from '../import/format-design.js';
import { ImportError } from '../import/import-error.js';
import { importInfrastructure } from '../import/import-infrastructure.js';
import { terminalText } from '../util/sanitise.js';
import { defineCommand, parseCommandLine } from './command-line.js';
import { createResilServices } from '../resil-module.js';
import { UsageError, userFileError } from './usage-error.js';
import type { CliResult } from './main.js';

const IMPORT_COMMAND = defineCommand({
    name: 'import',
    positionals: '<template.json|template.yaml|cdk.out|plan.json>',
    summary: 'Write a design from infrastructure code: a CloudFormation template (JSON or YAML), a CDK cloud assembly (cdk.out) or a Terraform plan or state (`terraform show -json`). Without -o the design is printed.',
    options: {
        output: { type: 'string', short: 'o', value: 'FILE', help: 'The .resil file to write (never replaced unless --force).' },
        region: { type: 'string', value: 'CODE', help: 'The region of stacks whose code does not say it (us-east-1).' },
        name: { type: 'string', value: 'NAME', help: 'The system\'s name (the input\'s file name by default).' },
        force: { type: 'boolean', help: 'Replace the output file if it exists.' },
    },
});

/** `resil import`: the same import as the VS Code command `Resil: Import Infrastructure…`. */
export async function runImport(args: string[]): Promise<CliResult> {
    const { values, positionals } = parseCommandLine(IMPORT_COMMAND, args);
    if (positionals.length !== 1) throw new UsageError('expected one input: `resil import <template|cdk.out|plan.json> -o design.resil`');
    const output = values.output;
    if (output !== undefined && !values.force && fs.existsSync(output)) {
        throw new UsageError(`${terminalText(output)} exists: choose another file, or replace it with --force`);
    }
    let imported;
    try {
        imported = importInfrastructure(positionals[0], { region: values.region, systemName: values.name });
    } catch (error) {
        if (error instanceof ImportError) throw new UsageError(error.message);
        throw error;
    }
    // The formatter is one of the editor's features, which the other commands do without.
    const text = await formatDesign(createResilServices(NodeFileSystem).Resil, imported.text);
    const { elements, edges, skipped } = imported.design;
    const summary = `${elements.length} element${elements.length === 1 ? '' : 's'}, ${edges.length} edge${edges.length === 1 ? '' : 's'}; ${skipped.length} resource${skipped.length === 1 ? '' : 's'} not mapped (listed at the top of the design)`;
    if (output === undefined) return { stdout: text, stderr: `${summary}\n`, exitCode: 0 };
    try {
        fs.writeFileSync(output, text);
    } catch (error) {
        throw userFileError(error) ?? error;
    }
    return { stdout: `Imported into ${terminalText(output)}: ${summary}. Next: resil check ${terminalText(output)}\n`, stderr: '', exitCode: 0 };
}
