/**
 * What the generated apps do in operation (issue 13): alarms that follow the topology and roll deployments back,
 * a dashboard per region and per cell replica, placement by AZ id, ElastiCache primaries spread over the AZs, and
 * concurrency caps that keep a burst from throttling into a dead-letter queue. Asserted on the synthesized
 * templates of every stack of an app, so the checks hold wherever a cell's resources land.
 */
import * as assert from 'node:assert';
import { createRequire } from 'node:module';
import { generatedApps, type SynthesizedApp } from './support/generated-apps.js';

const require = createRequire(import.meta.url);
const { Template } = require('aws-cdk-lib/assertions') as typeof import('aws-cdk-lib/assertions');

interface Resource {
    readonly Type: string;
    readonly Properties: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudFormation JSON
}

let apps = new Map<string, SynthesizedApp>();

/** The resources of a type in all stacks of an app, by logical id (qualified by stack: ids repeat across stacks). */
function resources(name: string, type: string): Map<string, Resource> {
    const app = apps.get(name);
    assert.ok(app, `${name} was not synthesized`);
    const found = new Map<string, Resource>();
    for (const [stack, json] of Object.entries(app.result.stacks)) {
        for (const [id, resource] of Object.entries(Template.fromJSON(json as Record<string, unknown>).findResources(type))) {
            found.set(`${stack}/${id}`, resource as Resource);
        }
    }
    return found;
}

function alarmsOn(name: string, metricName: string): Resource[] {
    return [...resources(name, 'AWS::CloudWatch::Alarm').values()].filter(alarm =>
        alarm.Properties.MetricName === metricName
        || (alarm.Properties.Metrics as Array<{ MetricStat?: { Metric: { MetricName: string } } }> | undefined)
            ?.some(m => m.MetricStat?.Metric.MetricName === metricName));
}

/** The logical id (without stack) of a `{ Ref }` or `{ Fn::GetAtt: [id, ...] }`. */
function refId(value: unknown): string {
    const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
    return v.Ref ?? v['Fn::GetAtt']?.[0] ?? '';
}

