import { durationText, type Member } from '../design.js';
import { numberAt, stringAt, type KindMapping, type MappingContext } from '../mapping-context.js';
import { prop, type SourceResource } from '../source.js';

/** Load balancers, DNS, APIs, CDN and user pools: what requests come in through. */

const LISTENER_TYPES = ['AWS::ElasticLoadBalancingV2::Listener', 'aws_lb_listener', 'aws_alb_listener'];
const LISTENER_BALANCER = prop('LoadBalancerArn', 'load_balancer_arn');
const LISTENER_TARGET_GROUPS = prop('DefaultActions', 'default_action');

export const ALB: KindMapping = {
    kind: 'alb',
    cloudformation: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
    terraform: ['aws_lb', 'aws_alb', 'aws_elb'],
    map(resource, context) {
        const members: Member[] = [];
        const hints: string[] = [];
        const type = stringAt(resource, prop('Type', 'load_balancer_type'));
        if (type === 'network' || type === 'gateway') hints.push(`a ${type} load balancer, modelled as an alb`);
        let zones = context.zones.zonesOfSubnets([
            ...resource.view.references(prop('Subnets', 'subnets')),
            ...resource.view.references(prop('SubnetMappings.SubnetId', 'subnet_mapping.subnet_id')),
        ]);
        if (zones.length === 0) {
            const named = resource.view.value(prop('AvailabilityZones', 'availability_zones'));
            zones = context.zones.zonesOfValues(Array.isArray(named) ? named : []);
        }
        const check = healthCheck(resource, context);
        if (check) members.push(check);
        return { members, zones, hints };
    },
};

/** `health check every 10s threshold 3`, from the target group behind its listeners (or a classic balancer's own). */
function healthCheck(resource: SourceResource, context: MappingContext): string | undefined {
    const groups = context.referrers(resource.key, LISTENER_TYPES, LISTENER_BALANCER)
        .flatMap(listener => listener.view.references(LISTENER_TARGET_GROUPS))
        .map(key => context.resource(key))
        .filter((group): group is SourceResource => group !== undefined);
    const sources = groups.length > 0 ? groups : [resource];
    const interval = numberAt(sources[0], prop('HealthCheckIntervalSeconds', 'health_check.interval')) ?? numberAt(resource, prop('HealthCheck.Interval', 'health_check.interval'));
    const threshold = numberAt(sources[0], prop('UnhealthyThresholdCount', 'health_check.unhealthy_threshold')) ?? numberAt(resource, prop('HealthCheck.UnhealthyThreshold', 'health_check.unhealthy_threshold'));
    if (interval === undefined) return undefined;
    return `health check every ${durationText(interval)}${threshold !== undefined ? ` threshold ${threshold}` : ''}`;
}

export const ROUTE53: KindMapping = {
    kind: 'route53',
    cloudformation: ['AWS::Route53::RecordSet'],
    terraform: ['aws_route53_record'],
    map(resource) {
        const type = stringAt(resource, prop('Type', 'type'));
        if (type !== undefined && !['A', 'AAAA', 'CNAME'].includes(type)) return { notMapped: `a ${type} record: it routes no requests` };
        if (resource.view.references(prop('AliasTarget', 'alias')).length === 0 && resource.view.references(prop('ResourceRecords', 'records')).length === 0) {
            return { notMapped: 'a record that points at nothing of the code' };
        }
        if (stringAt(resource, prop('Failover', 'failover_routing_policy.type')) === 'SECONDARY') {
            return { notMapped: 'the secondary of a failover record: read as part of its primary' };
        }
        const members: Member[] = [];
        if (resource.view.references(prop('HealthCheckId', 'health_check_id')).length > 0 || stringAt(resource, prop('HealthCheckId', 'health_check_id')) !== undefined) {
            members.push('health checks');
        }
        const ttl = numberAt(resource, prop('TTL', 'ttl'));
        if (ttl !== undefined && ttl > 0) members.push(`ttl ${durationText(ttl)}`);
        return { members, hints: ['entry: a DNS name is where users come in; say so with `entry` if it is one'] };
    },
};

