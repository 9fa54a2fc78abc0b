const SECONDS_PER_UNIT: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

export const DURATION_UNITS = Object.keys(SECONDS_PER_UNIT);

export interface Duration {
    readonly value: number;
    readonly unit: string;
    /** undefined when the unit is not one of ms, s, m, h, d. */
    readonly seconds: number | undefined;
}

/** Splits `35d` into 35 and `d`; `10sec` keeps its unit so validation can say what is wrong with it. */
export function parseDuration(text: string): Duration {
    const match = /^([0-9]+(?:\.[0-9]+)?)([a-zA-Z]+)$/.exec(text);
    if (!match) return { value: NaN, unit: '', seconds: undefined };
    const value = Number(match[1]);
    const unit = match[2];
    const factor = SECONDS_PER_UNIT[unit];
    return { value, unit, seconds: factor === undefined ? undefined : value * factor };
}

/** `30s`, `5m`, `14d`: the largest whole unit, as the import and the generator's records write a number of seconds. */
export function durationText(seconds: number): string {
    if (seconds > 0 && seconds % 86_400 === 0) return `${seconds / 86_400}d`;
    if (seconds > 0 && seconds % 3_600 === 0) return `${seconds / 3_600}h`;
    if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`;
    return `${seconds}s`;
}
