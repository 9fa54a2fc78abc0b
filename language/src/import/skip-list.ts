/**
 * Why a resource that is not an element is not shown: the types an import reads for something else (subnets for
 * AZs, roles for inferred uses), and those that carry no request (alarms, logs). Any other type is listed as one
 * Resil has no kind for.
 */
const REASONS: Array<[pattern: RegExp, reason: string]> = [
    [/^(AWS::EC2::Subnet|aws_(default_)?subnet)$/, 'a subnet: read for the AZs of what runs in it'],
    [/^(AWS::(RDS|ElastiCache|DocDB|Neptune)::(DB)?SubnetGroup|aws_(db|elasticache)_subnet_group)$/, 'a subnet group: read for the AZs of its database or cache'],
    [/^(AWS::IAM::|aws_iam_)/, 'permissions: read for the uses they grant'],
    [/^(AWS::Lambda::(Permission|EventSourceMapping|EventInvokeConfig|Alias|Version|LayerVersion|Url)|aws_lambda_(permission|event_source_mapping|function_event_invoke_config|alias|layer_version|function_url))$/, 'read as part of its function'],
    [/^(AWS::ElasticLoadBalancingV2::(Listener|ListenerRule|TargetGroup|ListenerCertificate)|aws_(a)?lb_(listener|listener_rule|target_group|target_group_attachment|listener_certificate)|aws_autoscaling_attachment)$/, 'read for what its load balancer sends requests to'],
    [/^(AWS::ECS::(TaskDefinition|Cluster|CapacityProvider|ClusterCapacityProviderAssociations)|aws_ecs_(task_definition|cluster|capacity_provider|cluster_capacity_providers))$/, 'read as part of its ECS services'],
    [/^(AWS::EKS::(Nodegroup|FargateProfile|Addon|AccessEntry|PodIdentityAssociation)|aws_eks_(node_group|fargate_profile|addon|access_entry|pod_identity_association))$/, 'read as part of its EKS cluster'],
    [/^(AWS::RDS::(GlobalCluster|DBParameterGroup|DBClusterParameterGroup|OptionGroup|DBProxy\w*)|aws_(rds_global_cluster|db_parameter_group|rds_cluster_parameter_group|db_option_group|db_proxy\w*))$/, 'read as part of its database'],
    [/^(AWS::ApiGateway(V2)?::|aws_api_gateway_|aws_apigatewayv2_)/, 'read as part of its API'],
    [/^(AWS::SNS::(Subscription|TopicPolicy)|aws_sns_topic_(subscription|policy))$/, 'read as part of its topic'],
    [/^(AWS::SQS::QueuePolicy|aws_sqs_queue_(policy|redrive_policy|redrive_allow_policy))$/, 'read as part of its queue'],
    [/^(AWS::Events::(Rule|Archive|Connection|ApiDestination)|aws_cloudwatch_event_(rule|target|archive|connection|api_destination))$/, 'read as part of its event bus'],
    [/^(AWS::S3::BucketPolicy|aws_s3_bucket_\w+)$/, 'read as part of its bucket'],
    [/^(AWS::CloudFront::(CloudFrontOriginAccessIdentity|OriginAccessControl|CachePolicy|OriginRequestPolicy|ResponseHeadersPolicy|Function)|aws_cloudfront_(origin_access_identity|origin_access_control|cache_policy|origin_request_policy|response_headers_policy|function))$/, 'read as part of its distribution'],
    [/^(AWS::Cognito::|aws_cognito_)/, 'part of its user pool'],
    [/^(AWS::AutoScaling::(LaunchConfiguration|ScalingPolicy|ScheduledAction|LifecycleHook)|AWS::ApplicationAutoScaling::|AWS::EC2::LaunchTemplate|aws_(launch_configuration|launch_template|autoscaling_policy|autoscaling_schedule|appautoscaling_\w+))/, 'scaling and launch settings: read for instance types'],
    [/^(AWS::EC2::(VPC|InternetGateway|VPCGatewayAttachment|RouteTable|Route|SubnetRouteTableAssociation|EIP|EIPAssociation|NetworkAcl\w*|SubnetNetworkAclAssociation|SecurityGroup\w*|FlowLog|VPCCidrBlock|EgressOnlyInternetGateway|DHCPOptions|VPCDHCPOptionsAssociation|VPNGateway\w*|VPNGatewayRoutePropagation|CustomerGateway|VPNConnection\w*|NetworkInterface\w*|PrefixList|VPCEndpointService\w*)|aws_(vpc|internet_gateway|route_table|route|route_table_association|eip|eip_association|network_acl\w*|security_group\w*|flow_log|vpc_ipv4_cidr_block_association|egress_only_internet_gateway|vpc_dhcp_options\w*|vpn_gateway\w*|customer_gateway|vpn_connection\w*|network_interface\w*|default_(route_table|network_acl|security_group|vpc)|main_route_table_association|vpc_endpoint_route_table_association))$/, 'network plumbing: Resil models the region\'s network by its NAT gateways and endpoints'],
    [/^(AWS::CloudWatch::|AWS::Logs::|AWS::SSM::|AWS::SecretsManager::|AWS::KMS::|AWS::CertificateManager::|AWS::ACMPCA::|aws_cloudwatch_(metric_alarm|log_group|log_stream|dashboard|log_subscription_filter|composite_alarm)|aws_(ssm_\w+|secretsmanager_\w+|kms_\w+|acm_\w+))/, 'operations (alarms, logs, keys, secrets, parameters): on no request path Resil models'],
    [/^(AWS::Route53::(HostedZone|HealthCheck|RecordSetGroup)|aws_route53_(zone|health_check))$/, 'read as part of its records'],
    [/^(AWS::CDK::Metadata|AWS::CloudFormation::(WaitCondition\w*|Stack|Macro|Interface))$/, 'deployment machinery, not part of the running system'],
    [/^(Custom::|AWS::CloudFormation::CustomResource)/, 'a custom resource: it runs when the stack deploys, not on a request path'],
    [/^(AWS::Kinesis::StreamConsumer|aws_kinesis_stream_consumer)$/, 'read as part of its stream'],
];

export function skipReason(type: string): string {
    if (type === '') return 'it has no Type';
    for (const [pattern, reason] of REASONS) if (pattern.test(type)) return reason;
    return `no Resil kind for ${type}`;
}
