/**
 * The design a Resil-generated app writes into its templates (generator/cdk/model-metadata.ts), read back: each
 * resource's `resil:element` names the element it realises (with what CloudFormation cannot say: its cell, soft
 * uses, entry...) or the element it belongs to (a dead-letter queue the generator adds, the function that runs a
 * stream consumer), or says the generator added it for no element; the template's `resil:system` holds the system's
 * own statements. Templates without it import as before: only what they say is read, nothing is made up.
 */
import { parseDuration } from '../util/durations.js';
import type { ImportedEdge, ImportedElement, Member, SkippedResource } from './design.js';
import { numberValue, prop, type SourceResource, type SourceStack } from './source.js';

export const ELEMENT_METADATA = 'resil:element';
export const SYSTEM_METADATA = 'resil:system';

/** An element of the design, as its main resource (or its stack, when it has none) states it. */
export interface ElementModel {
    /** Its qualified name: `use1.pay.ledger`, `www`. */
    readonly element: string;
    readonly kind: string;
    /** The design's name of its region (`use1`). */
    readonly region?: string;
    readonly cell?: { readonly name: string; readonly header: string; readonly statements: readonly string[] };
    /** Its lines no resource property says: `entry`, `traffic 60%`, `needs 4`, `allow ...`. */
    readonly statements: readonly string[];
    /** Its `uses` (or `task`) lines as written, where soft, retried or to an external service. */
    readonly calls: ReadonlyArray<{ readonly to: string; readonly statement: string }>;
    /** A router's whole declaration: the app implements it as a function. */
    readonly declaration?: string;
    /** The element it is a replica of, where the app wires the replica by name (no reference to follow). */
    readonly replicaOf?: string;
    /** The AZ ids it is placed in, for an element no resource property places (a One Zone bucket). */
    readonly placement: readonly string[];
    /** Durations as the design writes them where not in the largest whole unit, each after its word: `timeout 60s`. */
    readonly durations: readonly string[];
    /** Its place among the design's elements. */
    readonly order?: number;
    /** Members the app states where the design leaves them to AWS's default (`timeout 3s`): not the design's. */
    readonly defaults: readonly string[];
}

