import type { ZoneResolver, ZoneToken } from './availability-zones.js';
import type { Member } from './design.js';
import { booleanValue, numberValue, stringValue, type PropertyName, type SourceResource } from './source.js';

/** What a kind's mapping may look up besides its own resource. */
export interface MappingContext {
    readonly zones: ZoneResolver;
    resource(key: string): SourceResource | undefined;
    /** The resources of these types that reference `key` (at `path`, when given): an API's stages, a cluster's instances. */
    referrers(key: string, types: readonly string[], path?: PropertyName): SourceResource[];
}

/** What a kind's mapping makes of a resource. */
export interface Mapped {
    /** The kind, when the type maps onto another kind than its row's (an RDS Multi-AZ DB cluster is an `rds`). */
    readonly kind?: import('./design.js').ElementKind;
    readonly members: Member[];
    readonly zones?: readonly ZoneToken[];
    readonly header?: string;
    readonly hints?: string[];
    /** Regions the resource also lives in (a global table's replicas): an element each, `replica of` this one. */
    readonly replicaRegions?: readonly string[];
}

/** A resource the kind does not cover after all (an endpoint for a service Resil does not model...). */
export interface NotMapped {
    readonly notMapped: string;
}

export interface KindMapping {
    readonly kind: import('./design.js').ElementKind;
    readonly cloudformation: readonly string[];
    readonly terraform: readonly string[];
    map(resource: SourceResource, context: MappingContext): Mapped | NotMapped;
}

/** Small readers the mappings share. */
export function numberAt(resource: SourceResource, path: PropertyName): number | undefined {
    return numberValue(resource.view.value(path));
}

export function booleanAt(resource: SourceResource, path: PropertyName): boolean | undefined {
    return booleanValue(resource.view.value(path));
}

export function stringAt(resource: SourceResource, path: PropertyName): string | undefined {
    return stringValue(resource.view.value(path));
}

export function onOff(value: boolean): string {
    return value ? 'on' : 'off';
}

/** Adds `keyword value` when the value is known. */
export function memberIf(members: Member[], keyword: string, value: string | number | undefined): void {
    if (value !== undefined) members.push(`${keyword} ${value}`);
}

export function quoted(text: string): string {
    return JSON.stringify(text);
}
