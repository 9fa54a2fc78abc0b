/**
 * The benchmark registry: every figure in docs/benchmarks.md is one named measurement. To add one, call
 * `registerMeasurement` in a module under bench/measurements/ and import that module in bench/measurements/index.ts.
 *
 * Each measurement runs in a child process of its own (so its peak memory is its own): `prepare` once (untimed),
 * `run` `warmups` times untimed, then `runs` times timed. The report shows the median, min and max and the peak
 * resident memory of the child (or what `peakMb` reports, e.g. for a language server process).
 */

export interface Budget {
    /** Median time must stay below this. */
    readonly ms?: number;
    /** Peak memory must stay below this. */
    readonly mb?: number;
}

export interface BenchContext {
    /** Path of a generated model of (about) `services` services, written once per bench run. */
    modelFile(services: number): string;
    /** Text of that model. */
    modelText(services: number): string;
}

export interface Measurement<State = unknown> {
    /** Stable id, used on the command line (`npm run bench -- <name>...`) and in the report. */
    readonly name: string;
    /** What is measured, for the report. */
    readonly title: string;
    /** The issue and budget it answers, for the report. */
    readonly budget?: Budget;
    readonly runs: number;
    readonly warmups?: number;
    /** Untimed set-up in the child process; the returned state is passed to `run`. */
    prepare(context: BenchContext): Promise<State>;
    /**
     * One timed run. Returns the duration in ms when it times only part of its work itself (e.g. from a request
     * to the diagnostics notification); otherwise the wall time of the call is used.
     */
    run(state: State, context: BenchContext): Promise<number | void>;
    /** Peak memory in MB to report instead of the child's own (e.g. the language server's). */
    peakMb?(state: State): number;
    /** Further figures for the report, one line each (e.g. memory before and after a soak). */
    details?(state: State): string[];
    /** A budget that is not a time or a peak (e.g. memory growth): why it was missed, or undefined. */
    check?(state: State): string | undefined;
    /** That budget in a few words, for the report's budget column. */
    readonly checkSummary?: string;
    /** Untimed clean-up (stop servers, remove files). */
    dispose?(state: State): Promise<void>;
    /** A line for the report: what the figure includes. */
    readonly note?: string;
    /** How long its child process may take in all (default: bench/run.ts's CHILD_TIMEOUT_MS). */
    readonly timeoutMs?: number;
}

const MEASUREMENTS = new Map<string, Measurement<never>>();

export function registerMeasurement<State>(measurement: Measurement<State>): void {
    if (MEASUREMENTS.has(measurement.name)) throw new Error(`measurement ${measurement.name} registered twice`);
    MEASUREMENTS.set(measurement.name, measurement as unknown as Measurement<never>);
}

export function allMeasurements(): Measurement<unknown>[] {
    return [...MEASUREMENTS.values()] as Measurement<unknown>[];
}

export function measurementNamed(name: string): Measurement<unknown> | undefined {
    return MEASUREMENTS.get(name) as Measurement<unknown> | undefined;
}
