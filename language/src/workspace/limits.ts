/**
 * Designs larger than this are refused, by the CLI before reading and by the parser (hence the language server).
 * Memory grows with the text: a design of this size made of the densest text measured (a lambda per line, each
 * using another) peaks at about 1.3 GB in `resil check` and in the language server, under half of what Node gives
 * a process by default, so that an editor rebuilding it on every change keeps room to spare (docs/benchmarks.md).
 */
export const MAX_FILE_BYTES = 3 * 1024 * 1024;

export function megabytes(bytes: number): string {
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The size of a design over the limit, in bytes when MB would round it down to the limit. */
function sizeOver(bytes: number): string {
    const rounded = megabytes(bytes);
    return Number.parseFloat(rounded) * 1024 * 1024 > MAX_FILE_BYTES ? rounded : `${bytes.toLocaleString('en')} bytes`;
}

/** The message for a design over the limit, the same in the CLI and in the editor. */
export function tooLargeMessage(bytes: number): string {
    return `${sizeOver(bytes)} is larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB a design may have: Resil does not analyse it. Split the design into several files.`;
}
