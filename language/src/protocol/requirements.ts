import { RequestType } from 'vscode-languageserver-protocol';
import type { DocumentParams } from './params.js';

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

/** Each `require` line of the design and whether it holds, for the resilience report. */
export const RequirementsRequest = new RequestType<DocumentParams, RequirementsResult, void>('resil/requirements');
