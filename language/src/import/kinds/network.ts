import { stringAt, type KindMapping } from '../mapping-context.js';
import { prop } from '../source.js';

/** NAT gateways and VPC endpoints: the region's network, placed by their subnets. */

export const NAT: KindMapping = {
    kind: 'nat',
    cloudformation: ['AWS::EC2::NatGateway'],
    terraform: ['aws_nat_gateway'],
    map(resource, context) {
        const zones = context.zones.zonesOfSubnets(resource.view.references(prop('SubnetId', 'subnet_id')));
        return { members: [], zones, hints: zones.length === 0 ? ['in AZ: the code does not say the AZ of its subnet (give the region with --region if the template maps AZs per region)'] : [] };
    },
};

/** The last word of `com.amazonaws.us-east-1.dynamodb` as the grammar names the service. */
const ENDPOINT_SERVICES: Record<string, string> = {
    s3: 's3', dynamodb: 'dynamodb', sqs: 'sqs', sns: 'sns', 'kinesis-streams': 'kinesis', lambda: 'lambda', events: 'events', states: 'states',
};

export const ENDPOINT: KindMapping = {
    kind: 'endpoint',
    cloudformation: ['AWS::EC2::VPCEndpoint'],
    terraform: ['aws_vpc_endpoint'],
    map(resource, context) {
        const name = stringAt(resource, prop('ServiceName', 'service_name'));
        if (name === undefined) return { notMapped: 'the code does not say which service the endpoint is for' };
        const service = ENDPOINT_SERVICES[name.split('.').pop() ?? ''];
        if (service === undefined) return { notMapped: `an endpoint for ${name}, a service Resil does not model` };
        const type = stringAt(resource, prop('VpcEndpointType', 'vpc_endpoint_type')) ?? 'Gateway';
        const zones = type === 'Interface' ? context.zones.zonesOfSubnets(resource.view.references(prop('SubnetIds', 'subnet_ids'))) : [];
        return { members: [], header: `for ${service}`, zones };
    },
};
