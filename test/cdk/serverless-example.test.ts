import * as assert from 'node:assert';
import { generatedApps, templateOf, type SynthesizedApp } from './support/generated-apps.js';

type Template = ReturnType<typeof templateOf>;
type Json = Record<string, unknown>;

function logicalId(template: Template, type: string, name: string): string {
    const ids = Object.keys(template.findResources(type)).filter(id => new RegExp(`^${name}[0-9A-F]{8}$`).test(id));
    assert.strictEqual(ids.length, 1, `one ${type} ${name}: ${Object.keys(template.findResources(type)).join(', ')}`);
    return ids[0];
}

/**
 * The CDK app of examples/serverless.resil (issue 15's acceptance): it synthesizes clean and its templates connect
 * what the model connects: the APIs' integrations, CloudFront's origin, the bus's rules with their dead-letter queue,
 * the state machines' tasks.
 */
describe('CDK app of examples/serverless.resil: what the model connects, connected', function () {
    this.timeout(30 * 60_000);
    let apps = new Map<string, SynthesizedApp>();
    before(async () => { apps = await generatedApps(); });

    const services = () => templateOf(apps, 'example-serverless', 'ServerlesspressoUse1');
    const data = () => templateOf(apps, 'example-serverless', 'ServerlesspressoUse1-Data');
    /** The integrations of an API's methods, as JSON text. */
    const integrations = (api: string) => Object.entries(services().findResources('AWS::ApiGateway::Method'))
        .filter(([id]) => id.startsWith(api)).map(([, method]) => JSON.stringify(method.Properties.Integration));

    it('passes cdk-nag and its own model check', () => {
        const app = apps.get('example-serverless')!;
        assert.deepStrictEqual(app.result.violations, []);
        assert.deepStrictEqual(app.result.modelViolations, []);
    });

    it('integrates each API with the functions, the workflow and the table it uses', () => {
        const template = services();
        const validator = integrations('ValidatorApi');
        for (const fn of ['GetQrCode', 'VerifyQrCode']) {
            assert.ok(validator.some(i => i.includes(`"${logicalId(template, 'AWS::Lambda::Function', fn)}"`)), `validatorApi integrates ${fn}: ${validator.join('\n')}`);
        }
        const orders = integrations('OrderApi');
        assert.ok(orders.some(i => /states:action\/StartExecution/.test(i) && i.includes(`{"Ref":"${logicalId(template, 'AWS::StepFunctions::StateMachine', 'OrderManager')}"}`)), orders.join('\n'));
        const config = integrations('ConfigApi');
        assert.ok(config.some(i => /dynamodb:action\/GetItem/.test(i) && /ConfigTable/.test(i)), config.join('\n'));
        assert.ok(config.some(i => /dynamodb:action\/PutItem/.test(i) && /ConfigTable/.test(i)), config.join('\n'));
    });

    it('serves the journey page from its bucket through CloudFront, behind a web ACL', () => {
        const edge = templateOf(apps, 'example-serverless', 'Serverlesspresso-Edge');
        const [distribution] = Object.values(edge.findResources('AWS::CloudFront::Distribution'));
        const config = distribution.Properties.DistributionConfig as Json;
        const [origin] = config.Origins as Json[];
        const bucket = logicalId(data(), 'AWS::S3::Bucket', 'JourneyBucket');
        assert.match(JSON.stringify(origin.DomainName), new RegExp(`"StackName":"ServerlesspressoUse1-Data".*FnGetAtt${bucket}RegionalDomainName`));
        assert.ok(origin.OriginAccessControlId);
        assert.ok((config.WebACLId as Json)['Fn::GetAtt']);
    });

    it('delivers each rule of the bus to its modelled target, with the dead-letter queue', () => {
        const template = services();
        const targetOf = {
            NewOrder: ['AWS::StepFunctions::StateMachine', 'OrderProcessor'], ToAdmin: ['AWS::Lambda::Function', 'PublishAdmin'],
            ToUser: ['AWS::Lambda::Function', 'PublishUser'], ToConfig: ['AWS::Lambda::Function', 'PublishConfig'],
            Journey: ['AWS::StepFunctions::StateMachine', 'OrderJourney'],
        } as const;
        const dlq = logicalId(data(), 'AWS::SQS::Queue', 'BusDlq');
        for (const [rule, [type, target]] of Object.entries(targetOf)) {
            const [targetConfig] = Object.entries(template.findResources('AWS::Events::Rule')).find(([id]) => id.startsWith(`Bus${rule}Rule`))![1].Properties.Targets as Json[];
            assert.match(JSON.stringify(targetConfig.Arn), new RegExp(`"${logicalId(template, type, target)}"`), rule);
            assert.match(JSON.stringify((targetConfig.DeadLetterConfig as Json).Arn), new RegExp(`FnGetAtt${dlq}Arn`), rule);
        }
    });

    it('calls the modelled functions from the state machines\' tasks', () => {
        const template = services();
        const definition = (machine: string) => JSON.stringify(template.toJSON().Resources[logicalId(template, 'AWS::StepFunctions::StateMachine', machine)].Properties.DefinitionString);
        assert.match(definition('OrderManager'), new RegExp(`"${logicalId(template, 'AWS::Lambda::Function', 'SanitizeOrder')}"`));
        assert.match(definition('OrderJourney'), new RegExp(`"${logicalId(template, 'AWS::Lambda::Function', 'GenerateJourney')}"`));
    });
});
