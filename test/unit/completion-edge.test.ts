import * as assert from 'node:assert';
import { expectCompletion } from 'langium/test';
import { testServices } from '../support/services.js';

const complete = expectCompletion(testServices());

async function labels(text: string): Promise<string[]> {
    let found: string[] = [];
    await complete({ text, index: 0, disposeAfterCheck: true, assert: list => { found = list.items.map(i => i.label); } });
    return found;
}

/** A system with a third party, a distribution and one region; the cursor line goes where `at` says. */
const design = (at: 'system' | 'global' | 'region', line: string) => `system T {
  external stripe "Stripe API"
  ${at === 'system' ? line : ''}
  global {
    cloudfront cdn
    ${at === 'global' ? line : ''}
  }
  region use1 {
    az a
    s3 site
    lambda checkout
    ${at === 'region' ? line : ''}
  }
}
`;

describe('completion of the edge kinds', () => {
    it('offers each kind where it may be declared: external in the system, cloudfront in global, apigateway and cognito in a region', async () => {
        assert.ok((await labels(design('system', '<|>'))).includes('external'));
        assert.ok((await labels(design('global', '<|>'))).includes('cloudfront'));
        const inRegion = await labels(design('region', '<|>'));
        for (const keyword of ['apigateway', 'cognito']) assert.ok(inRegion.includes(keyword), keyword);
    });

    it('offers an API\'s properties and their values', async () => {
        const inApi = await labels(design('region', 'apigateway api { <|> }'));
        for (const keyword of ['api', 'endpoint', 'throttle', 'stage', 'domain', 'uses']) assert.ok(inApi.includes(keyword), keyword);
        assert.deepStrictEqual((await labels(design('region', 'apigateway api { endpoint <|> }'))).sort(), ['edge', 'private', 'regional']);
        assert.deepStrictEqual((await labels(design('region', 'apigateway api { api <|> }'))).sort(), ['http', 'rest']);
    });

    it('offers a third party among what a `uses` may call, and the services of a region as a distribution\'s origins', async () => {
        const callable = await labels(design('region', 'lambda pay { uses <|> }'));
        assert.ok(callable.includes('stripe'), callable.join(', '));
        const origins = await labels(design('global', 'cloudfront www { origin group primary <|> secondary use1.site }'));
        assert.ok(origins.includes('use1.site'), origins.join(', '));
        assert.ok(!origins.includes('stripe') && !origins.includes('www'), origins.join(', '));
    });
});
