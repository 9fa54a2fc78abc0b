import { regionNetwork } from '../../../model/egress.js';
import { isGatewayEndpoint, type ComponentOf, type TopologyAz, type TopologyRegion } from '../../../model/topology.js';
import { obj, type Entries } from '../code.js';
import type { EmitScope } from '../scope.js';

/** The CDK names of the endpoint services (`ec2.GatewayVpcEndpointAwsService.DYNAMODB`...). */
const ENDPOINT_SERVICES = { s3: 'S3', dynamodb: 'DYNAMODB', sqs: 'SQS', sns: 'SNS', kinesis: 'KINESIS_STREAMS', lambda: 'LAMBDA', events: 'EVENTBRIDGE', states: 'STEP_FUNCTIONS' } as const;

/** The AZs that hold a NAT gateway, in the order the model declares them (the first is every other AZ's fallback). */
export function natGatewayAzs(region: TopologyRegion): TopologyAz[] {
    const azs: TopologyAz[] = [];
    for (const nat of regionNetwork(region).nats) for (const az of nat.azs) if (!azs.includes(az)) azs.push(az);
    return azs;
}

/**
 * The VPC's NAT gateways: one in each AZ the model's `nat` lines name (CDK routes each private subnet to the gateway
 * of its AZ, else to the first one, as the model does); without a `nat` line, one per AZ as before.
 */
export function natGatewayEntries(scope: EmitScope): Entries {
    const azs = natGatewayAzs(scope.region.region);
    if (azs.length === 0) return [['natGateways', 'this.availabilityZones.length']];
    return [
        ['natGateways', String(azs.length)],
        ['natGatewaySubnets', obj([['subnetType', `${scope.mod('ec2')}.SubnetType.PUBLIC`], ['availabilityZones', scope.azList(azs)]])],
    ];
}

/** nat -> the NAT gateways are part of the region's VPC: declared there, in the AZs this line names. */
export function declareNat(component: ComponentOf<'nat'>, scope: EmitScope): void {
    const vpc = scope.vpc();
    scope.declarations.push(
        scope.trace(component.ast, `nat ${component.ast.name}`),
        `// NAT gateways in ${component.azs.map(az => az.name).join(', ')}: declared with the VPC (natGateways, natGatewaySubnets).`,
        '',
    );
    // The VPC carries the gateways: the app's model check finds them among its resources.
    scope.declare(component, { expr: vpc });
}

/** endpoint -> a gateway endpoint (s3, dynamodb) on the private route tables, else an interface endpoint in the model's AZs. */
export function declareEndpoint(component: ComponentOf<'endpoint'>, scope: EmitScope): void {
    const ast = component.ast;
    const ec2 = scope.mod('ec2');
    const vpc = scope.vpc();
    const endpoint = scope.variable(ast.name);
    const service = ENDPOINT_SERVICES[ast.service];
    const declaration = isGatewayEndpoint(ast)
        ? `${vpc}.addGatewayEndpoint('${scope.constructId(ast.name)}', ${obj([['service', `${ec2}.GatewayVpcEndpointAwsService.${service}`]])});`
        : `${vpc}.addInterfaceEndpoint('${scope.constructId(ast.name)}', ${obj([
            ['service', `${ec2}.InterfaceVpcEndpointAwsService.${service}`],
            ['subnets', scope.subnets(component.azs)],
            ['privateDnsEnabled', 'true'],
        ])});`;
    scope.declarations.push(scope.trace(ast, `endpoint ${ast.name} for ${ast.service}`), `const ${endpoint} = ${declaration}`);
    if (!isGatewayEndpoint(ast)) scope.declarations.push(scope.acknowledge(endpoint, ['cacheVpcIngress']));
    scope.declarations.push('');
    scope.declare(component, { expr: endpoint });
}
