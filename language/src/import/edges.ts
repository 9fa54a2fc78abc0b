import { durationText, type ImportedEdge } from './design.js';
import { firstOwner, owners, type EdgeContext, type EdgeReader } from './edge-context.js';
import { modelMark } from './model-metadata.js';
import { bucketReplications } from './replication.js';
import { prop, numberValue, stringValue, type PropertyName, type SourceResource } from './source.js';

/**
 * The dependencies the code states: event source mappings and subscriptions (`consumes`), load balancers' target
 * groups, API integrations, state machine definitions, rule targets, Lambda destinations and dead-letter queues,
 * redrive policies, replicas and Route 53 failover. Each reader knows one relation, for both formats.
 */

const FUNCTION_NAME = prop('FunctionName', 'function_name');

const eventSourceMappings: EdgeReader = context => context.ofTypes(['AWS::Lambda::EventSourceMapping', 'aws_lambda_event_source_mapping'])
    .flatMap(mapping => {
        const consumer = firstOwner(context, mapping.view.references(FUNCTION_NAME));
        const source = firstOwner(context, mapping.view.references(prop('EventSourceArn', 'event_source_arn')));
        if (!consumer || !source) return [];
        // Where a stream's batches go when they fail every retry: the mapping's on-failure destination.
        const failed = firstOwner(context, mapping.view.references(prop('DestinationConfig.OnFailure.Destination', 'destination_config.on_failure.destination_arn')));
        return [{ relation: 'consumes' as const, from: consumer, to: source }, ...(failed ? [{ relation: 'on-failure' as const, from: consumer, to: failed }] : [])];
    });

/** SAM's `Events` of a function: queues, streams, tables and topics it consumes, APIs that call it. */
const samEvents: EdgeReader = context => context.ofTypes(['AWS::Serverless::Function']).flatMap(fn => {
    const edges: ImportedEdge[] = [];
    for (const target of owners(context, fn.view.references(prop('Events', undefined)))) {
        const kind = context.kindOf(target);
        if (kind === 'apigateway') edges.push({ relation: 'uses', from: target, to: fn.key });
        else if (kind === 'sqs' || kind === 'kinesis' || kind === 'dynamodb' || kind === 'sns') edges.push({ relation: 'consumes', from: fn.key, to: target });
    }
    return edges;
});

const subscriptions: EdgeReader = context => [
    ...context.ofTypes(['AWS::SNS::Subscription', 'aws_sns_topic_subscription']).flatMap(subscription => {
        const topic = firstOwner(context, subscription.view.references(prop('TopicArn', 'topic_arn')));
        const subscriber = firstOwner(context, subscription.view.references(prop('Endpoint', 'endpoint')));
        const deadLetter = firstOwner(context, subscription.view.references(prop('RedrivePolicy', 'redrive_policy')));
        const edges: ImportedEdge[] = [];
        if (topic && subscriber) edges.push({ relation: 'consumes', from: subscriber, to: topic });
        if (topic && deadLetter) edges.push({ relation: 'dlq', from: topic, to: deadLetter });
        return edges;
    }),
    ...context.ofTypes(['AWS::SNS::Topic']).flatMap(topic => owners(context, topic.view.references(prop('Subscription', undefined)))
        .map(subscriber => ({ relation: 'consumes' as const, from: subscriber, to: topic.key }))),
];

const LISTENERS = ['AWS::ElasticLoadBalancingV2::Listener', 'aws_lb_listener', 'aws_alb_listener'];
const LISTENER_RULES = ['AWS::ElasticLoadBalancingV2::ListenerRule', 'aws_lb_listener_rule', 'aws_alb_listener_rule'];
const TARGET_GROUPS = new Set(['AWS::ElasticLoadBalancingV2::TargetGroup', 'aws_lb_target_group', 'aws_alb_target_group']);

