import { readPath, type PropertyName, type ResourceView } from './source.js';

/**
 * CloudFormation's intrinsic functions, resolved as far as the template itself says: parameters to their
 * defaults, pseudo parameters the stack's environment gives, `Fn::Select` over `Fn::GetAZs` to the AZ's index;
 * references to resources (`Ref`, `Fn::GetAtt`, `${x}` in `Fn::Sub`, an export read with `Fn::ImportValue`) are
 * collected, never evaluated, so that a cycle of `Ref`s cannot loop.
 */

/** Beyond this nesting, a property is refused (the resource is listed as not mapped), never walked on. */
export const MAX_NESTING = 200;

export class NestingTooDeep extends Error {
    constructor() {
        super(`intrinsic functions or values nested deeper than ${MAX_NESTING} levels`);
        this.name = 'NestingTooDeep';
    }
}

/** The AZ at an index of the region's list (`Fn::Select [1, Fn::GetAZs ""]`): which AZ is the account's. */
export class AzAtIndex {
    constructor(readonly index: number) { }
}

/** The region's AZs (`Fn::GetAZs`), before an index is selected. */
class RegionAzs { }

/** An export of a stack (`Export: { Name }`), for `Fn::ImportValue` in another stack of the same import. */
export interface StackExport {
    readonly template: TemplateScope;
    readonly value: unknown;
}

/** What a template's intrinsic functions resolve against. */
export interface TemplateScope {
    readonly stackName: string;
    readonly region?: string;
    readonly resourceIds: ReadonlySet<string>;
    readonly parameters: Readonly<Record<string, unknown>>;
    readonly mappings: Readonly<Record<string, unknown>>;
    /** Shared by the stacks of one import, filled before any resource is read. */
    readonly exports: ReadonlyMap<string, StackExport>;
    /** Outputs by stack name and output name (`Fn::GetStackOutput`, CDK's cross-region references). */
    readonly outputs: ReadonlyMap<string, ReadonlyMap<string, StackExport>>;
}

export function resourceKey(stackName: string, id: string): string {
    return `${stackName}/${id}`;
}

/**
 * What `AWS::Region` reads when the stack's environment does not say its region: still the stack's own region, so
 * that a global table's replica in `!Ref AWS::Region` is not taken for another region's.
 */
export const UNKNOWN_REGION = '${AWS::Region}';

const PSEUDO_VALUES: Record<string, (scope: TemplateScope) => unknown> = {
    'AWS::Region': scope => scope.region ?? UNKNOWN_REGION,
    'AWS::URLSuffix': () => 'amazonaws.com',
    'AWS::Partition': () => 'aws',
    'AWS::StackName': scope => scope.stackName,
    'AWS::NoValue': () => undefined,
};

/** The literal a value stands for, or undefined when the template does not say it (a resource's attribute...). */
export function resolveValue(value: unknown, scope: TemplateScope, depth = 0): unknown {
    if (depth > MAX_NESTING) throw new NestingTooDeep();
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(item => resolveValue(item, scope, depth + 1));
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
        const [name, argument] = entries[0];
        if (name === 'Ref' || name.startsWith('Fn::')) return resolveFunction(name, argument, scope, depth + 1);
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, resolveValue(item, scope, depth + 1)]));
}

function resolveFunction(name: string, argument: unknown, scope: TemplateScope, depth: number): unknown {
    const resolve = (value: unknown) => resolveValue(value, scope, depth + 1);
    switch (name) {
        case 'Ref': {
            if (typeof argument !== 'string') return undefined;
            if (argument in PSEUDO_VALUES) return PSEUDO_VALUES[argument](scope);
            return scope.resourceIds.has(argument) ? undefined : resolve(scope.parameters[argument]);
        }
        case 'Fn::GetAZs': return new RegionAzs();
        case 'Fn::Select': {
            if (!Array.isArray(argument) || argument.length !== 2) return undefined;
            const index = Number(resolve(argument[0]));
            const list = resolve(argument[1]);
            if (!Number.isInteger(index) || index < 0) return undefined;
            if (list instanceof RegionAzs) return new AzAtIndex(index);
            return Array.isArray(list) ? list[index] : undefined;
        }
        case 'Fn::Join': {
            if (!Array.isArray(argument) || argument.length !== 2) return undefined;
            const [separator, list] = [resolve(argument[0]), resolve(argument[1])];
            if (typeof separator !== 'string' || !Array.isArray(list) || !list.every(isPrintable)) return undefined;
            return list.join(separator);
        }
        case 'Fn::Split': {
            if (!Array.isArray(argument) || argument.length !== 2) return undefined;
            const [separator, text] = [resolve(argument[0]), resolve(argument[1])];
            return typeof separator === 'string' && typeof text === 'string' ? text.split(separator) : undefined;
        }
        case 'Fn::Sub': return resolveSub(argument, scope, depth);
        case 'Fn::FindInMap': {
            if (!Array.isArray(argument) || argument.length < 3) return undefined;
            const [map, first, second] = argument.slice(0, 3).map(resolve);
            if (typeof map !== 'string' || typeof first !== 'string' || typeof second !== 'string') return undefined;
            return resolve(readPath(scope.mappings, `${map}.${first}.${second}`));
        }
        case 'Fn::Base64': return resolve(argument);
        case 'Fn::ImportValue': {
            const exported = exportOf(argument, scope, depth);
            return exported ? resolveValue(exported.value, exported.template, depth + 1) : undefined;
        }
        // A condition the template decides at deploy time: the code does not say which branch.
        default: return undefined;
    }
}

