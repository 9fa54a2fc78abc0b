import { ImportError } from './import-error.js';
import { readPath, type PropertyName, type ResourceView, type SourceResource, type SourceStack } from './source.js';

/**
 * A Terraform plan or state as `terraform show -json` writes it: the planned values (or the state's values) say
 * what each resource is, the configuration's expressions say what it references (values known only after apply
 * are absent from the plan, but the references are there). One stack per plan; its region is the aws provider's.
 */

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `terraform show -json` output, told apart from a CloudFormation template by its keys. */
export function isTerraformJson(value: unknown): boolean {
    return isObject(value) && typeof value.format_version === 'string' && ('planned_values' in value || 'values' in value || 'configuration' in value);
}

interface PlannedResource {
    readonly address: string;
    readonly type: string;
    readonly index?: unknown;
    readonly values: JsonObject;
}

interface ModuleValues {
    readonly resources?: unknown;
    readonly child_modules?: unknown;
}

export function terraformStack(plan: unknown, file: string, stackName: string, defaultRegion?: string): SourceStack {
    if (!isObject(plan)) throw new ImportError(`${file}: not a Terraform plan`);
    const root = (plan.planned_values as JsonObject | undefined)?.root_module ?? (plan.values as JsonObject | undefined)?.root_module;
    if (!isObject(root)) throw new ImportError(`${file}: a Terraform JSON without planned_values or values: run \`terraform show -json plan.out\` on a saved plan`);
    const planned: PlannedResource[] = [];
    collectPlanned(root as ModuleValues, planned, 0);
    const expressions = new Map<string, JsonObject>();
    const configuration = isObject(plan.configuration) ? plan.configuration : {};
    collectExpressions(configuration.root_module, '', expressions, 0);

    const stack: SourceStack & { resources: SourceResource[] } = {
        name: stackName, file, format: 'terraform', region: providerRegion(plan, configuration) ?? defaultRegion, resources: [],
    };
    const byAddress = new Map<string, PlannedResource>();
    const byConfigAddress = new Map<string, PlannedResource[]>();
    for (const resource of planned) {
        byAddress.set(resource.address, resource);
        const configAddress = configAddressOf(resource.address);
        byConfigAddress.set(configAddress, [...(byConfigAddress.get(configAddress) ?? []), resource]);
    }
    const resolve = (self: PlannedResource, references: readonly string[]): string[] => {
        const modulePrefix = /^(.*\.)?(?:data\.)?[a-z0-9_]+\.[\w-]+(?:\[[^\]]*\])?$/.exec(self.address)?.[1]?.replace(/(module\.[\w-]+)\[[^\]]*\]/g, '$1') ?? '';
        const byIndex = references.includes('count.index') || references.includes('each.key');
        const found = new Set<string>();
        for (const reference of references) {
            const target = matchReference(`${modulePrefix}${reference}`, byAddress, byConfigAddress);
            if (target.length === 0) continue;
            // `element(aws_subnet.public.*.id, count.index)`: the i-th instance for the i-th resource.
            const picked = byIndex && target.length > 1 && typeof self.index === 'number' ? [target[self.index % target.length]] : target;
            for (const t of picked) found.add(`${stackName}/${t.address}`);
        }
        return [...found];
    };
    for (const resource of planned) {
        const view = new PlanResourceView(resource, expressions.get(configAddressOf(resource.address)) ?? {}, resolve);
        stack.resources.push({ key: `${stackName}/${resource.address}`, id: resource.address, type: resource.type, stack, view });
    }
    return stack;
}

const MAX_MODULE_DEPTH = 50;

function collectPlanned(module: ModuleValues, into: PlannedResource[], depth: number): void {
    if (depth > MAX_MODULE_DEPTH) return;
    for (const resource of Array.isArray(module.resources) ? module.resources : []) {
        if (!isObject(resource) || resource.mode === 'data' || typeof resource.address !== 'string' || typeof resource.type !== 'string') continue;
        into.push({ address: resource.address, type: resource.type, index: resource.index, values: isObject(resource.values) ? resource.values : {} });
    }
    for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) {
        if (isObject(child)) collectPlanned(child, into, depth + 1);
    }
}

function collectExpressions(module: unknown, prefix: string, into: Map<string, JsonObject>, depth: number): void {
    if (!isObject(module) || depth > MAX_MODULE_DEPTH) return;
    for (const resource of Array.isArray(module.resources) ? module.resources : []) {
        if (isObject(resource) && typeof resource.address === 'string' && isObject(resource.expressions)) {
            into.set(`${prefix}${resource.address}`, resource.expressions);
        }
    }
    for (const [name, call] of Object.entries(isObject(module.module_calls) ? module.module_calls : {})) {
        if (isObject(call)) collectExpressions(call.module, `${prefix}module.${name}.`, into, depth + 1);
    }
}

/** `module.vpc[0].aws_subnet.private[1]` -> `module.vpc.aws_subnet.private`. */
function configAddressOf(address: string): string {
    return address.replace(/\[[^\]]*\]/g, '');
}

/** The planned resources a reference (`aws_sqs_queue.q.arn`, `aws_subnet.private[0].id`) names. */
function matchReference(reference: string, byAddress: ReadonlyMap<string, PlannedResource>, byConfigAddress: ReadonlyMap<string, PlannedResource[]>): PlannedResource[] {
    const parts = reference.split('.');
    for (let n = parts.length; n >= 2; n--) {
        const candidate = parts.slice(0, n).join('.');
        const exact = byAddress.get(candidate);
        if (exact) return [exact];
        const all = byConfigAddress.get(candidate);
        if (all) return all;
    }
    return [];
}

function providerRegion(plan: JsonObject, configuration: JsonObject): string | undefined {
    const providers = isObject(configuration.provider_config) ? configuration.provider_config : {};
    const aws = Object.values(providers).find(p => isObject(p) && p.name === 'aws' && p.alias === undefined) ?? providers.aws;
    const region = isObject(aws) && isObject(aws.expressions) ? aws.expressions.region : undefined;
    if (!isObject(region)) return undefined;
    if (typeof region.constant_value === 'string') return region.constant_value;
    const variable = Array.isArray(region.references) ? region.references.find((r): r is string => typeof r === 'string' && r.startsWith('var.')) : undefined;
    const value = variable && isObject(plan.variables) ? (plan.variables[variable.slice(4)] as JsonObject | undefined)?.value : undefined;
    return typeof value === 'string' ? value : undefined;
}

class PlanResourceView implements ResourceView {
    constructor(private readonly resource: PlannedResource, private readonly expressions: JsonObject,
        private readonly resolve: (self: PlannedResource, references: readonly string[]) => string[]) { }

    value(path: PropertyName): unknown {
        return path.tf === undefined ? undefined : path.tf === '' ? this.resource.values : readPath(this.resource.values, path.tf);
    }

    references(path?: PropertyName): string[] {
        if (path !== undefined && path.tf === undefined) return [];
        const expression = path === undefined || path.tf === '' ? this.expressions : readPath(this.expressions, path.tf!);
        const references: string[] = [];
        collectReferenceLists(expression, references, 0);
        return this.resolve(this.resource, references);
    }
}

function collectReferenceLists(value: unknown, into: string[], depth: number): void {
    if (depth > 100 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
        for (const item of value) collectReferenceLists(item, into, depth + 1);
        return;
    }
    for (const [key, item] of Object.entries(value)) {
        if (key === 'references' && Array.isArray(item)) into.push(...item.filter((r): r is string => typeof r === 'string'));
        else collectReferenceLists(item, into, depth + 1);
    }
}
