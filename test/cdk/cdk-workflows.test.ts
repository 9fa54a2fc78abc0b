/**
 * The generated app of the EventBridge and Step Functions fixture (test/fixtures/workflows/clean.resil): rules at
 * their targets with the model's retry policy and dead-letter queues, an archive, and a state machine whose tasks
 * invoke the modelled functions and table with the model's retries, timeouts and catches; the global endpoint over
 * the buses of both regions.
 */
import * as assert from 'node:assert';
import { createRequire } from 'node:module';
import { generatedApps, templateOf, type SynthesizedApp } from './support/generated-apps.js';

const require = createRequire(import.meta.url);
const { Match } = require('aws-cdk-lib/assertions') as typeof import('aws-cdk-lib/assertions');

describe('generated CDK app: EventBridge and Step Functions', function () {
    this.timeout(600_000);
    let apps = new Map<string, SynthesizedApp>();
    const template = (stack: string) => templateOf(apps, 'workflows', stack);

    before(async () => {
        apps = await generatedApps();
    });

    it('passes cdk-nag and the app\'s model check', () => {
        const app = apps.get('workflows')!;
        assert.deepStrictEqual(app.result.violations, []);
        assert.deepStrictEqual(app.result.modelViolations, []);
    });

    it('declares the global endpoint with the primary region\'s bus: a Route 53 health check, replication, the secondary by region', () => {
        const stack = template('OrdersUse1');
        const [busId] = Object.keys(stack.findResources('AWS::Events::EventBus'));
        const [checkId] = Object.keys(stack.findResources('AWS::Route53::HealthCheck', { Properties: { HealthCheckConfig: Match.objectLike({ Type: 'CLOUDWATCH_METRIC' }) } }));
        stack.hasResourceProperties('AWS::Events::Endpoint', {
            EventBuses: [{ EventBusArn: { 'Fn::GetAtt': [busId, 'Arn'] } }, { EventBusArn: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([':event-bus/orders-bus']) ]) }) }],
            ReplicationConfig: { State: 'ENABLED' },
            RoutingConfig: { FailoverConfig: { Primary: { HealthCheck: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([{ 'Fn::GetAtt': [checkId, 'HealthCheckId'] }])]) }) }, Secondary: { Route: 'us-west-2' } } },
        });
        // Both buses carry the one name AWS routes by.
        template('OrdersUsw2').hasResourceProperties('AWS::Events::EventBus', { Name: 'orders-bus' });
        stack.hasResourceProperties('AWS::Events::EventBus', { Name: 'orders-bus' });
        stack.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { ORDER_EVENTS_ENDPOINT_ID: Match.objectLike({ 'Fn::GetAtt': Match.arrayWith(['EndpointId']) }) } } });
        // A publisher of the secondary region reads the endpoint's id from the primary region's stack, and may put on both buses.
        const secondary = template('OrdersUsw2');
        secondary.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { ORDER_EVENTS_ENDPOINT_ID: { 'Fn::GetStackOutput': Match.objectLike({ StackName: 'OrdersUse1', Region: 'us-east-1' }) } } } });
        const publishing = Object.values(secondary.findResources('AWS::IAM::Policy')).flatMap(p => p.Properties.PolicyDocument.Statement as Array<{ Action: unknown; Resource: unknown }>)
            .filter(statement => statement.Action === 'events:PutEvents');
        assert.deepStrictEqual(publishing.map(statement => JSON.stringify(statement.Resource).match(/events:(us-[a-z]+-\d)/g)?.sort()), [['events:us-east-1', 'events:us-west-2']]);
    });

    it('puts each rule on its bus, with a target per model target, its retry policy and its dead-letter queue', () => {
        const stack = template('OrdersUse1');
        const [busId] = Object.keys(stack.findResources('AWS::Events::EventBus'));
        const [machineId] = Object.keys(stack.findResources('AWS::StepFunctions::StateMachine'));
        const rules = Object.values(stack.findResources('AWS::Events::Rule', { Properties: Match.objectLike({ EventBusName: { Ref: busId } }) }));
        assert.strictEqual(rules.length, 1);
        const targets = rules[0].Properties.Targets as Array<Record<string, unknown>>;
        assert.strictEqual(targets.length, 2);
        const saga = targets.find(t => JSON.stringify(t.Arn).includes(machineId))!;
        assert.ok(saga, 'the saga is a target');
        assert.deepStrictEqual(saga.RetryPolicy, { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 });
        for (const target of targets) assert.ok(target.DeadLetterConfig, 'every target has a dead-letter queue');
        assert.deepStrictEqual(rules[0].Properties.EventPattern, { source: ['resil.Orders'], 'detail-type': ['orderPlaced'] });
        stack.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 30 });
    });

    it('lets the bus\'s rules send to its dead-letter queue, in the data stack', () => {
        template('OrdersUse1-Data').hasResourceProperties('AWS::SQS::QueuePolicy', {
            PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Action: 'sqs:SendMessage', Principal: { Service: 'events.amazonaws.com' } })]) }),
        });
    });

    it('runs the tasks in order with the model\'s retries, timeouts and catches, as a Standard workflow with logs and X-Ray', () => {
        const stack = template('OrdersUse1');
        const [machine] = Object.values(stack.findResources('AWS::StepFunctions::StateMachine'));
        assert.strictEqual(machine.Properties.StateMachineType, 'STANDARD');
        assert.deepStrictEqual(machine.Properties.TracingConfiguration, { Enabled: true });
        assert.strictEqual(machine.Properties.LoggingConfiguration.Level, 'ALL');
        const definition = JSON.stringify(machine.Properties.DefinitionString);
        for (const task of ['Reserve', 'Charge', 'Record', 'Notify']) assert.match(definition, new RegExp(`Saga${task}`), task);
        assert.match(definition, /SagaReserve\\":\{[^}]*\\"Next\\":\\"SagaCharge/, 'reserve, then charge');
        assert.match(definition, /\\"Retry\\":\[\{\\"ErrorEquals\\":\[\\"States\.ALL\\"\],\\"IntervalSeconds\\":1,\\"MaxAttempts\\":3,\\"BackoffRate\\":2\}\]/);
        assert.match(definition, /\\"TimeoutSeconds\\":10/);
        assert.match(definition, /\\"Catch\\":\[\{\\"ErrorEquals\\":\[\\"States\.ALL\\"\],\\"ResultPath\\":\\"\$\.errors\.notify\\",\\"Next\\":\\"SagaDone/);
        assert.match(definition, /:states:::dynamodb:putItem/, "record puts the item into the table");
    });
});
