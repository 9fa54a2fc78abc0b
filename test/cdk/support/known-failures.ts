/**
 * KNOWN_INVARIANT_FAILURES: where today's generator breaks the CDK invariant, each with the defect of issue 13 it
 * belongs to. An entry excuses the findings it matches (step, check or rule id, message) in every generated app: the
 * examples, the fixtures and the random designs. Strike an entry when its defect is fixed; never weaken the check
 * (the app's test/model-check.ts, written from language/src/generator/cdk/model-check-module.ts) instead.
 */
export interface KnownFailure {
    /** model: the app's model check; cdk-nag and cfn-lint: their rule ids. */
    readonly step: 'model' | 'cdk-nag' | 'cfn-lint';
    readonly code: string;
    readonly message: RegExp;
    readonly defect: string;
}

// None today: every defect listed here so far is fixed, or `resil check` now reports the design as AWS would reject it.
export const KNOWN_INVARIANT_FAILURES: readonly KnownFailure[] = [];

/** The findings of one step that no known failure excuses: what fails the invariant. */
export function unexcused<V extends { code: string; message: string }>(violations: readonly V[], step: KnownFailure['step'] = 'model'): V[] {
    return violations.filter(v => !KNOWN_INVARIANT_FAILURES.some(k => k.step === step && k.code === v.code && k.message.test(v.message)));
}
