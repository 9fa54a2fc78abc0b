import * as assert from 'node:assert';
import { build, diagnostics, inRegion } from '../support/services.js';
import { isLambda } from '../../language/src/generated/ast.js';

describe('parsing', () => {
    it('parses every service kind with its properties', async () => {
        const document = await build(inRegion(`
    lambda f {
      vpc subnets a, b
      concurrency 10
      invoke async retries 2
      timeout 10s
      versions alias live
      deploy linear 10% every 1m
    }`));
        assert.deepStrictEqual(document.parseResult.parserErrors.map(e => e.message), []);
        const lambda = document.parseResult.value.system!.regions[0].services[0];
        assert.ok(isLambda(lambda));
        assert.strictEqual(lambda.concurrency, 10);
        assert.strictEqual(lambda.invoke, 'async');
        assert.strictEqual(lambda.retries, 2);
        assert.strictEqual(lambda.timeout, '10s');
        assert.strictEqual(lambda.deploy?.step, 10);
        assert.deepStrictEqual(lambda.subnets.map(s => s.ref?.name), ['a', 'b']);
    });

    it('accepts keywords as names', async () => {
        const found = await diagnostics(inRegion(`
    sqs entry
    sqs backup
    lambda version { dlq entry }`), 'syntax');
        assert.deepStrictEqual(found.map(d => d.message), []);
    });
});