export const APIGATEWAY: KindMapping = {
    kind: 'apigateway',
    cloudformation: ['AWS::ApiGateway::RestApi', 'AWS::ApiGatewayV2::Api', 'AWS::Serverless::Api', 'AWS::Serverless::HttpApi'],
    terraform: ['aws_api_gateway_rest_api', 'aws_apigatewayv2_api'],
    map(resource, context) {
        const protocol = stringAt(resource, prop('ProtocolType', 'protocol_type'));
        if (protocol === 'WEBSOCKET') return { notMapped: 'a WebSocket API, which Resil does not model' };
        const members: Member[] = [];
        if (protocol === 'HTTP' || resource.type === 'AWS::Serverless::HttpApi') members.push('api http');
        const types = resource.view.value(prop('EndpointConfiguration.Types', 'endpoint_configuration.types'))
            ?? resource.view.value(prop('EndpointConfiguration.Type', undefined)) ?? resource.view.value(prop('EndpointConfiguration', undefined));
        const endpoint = (Array.isArray(types) ? types[0] : types);
        if (typeof endpoint === 'string' && ['REGIONAL', 'EDGE', 'PRIVATE'].includes(endpoint)) members.push(`endpoint ${endpoint.toLowerCase()}`);
        const stages = context.referrers(resource.key, ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage', 'aws_api_gateway_stage', 'aws_apigatewayv2_stage'], prop('RestApiId', 'rest_api_id'))
            .concat(context.referrers(resource.key, ['AWS::ApiGatewayV2::Stage', 'aws_apigatewayv2_stage'], prop('ApiId', 'api_id')));
        const throttle = throttleOf([resource, ...stages]);
        if (throttle) members.push(throttle);
        for (const stage of new Set(stages)) {
            const name = stringAt(stage, prop('StageName', 'stage_name'));
            if (name === undefined || !/^[_a-zA-Z][\w-]*$/.test(name) || name === '$default') continue;
            const canary = numberAt(stage, prop('CanarySetting.PercentTraffic', 'canary_settings.percent_traffic'));
            members.push(canary !== undefined ? `stage ${name} canary ${canary}%` : `stage ${name}`);
        }
        return { members };
    },
};

function throttleOf(resources: readonly SourceResource[]): string | undefined {
    for (const resource of resources) {
        const rate = firstNumber(resource.view.value(prop('MethodSettings.ThrottlingRateLimit', 'settings.throttling_rate_limit')))
            ?? numberAt(resource, prop('DefaultRouteSettings.ThrottlingRateLimit', 'default_route_settings.throttling_rate_limit'));
        const burst = firstNumber(resource.view.value(prop('MethodSettings.ThrottlingBurstLimit', 'settings.throttling_burst_limit')))
            ?? numberAt(resource, prop('DefaultRouteSettings.ThrottlingBurstLimit', 'default_route_settings.throttling_burst_limit'));
        if (rate !== undefined) return `throttle rate ${Math.round(rate)}${burst !== undefined ? ` burst ${Math.round(burst)}` : ''}`;
    }
    return undefined;
}

function firstNumber(value: unknown): number | undefined {
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'number' ? first : typeof first === 'string' && /^\d+(\.\d+)?$/.test(first) ? Number(first) : undefined;
}

export const CLOUDFRONT: KindMapping = {
    kind: 'cloudfront',
    cloudformation: ['AWS::CloudFront::Distribution'],
    terraform: ['aws_cloudfront_distribution'],
    map(resource) {
        const waf = resource.view.value(prop('DistributionConfig.WebACLId', 'web_acl_id'));
        const wafReferenced = resource.view.references(prop('DistributionConfig.WebACLId', 'web_acl_id')).length > 0;
        return { members: (typeof waf === 'string' && waf.length > 0) || wafReferenced ? ['waf on'] : [], hints: ['entry: say so with `entry` if users come in through it'] };
    },
};

export const COGNITO: KindMapping = {
    kind: 'cognito',
    cloudformation: ['AWS::Cognito::UserPool'],
    terraform: ['aws_cognito_user_pool'],
    map(resource) {
        const mfa = stringAt(resource, prop('MfaConfiguration', 'mfa_configuration'));
        return { members: mfa === 'ON' || mfa === 'OPTIONAL' ? ['mfa on'] : mfa === 'OFF' ? ['mfa off'] : [] };
    },
};

