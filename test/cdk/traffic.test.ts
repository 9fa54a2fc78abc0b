/**
 * Traffic in generated CDK apps, asserted on the synthesized templates: every entry point is reachable from the
 * internet (Route 53 record -> internet-facing load balancer -> listener -> target group -> service), load
 * balancers that only the VPC calls stay internal, and every `uses` line between services is a resource relation
 * (an address in the caller's environment, a permission, a security group rule).
 */
import * as assert from 'node:assert';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateApp, runBinApp, synthesize, testContext, typeCheck, type GeneratedApp } from './support/generated-apps.js';
import type { SynthResult } from './support/synth-apps.js';

const require = createRequire(import.meta.url);
const { Match, Template } = require('aws-cdk-lib/assertions') as typeof import('aws-cdk-lib/assertions');

type Tpl = ReturnType<typeof Template.fromJSON>;
type Resource = { Type: string; Properties: Record<string, unknown> };

const DESIGNS = { traffic: 'test/fixtures/cdk/traffic.resil', 'traffic-web-service': 'examples/web-service.resil' } as const;

/** The logical id a `Ref` or `Fn::GetAtt` points at. */
function target(value: unknown): string | undefined {
    const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
    return v?.Ref ?? v?.['Fn::GetAtt']?.[0];
}

function resources(tpl: Tpl, type: string): Record<string, Resource> {
    return tpl.findResources(type) as Record<string, Resource>;
}

/**
 * What the internet reaches through each Route 53 alias record of a template: record -> internet-facing load
 * balancer -> its listeners -> default action and rules -> target groups -> ECS services and Lambda functions
 * registered in them. The logical ids of the services, by record.
 */