/** Load balancers in front of what their target groups hold: functions, ECS services, Auto Scaling groups. */
const loadBalancerTargets: EdgeReader = context => {
    const balancersOfGroup = new Map<string, string[]>();
    const listenerBalancer = new Map<string, string | undefined>();
    const addGroups = (balancer: string | undefined, groups: readonly string[]) => {
        if (!balancer) return;
        for (const group of groups.filter(key => TARGET_GROUPS.has(context.resource(key)?.type ?? ''))) {
            balancersOfGroup.set(group, [...(balancersOfGroup.get(group) ?? []), balancer]);
        }
    };
    for (const listener of context.ofTypes(LISTENERS)) {
        const balancer = firstOwner(context, listener.view.references(prop('LoadBalancerArn', 'load_balancer_arn')));
        listenerBalancer.set(listener.key, balancer);
        addGroups(balancer, listener.view.references(prop('DefaultActions', 'default_action')));
    }
    for (const rule of context.ofTypes(LISTENER_RULES)) {
        const balancer = rule.view.references(prop('ListenerArn', 'listener_arn')).map(key => listenerBalancer.get(key)).find(Boolean);
        addGroups(balancer, rule.view.references(prop('Actions', 'action')));
    }
    const edges: ImportedEdge[] = [];
    const behind = (groups: readonly string[], target: string | undefined) => {
        for (const group of groups) for (const balancer of balancersOfGroup.get(group) ?? []) {
            if (target) edges.push({ relation: 'uses', from: balancer, to: target });
        }
    };
    for (const group of context.ofTypes([...TARGET_GROUPS])) {
        for (const target of owners(context, group.view.references(prop('Targets', undefined)))) behind([group.key], target);
    }
    for (const service of context.ofTypes(['AWS::ECS::Service', 'aws_ecs_service'])) {
        behind(service.view.references(prop('LoadBalancers', 'load_balancer')), context.owner(service.key));
    }
    for (const group of context.ofTypes(['AWS::AutoScaling::AutoScalingGroup', 'aws_autoscaling_group'])) {
        behind(group.view.references(prop('TargetGroupARNs', 'target_group_arns')), context.owner(group.key));
        for (const classic of owners(context, group.view.references(prop('LoadBalancerNames', 'load_balancers')))) {
            edges.push({ relation: 'uses', from: classic, to: group.key });
        }
    }
    for (const attachment of context.ofTypes(['aws_lb_target_group_attachment', 'aws_alb_target_group_attachment'])) {
        behind(attachment.view.references(prop(undefined, 'target_group_arn')), firstOwner(context, attachment.view.references(prop(undefined, 'target_id'))));
    }
    for (const attachment of context.ofTypes(['aws_autoscaling_attachment'])) {
        const group = firstOwner(context, attachment.view.references(prop(undefined, 'autoscaling_group_name')));
        behind(attachment.view.references(prop(undefined, 'lb_target_group_arn')), group);
        const classic = firstOwner(context, attachment.view.references(prop(undefined, 'elb')));
        if (classic && group) edges.push({ relation: 'uses', from: classic, to: group });
    }
    return edges;
};

/** What an API's integrations and authorizers call. */
const apiIntegrations: EdgeReader = context => {
    const readers: Array<[types: string[], api: PropertyName, calls: PropertyName[]]> = [
        [['AWS::ApiGateway::Method'], prop('RestApiId', undefined), [prop('Integration.Uri', undefined), prop('Integration.RequestTemplates', undefined), prop('Integration.ConnectionId', undefined)]],
        [['AWS::ApiGatewayV2::Integration'], prop('ApiId', undefined), [prop('IntegrationUri', undefined), prop('RequestParameters', undefined)]],
        [['AWS::ApiGateway::Authorizer', 'aws_api_gateway_authorizer'], prop('RestApiId', 'rest_api_id'), [prop('ProviderARNs', 'provider_arns')]],
        [['AWS::ApiGatewayV2::Authorizer', 'aws_apigatewayv2_authorizer'], prop('ApiId', 'api_id'), [prop('JwtConfiguration', 'jwt_configuration')]],
        [['aws_api_gateway_integration'], prop(undefined, 'rest_api_id'), [prop(undefined, 'uri'), prop(undefined, 'request_templates')]],
        [['aws_apigatewayv2_integration'], prop(undefined, 'api_id'), [prop(undefined, 'integration_uri'), prop(undefined, 'request_parameters')]],
        [['AWS::Serverless::Api', 'AWS::Serverless::HttpApi'], prop('Auth', undefined), [prop('DefinitionBody', undefined), prop('Auth', undefined)]],
    ];
    return readers.flatMap(([types, apiPath, calls]) => context.ofTypes(types).flatMap(resource => {
        const api = resource.type.startsWith('AWS::Serverless::') ? resource.key : firstOwner(context, resource.view.references(apiPath));
        if (!api) return [];
        return owners(context, calls.flatMap(path => resource.view.references(path)))
            .filter(target => target !== api)
            .map(target => ({ relation: 'uses' as const, from: api, to: target }));
    }));
};

