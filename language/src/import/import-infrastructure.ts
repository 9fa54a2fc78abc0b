import * as fs from 'node:fs';
import * as path from 'node:path';
import { assemblyTemplates } from './cdk-out.js';
import { templateStacks } from './cloudformation.js';
import type { ImportedDesign } from './design.js';
import { printDesign } from './design-printer.js';
import { importDesign } from './import-design.js';
import { ImportError } from './import-error.js';
import { parseJsonText } from './json-text.js';
import type { SourceStack } from './source.js';
import { isTerraformJson, terraformStack } from './terraform-plan.js';
import { parseYamlText } from './yaml-text.js';

/** An input larger than this is refused before it is read: CloudFormation's own limit is 1 MB per template. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export interface ImportOptions {
    /** The region of stacks whose code does not say it. */
    readonly region?: string;
    /** The system's name; the input's file name by default. */
    readonly systemName?: string;
}

export interface ImportResult {
    readonly design: ImportedDesign;
    /** The design as `.resil` text, before formatting. */
    readonly text: string;
}

/** Reads a template (JSON or YAML), a cdk.out folder or a Terraform plan's JSON, and writes it as a design. */
export function importInfrastructure(input: string, options: ImportOptions = {}): ImportResult {
    const stacks = readStacks(input, options.region);
    const design = importDesign(stacks);
    const systemName = options.systemName ?? path.basename(input).replace(/\.(template\.)?(json|ya?ml|out)$/i, '') ?? 'imported';
    return { design, text: printDesign(design, { systemName, input, defaultRegion: options.region }) };
}

/** The stacks of the input; `region` is the region of those whose environment or provider does not say it. */
export function readStacks(input: string, region?: string): SourceStack[] {
    const stat = statOf(input);
    if (stat.isDirectory()) {
        if (!fs.existsSync(path.join(input, 'manifest.json'))) throw new ImportError(`${input}: a folder without manifest.json: not a CDK cloud assembly (cdk.out)`);
        return templateStacks(assemblyTemplates(input, { read: readInput, parse: parseText }).map(t => ({ ...t, region: t.region ?? region })));
    }
    const parsed = parseText(readInput(input), input);
    if (isTerraformJson(parsed)) return [terraformStack(parsed, input, path.basename(input), region)];
    return templateStacks([{ stackName: path.basename(input), file: input, template: parsed, region }]);
}

/** JSON when it looks like JSON, else YAML (a `.template` file may be either). */
function parseText(text: string, file: string): unknown {
    const start = text.replace(/^\uFEFF/, '').trimStart()[0];
    return start === '{' || start === '[' || /\.json$/i.test(file) ? parseJsonText(text.replace(/^\uFEFF/, ''), file) : parseYamlText(text, file);
}

function statOf(file: string): fs.Stats {
    try {
        return fs.statSync(file);
    } catch (error) {
        throw new ImportError(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`);
    }
}

function readInput(file: string): string {
    const stat = statOf(file);
    if (!stat.isFile()) throw new ImportError(`${file}: not a regular file`);
    if (stat.size > MAX_INPUT_BYTES) throw new ImportError(`${file}: ${(stat.size / 1024 / 1024).toFixed(1)} MB is larger than the ${MAX_INPUT_BYTES / 1024 / 1024} MB an import reads`);
    try {
        return fs.readFileSync(file, 'utf8');
    } catch (error) {
        throw new ImportError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
}
