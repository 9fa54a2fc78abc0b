/** What was thrown, as one line for a message: an Error's message, anything else as text. */
export function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
