import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedApps, templateOf, type SynthesizedApp } from './support/generated-apps.js';

/**
 * The front doors' app (test/fixtures/cdk/edge.resil): API Gateway integrations point at the modelled functions and
 * user pool, the stage is throttled as the model says, the user pool is protected, and the third party deploys
 * nothing but is listed where its caller needs it.
 */
describe('CDK app of API Gateway, Cognito and an external dependency', function () {
    this.timeout(30 * 60_000);
    let apps = new Map<string, SynthesizedApp>();
    before(async () => { apps = await generatedApps(); });

    const services = () => templateOf(apps, 'edge', 'EdgeUse1');
    const data = () => templateOf(apps, 'edge', 'EdgeUse1-Data');
    const logicalId = (template: ReturnType<typeof services>, type: string, name: string) => {
        const ids = Object.keys(template.findResources(type)).filter(id => id.startsWith(name));
        assert.strictEqual(ids.length, 1, `one ${type} ${name}*: ${ids.join(', ')}`);
        return ids[0];
    };

    it('passes every cdk-nag rule and its own model check', () => {
        const app = apps.get('edge')!;
        assert.deepStrictEqual(app.result.violations, []);
        assert.deepStrictEqual(app.result.modelViolations, []);
    });

    it('integrates the REST API with the function it uses, behind the user pool it uses', () => {
        const template = services();
        const fn = logicalId(template, 'AWS::Lambda::Function', 'PlaceOrder');
        const [method] = Object.values(template.findResources('AWS::ApiGateway::Method'));
        assert.match(JSON.stringify(method.Properties.Integration.Uri), new RegExp(`"Fn::GetAtt":\\["${fn}","Arn"\\]`));
        assert.strictEqual(method.Properties.AuthorizationType, 'COGNITO_USER_POOLS');
        const [authorizer] = Object.values(template.findResources('AWS::ApiGateway::Authorizer'));
        const pool = logicalId(data(), 'AWS::Cognito::UserPool', 'Users');
        assert.match(JSON.stringify(authorizer.Properties.ProviderARNs), new RegExp(`GetAtt${pool}Arn`));
    });

    it('throttles the stages as the model says, with the canary of the REST API\'s stage', () => {
        const template = services();
        const [rest] = Object.values(template.findResources('AWS::ApiGateway::Stage'));
        assert.deepStrictEqual([rest.Properties.StageName, rest.Properties.CanarySetting], ['live', { PercentTraffic: 10 }]);
        assert.deepStrictEqual(rest.Properties.MethodSettings.map((s: Record<string, unknown>) => [s.ThrottlingRateLimit, s.ThrottlingBurstLimit]), [[500, 1000]]);
        const [http] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
        assert.deepStrictEqual(http.Properties.DefaultRouteSettings, { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 });
        const [integration] = Object.values(template.findResources('AWS::ApiGatewayV2::Integration'));
        assert.deepStrictEqual(integration.Properties.IntegrationUri, { 'Fn::GetAtt': [logicalId(template, 'AWS::Lambda::Function', 'ListOrders'), 'Arn'] });
    });

    it('protects the user pool from deletion and requires MFA', () => {
        const [pool] = Object.values(data().findResources('AWS::Cognito::UserPool'));
        assert.deepStrictEqual([pool.Properties.DeletionProtection, pool.Properties.MfaConfiguration, pool.DeletionPolicy], ['ACTIVE', 'ON', 'Retain']);
    });

    it('deploys nothing for the third party and lists the call that needs it in the app\'s README', () => {
        const app = apps.get('edge')!;
        // Its resources name no third party; only the design's metadata does (resil:system, a caller's resil:element).
        const resources = Object.values(app.result.stacks as Record<string, { Resources: Record<string, { Type: string; Properties?: unknown }> }>)
            .flatMap(t => Object.values(t.Resources).map(r => ({ type: r.Type, properties: r.Properties })));
        assert.ok(!JSON.stringify(resources).toLowerCase().includes('stripe'));
        assert.ok(JSON.stringify(app.result.stacks).includes('external stripe'), 'the design\'s external service is in the templates\' metadata');
        const readme = fs.readFileSync(path.join(app.dir, 'README.md'), 'utf8');
        assert.match(readme, /use1\.placeOrder: uses stripe \\\(a third party outside AWS: nothing to deploy; .* its calls leave the VPC through the NAT gateways/);
    });
});