function reachedFromRecords(tpl: Tpl): Map<string, string[]> {
    const balancers = resources(tpl, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    const listeners = Object.entries(resources(tpl, 'AWS::ElasticLoadBalancingV2::Listener'));
    const rules = Object.values(resources(tpl, 'AWS::ElasticLoadBalancingV2::ListenerRule'));
    const groups = resources(tpl, 'AWS::ElasticLoadBalancingV2::TargetGroup');
    const services = Object.entries(resources(tpl, 'AWS::ECS::Service'));
    const reached = new Map<string, string[]>();
    for (const [id, record] of Object.entries(resources(tpl, 'AWS::Route53::RecordSet'))) {
        const dnsName = (record.Properties.AliasTarget as { DNSName?: unknown } | undefined)?.DNSName;
        const join = (dnsName as { 'Fn::Join'?: [string, unknown[]] })?.['Fn::Join'];
        const balancer = target(join ? join[1].find(part => target(part)) : dnsName);
        if (!balancer || balancers[balancer]?.Properties.Scheme !== 'internet-facing') continue;
        const groupIds = listeners.filter(([, l]) => target(l.Properties.LoadBalancerArn) === balancer).flatMap(([listenerId, l]) => [
            ...(l.Properties.DefaultActions as Array<{ TargetGroupArn?: unknown }>).map(a => target(a.TargetGroupArn)),
            ...rules.filter(r => target(r.Properties.ListenerArn) === listenerId)
                .flatMap(r => (r.Properties.Actions as Array<{ TargetGroupArn?: unknown }>).map(a => target(a.TargetGroupArn))),
        ]).filter((g): g is string => g !== undefined && groups[g] !== undefined);
        const targets = groupIds.flatMap(g => [
            ...services.filter(([, s]) => (s.Properties.LoadBalancers as Array<{ TargetGroupArn: unknown }> | undefined)
                ?.some(lb => target(lb.TargetGroupArn) === g)).map(([serviceId]) => serviceId),
            ...((groups[g].Properties.Targets as Array<{ Id: unknown }> | undefined) ?? []).map(t => target(t.Id)).filter((t): t is string => t !== undefined),
        ]);
        reached.set(id, targets.sort());
    }
    return reached;
}

/** The logical id of the one resource of a type whose id starts with `prefix` (CDK appends a hash). */
function idOf(tpl: Tpl, type: string, prefix: string): string {
    const ids = Object.keys(resources(tpl, type)).filter(id => id.startsWith(prefix));
    assert.strictEqual(ids.length, 1, `one ${type} ${prefix}*: ${ids.join(', ')}`);
    return ids[0];
}

/** The security group ingress rules into the group of `to` (logical id prefix), as `source:from-to` strings. */
function ingressInto(tpl: Tpl, groupPrefix: string): string[] {
    const group = idOf(tpl, 'AWS::EC2::SecurityGroup', groupPrefix);
    const standalone = Object.values(resources(tpl, 'AWS::EC2::SecurityGroupIngress'))
        .filter(r => target(r.Properties.GroupId) === group)
        .map(r => `${target(r.Properties.SourceSecurityGroupId) ?? r.Properties.CidrIp}:${r.Properties.FromPort}-${r.Properties.ToPort}`);
    const inline = ((resources(tpl, 'AWS::EC2::SecurityGroup')[group].Properties.SecurityGroupIngress as Array<Record<string, unknown>> | undefined) ?? [])
        .map(r => `${target(r.SourceSecurityGroupId) ?? r.CidrIp}:${r.FromPort}-${r.ToPort}`);
    return [...standalone, ...inline].sort();
}

function environmentOf(tpl: Tpl, type: 'AWS::ECS::TaskDefinition' | 'AWS::Lambda::Function', prefix: string): Record<string, unknown> {
    const resource = resources(tpl, type)[idOf(tpl, type, prefix)];
    if (type === 'AWS::Lambda::Function') return (resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const container = (resource.Properties.ContainerDefinitions as Array<{ Environment: Array<{ Name: string; Value: unknown }> }>)[0];
    return Object.fromEntries(container.Environment.map(e => [e.Name, e.Value]));
}

describe('generated CDK apps: traffic from the internet to every service', function () {
    this.timeout(300_000);
    const results = new Map<string, SynthResult | { error: string }>();
    let apps: GeneratedApp[] = [];
    let withoutContext: Map<string, SynthResult | { error: string }>;

    before(async () => {
        apps = await Promise.all(Object.entries(DESIGNS).map(([name, file]) => generateApp(name, file)));
        const [, synthesized, bare] = await Promise.all([
            typeCheck(apps),
            synthesize(apps, testContext(apps.flatMap(a => a.requiredContext))),
            synthesize(apps.filter(a => a.name === 'traffic'), {}, '-no-context'),
        ]);
        for (const [name, result] of synthesized) results.set(name, result);
        withoutContext = bare;
    });

    function template(app: keyof typeof DESIGNS, stack: string): Tpl {
        const result = results.get(app);
        assert.ok(result && !('error' in result), `${app} does not synthesize: ${result && 'error' in result ? result.error : ''}`);
        assert.ok(result.stacks[stack], `${app} has no stack ${stack}: ${Object.keys(result.stacks).join(', ')}`);
        return Template.fromJSON(result.stacks[stack] as Record<string, unknown>);
    }

    it('gives `route53 www { uses euw1.edge }` a record to an internet-facing load balancer that forwards to the service', () => {
        const tpl = template('traffic-web-service', 'ShopEuw1');
        tpl.hasResourceProperties('AWS::Route53::RecordSet', {
            Type: 'A', Name: 'www.example.com.', HostedZoneId: 'Z0123456789TESTZONE',
            AliasTarget: Match.objectLike({ EvaluateTargetHealth: true }),
            Failover: Match.absent(), Weight: Match.absent(),
        });
        tpl.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internet-facing' });
        assert.deepStrictEqual([...reachedFromRecords(tpl).values()], [[idOf(tpl, 'AWS::ECS::Service', 'ApiService')]]);
        assert.deepStrictEqual(ingressInto(tpl, 'EdgeSecurityGroup'), ['0.0.0.0/0:80-80'], 'the listener is open to the internet');
        tpl.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { HealthCheckPath: '/', Port: 80, TargetType: 'ip' });
    });

    it('weighs the records of a name that uses load balancers in two regions, each with a health check', () => {
        for (const stack of ['TrafficUse1', 'TrafficUsw2']) {
            const tpl = template('traffic', stack);
            tpl.hasResourceProperties('AWS::Route53::RecordSet', {
                Type: 'A', Name: 'www.example.com.', Weight: 1, SetIdentifier: Match.stringLikeRegexp('^www-'), HealthCheckId: Match.anyValue(),
            });
            tpl.resourceCountIs('AWS::Route53::HealthCheck', 1);
            assert.strictEqual(reachedFromRecords(tpl).size, 1, stack);
        }
    });

    it('routes each service of a load balancer by a path rule, with health checks, Lambda functions included', () => {
        const tpl = template('traffic', 'TrafficUse1');
        const [reached] = [...reachedFromRecords(tpl).values()];
        assert.deepStrictEqual(reached, [idOf(tpl, 'AWS::ECS::Service', 'ApiService'), idOf(tpl, 'AWS::Lambda::Function', 'Pages')].sort());
        tpl.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
            Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/pages/*'] } }],
            Actions: [Match.objectLike({ Type: 'forward' })],
        });
        tpl.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: 'lambda', HealthCheckEnabled: true });
    });

    it('keeps a load balancer that only services of the VPC call internal, and lets in exactly those callers', () => {
        const tpl = template('traffic', 'TrafficUse1');
        const schemes = Object.entries(resources(tpl, 'AWS::ElasticLoadBalancingV2::LoadBalancer')).map(([id, lb]) => `${id.replace(/[0-9A-F]{8}$/, '')}:${lb.Properties.Scheme}`);
        assert.deepStrictEqual(schemes.sort(), ['Edge:internet-facing', 'Inner:internal']);
        const api = idOf(tpl, 'AWS::EC2::SecurityGroup', 'ApiSecurityGroup');
        const batch = idOf(tpl, 'AWS::EC2::SecurityGroup', 'BatchSecurityGroup');
        assert.deepStrictEqual(ingressInto(tpl, 'InnerSecurityGroup'), [api, batch].map(group => `${group}:80-80`).sort());
        // Each cell replica, deployed after the region, lets itself in with a rule of its own stack on the region's group.
        for (const replica of [0, 1]) {
            const cell = template('traffic', `TrafficUse1-Shop${replica}`);
            const front = idOf(cell, 'AWS::EC2::SecurityGroup', 'FrontSecurityGroup');
            const rules = Object.values(resources(cell, 'AWS::EC2::SecurityGroupIngress'))
                .filter(r => target(r.Properties.SourceSecurityGroupId) === front && r.Properties.FromPort === 80);
            assert.strictEqual(rules.length, 1, `replica ${replica}`);
            assert.match(JSON.stringify(rules[0].Properties.GroupId), /"Fn::GetStackOutput".*"StackName":"TrafficUse1"/, `replica ${replica} opens the region's inner balancer`);
        }
        tpl.hasResourceProperties('AWS::ECS::Service', {
            LoadBalancers: [Match.objectLike({ TargetGroupArn: { Ref: Match.stringLikeRegexp('^InnerHttpBackendTargets') } })],
        });
    });

    it('turns service-to-service `uses` into addresses, permissions and security group rules', () => {
        const tpl = template('traffic', 'TrafficUse1');
        const api = environmentOf(tpl, 'AWS::ECS::TaskDefinition', 'ApiTask');
        for (const key of ['INNER_URL', 'ITEMS_TABLE', 'QUOTE_FUNCTION', 'RENDER_SRV', 'STORE_ENDPOINT']) assert.ok(key in api, `${key} in ${Object.keys(api).join(', ')}`);
        assert.match(JSON.stringify(environmentOf(tpl, 'AWS::Lambda::Function', 'Pages').API_URL), /Edge[0-9A-F]{8}","DNSName"/, 'pages calls api through its load balancer');
        tpl.hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', { Name: 'use1.traffic.internal' });
        tpl.hasResourceProperties('AWS::ServiceDiscovery::Service', { Name: 'store', DnsConfig: Match.objectLike({ DnsRecords: [Match.objectLike({ Type: 'A' })] }) });
        tpl.hasResourceProperties('AWS::ServiceDiscovery::Service', { Name: 'render', DnsConfig: Match.objectLike({ DnsRecords: [Match.objectLike({ Type: 'SRV' })] }) });
        const apiGroup = idOf(tpl, 'AWS::EC2::SecurityGroup', 'ApiSecurityGroup');
        const batchGroup = idOf(tpl, 'AWS::EC2::SecurityGroup', 'BatchSecurityGroup');
        assert.deepStrictEqual(ingressInto(tpl, 'StoreSecurityGroup'), [`${apiGroup}:80-80`, `${batchGroup}:80-80`].sort());
        assert.ok(ingressInto(tpl, 'RenderInstancesInstanceSecurityGroup').includes(`${apiGroup}:32768-65535`), 'api reaches the EC2 tasks of render');
        tpl.hasResourceProperties('AWS::IAM::Policy', {
            PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'lambda:InvokeFunction', Resource: Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Quote'), 'Arn'] }]),
            })]) },
            Roles: [{ Ref: Match.stringLikeRegexp('^PagesServiceRole') }],
        });
    });

    it('passes cdk-nag with no finding left unacknowledged', () => {
        for (const name of Object.keys(DESIGNS)) {
            const result = results.get(name);
            assert.ok(result && !('error' in result), name);
            assert.deepStrictEqual(result.violations, [], name);
        }
    });

    it('stops synthesis without the hosted zone, naming the context keys to set and where', () => {
        const result = withoutContext.get('traffic');
        assert.ok(result && 'error' in result, 'synthesis must fail without a hosted zone');
        assert.match(result.error, /route53 www needs an existing hosted zone: set the context keys wwwHostedZoneId and wwwZoneName in the "context" of cdk\.json/);
        assert.ok(!/Z0000000000000EXAMPLE/.test(JSON.stringify([...results.values()])), 'no made-up hosted zone');
    });

    it('synthesizes with the hosted zone in the context of cdk.json, as its README says (`npx tsx bin/app.ts`)', async () => {
        const app = apps.find(a => a.name === 'traffic-web-service')!;
        const cdkJsonFile = path.join(app.dir, 'cdk.json');
        const cdkJson = JSON.parse(fs.readFileSync(cdkJsonFile, 'utf8')) as { context: Record<string, unknown> };
        cdkJson.context = { ...cdkJson.context, wwwHostedZoneId: 'Z0123456789SHOPZONE', wwwZoneName: 'shop.example' };
        fs.writeFileSync(cdkJsonFile, JSON.stringify(cdkJson, null, 2));
        await runBinApp(app);
        const tpl = Template.fromJSON(JSON.parse(fs.readFileSync(path.join(app.dir, 'cdk.out', 'ShopEuw1.template.json'), 'utf8')) as Record<string, unknown>);
        tpl.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'www.shop.example.', HostedZoneId: 'Z0123456789SHOPZONE' });
    });
});