const STATE_MACHINE_DEFINITION = [
    prop('DefinitionString', 'definition'), prop('Definition', undefined), prop('DefinitionSubstitutions', undefined),
];

/** A state machine's tasks: the services its definition calls. */
const stateMachineTasks: EdgeReader = context => context.ofTypes(['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine', 'aws_sfn_state_machine'])
    .flatMap(machine => owners(context, STATE_MACHINE_DEFINITION.flatMap(path => machine.view.references(path)))
        .filter(target => target !== machine.key)
        .map(target => ({ relation: 'task' as const, from: machine.key, to: target })));

/** Lambda's dead-letter queue and on-failure destination. */
const lambdaFailures: EdgeReader = context => [
    ...context.ofTypes(['AWS::Lambda::Function', 'AWS::Serverless::Function', 'aws_lambda_function']).flatMap(fn => {
        const edges: ImportedEdge[] = [];
        const queue = firstOwner(context, [...fn.view.references(prop('DeadLetterConfig.TargetArn', 'dead_letter_config.target_arn')), ...fn.view.references(prop('DeadLetterQueue.TargetArn', undefined))]);
        if (queue) edges.push({ relation: 'dlq', from: fn.key, to: queue });
        const destination = firstOwner(context, fn.view.references(prop('EventInvokeConfig.DestinationConfig.OnFailure.Destination', undefined)));
        if (destination) edges.push({ relation: 'on-failure', from: fn.key, to: destination });
        return edges;
    }),
    ...context.ofTypes(['AWS::Lambda::EventInvokeConfig', 'aws_lambda_function_event_invoke_config']).flatMap(config => {
        const fn = firstOwner(context, config.view.references(FUNCTION_NAME));
        const destination = firstOwner(context, config.view.references(prop('DestinationConfig.OnFailure.Destination', 'destination_config.on_failure.destination')));
        return fn && destination ? [{ relation: 'on-failure' as const, from: fn, to: destination }] : [];
    }),
];

/** A queue's redrive policy: `dlq q after N`. Terraform writes the policy as a JSON string. */
const redrivePolicies: EdgeReader = context => context.ofTypes(['AWS::SQS::Queue', 'aws_sqs_queue', 'aws_sqs_queue_redrive_policy']).flatMap(queue => {
    const path = prop('RedrivePolicy', 'redrive_policy');
    const owner = queue.type === 'aws_sqs_queue_redrive_policy' ? firstOwner(context, queue.view.references(prop(undefined, 'queue_url'))) : queue.key;
    const deadLetter = firstOwner(context, queue.view.references(path));
    if (!owner || !deadLetter || deadLetter === owner) return [];
    let policy = queue.view.value(path);
    if (typeof policy === 'string') policy = safeJson(policy);
    const after = numberValue((policy as Record<string, unknown> | undefined)?.maxReceiveCount);
    return [{ relation: 'dlq' as const, from: owner, to: deadLetter, after }];
});

function safeJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

