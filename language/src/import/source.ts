/**
 * What an import reads, whatever its format: stacks (a CloudFormation template, one stack of a cdk.out, a Terraform
 * plan's configuration) holding resources. The mapping reads a resource only through `ResourceView`, so that one
 * table of kinds serves CloudFormation and Terraform alike.
 */

export type SourceFormat = 'cloudformation' | 'terraform';

export interface SourceStack {
    readonly name: string;
    /** The file the stack was read from, as the user named it (comments in the design name it). */
    readonly file: string;
    readonly format: SourceFormat;
    /** `us-east-1`, when the stack's environment or provider says it. */
    readonly region?: string;
    readonly resources: SourceResource[];
    /** The template's `resil:system` and `resil:element` metadata, when Resil generated it. */
    readonly model?: { readonly system?: unknown; readonly elements?: unknown };
}

export interface SourceResource {
    /** Unique over the import: the stack's name and the logical id (or Terraform address). */
    readonly key: string;
    /** As the code names it: the logical id, or the Terraform address. */
    readonly id: string;
    /** `AWS::Lambda::Function`, or `aws_lambda_function`. */
    readonly type: string;
    readonly stack: SourceStack;
    readonly view: ResourceView;
    /** The construct path CDK records (`Stack/Orders/Resource`), when there is one. */
    readonly constructPath?: string;
    /** Its `resil:element` metadata: the design's element it realises or belongs to, when Resil generated it. */
    readonly model?: unknown;
}

/** A property as each format names it: `ReservedConcurrentExecutions` / `reserved_concurrent_executions`. */
export interface PropertyName {
    readonly cfn?: string;
    readonly tf?: string;
}

export function prop(cfn: string | undefined, tf: string | undefined): PropertyName {
    return { cfn, tf };
}

/**
 * A resource's properties as the code states them. A path is dotted (`VpcConfig.SubnetIds`); a list met on the way
 * is read through (Terraform's nested blocks are lists of one).
 */
export interface ResourceView {
    /** The value the code gives at the path, with intrinsic functions resolved; undefined when it does not say. */
    value(path: PropertyName): unknown;
    /** The keys of the resources referenced at the path, or anywhere in the resource when no path is given. */
    references(path?: PropertyName): string[];
}

/** The value as a number, when it is one (templates often write numbers as strings). */
export function numberValue(value: unknown): number | undefined {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
    return undefined;
}

export function booleanValue(value: unknown): boolean | undefined {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'True') return true;
    if (value === 'false' || value === 'False') return false;
    return undefined;
}

export function stringValue(value: unknown): string | undefined {
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Reads a dotted path through objects; lists on the way are read element by element and flattened. */
export function readPath(root: unknown, path: string): unknown {
    let current: unknown[] = [root];
    const parts = path.split('.');
    for (const [index, part] of parts.entries()) {
        const next: unknown[] = [];
        for (const item of current) {
            // `Targets.0.Arn`: an index into a list.
            if (Array.isArray(item) && /^\d+$/.test(part)) {
                if (Number(part) < item.length) next.push(item[Number(part)]);
                continue;
            }
            const items = Array.isArray(item) && index > 0 ? item : [item];
            for (const element of items) {
                if (element !== null && typeof element === 'object' && !Array.isArray(element) && Object.hasOwn(element, part)) {
                    next.push((element as Record<string, unknown>)[part]);
                }
            }
        }
        current = next;
        if (current.length === 0) return undefined;
    }
    return current.length === 1 ? current[0] : current;
}
