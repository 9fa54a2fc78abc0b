/**
 * Failures: what the user can fail (`resil/failureTargets`) and what failing it takes down (`resil/blastRadius`). The
 * answers follow the `resil blast-radius --format json` contract of docs/analysis.md, so that the CLI, the report
 * and the diagram agree.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { ElementState } from '../diagram/diagram-types.js';
import { documentParams, invalidParams, type DocumentParams } from './params.js';

/**
 * What to simulate: qualified names failed together, or a `scenario` block of the design. Neither: every single
 * failure (the blast radius request), or nothing selected (the diagram, the report).
 */
export interface FailureSelection {
    readonly fail?: readonly string[];
    readonly scenario?: string;
}

/** One scenario as `resil blast-radius --format json` prints it (analysis.md, "Command line contract"). */
export interface ScenarioJson {
    readonly name: string;
    readonly fail: readonly string[];
    readonly failed: readonly string[];
    readonly degraded: readonly string[];
    readonly entryPoints: Readonly<Record<string, ElementState>>;
    /** Share of customers down, 0..1. */
    readonly customersDown: number;
}

/** `resil blast-radius --format json`, and the answer of `resil/blastRadius`. */
export interface BlastRadiusJson {
    readonly scenarios: readonly ScenarioJson[];
}

export type BlastRadiusParams = DocumentParams & FailureSelection;

/** The scenarios of a failure selection; unknown names answer an error with "did you mean". */
export const BlastRadiusRequest = new RequestType<BlastRadiusParams, BlastRadiusJson, void>('resil/blastRadius');

export function parseBlastRadiusParams(raw: unknown): BlastRadiusParams {
    const { uri, fail, scenario } = documentParams(raw);
    const names = (x: unknown): x is string[] => Array.isArray(x) && x.every(s => typeof s === 'string');
    if (fail !== undefined && !names(fail)) throw invalidParams('`fail` must be a list of names');
    if (scenario !== undefined && typeof scenario !== 'string') throw invalidParams('`scenario` must be a name');
    return { uri, fail, scenario };
}

export type FailureOptionKind = 'region' | 'az' | 'cell' | 'cell-replica' | 'service' | 'scenario';

/** Something the user can fail: `Resil: Simulate Failure` and the diagram's toolbar offer it. */
export interface FailureOption {
    /** The qualified name `--fail` accepts, or the scenario name for kind `scenario`. */
    readonly name: string;
    readonly kind: FailureOptionKind;
    /** A short description: the AWS region or AZ id, the service kind, the scenario title. */
    readonly detail?: string;
}

export interface FailureTargetsResult {
    readonly targets: readonly FailureOption[];
}

/** Everything the design can fail, from its topology. */
export const FailureTargetsRequest = new RequestType<DocumentParams, FailureTargetsResult, void>('resil/failureTargets');