describe('generated CDK apps in operation: alarms, placement, concurrency', function () {
    this.timeout(600_000);

    before(async () => {
        apps = await generatedApps();
    });

    it('rolls a Lambda canary back when the new version errs or is throttled', () => {
        const groups = [...resources('ops', 'AWS::CodeDeploy::DeploymentGroup').values()];
        assert.strictEqual(groups.length, 1);
        const group = groups[0].Properties;
        assert.strictEqual(group.AlarmConfiguration.Enabled, true);
        assert.strictEqual(group.AlarmConfiguration.Alarms.length, 2);
        assert.ok(group.AutoRollbackConfiguration.Enabled);
        assert.ok(group.AutoRollbackConfiguration.Events.includes('DEPLOYMENT_STOP_ON_ALARM'), group.AutoRollbackConfiguration.Events.join());
        const errors = alarmsOn('ops', 'Errors').find(a => a.Properties.Dimensions?.some((d: { Name: string }) => d.Name === 'Resource'));
        assert.ok(errors, 'the errors alarm reads the alias (Resource dimension: function:alias)');
        // Every CodeDeploy group of every app: none may deploy without alarms.
        for (const name of apps.keys()) {
            for (const [id, g] of resources(name, 'AWS::CodeDeploy::DeploymentGroup')) {
                assert.ok(g.Properties.AlarmConfiguration?.Alarms?.length > 0, `${name} ${id} has no alarms`);
            }
        }
    });

    it('rolls an ECS deployment back on its circuit breaker and on its load balancer alarms', () => {
        const services = [...resources('ops', 'AWS::ECS::Service').values()];
        const web = services.find(s => s.Properties.LoadBalancers?.length > 0);
        assert.ok(web, 'the service behind the load balancer');
        const deployment = web.Properties.DeploymentConfiguration;
        assert.deepStrictEqual(deployment.DeploymentCircuitBreaker, { Enable: true, Rollback: true });
        assert.strictEqual(deployment.Alarms.Enable, true);
        assert.strictEqual(deployment.Alarms.Rollback, true);
        const alarms = resources('ops', 'AWS::CloudWatch::Alarm');
        const watched = (deployment.Alarms.AlarmNames as unknown[]).map(n => [...alarms.entries()].find(([id]) => id.endsWith(`/${refId(n)}`))?.[1].Properties.MetricName);
        assert.deepStrictEqual(watched.sort(), ['HTTPCode_Target_5XX_Count', 'UnHealthyHostCount']);
    });

    it('watches the load balancer, DLQ depth, iterator age, table throttles and Lambda errors and throttles', () => {
        assert.strictEqual(alarmsOn('ops', 'HTTPCode_ELB_5XX_Count').length, 1);
        const depth = alarmsOn('ops', 'ApproximateNumberOfMessagesVisible');
        // jobsDlq, workDlq, eventsDlq, and the own dead-letter queue of `pay` in each of 2 cell replicas.
        assert.strictEqual(depth.length, 5);
        assert.ok(depth.every(a => a.Properties.Threshold === 0 && a.Properties.ComparisonOperator === 'GreaterThanThreshold'));
        const age = alarmsOn('ops', 'IteratorAge');
        assert.strictEqual(age.length, 1);
        assert.strictEqual(age[0].Properties.Threshold, 60000);
        // records, and ledger in each of 2 cell replicas.
        assert.strictEqual(alarmsOn('ops', 'WriteThrottleEvents').length, 3);
        // checkout, worker, the consumer indexer, and pay in each of 2 cell replicas.
        assert.strictEqual(alarmsOn('ops', 'Throttles').length, 5);
    });

    it('watches the replication lag of every Redis node, ten to an alarm at most', () => {
        const lag = alarmsOn('ops', 'ReplicationLag');
        assert.strictEqual(lag.length, 1);
        const metrics = lag[0].Properties.Metrics as Array<{ Expression?: string; MetricStat?: { Metric: { Dimensions: Array<{ Value: unknown }> } } }>;
        assert.match(metrics.find(m => m.Expression)!.Expression!, /^MAX\(\[/);
        const nodes = metrics.filter(m => m.MetricStat).map(m => JSON.stringify(m.MetricStat!.Metric.Dimensions[0].Value));
        assert.strictEqual(nodes.length, 9, '3 shards of a primary and 2 replicas');
        assert.ok(nodes.some(n => n.includes('-0003-003')), nodes.join());
    });

    it('gives each stack with alarms (a region\'s and each cell replica\'s data and services) a dashboard of its own alarms', () => {
        for (const name of ['ops', 'tour']) {
            const stacks = apps.get(name)!.result.stacks;
            const withAlarms = Object.keys(stacks).filter(stack =>
                Object.keys(Template.fromJSON(stacks[stack] as Record<string, unknown>).findResources('AWS::CloudWatch::Alarm')).length > 0).sort();
            const withDashboard = [...resources(name, 'AWS::CloudWatch::Dashboard').keys()].map(key => key.split('/')[0]).sort();
            assert.deepStrictEqual(withDashboard, withAlarms, name);
        }
        const opsStacks = [...resources('ops', 'AWS::CloudWatch::Dashboard').keys()].map(key => key.split('/')[0]);
        assert.ok(opsStacks.some(s => /-Shop0/.test(s)) && opsStacks.some(s => /-Shop1/.test(s)) && opsStacks.some(s => !/-Shop/.test(s)),
            `region use1 and both replicas of cell shop: ${opsStacks.join(', ')}`);
    });

    it('places subnets by the model\'s AZ ids, never by a name guessed from their position', () => {
        const subnets = [...resources('ops', 'AWS::EC2::Subnet').values()];
        assert.strictEqual(subnets.length, 6);
        assert.deepStrictEqual([...new Set(subnets.map(s => s.Properties.AvailabilityZoneId))].sort(), ['use1-az1', 'use1-az4', 'use1-az6']);
        assert.ok(subnets.every(s => s.Properties.AvailabilityZone === undefined));
    });

    it('spreads the primaries of the ElastiCache shards over the model\'s AZs, cluster mode explicit', () => {
        const group = [...resources('ops', 'AWS::ElastiCache::ReplicationGroup').values()][0].Properties;
        assert.strictEqual(group.ClusterMode, 'enabled');
        const subnets = resources('ops', 'AWS::EC2::Subnet');
        const zoneOf = (az: unknown) => [...subnets.entries()].find(([id]) => id.endsWith(`/${refId(az)}`))?.[1].Properties.AvailabilityZoneId as string;
        const shards = group.NodeGroupConfiguration as Array<{ PrimaryAvailabilityZone: unknown; ReplicaAvailabilityZones: unknown[] }>;
        assert.deepStrictEqual(shards.map(s => zoneOf(s.PrimaryAvailabilityZone)), ['use1-az4', 'use1-az6', 'use1-az1']);
        for (const shard of shards) {
            const zones = [shard.PrimaryAvailabilityZone, ...shard.ReplicaAvailabilityZones].map(zoneOf);
            assert.strictEqual(new Set(zones).size, 3, `a shard's nodes in 3 AZs: ${zones.join()}`);
        }
        const tour = [...resources('tour', 'AWS::ElastiCache::ReplicationGroup').values()][0].Properties;
        assert.strictEqual(new Set((tour.NodeGroupConfiguration as Array<{ PrimaryAvailabilityZone: unknown }>).map(s => JSON.stringify(s.PrimaryAvailabilityZone))).size, 2);
    });

    it('caps SQS event sources below reserved concurrency and reserves the Kinesis consumer\'s', () => {
        const mappings = [...resources('ops', 'AWS::Lambda::EventSourceMapping').values()];
        const sqs = mappings.filter(m => m.Properties.ScalingConfig);
        assert.deepStrictEqual(sqs.map(m => m.Properties.ScalingConfig), [{ MaximumConcurrency: 36 }], 'worker reserves 40');
        const functions = [...resources('ops', 'AWS::Lambda::Function').entries()];
        const consumer = functions.find(([id]) => /Indexer/.test(id));
        assert.ok(consumer);
        assert.strictEqual(consumer[1].Properties.ReservedConcurrentExecutions, 6, '2 shards x 3 workers');
    });

    it('gives a Lambda whose model says nothing of its invocation a dead-letter queue: the one-function design passes cdk-nag', () => {
        const minimal = apps.get('minimal')!;
        assert.ok(minimal.resilient, 'the design checks clean');
        assert.deepStrictEqual(minimal.result.violations, []);
        const fn = [...resources('minimal', 'AWS::Lambda::Function').values()][0];
        assert.ok(fn.Properties.DeadLetterConfig?.TargetArn, 'a dead-letter queue');
        assert.strictEqual(alarmsOn('minimal', 'ApproximateNumberOfMessagesVisible').length, 1);
    });

    it('runs EC2 capacity on spot instances when the model asks for spot', () => {
        const groups = [...resources('ops', 'AWS::AutoScaling::AutoScalingGroup').values()];
        assert.strictEqual(groups.length, 1);
        assert.deepStrictEqual(groups[0].Properties.MixedInstancesPolicy.InstancesDistribution, {
            OnDemandPercentageAboveBaseCapacity: 0, SpotAllocationStrategy: 'price-capacity-optimized',
        });
        assert.strictEqual(apps.get('ops')!.result.violations.length, 0, JSON.stringify(apps.get('ops')!.result.violations));
    });
});
