import * as path from 'node:path';
import { ImportError } from './import-error.js';
import type { TemplateInput } from './cloudformation.js';

/**
 * A CDK cloud assembly (`cdk.out`): its manifest lists the stacks, each with its template file and environment
 * (`aws://123456789012/us-east-1`; `unknown-region` when the app left it to deploy time). Stages are nested
 * assemblies, read the same way.
 */

type JsonObject = Record<string, unknown>;

export interface AssemblyFiles {
    /** Reads a file of the assembly as text (the caller enforces size limits and turns errors into messages). */
    read(file: string): string;
    parse(text: string, file: string): unknown;
}

const MAX_NESTED_ASSEMBLIES = 10;

export function assemblyTemplates(folder: string, files: AssemblyFiles, depth = 0): TemplateInput[] {
    const manifestFile = path.join(folder, 'manifest.json');
    const manifest = files.parse(files.read(manifestFile), manifestFile);
    const artifacts = (manifest as JsonObject | null)?.artifacts;
    if (artifacts === null || typeof artifacts !== 'object') throw new ImportError(`${manifestFile}: not a CDK cloud assembly manifest (no artifacts)`);
    const inputs: TemplateInput[] = [];
    for (const [id, artifact] of Object.entries(artifacts as JsonObject)) {
        const { type, environment, properties } = (artifact ?? {}) as { type?: unknown; environment?: unknown; properties?: JsonObject };
        if (type === 'aws:cloudformation:stack' && typeof properties?.templateFile === 'string') {
            const file = path.join(folder, properties.templateFile);
            if (path.relative(folder, file).startsWith('..')) throw new ImportError(`${manifestFile}: stack ${id}'s template is outside the assembly`);
            const stackName = typeof properties.stackName === 'string' ? properties.stackName : id;
            inputs.push({ stackName, file, template: files.parse(files.read(file), file), region: regionOf(environment) });
        } else if (type === 'cdk:cloud-assembly' && typeof properties?.directoryName === 'string' && depth < MAX_NESTED_ASSEMBLIES) {
            inputs.push(...assemblyTemplates(path.join(folder, properties.directoryName), files, depth + 1));
        }
    }
    if (inputs.length === 0 && depth === 0) throw new ImportError(`${manifestFile}: the assembly has no stacks`);
    return inputs;
}

function regionOf(environment: unknown): string | undefined {
    const match = typeof environment === 'string' ? /^aws:\/\/[^/]*\/([a-z0-9-]+)$/.exec(environment) : null;
    return match && match[1] !== 'unknown-region' ? match[1] : undefined;
}
