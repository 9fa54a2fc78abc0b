/**
 * The custom requests the Resil language server answers, as the extension sees them. The payloads follow the
 * `resil blast-radius --format json` contract of docs/analysis.md, so the CLI, the report and the diagram agree.
 */

import type { BlastRadiusScenario } from '../../language/src/diagram/diagram-types.js';
import type { BlastRadiusRequestParams } from '../../language/src/lsp/blast-radius-request.js';

/** Served by `language/src/lsp/blast-radius-request.ts`. */
export const BLAST_RADIUS_REQUEST = 'resil/blastRadius';
export const FAILURE_TARGETS_REQUEST = 'resil/failureTargets';
export const REQUIREMENTS_REQUEST = 'resil/requirements';
export const DIAGRAM_SVG_REQUEST = 'resil/diagramSvg';

/** `{ uri, fail?, scenario? }`: as `language/src/lsp/blast-radius-request.ts` reads them. */
export type BlastRadiusParams = BlastRadiusRequestParams;

/** One scenario of `resil blast-radius --format json`. */
export type ScenarioResult = BlastRadiusScenario;

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
