/** What was thrown, as one line for a message: an Error's message, anything else as text. */
export function messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

/** `compute`'s value, or undefined when it throws (what it threw goes to `onError`, by default nowhere). */
export function attempt<T>(compute: () => T, onError: (error: unknown) => void = () => undefined): T | undefined {
    try {
        return compute();
    } catch (error) {
        onError(error);
        return undefined;
    }
}