function isPrintable(value: unknown): value is string | number {
    return typeof value === 'string' || typeof value === 'number';
}

const SUB_VARIABLE = /\$\{(?!!)([^}]*)\}/g;

function resolveSub(argument: unknown, scope: TemplateScope, depth: number): unknown {
    const [text, variables] = Array.isArray(argument) ? [argument[0], argument[1] as Record<string, unknown> | undefined] : [argument, undefined];
    if (typeof text !== 'string') return undefined;
    let known = true;
    const result = text.replace(SUB_VARIABLE, (_whole, name: string) => {
        const value = variables && Object.hasOwn(variables, name)
            ? resolveValue(variables[name], scope, depth + 1)
            : name.includes('.') ? undefined : resolveFunction('Ref', name, scope, depth + 1);
        if (!isPrintable(value)) known = false;
        return String(value);
    });
    return known ? result.replace(/\$\{!/g, '${') : undefined;
}

function exportOf(argument: unknown, scope: TemplateScope, depth: number): StackExport | undefined {
    const name = resolveValue(argument, scope, depth + 1);
    return typeof name === 'string' ? scope.exports.get(name) : undefined;
}

/** The keys of the resources a value references, in the order they appear. */
export function referencedResources(value: unknown, scope: TemplateScope): string[] {
    const found = new Set<string>();
    collectReferences(value, scope, found, 0, new Set());
    return [...found];
}

function collectReferences(value: unknown, scope: TemplateScope, found: Set<string>, depth: number, exportsSeen: Set<StackExport>): void {
    if (depth > MAX_NESTING) throw new NestingTooDeep();
    if (value === null || typeof value !== 'object') return;
    const walk = (item: unknown, within: TemplateScope = scope) => collectReferences(item, within, found, depth + 1, exportsSeen);
    const add = (id: unknown) => {
        if (typeof id === 'string' && scope.resourceIds.has(id)) found.add(resourceKey(scope.stackName, id));
    };
    if (Array.isArray(value)) {
        for (const item of value) walk(item);
        return;
    }
    const entries = Object.entries(value as Record<string, unknown>);
    const [name, argument] = entries.length === 1 ? entries[0] : [undefined, undefined];
    switch (name) {
        case 'Ref': add(argument); return;
        case 'Fn::GetAtt':
            if (Array.isArray(argument)) add(argument[0]);
            else if (typeof argument === 'string') add(argument.split('.')[0]);
            return;
        case 'Fn::Sub': {
            const [text, variables] = Array.isArray(argument) ? [argument[0], argument[1] as Record<string, unknown> | undefined] : [argument, undefined];
            if (variables && typeof variables === 'object') walk(variables);
            if (typeof text === 'string') {
                for (const match of text.matchAll(SUB_VARIABLE)) {
                    if (!variables || !Object.hasOwn(variables, match[1])) add(match[1].split('.')[0]);
                }
            }
            return;
        }
        case 'Fn::ImportValue': {
            const exported = exportOf(argument, scope, depth);
            // Two stacks importing each other's exports would otherwise be walked forever.
            if (exported && !exportsSeen.has(exported)) {
                exportsSeen.add(exported);
                collectReferences(exported.value, exported.template, found, depth + 1, exportsSeen);
            } else walk(argument);
            return;
        }
        case 'Fn::GetStackOutput': {
            const { StackName: stack, OutputName: output } = (argument ?? {}) as Record<string, unknown>;
            const exported = typeof stack === 'string' && typeof output === 'string' ? scope.outputs.get(stack)?.get(output) : undefined;
            if (exported && !exportsSeen.has(exported)) {
                exportsSeen.add(exported);
                collectReferences(exported.value, exported.template, found, depth + 1, exportsSeen);
            }
            return;
        }
        default:
            for (const [, item] of entries) walk(item);
    }
}

/** A CloudFormation resource's properties, read through its template's scope. */
export class TemplateResourceView implements ResourceView {
    constructor(private readonly properties: Record<string, unknown>, private readonly scope: TemplateScope) { }

    value(path: PropertyName): unknown {
        if (path.cfn === undefined) return undefined;
        return resolveValue(readPath(this.properties, path.cfn), this.scope);
    }

    references(path?: PropertyName): string[] {
        if (path === undefined) return referencedResources(this.properties, this.scope);
        if (path.cfn === undefined) return [];
        return referencedResources(readPath(this.properties, path.cfn), this.scope);
    }
}
