import type { ZoneToken } from './availability-zones.js';
import type { ElementModel, SystemModel } from './model-metadata.js';
import type { SourceResource } from './source.js';

export { durationText } from '../util/durations.js';

/** What an import makes of the code before it is printed: elements with their properties, and edges between them. */

export type ElementKind =
    | 'lambda' | 'ecs' | 'eks' | 'asg'
    | 'dynamodb' | 'elasticache' | 'kinesis' | 'aurora' | 'rds' | 's3'
    | 'sqs' | 'sns' | 'eventbridge' | 'stepfunctions'
    | 'alb' | 'route53' | 'apigateway' | 'cloudfront' | 'cognito'
    | 'nat' | 'endpoint';

/** The kinds that live in `global`, not in a region. */
export const GLOBAL_KINDS: ReadonlySet<ElementKind> = new Set(['route53', 'cloudfront']);

export interface ImportedElement {
    readonly kind: ElementKind;
    /** The resource it was made from; its key is the element's key. */
    readonly source: SourceResource;
    /** A name the code suggests (`orders` for `OrdersTable1A2B3C4D`); made unique when the design is printed. */
    readonly suggestedName: string;
    /** The region code (`us-east-1`); undefined when the code does not say it. */
    readonly region?: string;
    /** `in a, b`: the zones of its subnets (empty when it is regional or the code does not say). */
    readonly zones: readonly ZoneToken[];
    /** Words after the name and placement: `for s3`. */
    readonly header?: string;
    /** Body lines, each a member of the element's block: `concurrency 5`, `nodegroup workers in a, b { min 2 }`. */
    readonly members: readonly Member[];
    /** What the code does not say and the reader should decide, as comments in the element. */
    readonly hints: readonly string[];
    /** The design's element, where a Resil-generated template states it. */
    readonly model?: ElementModel;
}

/** A member that names AZs (`vpc subnets a, b`), whose names the printer gives: `before` zones `after`. */
export interface ZonedMember {
    readonly before: string;
    readonly zones: readonly ZoneToken[];
    readonly after?: string;
}

export type Member = string | ZonedMember;

export type EdgeRelation =
    | 'uses' | 'consumes' | 'dlq' | 'on-failure' | 'replica-of' | 'failover' | 'origin-group' | 'rule-target' | 'task';

export interface ImportedEdge {
    readonly relation: EdgeRelation;
    /** Keys of the elements' resources. */
    readonly from: string;
    readonly to: string;
    readonly async?: boolean;
    readonly retries?: number;
    /** `dlq q after 3`. */
    readonly after?: number;
    /** The secondary of a failover or an origin group. */
    readonly secondary?: string;
    /** An EventBridge rule's name (`rule-target`), a task's name (`task`). */
    readonly label?: string;
    /** `max-age 1h`, a rule target's dead-letter queue key. */
    readonly maxAge?: string;
    readonly deadLetter?: string;
    /** Why the edge is there when the code implies it rather than states it: a comment on its line. */
    readonly inferred?: string;
}

/** A resource the design does not show, and why. */
export interface SkippedResource {
    readonly resource: SourceResource;
    readonly reason: string;
}

export interface ImportedDesign {
    readonly elements: ImportedElement[];
    readonly edges: ImportedEdge[];
    readonly skipped: SkippedResource[];
    /** Hints about the whole design (the region the code does not name...). */
    readonly notes: string[];
    /** The system's own statements, where a Resil-generated template holds them. */
    readonly system?: SystemModel;
}
