import { durationText, type Member } from '../design.js';
import { memberIf, numberAt, quoted, stringAt, type KindMapping, type MappingContext } from '../mapping-context.js';
import { camelName as identifier } from '../names.js';
import { prop, stringValue, type SourceResource } from '../source.js';

/** Functions, containers, Kubernetes and EC2 Auto Scaling. */

const NEEDS_HINT = 'needs N: how many must run to carry the load is not in the code';

export const LAMBDA: KindMapping = {
    kind: 'lambda',
    cloudformation: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
    terraform: ['aws_lambda_function'],
    map(resource, context) {
        const members: Member[] = [];
        const subnets = context.zones.zonesOfSubnets(resource.view.references(prop('VpcConfig.SubnetIds', 'vpc_config.subnet_ids')));
        if (subnets.length > 0) members.push({ before: 'vpc subnets', zones: subnets });
        // Terraform writes -1 for no reservation.
        const concurrency = numberAt(resource, prop('ReservedConcurrentExecutions', 'reserved_concurrent_executions'));
        if (concurrency !== undefined && concurrency >= 0) members.push(`concurrency ${concurrency}`);
        const retries = invokeRetries(resource, context);
        if (retries !== undefined) members.push(`invoke async retries ${retries}`);
        const timeout = numberAt(resource, prop('Timeout', 'timeout'));
        if (timeout !== undefined) members.push(`timeout ${durationText(timeout)}`);
        memberIf(members, 'memory', numberAt(resource, prop('MemorySize', 'memory_size')));
        const alias = context.referrers(resource.key, ['AWS::Lambda::Alias', 'aws_lambda_alias'], prop('FunctionName', 'function_name'))
            .map(a => stringAt(a, prop('Name', 'name'))).find(name => name !== undefined && /^[_a-zA-Z][\w-]*$/.test(name))
            ?? stringAt(resource, prop('AutoPublishAlias', undefined));
        if (alias !== undefined) members.push(`versions alias ${alias}`);
        return { members };
    },
};

/** An asynchronous invocation's retries: the function's event invoke configuration (or SAM's). */
function invokeRetries(resource: SourceResource, context: MappingContext): number | undefined {
    const own = numberAt(resource, prop('EventInvokeConfig.MaximumRetryAttempts', undefined));
    if (own !== undefined) return own;
    const configs = context.referrers(resource.key, ['AWS::Lambda::EventInvokeConfig', 'aws_lambda_function_event_invoke_config'], prop('FunctionName', 'function_name'));
    return configs.map(c => numberAt(c, prop('MaximumRetryAttempts', 'maximum_retry_attempts'))).find(n => n !== undefined);
}

export const ECS: KindMapping = {
    kind: 'ecs',
    cloudformation: ['AWS::ECS::Service'],
    terraform: ['aws_ecs_service'],
    map(resource, context) {
        const members: Member[] = [];
        const launch = stringAt(resource, prop('LaunchType', 'launch_type'))
            ?? stringValue((resource.view.value(prop('CapacityProviderStrategy.CapacityProvider', 'capacity_provider_strategy.capacity_provider')) as unknown[] | undefined)?.toString());
        // A capacity provider of the service's own: EC2 instances of an Auto Scaling group, whose subnets its tasks run in.
        const groups = resource.view.references(prop('CapacityProviderStrategy.CapacityProvider', undefined))
            .map(key => context.resource(key)).filter(p => p?.type === 'AWS::ECS::CapacityProvider')
            .flatMap(p => p!.view.references(prop('AutoScalingGroupProvider.AutoScalingGroupArn', undefined)))
            .map(key => context.resource(key)).filter((g): g is SourceResource => g !== undefined);
        if (launch?.toUpperCase().startsWith('FARGATE')) members.push('launch fargate');
        else if (launch?.toUpperCase() === 'EC2' || groups.length > 0) members.push('launch ec2');
        memberIf(members, 'tasks', numberAt(resource, prop('DesiredCount', 'desired_count')));
        const spread = resource.view.value(prop('PlacementStrategies', 'ordered_placement_strategy'));
        if (Array.isArray(spread) && spread.some(s => /availability-zone/.test(JSON.stringify(s)))) members.push('placement spread az');
        const own = context.zones.zonesOfSubnets(resource.view.references(prop('NetworkConfiguration.AwsvpcConfiguration.Subnets', 'network_configuration.subnets')));
        const zones = own.length > 0 ? own : [...new Set(groups.flatMap(g => context.zones.zonesOfSubnets(g.view.references(prop('VPCZoneIdentifier', undefined)))))];
        const hints = [NEEDS_HINT];
        if (zones.length === 0) hints.push('in AZs: the code does not say which subnets its tasks run in');
        return { members, zones, hints };
    },
};

