const GIGABYTES_PER_UNIT: Record<string, number> = { MB: 1 / 1024, GB: 1, TB: 1024, PB: 1024 * 1024 };

export const SIZE_UNITS = Object.keys(GIGABYTES_PER_UNIT);

/** `2TB` in gigabytes (binary units, as AWS bills storage); undefined for an unknown unit or no number. */
export function parseSizeGigabytes(text: string): number | undefined {
    const match = /^([0-9]+(?:\.[0-9]+)?)([a-zA-Z]+)$/.exec(text);
    if (!match) return undefined;
    const factor = GIGABYTES_PER_UNIT[match[2].toUpperCase()];
    return factor === undefined ? undefined : Number(match[1]) * factor;
}