/** Read replicas, Aurora global databases and S3 replication: `replica of`. */
const replicas: EdgeReader = context => {
    const edges: ImportedEdge[] = [];
    for (const instance of context.ofTypes(['AWS::RDS::DBInstance', 'aws_db_instance'])) {
        const source = firstOwner(context, instance.view.references(prop('SourceDBInstanceIdentifier', 'replicate_source_db')));
        if (source && context.owner(instance.key) === instance.key) edges.push({ relation: 'replica-of', from: instance.key, to: source });
    }
    for (const global of context.ofTypes(['AWS::RDS::GlobalCluster', 'aws_rds_global_cluster'])) {
        const primary = firstOwner(context, global.view.references(prop('SourceDBClusterIdentifier', 'source_db_cluster_identifier')));
        const members = context.ofTypes(['AWS::RDS::DBCluster', 'aws_rds_cluster'])
            .filter(cluster => cluster.view.references(prop('GlobalClusterIdentifier', 'global_cluster_identifier')).includes(global.key));
        const writer = primary ?? members[0]?.key;
        for (const member of members) if (writer && member.key !== writer) edges.push({ relation: 'replica-of', from: member.key, to: writer });
    }
    for (const { source, destination } of bucketReplications(context)) edges.push({ relation: 'replica-of', from: destination, to: source });
    return edges;
};

const RECORD_TYPES = ['AWS::Route53::RecordSet', 'aws_route53_record'];
const RECORD_TARGETS = [prop('AliasTarget', 'alias'), prop('ResourceRecords', 'records')];

/** A record's targets; a failover pair's primary record carries `failover primary X secondary Y`. */
const dnsRecords: EdgeReader = context => {
    const records = context.ofTypes(RECORD_TYPES);
    const targetsOf = (record: SourceResource) => owners(context, RECORD_TARGETS.flatMap(path => record.view.references(path)));
    const failoverOf = (record: SourceResource) => stringValue(record.view.value(prop('Failover', 'failover_routing_policy.type')));
    const nameOf = (record: SourceResource) => JSON.stringify(record.view.value(prop('Name', 'name')) ?? record.view.references(prop('Name', 'name')));
    return records.flatMap((record): ImportedEdge[] => {
        if (context.owner(record.key) !== record.key) return [];
        const targets = targetsOf(record);
        if (failoverOf(record) === 'PRIMARY') {
            const secondary = records.find(other => failoverOf(other) === 'SECONDARY' && nameOf(other) === nameOf(record));
            const secondaryTarget = secondary && targetsOf(secondary)[0];
            if (targets[0] && secondaryTarget) return [{ relation: 'failover' as const, from: record.key, to: targets[0], secondary: secondaryTarget }];
        }
        return targets.map(target => ({ relation: 'uses' as const, from: record.key, to: target }));
    });
};

/** An EventBridge rule's targets, each with its retries, maximum age and dead-letter queue. */
const ruleTargets: EdgeReader = context => {
    const edges: ImportedEdge[] = [];
    for (const rule of context.ofTypes(['AWS::Events::Rule'])) {
        const bus = busOf(context, rule);
        const targets = rule.view.value(prop('Targets', undefined));
        const count = Array.isArray(targets) ? targets.length : 0;
        for (let i = 0; i < count; i++) {
            const target = firstOwner(context, rule.view.references(prop(`Targets.${i}.Arn`, undefined)));
            if (!bus || !target) continue;
            edges.push(ruleTarget(context, rule, bus, target, prop(`Targets.${i}`, undefined)));
        }
    }
    for (const target of context.ofTypes(['aws_cloudwatch_event_target'])) {
        const rule = target.view.references(prop(undefined, 'rule')).map(key => context.resource(key)).find(r => r !== undefined);
        const bus = rule && busOf(context, rule);
        const callee = firstOwner(context, target.view.references(prop(undefined, 'arn')));
        if (rule && bus && callee) edges.push(ruleTarget(context, rule, bus, callee, prop(undefined, '')));
    }
    return edges;
};

/** The rule's bus, or the account's default bus of the rule's stack (`defaultBusKey`). */
function busOf(context: EdgeContext, rule: SourceResource): string | undefined {
    return firstOwner(context, rule.view.references(prop('EventBusName', 'event_bus_name'))) ?? context.owner(defaultBusKey(rule));
}

export function defaultBusKey(rule: SourceResource): string {
    return `${rule.stack.name}/default-event-bus`;
}

