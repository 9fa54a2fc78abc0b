import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from '../support/services.js';
import { expectFindings, expectFixed, expectQuiet, formatted } from '../support/rule-checks.js';
import { REPO_ROOT } from '../support/paths.js';

const EDGE_RULES = ['apigateway-throttling', 'apigateway-edge-multi-region', 'apigateway-integration-timeout', 'cloudfront-origin-region', 'external-hard-path'];
const fixture = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'edge', name), 'utf8');

/** One region with an API in front of a function that calls a payment provider; `api` and `fn` are the bodies. */
const shop = (api: string, fn = 'concurrency 100\n      timeout 20s', call = 'uses stripe soft') => `system T {
  external stripe "Stripe API" {
    sla 99.99%
  }

  region use1 "us-east-1" {
    az a
    az b

    apigateway api {
      ${api}
      uses checkout
    }

    lambda checkout {
      ${fn}
      ${call}
    }
  }
}
`;
const THROTTLED = 'throttle rate 100 burst 200';

/** CloudFront over origins, under `require survive region-loss`. */
const distribution = (body: string) => `system T {
  require survive region-loss

  global {
    cloudfront cdn {
      entry
      ${body}
    }
  }

  region use1 "us-east-1" {
    az a

    s3 site {
      versioning on
    }
  }

  region usw2 "us-west-2" {
    az a

    s3 site replica of use1.site {
      versioning on
    }
  }
}
`;

