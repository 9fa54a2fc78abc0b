import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { getTopology } from '../../language/src/model/topology.js';
import { repoPath } from '../support/paths.js';
import { build, inRegion } from '../support/services.js';

async function appOf(text: string) {
    const document = await build(text);
    return generateCdkApp(getTopology(document.parseResult.value), { sourceName: 'model.resil' });
}

function file(app: { files: readonly { path: string; content: string }[] }, name: string): string {
    const found = app.files.find(f => f.path === name);
    assert.ok(found, `no ${name} in ${app.files.map(f => f.path).join(', ')}`);
    return found.content;
}

/** The `internetFacing` setting of each load balancer of a stack, by variable. */
function schemes(stack: string): Record<string, boolean> {
    return Object.fromEntries([...stack.matchAll(/const (\w+) = new elbv2\.ApplicationLoadBalancer\([^]*?internetFacing: (true|false)/g)].map(m => [m[1], m[2] === 'true']));
}

describe('CDK generator: traffic', () => {
    it('gives `route53 www { uses euw1.edge }` of the web-service example a record to a public load balancer', async () => {
        const app = await appOf(fs.readFileSync(repoPath('examples', 'web-service.resil'), 'utf8'));
        const stack = file(app, 'lib/euw1-stack.ts');
        assert.deepStrictEqual(schemes(stack), { edge: true });
        assert.match(stack, /vpcSubnets: \{ subnetType: ec2\.SubnetType\.PUBLIC,/);
        assert.match(stack, /edge\.addListener\('Http', \{ port: 80, open: true \}\)/);
        assert.match(stack, /new route53\.ARecord\(this, 'WwwRecord', \{[^]*?recordName: props\.wwwRecords\.recordName,[^]*?LoadBalancerTarget\(edge, \{ evaluateTargetHealth: true \}\)/);
        assert.deepStrictEqual(app.requiredContext, ['wwwHostedZoneId', 'wwwZoneName']);
    });

    it('makes a load balancer internal only when every caller runs inside the VPC', async () => {
        const app = await appOf(inRegion(`
    alb inner in a, b { uses api }
    alb shared in a, b { uses api }
    alb lonely in a, b { uses api }
    ecs api in a, b { tasks 2 }
    ecs web in a, b { tasks 2 uses inner uses shared }
    lambda vpcFn { vpc subnets a, b invoke sync concurrency 1 uses inner }
    lambda outside { invoke sync concurrency 1 uses shared }`));
        const stack = file(app, 'lib/use1-stack.ts');
        assert.deepStrictEqual(schemes(stack), { inner: false, shared: true, lonely: true });
        assert.match(stack, /web\.connections\.allowTo\(inner, ec2\.Port\.tcp\(80\), 'use1\.web uses use1\.inner'\);/);
        assert.match(stack, /vpcFn\.connections\.allowTo\(inner, ec2\.Port\.tcp\(80\), 'use1\.vpcFn uses use1\.inner'\);/);
        assert.ok(!/connections\.allowTo\(shared,/.test(stack), 'a public listener is open already');
        assert.match(stack, /outside\.addEnvironment\('SHARED_URL', `http:\/\/\$\{shared\.loadBalancerDnsName\}\/`\);/);
    });

    it('routes the second service of a load balancer by its path, and callers of that service to the path', async () => {
        const app = await appOf(inRegion(`
    alb edge in a, b { entry uses web uses search }
    ecs web in a, b { tasks 2 }
    lambda search { invoke sync concurrency 1 }
    lambda caller { invoke sync concurrency 1 uses search uses web }`));
        const stack = file(app, 'lib/use1-stack.ts');
        assert.match(stack, /edgeListener\.addTargets\('WebTargets', \{ port: 80, targets: \[web\], healthCheck: \{ path: '\/' \} \}\);/);
        assert.match(stack, /edgeListener\.addTargets\('SearchTargets', \{[^]*?priority: 10,[^]*?pathPatterns\(\['\/search\/\*'\]\)[^]*?healthCheck: \{ enabled: true \}/);
        assert.match(stack, /caller\.addEnvironment\('WEB_URL', `http:\/\/\$\{edge\.loadBalancerDnsName\}\/`\);/);
        // A Lambda function is also invoked directly: its ARN and the permission, not the load balancer.
        assert.match(stack, /access\.invokeFunction\(caller, search\);/);
    });

    it('reaches ECS services without a load balancer by a private DNS name, and says why when it cannot', async () => {
        const app = await appOf(inRegion(`
    ecs api in a, b { tasks 2 uses store uses store2 }
    ecs store in a, b { tasks 2 }
    ecs store2 in a, b { launch ec2 tasks 2 capacity min 2 max 4 instance "m6i.large" }
    lambda outside { invoke sync concurrency 1 uses store }`));
        const stack = file(app, 'lib/use1-stack.ts');
        assert.equal(stack.match(/addDefaultCloudMapNamespace\(\{ name: 'use1\.t\.internal' \}\)/g)?.length, 1);
        assert.match(stack, /const storeDiscovery = store\.enableCloudMap\(\{ name: 'store' \}\);/);
        assert.match(stack, /apiContainer\.addEnvironment\('STORE_ENDPOINT', `\$\{storeDiscovery\.serviceName\}\.\$\{storeDiscovery\.namespace\.namespaceName\}:80`\);/);
        assert.match(stack, /api\.connections\.allowTo\(store, ec2\.Port\.tcp\(80\), 'use1\.api uses use1\.store'\);/);
        assert.match(stack, /apiContainer\.addEnvironment\('STORE2_SRV', /);
        assert.match(stack, /api\.connections\.allowTo\(cluster, ec2\.Port\.tcpRange\(32768, 65535\), 'use1\.api uses use1\.store2'\);/);
        assert.match(stack, /\/\/ not wired: uses use1\.store \(use1\.outside runs outside the VPC/);
    });

    it('lets the services of a cell call a load balancer of their region', async () => {
        const app = await appOf(inRegion(`
    alb shared in a, b { uses api }
    ecs api in a, b { tasks 2 }
    cell shop[2] in a, b {
      ecs front in a, b { tasks 2 uses shared }
    }`));
        assert.match(file(app, 'lib/stacks.ts'), /new Use1ShopCellStack\(app, `\w*Use1-Shop\$\{replica\}`, \{[^}]*shared: use1Stack\.shared,/);
        const cell = file(app, 'lib/cells/shop.ts');
        assert.match(cell, /readonly shared: elbv2\.IApplicationLoadBalancer;/);
        assert.match(cell, /frontContainer\.addEnvironment\('SHARED_URL', `http:\/\/\$\{props\.shared\.loadBalancerDnsName\}\/`\);/);
        assert.match(cell, /front\.connections\.allowTo\(props\.shared, ec2\.Port\.tcp\(80\), 'use1\.shop\.front uses use1\.shared'\);/);
    });

    it('gives each cell replica its own private DNS namespace', async () => {
        const app = await appOf(inRegion(`
    cell shop[2] in a, b {
      ecs api in a, b { tasks 2 uses store }
      ecs store in a, b { tasks 2 }
    }`));
        assert.match(file(app, 'lib/cells/shop.ts'), /addDefaultCloudMapNamespace\(\{ name: `\$\{id\.toLowerCase\(\)\}\.shop\.use1\.t\.internal` \}\)/);
    });

    it('says which record it cannot make: a non-load-balancer target, a `uses` beside a failover', async () => {
        const app = await appOf(`system T {
  global {
    route53 api { uses use1.fn }
    route53 www { failover primary use1.edge secondary use1.edge2 uses use1.edge3 }
  }
  region use1 "us-east-1" {
    az a
    az b
    lambda fn { entry invoke sync concurrency 1 }
    alb edge in a, b
    alb edge2 in a, b
    alb edge3 in a, b
  }
}`);
        const stack = file(app, 'lib/use1-stack.ts');
        assert.match(stack, /\/\/ not generated: record to lambda use1\.fn \(Route 53 alias records point at load balancers and APIs: put an alb in front of it\)/);
        assert.match(stack, /\/\/ not generated: record to use1\.edge3 \(the record name of www already fails over/);
        assert.match(stack, /failover: route53\.Failover\.PRIMARY/);
    });

    it('says that an entry service on ECS without a load balancer in front cannot be reached from outside', async () => {
        const app = await appOf(inRegion(`
    ecs api in a, b { entry tasks 2 }
    alb edge in a, b { entry uses web }
    ecs web in a, b { entry tasks 2 }`));
        const stack = file(app, 'lib/use1-stack.ts');
        assert.match(stack, /\/\/ not generated: a way in for entry ecs use1\.api \(its tasks run in private subnets: put an alb in front of it/);
        assert.ok(!/entry ecs use1\.web/.test(stack), 'web is behind edge');
    });

    it('asks for the hosted zone instead of inventing one, in the code and in the README', async () => {
        const app = await appOf(fs.readFileSync(repoPath('examples', 'web-service.resil'), 'utf8'));
        const stacks = file(app, 'lib/stacks.ts');
        assert.ok(!/EXAMPLE|example\.com|tryGetContext/.test(stacks), stacks);
        assert.match(stacks, /const wwwRecords = dnsRecordProps\(app, 'www', 'route53 www', 'www'\);/);
        assert.match(file(app, 'lib/dns.ts'), /throw new Error\(/);
        assert.match(file(app, 'README.md'), /route53 www: `wwwHostedZoneId` \(the zone id, `Z\.\.\.`\), `wwwZoneName`/);
    });

    it('gives fixed names only to the tables other regions replicate, and says why in the README', async () => {
        const tour = await appOf(fs.readFileSync(repoPath('test', 'fixtures', 'tour.resil'), 'utf8'));
        const code = tour.files.filter(f => f.path.endsWith('-stack.ts') || f.path.startsWith('lib/cells/')).map(f => f.content).join('\n');
        // Names inside a resource (an alias of its function, a rule of its plan, a device of its instance), the
        // record name from context and the consumer name the construct requires: none of them blocks a new stack. An
        // alarm's metric and the resource path of an ARN (the routers' SSM parameters) name what exists, not what is made.
        const scoped = ['aliasName', 'deviceName', 'recordName', 'ruleName', 'streamConsumerName', 'metricName', 'resourceName'];
        const fixed = [...code.matchAll(/\b(\w+Name): '([^']*)'/g)].filter(m => !scoped.includes(m[1])).map(m => `${m[1]}: ${m[2]}`);
        assert.deepStrictEqual(fixed, ['tableName: checkout-use1-orders'], 'usw2 replicates use1.orders');
        assert.match(file(tour, 'README.md'), /only the DynamoDB tables that other regions replicate have one/);
    });
});

describe('CDK generator: calls from and to EKS clusters and Auto Scaling groups', () => {
    it('lets an EKS cluster\'s workloads act as a Pod Identity role that gets the grants, with their addresses in SSM parameters', async () => {
        const app = await appOf(inRegion(`
    eks search { version "1.32" nodegroup n in a, b { min 2 max 4 } uses items uses jobs async }
    ecs api in a, b { tasks 2 uses search }
    dynamodb items { pitr on }
    sqs jobs { dlq dead after 3 }
    sqs dead`));
        const stack = file(app, 'lib/use1-stack.ts');
        assert.match(stack, /new eks\.Addon\(this, 'SearchPodIdentityAgent', \{ cluster: search, addonName: 'eks-pod-identity-agent' \}\);/);
        assert.match(stack, /const searchWorkload = new iam\.Role\(search, 'Workload', \{ assumedBy: new iam\.SessionTagsPrincipal\(new iam\.ServicePrincipal\('pods\.eks\.amazonaws\.com'\)\) \}\);/);
        assert.match(stack, /new eks\.CfnPodIdentityAssociation\(search, 'WorkloadIdentity', \{[^}]*serviceAccount: 'search',[^}]*roleArn: searchWorkload\.roleArn/);
        assert.match(stack, /access\.readWriteTable\(searchWorkload, props\.itemsTable\);/);
        assert.match(stack, /new ssm\.StringParameter\(search, 'EnvITEMS_TABLE', \{[^}]*parameterName: `\/\$\{this\.stackName\}\/search\/ITEMS_TABLE`,[^}]*\}\)\.grantRead\(searchWorkload\);/);
        assert.doesNotMatch(stack, /not wired/);
        // The ECS service reaches the cluster by its Cloud Map name, let into the cluster's security group.
        assert.match(stack, /const searchDiscovery = new servicediscovery\.PrivateDnsNamespace\(search, 'Names', /);
        assert.match(stack, /addEnvironment\('SEARCH_ENDPOINT', `\$\{`\$\{searchDiscovery\.serviceName\}\.\$\{searchDiscovery\.namespace\.namespaceName\}`\}:80`\)/);
        assert.match(stack, /api\.connections\.allowTo\(search, ec2\.Port\.tcp\(80\), 'use1\.api uses use1\.search'\);/);
    });

    it('gives an Auto Scaling group\'s instances the addresses they call through user data, and keeps a load balancer only it calls internal', async () => {
        const app = await appOf(inRegion(`
    asg web in a, b { instance "t3.medium" min 2 max 4 uses app uses items }
    alb app in a, b { uses api }
    ecs api in a, b { tasks 2 }
    dynamodb items { pitr on }`));
        const stack = file(app, 'lib/use1-stack.ts');
        assert.deepStrictEqual(schemes(stack), { appResource: false });
        assert.match(stack, /web\.addUserData\(`echo "APP_URL=\$\{`http:\/\/\$\{appResource\.loadBalancerDnsName\}\/`\}" >> \/etc\/environment`\);/);
        assert.match(stack, /web\.connections\.allowTo\(appResource, ec2\.Port\.tcp\(80\), 'use1\.web uses use1\.app'\);/);
        assert.match(stack, /access\.readWriteTable\(web, props\.itemsTable\);/);
        assert.match(stack, /web\.addUserData\(`echo "ITEMS_TABLE=\$\{props\.itemsTable\.tableName\}" >> \/etc\/environment`\);/);
    });
});
