/**
 * What a message shown to a user must never contain: a value that leaked from the code (`undefined`, `null`,
 * `[object Object]`) or an empty name (`''`, "``", `""`). Returns what was found, else undefined.
 */
export function unhelpfulText(message: string): string | undefined {
    return /\bundefined\b|\bnull\b|\[object |''|``|""|\bNaN\b/.exec(message)?.[0];
}
