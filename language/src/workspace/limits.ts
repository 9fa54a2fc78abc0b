/** Designs larger than this are refused, by the CLI before reading and by the parser (hence the language server). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export function megabytes(bytes: number): string {
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The message for a design over the limit, the same in the CLI and in the editor. */
export function tooLargeMessage(bytes: number): string {
    return `${megabytes(bytes)} is larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB a design may have: Resil does not analyse it. Split the design into several files.`;
}
