/**
 * The custom requests the Resil language server answers, as the extension sees them. The payloads follow the
 * `resil blast-radius --format json` contract of docs/analysis.md, so the CLI, the report and the diagram agree.
 */

export const BLAST_RADIUS_REQUEST = 'resil/blastRadius';
export const FAILURE_TARGETS_REQUEST = 'resil/failureTargets';
export const REQUIREMENTS_REQUEST = 'resil/requirements';
export const DIAGRAM_SVG_REQUEST = 'resil/diagramSvg';

export interface BlastRadiusParams {
    /** The document URI. */
    readonly uri: string;
    /** Qualified names to fail together (`use1.a`, `use1.payments[1]`); none: every single-failure scenario. */
    readonly fail?: readonly string[];
    /** A `scenario` block of the document, by name. */
    readonly scenario?: string;
}

export type ElementState = 'ok' | 'degraded' | 'failed';

export interface ScenarioResult {
    readonly name: string;
    readonly fail: readonly string[];
    readonly failed: readonly string[];
    readonly degraded: readonly string[];
    readonly entryPoints: Readonly<Record<string, ElementState>>;
    /** Share of customers down, 0..1. */
    readonly customersDown: number;
}

export interface BlastRadiusResult {
    readonly scenarios: readonly ScenarioResult[];
}

export type FailureTargetKind = 'region' | 'az' | 'cell' | 'cell-replica' | 'service' | 'scenario';

export interface FailureTarget {
    /** The qualified name `--fail` accepts, or the scenario name for kind `scenario`. */
    readonly name: string;
    readonly kind: FailureTargetKind;
    /** A short description: the AWS region or AZ id, the service kind, the scenario title. */
    readonly detail?: string;
}

export interface FailureTargetsParams {
    readonly uri: string;
}

export interface FailureTargetsResult {
    readonly targets: readonly FailureTarget[];
}

export interface RequirementStatus {
    /** The requirement as written, e.g. `require survive az-loss`. */
    readonly text: string;
    /** 0-based line of the `require` line. */
    readonly line: number;
    readonly holds: boolean;
    /** Why it does not hold: the messages of its `requirement-violated` findings. */
    readonly violations: readonly string[];
}

export interface RequirementsResult {
    readonly requirements: readonly RequirementStatus[];
}

/** `resil/diagramSvg`: the diagram as a standalone SVG (light theme), with a failure coloured when one is given. */
export type DiagramSvgParams = BlastRadiusParams;

export interface DiagramSvgResult {
    readonly svg: string;
}
