import * as assert from 'node:assert';
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { getTopology } from '../../language/src/model/topology.js';
import { build } from '../support/services.js';

async function generated(text: string) {
    const document = await build(text);
    return generateCdkApp(getTopology(document.parseResult.value), { sourceName: 'model.resil' });
}

async function unmapped(text: string): Promise<string[]> {
    return (await generated(text)).unmapped.map(u => u.what);
}

function file(app: Awaited<ReturnType<typeof generated>>, path: string): string {
    const found = app.files.find(f => f.path === path);
    assert.ok(found, `no ${path}: ${app.files.map(f => f.path).join(', ')}`);
    return found.content;
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
    it('fails a Route 53 name over between the APIs\' custom domains, with the certificate of each region from context', async () => {
        const app = await generated(TWO_REGIONS);
        assert.deepStrictEqual(app.unmapped.filter(u => /record to/.test(u.what)), []);
        assert.deepStrictEqual(app.requiredContext, ['dnsHostedZoneId', 'dnsZoneName', 'dnsUse1CertificateArn', 'dnsUsw2CertificateArn']);
        for (const [region, role] of [['use1', 'PRIMARY'], ['usw2', 'SECONDARY']]) {
            const stack = file(app, `lib/${region}-stack.ts`);
            assert.match(stack, new RegExp(`certificateArn\\(this, '${`dns${region[0].toUpperCase()}${region.slice(1)}CertificateArn`}', 'route53 dns to apigateway ${region}\\.api', this\\.region\\)`));
            assert.match(stack, /new apigateway\.DomainName\(api, 'DnsDomain', \{\n\s+domainName: `\$\{props\.dnsRecords\.recordName\}\.\$\{props\.dnsRecords\.zoneName\}`/);
            assert.match(stack, new RegExp(`failover: route53\\.Failover\\.${role}`));
        }
        assert.match(file(app, 'README.md'), /\n {2}- `dnsUse1CertificateArn`\n {2}- `dnsUsw2CertificateArn`\n/);
    });

    it('generates the CloudFront distribution in the edge stack (us-east-1), its origin group over both regions\' buckets', async () => {
        const app = await generated(TWO_REGIONS);
        assert.deepStrictEqual(app.unmapped.filter(u => /cloudfront/.test(u.what)), []);
        const edge = file(app, 'lib/edge-stack.ts');
        assert.match(edge, /new cloudfrontOrigins\.OriginGroup\(\{\n\s+primaryOrigin: siteOrigin,\n\s+fallbackOrigin: siteOrigin2,\n\s+fallbackStatusCodes: \[500, 502, 503, 504\],/);
        assert.match(edge, /const siteOrigin = cloudfrontOrigins\.S3BucketOrigin\.withOriginAccessControl\(s3\.Bucket\.fromBucketAttributes\(this, 'SiteOrigin', \{ bucketArn: props\.site\.bucketArn, /);
        assert.match(edge, /defaultBehavior: \{\n\s+origin: cdnOriginGroup,/);
        const stacks = file(app, 'lib/stacks.ts');
        assert.match(stacks, /new EdgeStack\(app, 'T-Edge', \{\n\s+env: \{ account: process\.env\.CDK_DEFAULT_ACCOUNT, region: 'us-east-1' \},\n\s+crossRegionReferences: true,/);
        assert.match(stacks, /site: use1DataStack\.site,\n\s+site2: usw2DataStack\.site,/);
        // Each bucket lets CloudFront read it: the distribution's stack comes later, so the policy names the account's distributions.
        assert.match(file(app, 'lib/usw2-data-stack.ts'), /principals: \[new iam\.ServicePrincipal\('cloudfront\.amazonaws\.com'\)\],\n\s+actions: \['s3:GetObject'\]/);
        assert.deepStrictEqual(app.waves.map(w => w.name), ['foundation', 'regional', 'edge']);
    });

    it('health-checks ECS tasks on EC2 behind an API\'s VPC link on their dynamic host port (cfn-lint E3049), Fargate tasks on their own', async () => {
        const app = await generated(`system T {
  region use1 "us-east-1" {
    az a
    az b
    apigateway api {
      throttle rate 10
      uses bridged
      uses tasks
    }
    ecs bridged in a, b {
      launch ec2
      tasks 2
    }
    ecs tasks in a, b { tasks 2 }
  }
}
`);
        const stack = file(app, 'lib/use1-stack.ts');
        assert.match(stack, /\.addTargets\('BridgedApiTargets', \{ port: 80, targets: \[[^\]]+\], healthCheck: \{ port: 'traffic-port' \} \}\);/);
        assert.match(stack, /\.addTargets\('TasksApiTargets', \{ port: 80, targets: \[[^\]]+\] \}\);/);
    });

    it('generates no edge stack for a design without CloudFront', async () => {
        const app = await generated(`system T {
  region use1 "us-east-1" {
    az a
    s3 site { versioning on }
  }
}
`);
        assert.ok(!app.files.some(f => f.path === 'lib/edge-stack.ts'));
        assert.ok(!app.waves.some(w => w.name === 'edge'));
    });

    it('lists what an API does not integrate (a table behind an HTTP API), a custom domain and a second stage', async () => {
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
    apigateway partners {
      api http
      throttle rate 10
      uses orders
      uses ledger
    }
    sqs orders
    dynamodb ledger
  }
}
`);
        assert.ok(!listed.some(w => /^integration with sqs/.test(w)), listed.join('\n'));
        assert.ok(listed.some(w => /^integration with dynamodb use1\.ledger \(HTTP APIs have no DynamoDB integration/.test(w)), listed.join('\n'));
        assert.ok(listed.some(w => /^custom domain api\.example\.com of apigateway use1\.api/.test(w)), listed.join('\n'));
        assert.ok(listed.some(w => /^stage beta of apigateway use1\.api/.test(w)), listed.join('\n'));
    });
});
