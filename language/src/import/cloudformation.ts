import { ImportError } from './import-error.js';
import { resolveValue, resourceKey, TemplateResourceView, type StackExport, type TemplateScope } from './intrinsics.js';
import { ELEMENT_METADATA, SYSTEM_METADATA } from './model-metadata.js';
import type { SourceResource, SourceStack } from './source.js';

/** A parsed template and where it came from. */
export interface TemplateInput {
    readonly stackName: string;
    readonly file: string;
    readonly template: unknown;
    readonly region?: string;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The stacks of one or more templates read together (a cdk.out's stacks import each other's exports): every scope is
 * made first, then the exports, so that a reference across stacks resolves whichever stack comes first.
 */
export function templateStacks(inputs: readonly TemplateInput[]): SourceStack[] {
    const exports = new Map<string, StackExport>();
    const outputs = new Map<string, Map<string, StackExport>>();
    const parsed = inputs.map(input => {
        const template = checkedTemplate(input);
        const resources = template.Resources as JsonObject;
        const scope: TemplateScope = {
            stackName: input.stackName,
            region: input.region,
            resourceIds: new Set(Object.keys(resources)),
            parameters: parameterDefaults(template.Parameters),
            mappings: isObject(template.Mappings) ? template.Mappings : {},
            exports,
            outputs,
        };
        return { input, template, resources, scope };
    });
    for (const { template, scope } of parsed) {
        const own = new Map<string, StackExport>();
        outputs.set(scope.stackName, own);
        for (const [name, output] of Object.entries(isObject(template.Outputs) ? template.Outputs : {})) {
            if (!isObject(output)) continue;
            const exported = { template: scope, value: output.Value };
            own.set(name, exported);
            const exportName = isObject(output.Export) ? safeResolve(output.Export.Name, scope) : undefined;
            if (typeof exportName === 'string') exports.set(exportName, exported);
        }
    }
    return parsed.map(({ input, template, resources, scope }) => {
        const model = isObject(template.Metadata) ? { system: template.Metadata[SYSTEM_METADATA], elements: template.Metadata[ELEMENT_METADATA] } : undefined;
        const stack: SourceStack = { name: input.stackName, file: input.file, format: 'cloudformation', region: input.region, resources: [], model };
        for (const [id, resource] of Object.entries(resources)) {
            const body = isObject(resource) ? resource : {};
            const metadata = isObject(body.Metadata) ? body.Metadata : {};
            const source: SourceResource = {
                key: resourceKey(input.stackName, id),
                id,
                type: typeof body.Type === 'string' ? body.Type : '',
                stack,
                view: new TemplateResourceView(isObject(body.Properties) ? body.Properties : {}, scope),
                constructPath: typeof metadata['aws:cdk:path'] === 'string' ? metadata['aws:cdk:path'] : undefined,
                model: metadata[ELEMENT_METADATA],
            };
            stack.resources.push(source);
        }
        return stack;
    });
}

function checkedTemplate(input: TemplateInput): JsonObject {
    const { template, file } = input;
    if (!isObject(template)) throw new ImportError(`${file}: not a CloudFormation template (expected an object with Resources)`);
    if (!isObject(template.Resources)) throw new ImportError(`${file}: not a CloudFormation template: it has no Resources object`);
    return template;
}

function parameterDefaults(parameters: unknown): Record<string, unknown> {
    if (!isObject(parameters)) return {};
    const defaults: Record<string, unknown> = {};
    for (const [name, parameter] of Object.entries(parameters)) {
        if (!isObject(parameter) || parameter.Default === undefined) continue;
        // A list parameter's default is one comma-separated string.
        const listType = typeof parameter.Type === 'string' && parameter.Type.startsWith('List<') || parameter.Type === 'CommaDelimitedList';
        defaults[name] = listType && typeof parameter.Default === 'string' ? parameter.Default.split(',').map(s => s.trim()) : parameter.Default;
    }
    return defaults;
}

function safeResolve(value: unknown, scope: TemplateScope): unknown {
    try {
        return resolveValue(value, scope);
    } catch {
        return undefined;
    }
}
