import * as assert from 'node:assert';
import { generatedApps, synthesize, templateOf, testContext, type SynthesizedApp } from './support/generated-apps.js';

type Template = ReturnType<typeof templateOf>;
type Json = Record<string, unknown>;

/** The one resource of a type whose logical id starts with `name`. */
function logicalId(template: Template, type: string, name: string): string {
    const ids = Object.keys(template.findResources(type)).filter(id => id.startsWith(name));
    assert.strictEqual(ids.length, 1, `one ${type} ${name}*: ${ids.join(', ')}`);
    return ids[0];
}

function properties(template: Template, type: string, name: string): Json {
    return template.toJSON().Resources[logicalId(template, type, name)].Properties as Json;
}

/**
 * The front doors' app (test/fixtures/cdk/front.resil): CloudFront in the edge stack over the modelled origins (a
 * bucket through origin access control, an API, an origin group of two regions' load balancers) behind its web ACL;
 * each API Gateway integration points at the modelled target, with the action and role its kind needs.
 */
describe('CDK app of CloudFront and API Gateway integrations', function () {
    this.timeout(30 * 60_000);
    let apps = new Map<string, SynthesizedApp>();
    before(async () => { apps = await generatedApps(); });

    const edge = () => templateOf(apps, 'front', 'Front-Edge');
    const services = () => templateOf(apps, 'front', 'FrontUse1');
    const config = () => properties(edge(), 'AWS::CloudFront::Distribution', 'Site').DistributionConfig as Json;
    /** The origin's domain name as the edge stack reads it: the output of the stack and the resource it names. */
    const domainOf = (origin: Json) => JSON.stringify(origin.DomainName);

    it('passes every cdk-nag rule and its own model check', () => {
        const app = apps.get('front')!;
        assert.deepStrictEqual(app.result.violations, []);
        assert.deepStrictEqual(app.result.modelViolations, []);
    });

    it('deploys the distribution from us-east-1, its origins read from the stacks of their regions', () => {
        const origins = config().Origins as Json[];
        const domains = origins.map(domainOf);
        assert.strictEqual(origins.length, 4);
        assert.ok(domains.some(d => /"StackName":"FrontUse1-Data","Region":"us-east-1","OutputName":"[^"]*Assets[^"]*RegionalDomainName/.test(d)), domains.join('\n'));
        assert.ok(domains.some(d => /"StackName":"FrontUse1","Region":"us-east-1","OutputName":"[^"]*Web[^"]*DNSName/.test(d)), domains.join('\n'));
        assert.ok(domains.some(d => /"StackName":"FrontEuw1","Region":"eu-west-1","OutputName":"[^"]*Web[^"]*DNSName/.test(d)), domains.join('\n'));
        assert.ok(domains.some(d => /execute-api.*"OutputName":"[^"]*RefOrders/.test(d)), domains.join('\n'));
        const bucket = origins.find(o => /Assets/.test(domainOf(o)))!;
        assert.ok(bucket.OriginAccessControlId, 'the bucket is read through origin access control');
    });

    it('fails over from the primary region\'s load balancer to the secondary\'s in an origin group that serves the default behavior', () => {
        const origins = config().Origins as Json[];
        const [group] = ((config().OriginGroups as Json).Items as Json[]);
        const members = ((group.Members as Json).Items as Json[]).map(m => domainOf(origins.find(o => o.Id === m.OriginId)!));
        assert.match(members[0], /"StackName":"FrontUse1".*Web/);
        assert.match(members[1], /"StackName":"FrontEuw1".*Web/);
        assert.deepStrictEqual(((group.FailoverCriteria as Json).StatusCodes as Json).Items, [500, 502, 503, 504]);
        assert.strictEqual((config().DefaultCacheBehavior as Json).TargetOriginId, group.Id);
    });

    it('protects the distribution with a CloudFront web ACL and lets it read the bucket', () => {
        const acl = logicalId(edge(), 'AWS::WAFv2::WebACL', 'SiteWebAcl');
        assert.strictEqual(properties(edge(), 'AWS::WAFv2::WebACL', 'SiteWebAcl').Scope, 'CLOUDFRONT');
        assert.deepStrictEqual(config().WebACLId, { 'Fn::GetAtt': [acl, 'Arn'] });
        const data = templateOf(apps, 'front', 'FrontUse1-Data');
        const policy = JSON.stringify(Object.values(data.findResources('AWS::S3::BucketPolicy')).map(p => p.Properties));
        assert.match(policy, /"Principal":\{"Service":"cloudfront\.amazonaws\.com"\}/);
    });

    it('sends to the queue, writes and reads the table and starts the state machines from the REST API, with a role', () => {
        const template = services();
        const integration = (name: string) => properties(template, 'AWS::ApiGateway::Method', name).Integration as Json;
        const queue = integration('OrdersinboxPOST');
        assert.match(JSON.stringify(queue.Uri), /:sqs:path\/.*Inbox[^"]*QueueName/);
        assert.deepStrictEqual(queue.Credentials, { 'Fn::GetAtt': [logicalId(template, 'AWS::IAM::Role', 'OrdersIntegrationRole'), 'Arn'] });
        assert.match(JSON.stringify(integration('OrdersledgerPOST').Uri), /dynamodb:action\/PutItem/);
        assert.match(JSON.stringify(integration('OrdersledgerpkGET').Uri), /dynamodb:action\/GetItem/);
        assert.match(JSON.stringify(integration('OrdersledgerPOST').RequestTemplates), /RefLedger/);
        const fulfil = integration('OrdersfulfilPOST');
        assert.match(JSON.stringify(fulfil.Uri), /states:action\/StartExecution/);
        assert.match(JSON.stringify(fulfil.RequestTemplates), new RegExp(`"Ref":"${logicalId(template, 'AWS::StepFunctions::StateMachine', 'Fulfil')}"`));
        // A synchronous call to an Express workflow waits for its result.
        assert.match(JSON.stringify(integration('OrdersquotePOST').Uri), /states:action\/StartSyncExecution/);
    });

    it('proxies to the load balancer and reaches the ECS and EKS services through VPC links to Network Load Balancers', () => {
        const template = services();
        const integration = (name: string) => properties(template, 'AWS::ApiGateway::Method', name).Integration as Json;
        assert.match(JSON.stringify(integration('OrderswebANY').Uri), new RegExp(`"Fn::GetAtt":\\["${logicalId(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'Web')}","DNSName"\\]`));
        const catalog = integration('OrderscatalogANY');
        assert.strictEqual(catalog.ConnectionType, 'VPC_LINK');
        const balancer = logicalId(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'CatalogApiBalancer9');
        assert.match(JSON.stringify(catalog.Uri), new RegExp(balancer));
        const link = properties(template, 'AWS::ApiGateway::VpcLink', 'OrderscatalogLink');
        assert.deepStrictEqual(link.TargetArns, [{ Ref: balancer }]);
        // The ECS service registers its tasks with the balancer's target group.
        const service = properties(template, 'AWS::ECS::Service', 'CatalogService');
        assert.strictEqual((service.LoadBalancers as Json[]).length, 2, 'one target group per API that reaches it');
        assert.strictEqual(integration('OrderssearchANY').ConnectionType, 'VPC_LINK');
    });

    it('declares the authorizer of an HTTP API that has no route yet over the user pool it trusts', () => {
        const authorizer = properties(services(), 'AWS::ApiGatewayV2::Authorizer', 'MembersAuthorizer');
        assert.strictEqual(authorizer.AuthorizerType, 'JWT');
        assert.match(JSON.stringify((authorizer.JwtConfiguration as Json).Issuer), /cognito-idp.*RefUsers/);
    });

    it('fails the API\'s name over between the custom domains of both regions\' APIs, the primary checked by its server errors', () => {
        for (const [stack, role] of [['FrontUse1', 'PRIMARY'], ['FrontEuw1', 'SECONDARY']] as const) {
            const template = templateOf(apps, 'front', stack);
            const domain = logicalId(template, 'AWS::ApiGateway::DomainName', 'OrdersApiDomain');
            const names = properties(template, 'AWS::ApiGateway::DomainName', 'OrdersApiDomain');
            assert.deepStrictEqual([names.DomainName, names.SecurityPolicy, names.RegionalCertificateArn], ['api.example.com', 'TLS_1_2', testContext(['apiUse1CertificateArn']).apiUse1CertificateArn]);
            const mapping = Object.values(template.findResources('AWS::ApiGateway::BasePathMapping'))[0].Properties;
            assert.deepStrictEqual([mapping.DomainName, mapping.RestApiId], [{ Ref: domain }, { Ref: logicalId(template, 'AWS::ApiGateway::RestApi', 'Orders') }]);
            const [record] = Object.values(template.findResources('AWS::Route53::RecordSet', { Properties: { Failover: role } }));
            assert.ok(record, `a ${role} record in ${stack}`);
            assert.deepStrictEqual(record.Properties.AliasTarget.DNSName, { 'Fn::GetAtt': [domain, 'RegionalDomainName'] });
            assert.strictEqual(record.Properties.AliasTarget.EvaluateTargetHealth, true);
            const check = template.toJSON().Resources[record.Properties.HealthCheckId.Ref].Properties.HealthCheckConfig;
            assert.strictEqual(check.Type, 'CLOUDWATCH_METRIC');
        }
    });

    it('gives the HTTP API\'s record a custom domain mapped to its stage', () => {
        const template = services();
        const domain = logicalId(template, 'AWS::ApiGatewayV2::DomainName', 'PartnersPartnersDomain');
        assert.strictEqual(properties(template, 'AWS::ApiGatewayV2::DomainName', 'PartnersPartnersDomain').DomainName, 'partners.example.com');
        const id = logicalId(template, 'AWS::ApiGatewayV2::ApiMapping', 'PartnersPartnersDomainMapping');
        const mapping = template.toJSON().Resources[id];
        assert.deepStrictEqual([mapping.Properties.DomainName, mapping.Properties.Stage, mapping.DependsOn], [{ Ref: domain }, '$default', [logicalId(template, 'AWS::ApiGatewayV2::Stage', 'PartnersStage')]]);
        const [record] = Object.values(template.findResources('AWS::Route53::RecordSet', { Properties: { Name: 'partners.example.com.' } }));
        assert.deepStrictEqual(record.Properties.AliasTarget.DNSName, { 'Fn::GetAtt': [domain, 'RegionalDomainName'] });
    });

    it('stops synthesis and names the context key when the certificate of a custom domain is missing', async () => {
        const app = apps.get('front')!;
        const context = testContext(app.requiredContext.filter(key => !key.endsWith('CertificateArn')));
        const result = (await synthesize([app], context, '-no-certificate')).get('front')!;
        assert.ok('error' in result, 'synthesis stops');
        assert.match(result.error, /route53 api to apigateway use1\.orders needs your ACM certificate for its custom domain: set the context key apiUse1CertificateArn to the ARN of a certificate in us-east-1/);
    });

    it('integrates the HTTP API with the queue, the Express workflow and the services behind its VPC link', () => {
        const template = services();
        const subtypes = Object.values(template.findResources('AWS::ApiGatewayV2::Integration')).map(i => i.Properties.IntegrationSubtype ?? i.Properties.ConnectionType);
        assert.deepStrictEqual(subtypes.sort(), ['SQS-SendMessage', 'StepFunctions-StartSyncExecution', 'VPC_LINK', 'VPC_LINK']);
        const sqs = properties(template, 'AWS::ApiGatewayV2::Integration', 'PartnersPOSTinbox');
        assert.match(JSON.stringify((sqs.RequestParameters as Json).QueueUrl), /RefInbox/);
    });
});
