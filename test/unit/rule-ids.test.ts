import * as assert from 'node:assert';
import type { RuleConfigProvider } from '../../language/src/config/rule-config.js';
import type { RuleReporter } from '../../language/src/validation/rule-reporter.js';
import { isRuleId, RULES, type RuleId } from '../../language/src/validation/rules.js';

// The `@ts-expect-error` lines are the test: the build (tsc) fails when a misspelt rule id compiles.
type ReportedRule = Parameters<RuleReporter['report']>[1];
type ConfiguredRule = Parameters<RuleConfigProvider['severityFor']>[0];

describe('rule ids', () => {
    it('are the ids of the registry: a misspelt one does not compile, and is no rule id at run time', () => {
        // @ts-expect-error 'sqs-dql' is not a rule of the registry
        const misspelt: RuleId = 'sqs-dql';
        // @ts-expect-error the reporter takes only ids of the registry
        const reported: ReportedRule = 'elasticache-multiaz';
        // @ts-expect-error the severity lookup takes only ids of the registry
        const configured: ConfiguredRule = 'lambda-dlq';
        const spelt: RuleId = 'sqs-dlq';
        assert.deepStrictEqual([misspelt, reported, configured].map(isRuleId), [false, false, false]);
        assert.ok(isRuleId(spelt));
        assert.ok(RULES.every(rule => isRuleId(rule.id)));
    });
});
