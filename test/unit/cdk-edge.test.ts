import * as assert from 'node:assert';
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { getTopology } from '../../language/src/model/topology.js';
import { build } from '../support/services.js';

async function unmapped(text: string): Promise<string[]> {
    const document = await build(text);
    return generateCdkApp(getTopology(document.parseResult.value), { sourceName: 'model.resil' }).unmapped.map(u => u.what);
}

/** Route 53 failing over between two regions' APIs, and CloudFront over the regions' buckets. */
const TWO_REGIONS = `system T {
  global {
    route53 dns {
      entry
      failover primary use1.api secondary usw2.api
    }
    cloudfront cdn {
      entry
      origin group primary use1.site secondary usw2.site
    }
  }
  region use1 "us-east-1" {
    az a
    apigateway api { throttle rate 10 }
    s3 site { versioning on }
  }
  region usw2 "us-west-2" {
    az a
    apigateway api { throttle rate 10 }
    s3 site replica of use1.site { versioning on }
  }
}
`;

describe('CDK generator: what it lists of the edge kinds', () => {
    it('lists a Route 53 record to an API (it needs the API\'s custom domain) and a CloudFront distribution as not generated', async () => {
        const listed = await unmapped(TWO_REGIONS);
        assert.ok(listed.some(w => /^record to apigateway use1\.api \(a record to an API aliases its custom domain name, which needs an ACM certificate/.test(w)), listed.join('\n'));
        assert.ok(listed.some(w => /^cloudfront cdn \(a CloudFront distribution is not generated yet/.test(w)), listed.join('\n'));
    });

    it('lists an API integration it does not generate, a custom domain and a second stage', async () => {
        const listed = await unmapped(`system T {
  region use1 "us-east-1" {
    az a
    apigateway api {
      throttle rate 10
      domain "api.example.com"
      stage live
      stage beta
      uses orders
    }
    sqs orders
  }
}
`);
        assert.ok(listed.some(w => /^integration with sqs use1\.orders/.test(w)), listed.join('\n'));
        assert.ok(listed.some(w => /^custom domain api\.example\.com of apigateway use1\.api/.test(w)), listed.join('\n'));
        assert.ok(listed.some(w => /^stage beta of apigateway use1\.api/.test(w)), listed.join('\n'));
    });
});
