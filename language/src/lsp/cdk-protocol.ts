/**
 * The CDK requests of the Resil language server, shared by the server and the extension (no imports: the
 * extension bundles this file as is). Generation runs in the server, on the linked document it already has.
 */

export const CDK_EXPORT_REQUEST = 'resil/exportCdk';
export const CDK_PREVIEW_REQUEST = 'resil/previewCdk';

/** Error code of an export into a non-empty folder that resil did not generate: the client may retry with force. */
export const CDK_FOLDER_NOT_EMPTY = -32001;

export interface CdkPosition {
    readonly line: number;
    readonly character: number;
}

export interface CdkExportParams {
    readonly uri: string;
    /** Absolute path of the output folder. */
    readonly folder: string;
    readonly force?: boolean;
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

export interface CdkPreviewParams {
    readonly uri: string;
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