function ruleTarget(context: EdgeContext, rule: SourceResource, bus: string, target: string, at: PropertyName): ImportedEdge {
    const under = (cfn: string, tf: string) => prop(at.cfn === undefined ? undefined : `${at.cfn}.${cfn}`, at.tf === undefined ? undefined : (at.tf ? `${at.tf}.${tf}` : tf));
    const source = at.tf !== undefined ? context.ofTypes(['aws_cloudwatch_event_target']).find(t => firstOwner(context, t.view.references(prop(undefined, 'arn'))) === target) ?? rule : rule;
    const retries = numberValue(source.view.value(under('RetryPolicy.MaximumRetryAttempts', 'retry_policy.maximum_retry_attempts')));
    const age = numberValue(source.view.value(under('RetryPolicy.MaximumEventAgeInSeconds', 'retry_policy.maximum_event_age_in_seconds')));
    const deadLetter = firstOwner(context, source.view.references(under('DeadLetterConfig.Arn', 'dead_letter_config.arn')));
    const name = modelMark(rule)?.name ?? stringValue(rule.view.value(prop('Name', 'name'))) ?? rule.id;
    return { relation: 'rule-target', from: bus, to: target, label: name, retries, maxAge: age !== undefined ? durationText(age) : undefined, deadLetter };
}

/** CloudFront's origins (`uses`) and origin groups (`origin group primary X secondary Y`). */
const distributionOrigins: EdgeReader = context => context.ofTypes(['AWS::CloudFront::Distribution', 'aws_cloudfront_distribution']).flatMap(distribution => {
    const origins = distribution.view.value(prop('DistributionConfig.Origins', 'origin'));
    const originTarget = new Map<string, string>();
    const count = Array.isArray(origins) ? origins.length : 0;
    const edges: ImportedEdge[] = [];
    for (let i = 0; i < count; i++) {
        const at = prop(`DistributionConfig.Origins.${i}`, `origin.${i}`);
        const target = firstOwner(context, distribution.view.references(at));
        const id = stringValue((origins as Array<Record<string, unknown>>)[i]?.Id ?? (origins as Array<Record<string, unknown>>)[i]?.origin_id);
        if (target && id !== undefined) originTarget.set(id, target);
    }
    const groups = distribution.view.value(prop('DistributionConfig.OriginGroups.Items', 'origin_group'));
    const grouped = new Set<string>();
    for (const group of Array.isArray(groups) ? groups : []) {
        const members = readIds(group);
        const [primary, secondary] = members.map(id => originTarget.get(id));
        if (primary && secondary) {
            edges.push({ relation: 'origin-group', from: distribution.key, to: primary, secondary });
            members.forEach(id => grouped.add(id));
        }
    }
    for (const [id, target] of originTarget) if (!grouped.has(id)) edges.push({ relation: 'uses', from: distribution.key, to: target });
    return edges;
});

function readIds(group: unknown): string[] {
    const members = (group as Record<string, unknown>)?.Members as Record<string, unknown> | undefined;
    const items = members?.Items ?? (group as Record<string, unknown>)?.member;
    return (Array.isArray(items) ? items : []).map(item => stringValue((item as Record<string, unknown>)?.OriginId ?? (item as Record<string, unknown>)?.origin_id)).filter((s): s is string => s !== undefined);
}

/** A bucket's event notifications invoke functions and send to queues and topics, asynchronously. */
const bucketNotifications: EdgeReader = context => context.ofTypes(['AWS::S3::Bucket', 'aws_s3_bucket_notification']).flatMap(bucket => {
    const owner = bucket.type === 'AWS::S3::Bucket' ? bucket.key : firstOwner(context, bucket.view.references(prop(undefined, 'bucket')));
    const targets = owners(context, bucket.view.references(prop('NotificationConfiguration', '')));
    return owner ? targets.filter(t => t !== owner).map(target => ({ relation: 'uses' as const, from: owner, to: target, async: true })) : [];
});

export const STATED_EDGE_READERS: readonly EdgeReader[] = [
    eventSourceMappings, samEvents, subscriptions, loadBalancerTargets, apiIntegrations, stateMachineTasks,
    lambdaFailures, redrivePolicies, replicas, dnsRecords, ruleTargets, distributionOrigins, bucketNotifications,
];

export const EVENT_RULE_TYPES = ['AWS::Events::Rule', 'aws_cloudwatch_event_rule'];
