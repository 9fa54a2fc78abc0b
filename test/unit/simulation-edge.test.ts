import * as assert from 'node:assert';
import { analysisOf, outcomesFor, scenarioJson } from '../../language/src/analysis/analysis.js';
import { parallel } from '../../language/src/analysis/availability.js';
import { expectHover } from 'langium/test';
import { build, testServices } from '../support/services.js';

/**
 * CloudFront over an origin group (the site's bucket in two regions) and an API; the API's function charges a card
 * through a payment provider outside AWS. `charge` is how the function calls it.
 */
const STORE = (charge = 'uses stripe', extra = '') => `system Store {
  global {
    cloudfront cdn {
      entry
      origin group primary use1.site secondary usw2.site
    }
  }

  external stripe "Stripe API" {
    sla 99.99%
  }

  region use1 "us-east-1" {
    az a
    az b

    s3 site {
      versioning on
    }

    apigateway api {
      entry
      throttle rate 100 burst 200
      uses checkout
    }

    lambda checkout {
      concurrency 100
      ${charge}
    }
  }

  region usw2 "us-west-2" {
    az a

    s3 site replica of use1.site {
      versioning on
    }
  }
${extra}}
`;

async function simulate(text: string, fail: string[] = [], scenario?: string) {
    const analysis = analysisOf((await build(text)).parseResult.value);
    const [outcome] = outcomesFor(analysis, scenario ? { scenario } : { fail });
    return scenarioJson(outcome);
}

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);

describe('simulation of CloudFront, API Gateway and external dependencies', () => {
    it('fails a CloudFront origin group over to its secondary origin when the primary\'s region is lost, like Route 53 failover', async () => {
        // use1 takes the primary origin, the API and its function: cdn is degraded (served from usw2.site), api fails;
        // usw2.site is degraded too: its replication source is gone.
        const result = await simulate(STORE(), ['use1']);
        assert.deepStrictEqual(result.failed, ['use1.api', 'use1.checkout', 'use1.site']);
        assert.deepStrictEqual(result.degraded, ['cdn', 'usw2.site']);
        assert.deepStrictEqual(result.entryPoints, { cdn: 'degraded', 'use1.api': 'failed' });
        assert.strictEqual(result.customersDown, 0.5);
    });

    it('fails the distribution only when both origins of its group fail', async () => {
        const result = await simulate(STORE(), ['use1.site', 'usw2.site']);
        assert.deepStrictEqual(result.failed, ['cdn', 'use1.site', 'usw2.site']);
        assert.deepStrictEqual(result.entryPoints, { cdn: 'failed', 'use1.api': 'ok' });
    });

    it('leaves an API Gateway up when one AZ fails: it is regional', async () => {
        const result = await simulate(STORE(), ['use1.a']);
        assert.deepStrictEqual([result.failed, result.degraded], [[], []]);
    });

    it('fails an external dependency directly, in a scenario as on the command line, and what calls it hard with it', async () => {
        const direct = await simulate(STORE(), ['stripe']);
        assert.deepStrictEqual(direct.failed, ['stripe', 'use1.api', 'use1.checkout']);
        assert.deepStrictEqual(direct.entryPoints, { cdn: 'ok', 'use1.api': 'failed' });
        assert.strictEqual(direct.customersDown, 0.5);
        const scenario = await simulate(STORE('uses stripe', '\n  scenario paymentsDown "the payment provider is down" {\n    fail stripe\n  }\n'), [], 'paymentsDown');
        assert.deepStrictEqual([scenario.failed, scenario.customersDown], [direct.failed, 0.5]);
        // With a fallback (soft), the function and its API only degrade.
        const soft = await simulate(STORE('uses stripe soft'), ['stripe']);
        assert.deepStrictEqual([soft.failed, soft.degraded], [['stripe'], ['use1.api', 'use1.checkout']]);
    });

    it('survives no region or AZ loss on its own: an external dependency is in no region', async () => {
        const analysis = analysisOf((await build(STORE())).parseResult.value);
        const stripe = analysis.topology.byId('stripe');
        assert.ok(stripe?.kind === 'service');
        assert.strictEqual(stripe.component.placement, 'global');
        assert.strictEqual(stripe.component.region, undefined);
        const result = await simulate(STORE(), ['use1.a', 'use1.b']);
        assert.ok(!result.failed.includes('stripe'));
    });

    it('counts an external SLA in the availability of what calls it hard, and the origin group in parallel', async () => {
        const analysis = analysisOf((await build(STORE())).parseResult.value);
        const of = (id: string) => {
            const found = analysis.topology.byId(id);
            assert.ok(found?.kind === 'service', id);
            return analysis.availability().of.get(found.component)!;
        };
        close(of('stripe'), 0.9999);
        // API Gateway 99.95% x Lambda 99.95% x Stripe 99.99%.
        close(of('use1.checkout'), 0.9995 * 0.9999);
        close(of('use1.api'), 0.9995 * 0.9995 * 0.9999);
        // CloudFront 99.9% x (either bucket at S3's 99.9%).
        close(of('cdn'), 0.999 * parallel([0.999, 0.999]));
        const soft = analysisOf((await build(STORE('uses stripe soft'))).parseResult.value);
        const api = soft.topology.byId('use1.api');
        assert.ok(api?.kind === 'service');
        close(soft.availability().of.get(api.component)!, 0.9995 * 0.9995);
    });

    it('says in the hover how an API, a distribution and a third party fail', async () => {
        const hover = (marked: string, expected: RegExp) => expectHover(testServices())({ text: marked, index: 0, hover: expected, disposeAfterCheck: true });
        await hover(STORE().replace('apigateway api', 'apigateway <|>api'),
            /\*\*apigateway\*\* `use1\.api` · regional in use1\n\nREST API, regional endpoint, throttled at 100 requests\/s, burst 200; waits 29 s for an integration\n\nEstimated availability/);
        await hover(STORE().replace('cloudfront cdn', 'cloudfront <|>cdn'), /\*\*cloudfront\*\* `cdn` · global\n\nOrigin group: `use1\.site`, failing over to `usw2\.site`/);
        await hover(STORE().replace('external stripe', 'external <|>stripe'), /\*\*external\*\* `stripe` · outside AWS\n\nIn no region: fails only when failed by name/);
    });
});
