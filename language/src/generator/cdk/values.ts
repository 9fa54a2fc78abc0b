import { parseDuration } from '../../util/durations.js';
import { cutText } from '../../util/sanitise.js';
import type { EmitScope } from './scope.js';

/**
 * Model numbers as TypeScript literals. Validation reports out-of-range values; the generator still must not
 * emit `NaN`, `Infinity` or a fraction where AWS wants a whole number, so values are clamped and rounded here.
 */
export function int(value: number | undefined, min: number, max: number): string | undefined {
    if (value === undefined || !Number.isFinite(value)) return undefined;
    return String(Math.min(max, Math.max(min, Math.round(value))));
}

export function seconds(text: string | undefined): number | undefined {
    if (text === undefined) return undefined;
    const s = parseDuration(text).seconds;
    return s !== undefined && Number.isFinite(s) ? s : undefined;
}

/** A `Duration` expression in the largest whole unit: `35d` -> `Duration.days(35)`, `90s` -> `Duration.seconds(90)`. */
export function durationExpr(scope: EmitScope, totalSeconds: number, min = 1, max = 10 * 365 * 86400): string {
    const value = Math.min(max, Math.max(min, Math.round(totalSeconds)));
    const duration = scope.core('Duration');
    if (value % 86400 === 0) return `${duration}.days(${value / 86400})`;
    if (value % 3600 === 0) return `${duration}.hours(${value / 3600})`;
    if (value % 60 === 0) return `${duration}.minutes(${value / 60})`;
    return `${duration}.seconds(${value})`;
}

/** Whole days of a model duration, rounded up (retention periods must not come out shorter than the model's). */
export function wholeDays(text: string | undefined): number | undefined {
    const s = seconds(text);
    return s === undefined ? undefined : Math.max(1, Math.ceil(s / 86400));
}

const FORMATS = {
    'EC2 instance type': { pattern: /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/, fallback: 'm6i.large' },
    'ElastiCache node type': { pattern: /^cache\.[a-z0-9-]+\.[a-z0-9-]+$/, fallback: 'cache.r7g.large' },
    'Kubernetes version': { pattern: /^[0-9]+\.[0-9]+$/, fallback: '1.32' },
} as const;

/**
 * A model value that AWS (or CDK, at synth time) accepts only in one format: kept when it fits, else the default
 * with a warning, so that a typo in the model gives a working app and a message instead of a failing synth.
 */
export function checkedValue(scope: EmitScope, kind: keyof typeof FORMATS, value: string | undefined, where: string): string {
    const format = FORMATS[kind];
    if (value === undefined) return format.fallback;
    if (format.pattern.test(value)) return value;
    scope.plan.warnings.push(`${where}: '${cutText(value, 60)}' is not a valid ${kind}: ${format.fallback} is used instead`);
    return format.fallback;
}