export const EKS: KindMapping = {
    kind: 'eks',
    cloudformation: ['AWS::EKS::Cluster'],
    terraform: ['aws_eks_cluster'],
    map(resource, context) {
        const members: Member[] = [];
        const version = stringAt(resource, prop('Version', 'version'));
        if (version !== undefined) members.push(`version ${quoted(version)}`);
        const groups = context.referrers(resource.key, ['AWS::EKS::Nodegroup', 'aws_eks_node_group'], prop('ClusterName', 'cluster_name'));
        for (const group of groups) {
            const name = identifier(stringAt(group, prop('NodegroupName', 'node_group_name')) ?? group.id);
            const body: string[] = [];
            memberIf(body, 'min', numberAt(group, prop('ScalingConfig.MinSize', 'scaling_config.min_size')));
            memberIf(body, 'max', numberAt(group, prop('ScalingConfig.MaxSize', 'scaling_config.max_size')));
            memberIf(body, 'desired', numberAt(group, prop('ScalingConfig.DesiredSize', 'scaling_config.desired_size')));
            const types = group.view.value(prop('InstanceTypes', 'instance_types'));
            if (Array.isArray(types) && typeof types[0] === 'string') body.push(`instance ${quoted(types[0])}`);
            if (stringAt(group, prop('CapacityType', 'capacity_type')) === 'SPOT') body.push('spot');
            const zones = context.zones.zonesOfSubnets(group.view.references(prop('Subnets', 'subnet_ids')));
            members.push({ before: `nodegroup ${name}`, zones, after: body.length > 0 ? `{ ${body.join(' ')} }` : undefined });
        }
        for (const profile of context.referrers(resource.key, ['AWS::EKS::FargateProfile', 'aws_eks_fargate_profile'], prop('ClusterName', 'cluster_name'))) {
            const name = identifier(stringAt(profile, prop('FargateProfileName', 'fargate_profile_name')) ?? profile.id);
            const namespaces = profile.view.value(prop('Selectors.Namespace', 'selector.namespace'));
            const list = (Array.isArray(namespaces) ? namespaces : [namespaces]).filter((n): n is string => typeof n === 'string');
            members.push(list.length > 0 ? `fargate profile ${name} { namespaces ${list.map(quoted).join(', ')} }` : `fargate profile ${name}`);
        }
        return { members };
    },
};

export const ASG: KindMapping = {
    kind: 'asg',
    cloudformation: ['AWS::AutoScaling::AutoScalingGroup'],
    terraform: ['aws_autoscaling_group'],
    map(resource, context) {
        const members: Member[] = [];
        const instance = instanceType(resource, context);
        if (instance !== undefined) members.push(`instance ${quoted(instance)}`);
        memberIf(members, 'min', numberAt(resource, prop('MinSize', 'min_size')));
        memberIf(members, 'desired', numberAt(resource, prop('DesiredCapacity', 'desired_capacity')));
        memberIf(members, 'max', numberAt(resource, prop('MaxSize', 'max_size')));
        const check = stringAt(resource, prop('HealthCheckType', 'health_check_type'))?.toLowerCase();
        if (check === 'elb' || check === 'ec2') members.push(`health check ${check}`);
        let zones = context.zones.zonesOfSubnets(resource.view.references(prop('VPCZoneIdentifier', 'vpc_zone_identifier')));
        if (zones.length === 0) {
            const named = resource.view.value(prop('AvailabilityZones', 'availability_zones'));
            zones = context.zones.zonesOfValues(Array.isArray(named) ? named : []);
        }
        return { members, zones, hints: [NEEDS_HINT] };
    },
};

/** The instance type of the group's launch template or launch configuration. */
function instanceType(resource: SourceResource, context: MappingContext): string | undefined {
    for (const key of resource.view.references(prop('LaunchTemplate.LaunchTemplateId', 'launch_template.id'))) {
        const template = context.resource(key);
        const type = template && stringAt(template, prop('LaunchTemplateData.InstanceType', 'instance_type'));
        if (type) return type;
    }
    for (const key of resource.view.references(prop('LaunchConfigurationName', 'launch_configuration'))) {
        const configuration = context.resource(key);
        const type = configuration && stringAt(configuration, prop('InstanceType', 'instance_type'));
        if (type) return type;
    }
    return undefined;
}