export interface SystemModel {
    readonly system: string;
    readonly title?: string;
    /** Requirements, external services, scenarios, system-level allows, as written. */
    readonly statements: readonly string[];
    readonly regions: ReadonlyArray<{ readonly name: string; readonly code?: string; readonly azs: ReadonlyArray<readonly [string, string | undefined]> }>;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function texts(value: unknown): string[] {
    return Array.isArray(value) ? value.map(text).filter((s): s is string => s !== undefined) : [];
}

/** The element a record states, when it is well formed. */
export function elementModel(value: unknown): ElementModel | undefined {
    if (!isObject(value)) return undefined;
    const element = text(value.element);
    const kind = text(value.kind);
    if (element === undefined || kind === undefined) return undefined;
    const cell = isObject(value.cell) && text(value.cell.name) && text(value.cell.header)
        ? { name: text(value.cell.name)!, header: text(value.cell.header)!, statements: texts(value.cell.statements) } : undefined;
    const calls = Array.isArray(value.calls) ? value.calls.filter(isObject)
        .map(c => ({ to: text(c.to), statement: text(c.statement) }))
        .filter((c): c is { to: string; statement: string } => c.to !== undefined && c.statement !== undefined) : [];
    return {
        element, kind, region: text(value.region), cell, statements: texts(value.statements), calls,
        declaration: text(value.declaration), replicaOf: text(value.replicaOf), placement: texts(value.placement),
        durations: texts(value.durations),
        order: typeof value.order === 'number' && Number.isFinite(value.order) ? value.order : undefined,
        defaults: texts(value.defaults),
    };
}

/**
 * A line read from the template (`timeout 1m`) with each duration as the design wrote it (`timeout 60s`), where the
 * element's record gives a spelling after the same word for the same number of seconds: a template that says
 * another value keeps its own.
 */
export function designSpelling(line: string, model: ElementModel | undefined): string {
    if (!model || model.durations.length === 0) return line;
    return line.replace(/(^|\s)([a-z][\w-]*) ([0-9]+(?:\.[0-9]+)?[a-zA-Z]+)(?=\s|$)/g, (whole, space: string, word: string, duration: string) => {
        const seconds = parseDuration(duration).seconds;
        const spelled = model.durations.find(d => d.startsWith(`${word} `) && seconds !== undefined && parseDuration(d.slice(word.length + 1)).seconds === seconds);
        return spelled === undefined ? whole : `${space}${spelled}`;
    });
}

/** What a resource's metadata says it is: the element's own resource, a part of an element, or the app's support. */
export function modelMark(resource: SourceResource): { readonly model?: ElementModel; readonly partOf?: string; readonly name?: string; readonly support?: string } | undefined {
    const value = resource.model;
    if (!isObject(value)) return undefined;
    const model = elementModel(value);
    if (model) return { model, partOf: model.element };
    const partOf = text(value.partOf);
    // A part the design names (an EventBridge rule): its name there.
    if (partOf !== undefined) return { partOf, name: text(value.name) };
    const support = text(value.support);
    return support !== undefined ? { support } : undefined;
}

/** The system's statements, from the first stack that holds them. */
export function systemModel(stacks: readonly SourceStack[]): SystemModel | undefined {
    for (const stack of stacks) {
        const value = stack.model?.system;
        if (!isObject(value) || text(value.system) === undefined) continue;
        const regions = Array.isArray(value.regions) ? value.regions.filter(isObject).filter(r => text(r.name) !== undefined).map(r => ({
            name: text(r.name)!, code: text(r.code),
            azs: (Array.isArray(r.azs) ? r.azs : []).filter((a): a is unknown[] => Array.isArray(a) && text(a[0]) !== undefined)
                .map(a => [text(a[0])!, text(a[1])] as const),
        })) : [];
        return { system: text(value.system)!, title: text(value.title), statements: texts(value.statements), regions };
    }
    return undefined;
}

/** The elements a stack states without a resource of their own (a replica the app reads by name). */
export function stackElements(stack: SourceStack): ElementModel[] {
    const value = stack.model?.elements;
    return Array.isArray(value) ? value.map(elementModel).filter((m): m is ElementModel => m !== undefined) : [];
}

type Draft = Pick<ImportedElement, 'kind' | 'source' | 'zones' | 'suggestedName' | 'model'>;

/**
 * The drafts of one element become one: its main resource (the one that states it, or else the first of its kind)
 * takes the element's name and model, the zones of the others of its kind (a NAT gateway per AZ, a cell's replicas),
 * and stands for them all, so that their edges are its edges. What the app added for no element is left out.
 * Returns the key of each folded resource -> the key of the element's resource.
 */
export function foldElements<T extends Draft>(drafts: T[], resources: readonly SourceResource[], skipped: SkippedResource[]): Map<string, string> {
    const models = new Map<string, ElementModel>();
    for (const resource of resources) {
        const model = modelMark(resource)?.model;
        if (model && !models.has(model.element)) models.set(model.element, model);
    }
    const folded = new Map<string, string>();
    const groups = new Map<string, Array<{ draft: T; model?: ElementModel }>>();
    for (let i = 0; i < drafts.length; i++) {
        const mark = modelMark(drafts[i].source);
        if (!mark) continue;
        if (mark.support !== undefined) {
            skipped.push({ resource: drafts[i].source, reason: `the generated app adds it for no element of the design: ${mark.support}` });
            drafts.splice(i--, 1);
            continue;
        }
        const group = groups.get(mark.partOf!) ?? [];
        group.push({ draft: drafts[i], model: mark.model });
        groups.set(mark.partOf!, group);
    }
    for (const [element, group] of groups) {
        const stated = group.find(g => g.model !== undefined)?.draft;
        const model = models.get(element);
        const ofKind = group.find(g => g.draft.kind === model?.kind)?.draft;
        const main = stated && (stated.kind === model?.kind || !ofKind) ? stated : ofKind ?? group[0].draft;
        const zones = new Set(main.zones);
        for (const { draft } of group) {
            if (draft === main) continue;
            if (draft.kind === main.kind) draft.zones.forEach(z => zones.add(z));
            folded.set(draft.source.key, main.source.key);
            skipped.push({ resource: draft.source, reason: `part of ${element} as the generated app builds it` });
            drafts.splice(drafts.indexOf(draft), 1);
        }
        const index = drafts.indexOf(main);
        const placed = zones.size > 0 ? [...zones] : (model?.placement ?? []).map(id => `id:${id}` as const);
        drafts[index] = { ...main, zones: placed, suggestedName: element.split('.').pop()!, model: model ?? main.model };
    }
    return folded;
}

/**
 * A stream consumer, which the app runs as a function reading the stream through an event source mapping: its
 * placement is the function's subnets, `workers` the mapping's parallelization factor, `checkpoint on` its reporting
 * of a batch's failed items.
 */
export function consumerMembers(mappings: readonly SourceResource[]): Member[] {
    const members: Member[] = [];
    for (const mapping of mappings) {
        const workers = numberValue(mapping.view.value(prop('ParallelizationFactor', 'parallelization_factor')));
        if (workers !== undefined) members.push(`workers ${workers}`);
        const responses = mapping.view.value(prop('FunctionResponseTypes', 'function_response_types'));
        if (Array.isArray(responses) && responses.includes('ReportBatchItemFailures')) members.push('checkpoint on');
    }
    return [...new Set(members)];
}

/** The elements in the design's order where the templates state it (stable: the others keep theirs, after them). */
export function inDesignOrder<T extends { readonly model?: ElementModel }>(elements: readonly T[]): T[] {
    if (!elements.some(e => e.model?.order !== undefined)) return [...elements];
    return [...elements].sort((a, b) => (a.model?.order ?? Number.MAX_SAFE_INTEGER) - (b.model?.order ?? Number.MAX_SAFE_INTEGER));
}

/** `replica of` the templates state where the app wires a replica by name (no reference says it). */
export function statedReplicas(elements: readonly ImportedElement[], edges: readonly ImportedEdge[]): ImportedEdge[] {
    const byElement = new Map(elements.filter(e => e.model).map(e => [e.model!.element, e.source.key]));
    return elements.flatMap(element => {
        const source = element.model?.replicaOf === undefined ? undefined : byElement.get(element.model.replicaOf);
        if (source === undefined || edges.some(e => e.relation === 'replica-of' && e.from === element.source.key)) return [];
        return [{ relation: 'replica-of' as const, from: element.source.key, to: source }];
    });
}
