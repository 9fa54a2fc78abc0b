/** Words that, in a message, mean a value leaked from the code rather than something the user wrote. */
const LEAKS: ReadonlyArray<{ readonly pattern: RegExp; readonly written: RegExp }> = [
    { pattern: /\bundefined\b/, written: /\bundefined\b/ },
    { pattern: /\bnull\b/, written: /\bnull\b/ },
    { pattern: /\bNaN\b/, written: /\bNaN\b/ },
    { pattern: /\[object /, written: /\[object / },
    // An empty name, quoted: '' `` "" (the design may hold an empty string, which a message may quote).
    { pattern: /(^|[\s(])(''|``|"")/, written: /''|""/ },
];

/**
 * What a message shown to a user must never contain: `undefined`, `null`, `NaN`, `[object ...]` or an empty name,
 * unless the design itself has it (a service named `null`). Returns what was found, else undefined.
 */
export function unhelpfulText(message: string, designText = ''): string | undefined {
    for (const { pattern, written } of LEAKS) {
        const found = pattern.exec(message);
        if (found && !written.test(designText)) return found[0].trim();
    }
    return undefined;
}
