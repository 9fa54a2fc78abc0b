import * as assert from 'node:assert';
import { diagnostics, inRegion } from '../support/services.js';

describe('syntax errors and recovery', () => {
    it('says what a misspelt element keyword meant, and keeps parsing the region', async () => {
        const found = await diagnostics(inRegion(`
    lamda f {
      concurrency 10
    }
    sqs q { dlq nope }`));
        assert.deepStrictEqual(found.map(d => `${d.code}: ${d.message}`).sort(), [
            "syntax: Unknown element kind 'lamda' in a region. Did you mean 'lambda f'?",
            "unresolved-reference: No queue or topic named 'nope' in scope.",
        ]);
    });

    it('suggests the keyword alone when the misspelt element has no name yet', async () => {
        const found = await diagnostics(inRegion('    lamda § { }'), 'syntax');
        assert.ok(found.some(d => d.message === "Unknown element kind 'lamda' in a region. Did you mean 'lambda'?"), found.map(d => d.message).join('\n'));
    });

    it('says what a misspelt property meant, and keeps checking the rest', async () => {
        const found = await diagnostics(inRegion(`
    lambda f { concurency 5 }
    lambda g { timeout 3sec concurrency 1 }
    sqs q { dlq nope }`));
        assert.deepStrictEqual(found.map(d => `${d.code}: ${d.message}`).filter(m => !m.includes('lambda-reserved-concurrency')).sort(), [
            "syntax: Unknown word 'concurency' in a lambda. Did you mean 'concurrency'?",
            "unresolved-reference: No queue or topic named 'nope' in scope.",
            "value-range: Unknown duration unit 'sec' in '3sec': use ms, s, m, h, d (for example 3s).",
        ]);
    });

    it('recovers from a misspelt region and still checks the next one', async () => {
        const found = await diagnostics(`system T {
  regoin usw2 "us-west-2" { az a sqs q { dlq x } }
  region use1 { az a alb lb in a }
}`);
        assert.deepStrictEqual(found.map(d => d.code), ['syntax', 'alb-multi-az']);
        assert.match(found[0].message, /Did you mean 'region usw2'/);
    });

    it('describes expected tokens in words, not token names', async () => {
        const [found] = await diagnostics(inRegion('    ecs e { tasks many }'), 'syntax');
        assert.strictEqual(found.message, "Expected a number, but found 'many'.");
    });

    it('reports stray characters plainly', async () => {
        const [found] = await diagnostics(inRegion('    sqs q § '), 'syntax');
        assert.match(found.message, /Unexpected character '§'/);
    });

    it('quotes a stray quote so that it does not read as an empty name (found by the fuzzer)', async () => {
        const [found] = await diagnostics(inRegion("    sqs q ' "), 'syntax');
        assert.match(found.message, /^Unexpected character "'": /);
    });

    it('accepts every keyword inside the block of a misspelt element, so recovery never derails', async () => {
        const keywords = ['system', 'global', 'region', 'cell', 'router', 'scenario', 'consumer', 'lambda', 'az-loss', 'region-loss',
            'blast-radius', 'cell-loss', 'multi-az', 'on-failure', 'distinct-instance', 'member-of', 'on-demand', 'provisioned',
            'all-at-once', 'entry', 'uses', 'in', 'over', 'require', 'fail', 'allow', 'az'];
        const found = await diagnostics(inRegion(`    lamda f { ${keywords.join(' ')} , . [ ] <= 1 2% 3s "x" { nested } }`), 'syntax');
        assert.deepStrictEqual(found.map(d => d.message), ["Unknown element kind 'lamda' in a region. Did you mean 'lambda f'?"]);
    });

    it('reports nothing about an element whose name the parser could not read but the syntax error', async () => {
        const found = await diagnostics(inRegion('    dynamodb {\n      pitr on\n    }\n    lambda { invoke async }'));
        assert.ok(found.length > 0);
        assert.deepStrictEqual(found.filter(d => d.code !== 'syntax').map(d => d.message), []);
        assert.ok(found.every(d => !d.message.includes('undefined')), found.map(d => d.message).join('\n'));
    });
});
