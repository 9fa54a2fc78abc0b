/** The CDK requests. Generation runs in the server, on the linked document it already has. */
import { isAbsolute } from 'node:path';
import { RequestType } from 'vscode-languageserver-protocol';
import { isRecord } from './guards.js';
import { documentParams, invalidParams, type DocumentParams } from './params.js';

/** Error code of an export into a non-empty folder that resil did not generate: the client may retry with force. */
export const CDK_FOLDER_NOT_EMPTY = -32001;

/**
 * Error code of an export of a design with errors (its app would carry whichever of two contradicting values the
 * generator read): the message lists them, and the client may retry with `withErrors`, as `resil generate --force`.
 */
export const CDK_DESIGN_HAS_ERRORS = -32002;

export interface CdkPosition {
    readonly line: number;
    readonly character: number;
}

export interface CdkExportParams extends DocumentParams {
    /** Absolute path of the output folder. */
    readonly folder: string;
    readonly force?: boolean;
    /** Export although the design has errors (the user saw them and confirmed). */
    readonly withErrors?: boolean;
    /** The cursor: its region's stack is the one to open. */
    readonly position?: CdkPosition;
}

export interface CdkExportResult {
    readonly folder: string;
    readonly written: readonly string[];
    readonly unchanged: readonly string[];
    readonly skipped: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
    readonly warnings: readonly string[];
    /** Absolute path of the stack of the region under the cursor (else the first region), if any. */
    readonly stackFile?: string;
}

/** Writes the app, like `resil generate cdk`. */
export const CdkExportRequest = new RequestType<CdkExportParams, CdkExportResult, void>('resil/exportCdk');

export interface CdkPreviewParams extends DocumentParams {
    /** A region by name; else the region under `position`; else the first region. */
    readonly region?: string;
    readonly position?: CdkPosition;
}

export interface CdkPreviewResult {
    /** The region previewed, and the stack's file name in a generated app. */
    readonly region?: string;
    readonly file?: string;
    readonly content: string;
}

/** The stack of one region, generated in memory: writes nothing. */
export const CdkPreviewRequest = new RequestType<CdkPreviewParams, CdkPreviewResult, void>('resil/previewCdk');

export function parseCdkExportParams(raw: unknown): CdkExportParams {
    const params = documentParams(raw);
    const { uri, folder, force, withErrors } = params;
    if (typeof folder !== 'string' || !isAbsolute(folder)) throw invalidParams('expected an absolute folder');
    return { uri, folder, force: force === true, withErrors: withErrors === true, position: parsePosition(params.position) };
}

export function parseCdkPreviewParams(raw: unknown): CdkPreviewParams {
    const params = documentParams(raw);
    if (params.region !== undefined && typeof params.region !== 'string') throw invalidParams('`region` must be a region name');
    return { uri: params.uri, region: params.region, position: parsePosition(params.position) };
}

function parsePosition(raw: unknown): CdkPosition | undefined {
    if (raw === undefined || raw === null) return undefined;
    const at = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
    if (!isRecord(raw) || !at(raw.line) || !at(raw.character)) throw invalidParams('`position` must be { line, character }, both 0-based');
    return { line: raw.line, character: raw.character };
}