describe('API Gateway, CloudFront and external dependency rules', () => {
    it('writes test inputs in the formatter\'s style, so that fixes are checked to keep files formatted', async () => {
        for (const text of [shop(THROTTLED), distribution('uses use1.site'), fixture('edge-clean.resil'), fixture('edge-fragile.resil')]) {
            assert.strictEqual(await formatted(text), text);
        }
    });

    it('are all quiet on the clean fixture and all fire on the fragile one', async () => {
        for (const rule of EDGE_RULES) await expectQuiet(fixture('edge-clean.resil'), rule);
        const fragile = await build(fixture('edge-fragile.resil'));
        const fired = new Set((fragile.diagnostics ?? []).map(d => String(d.code)));
        for (const rule of EDGE_RULES) assert.ok(fired.has(rule), `${rule} fires on edge-fragile.resil`);
    });

    describe('apigateway-throttling', () => {
        it('fires on an API without throttle', async () => {
            const [message] = await expectFindings(shop('api rest'), 'apigateway-throttling', 'warning', ['api']);
            assert.match(message, /API Gateway `api` sets no throttling: a surge .* reaches its integrations .* Add `throttle rate N burst M`/);
        });
        it('stays quiet with a throttle', async () => {
            await expectQuiet(shop(THROTTLED), 'apigateway-throttling');
        });
    });

    describe('apigateway-edge-multi-region', () => {
        const twoRegions = (endpoint: string) => `system T {
  region use1 "us-east-1" {
    az a

    apigateway api {
      ${endpoint}
      ${THROTTLED}
    }
  }

  region usw2 "us-west-2" {
    az a
  }
}
`;
        it('fires on an edge-optimized endpoint in a design of two regions', async () => {
            const [message] = await expectFindings(twoRegions('endpoint edge'), 'apigateway-edge-multi-region', 'warning', ['edge']);
            assert.match(message, /edge-optimized in a design with 2 regions: .* Use `endpoint regional` in each region behind Route 53/);
        });
        it('stays quiet on a regional endpoint, and on an edge-optimized one in a one-region design', async () => {
            await expectQuiet(twoRegions('endpoint regional'), 'apigateway-edge-multi-region');
            await expectQuiet(shop(`endpoint edge\n      ${THROTTLED}`), 'apigateway-edge-multi-region');
        });
        it('switches the endpoint to regional', async () => {
            assert.match(await expectFixed(twoRegions('endpoint edge'), 'apigateway-edge-multi-region'), /endpoint regional\n/);
        });
    });

    describe('apigateway-integration-timeout', () => {
        it('fires on the `uses` line of a REST API whose function runs longer than 29 s', async () => {
            const [message] = await expectFindings(shop(THROTTLED, 'concurrency 100\n      timeout 60s'), 'apigateway-integration-timeout', 'warning', ['uses checkout']);
            assert.match(message, /Lambda `checkout` may run 60s, but API Gateway `api` \(a REST API\) ends an integration after 29 s: the client gets a 504/);
        });
        it('knows that an HTTP API waits 30 s', async () => {
            await expectQuiet(shop(`api http\n      ${THROTTLED}`, 'concurrency 100\n      timeout 30s'), 'apigateway-integration-timeout');
            await expectFindings(shop(`api http\n      ${THROTTLED}`, 'concurrency 100\n      timeout 31s'), 'apigateway-integration-timeout', 'warning', ['uses checkout']);
        });
        it('stays quiet within the limit, without a timeout, and for an async call', async () => {
            await expectQuiet(shop(THROTTLED, 'concurrency 100\n      timeout 29s'), 'apigateway-integration-timeout');
            await expectQuiet(shop(THROTTLED, 'concurrency 100'), 'apigateway-integration-timeout');
            await expectQuiet(shop(THROTTLED, 'concurrency 100\n      timeout 60s').replace('uses checkout', 'uses checkout async'), 'apigateway-integration-timeout');
        });
        it('shortens the function\'s timeout to the limit', async () => {
            assert.match(await expectFixed(shop(THROTTLED, 'concurrency 100\n      timeout 60s'), 'apigateway-integration-timeout'), /timeout 29s\n/);
        });
    });

    describe('cloudfront-origin-region', () => {
        it('fires on a distribution whose origins are all in one region', async () => {
            const [message] = await expectFindings(distribution('uses use1.site'), 'cloudfront-origin-region', 'error', ['cdn']);
            assert.match(message, /CloudFront distribution `cdn` has all its origins in use1: .* add `origin group primary use1\.site secondary/);
        });
        it('fires on an origin group whose two origins share a region', async () => {
            const text = distribution('origin group primary use1.site secondary use1.site');
            await expectFindings(text, 'cloudfront-origin-region', 'error', ['use1.site']);
        });
        it('stays quiet with an origin group over two regions, or without the requirement', async () => {
            await expectQuiet(distribution('origin group primary use1.site secondary usw2.site'), 'cloudfront-origin-region');
            await expectQuiet(distribution('uses use1.site').replace('  require survive region-loss\n\n', ''), 'cloudfront-origin-region');
        });
    });

    describe('external-hard-path', () => {
        it('fires, with the availability it costs, on the call that puts a third party on an entry point\'s hard path', async () => {
            const [message] = await expectFindings(shop(THROTTLED, 'concurrency 100', 'uses stripe'), 'external-hard-path', 'info', ['uses stripe']);
            // api 99.95% x checkout 99.95% = 99.9%; with Stripe's 99.99% in series: 99.89%, a cost of 0.01%.
            assert.match(message, /Entry point `use1\.api` \(through `use1\.checkout`\) fails whenever `stripe` does: .* Stripe API \(`stripe`\) .* At 99\.99% it costs about 0\.01% of availability: 99\.9% without it, 99\.89% with it/);
        });
        it('stays quiet on a soft or async call, and off the entry points\' hard paths', async () => {
            await expectQuiet(shop(THROTTLED, 'concurrency 100', 'uses stripe soft'), 'external-hard-path');
            await expectQuiet(shop(THROTTLED, 'concurrency 100', 'uses stripe async'), 'external-hard-path');
            await expectQuiet(shop(THROTTLED).replace('      uses checkout\n', '      uses checkout async\n'), 'external-hard-path');
        });
        it('makes the call soft', async () => {
            assert.match(await expectFixed(shop(THROTTLED, 'concurrency 100', 'uses stripe'), 'external-hard-path'), /uses stripe soft\n/);
        });
    });

    describe('Cognito under require survive region-loss', () => {
        const pool = (requirement: string) => `system T {
  ${requirement}

  global {
    route53 dns {
      entry
      health checks
      failover primary use1.api secondary usw2.api
    }
  }

  region use1 "us-east-1" {
    az a

    apigateway api {
      ${THROTTLED}
      uses users
    }

    cognito users
  }

  region usw2 "us-west-2" {
    az a

    apigateway api {
      ${THROTTLED}
      uses users
    }

    cognito users
  }
}
`;
        it('violates the requirement with the reason, even when each region has a pool to fail over to', async () => {
            const [message] = await expectFindings(pool('require survive region-loss'), 'requirement-violated', 'error', ['require survive region-loss']);
            assert.match(message, /^require survive region-loss does not hold: entry point dns signs its users in with Cognito user pool use1\.users \(also usw2\.users\), and a user pool is regional: Cognito does not replicate it to another region/);
        });
        it('holds the AZ requirement: a user pool survives an AZ', async () => {
            await expectQuiet(pool('require survive az-loss'), 'requirement-violated');
        });
    });
});
