import type { ValidationAcceptor } from 'langium';
import type { AutoScalingGroup, Model, VpcEndpoint } from '../generated/ast.js';
import { egressRoutes, regionNetwork } from '../model/egress.js';
import {
    getTopology, isGatewayEndpoint, topologyOfNode, type TopologyAz, type TopologyComponent, type TopologyRegion,
} from '../model/topology.js';
import { andList } from '../util/wording.js';
import type { RuleReporter } from './rule-reporter.js';

const ids = (azs: readonly TopologyAz[]): string => andList(azs.map(az => az.id));

/** The VPC callers of a region that go out through its NAT gateways (egress.ts), with the AZs they run in. */
function natCallers(region: TopologyRegion): TopologyComponent[] {
    return region.components.filter(c => c.outgoing.some(e => e.kind === 'egress' && e.to.kind === 'nat'));
}

/** The AZs where services that need a NAT gateway run but none is declared: what `nat-gateway-per-az` asks for. */
export function azsWithoutNatGateway(region: TopologyRegion): TopologyAz[] {
    const gateways = new Set(regionNetwork(region).nats.flatMap(nat => nat.azs));
    const missing: TopologyAz[] = [];
    for (const caller of natCallers(region)) {
        for (const az of caller.azs) if (!gateways.has(az) && !missing.includes(az)) missing.push(az);
    }
    return region.azs.filter(az => missing.includes(az));
}

/**
 * EC2 Auto Scaling and the VPC's network: an Auto Scaling group in one AZ, its health checks behind a load balancer,
 * NAT gateways missing from AZs whose services go out through another AZ's, and endpoints placed where they cannot be.
 */
export class NetworkValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkAsg = (asg: AutoScalingGroup, accept: ValidationAcceptor): void => {
        const component = topologyOfNode(asg).componentOf(asg);
        if (!component) return;
        if (component.azs.length === 1) {
            this.reporter.report(accept, 'asg-multi-az',
                `Auto Scaling group \`${asg.name}\` launches instances only in ${ids(component.azs)}: an outage of that AZ stops every instance, and the group cannot launch elsewhere. Place it in 2 or more AZs (\`in a, b, c\`).`,
                asg.azs.length > 0 ? { node: asg, property: 'azs' } : { node: asg, property: 'name' });
        }
        const balancers = component.incoming.filter(e => e.kind === 'uses' && e.from.kind === 'alb').map(e => e.from);
        if (balancers.length > 0 && asg.healthCheck !== 'elb') {
            this.reporter.report(accept, 'asg-elb-health-check',
                `Auto Scaling group \`${asg.name}\` sits behind ${andList(balancers.map(b => `\`${b.id}\``))} but replaces instances only on EC2 status checks: an instance whose application stops answering stays in service while the load balancer sends it nothing. Add \`health check elb\`.`,
                asg.healthCheck !== undefined ? { node: asg, property: 'healthCheck' } : { node: asg, property: 'name' });
        }
    };

    readonly checkEndpoint = (endpoint: VpcEndpoint, accept: ValidationAcceptor): void => {
        if (!isGatewayEndpoint(endpoint) || endpoint.azs.length === 0) return;
        this.reporter.report(accept, 'endpoint-placement',
            `Endpoint \`${endpoint.name}\` for ${endpoint.service} is a gateway endpoint: it is a route in the VPC's route tables, in no AZ, so \`in\` means nothing here. Remove the \`in\` list.`,
            { node: endpoint, property: 'azs' });
    };

    readonly checkModel = (model: Model, accept: ValidationAcceptor): void => {
        if (!model.system) return;
        for (const region of getTopology(model).regions) {
            const nats = regionNetwork(region).nats;
            if (nats.length === 0) continue;
            this.checkNatPerAz(region, accept);
            for (const caller of natCallers(region)) this.checkEgressCrossAz(caller, accept);
        }
    };

    private checkNatPerAz(region: TopologyRegion, accept: ValidationAcceptor): void {
        const missing = azsWithoutNatGateway(region);
        if (missing.length === 0) return;
        const gateways = [...new Set(regionNetwork(region).nats.flatMap(nat => nat.azs))];
        const nat = regionNetwork(region).nats[0];
        this.reporter.report(accept, 'nat-gateway-per-az',
            `Region ${region.id} has NAT gateways in ${ids(gateways)} only, but services that call AWS services or other regions also run in ${ids(missing)}: they go out through ${ids([gateways[0]])}, so its outage cuts them off too. Add a NAT gateway in ${andList(missing.map(az => az.name))}.`,
            nat.ast.azs.length > 0 ? { node: nat.ast, property: 'azs' } : { node: nat.ast, property: 'name' });
    }

    private checkEgressCrossAz(caller: TopologyComponent, accept: ValidationAcceptor): void {
        const crossing = egressRoutes(caller).filter(route => route.gateway !== route.az);
        if (crossing.length === 0) return;
        const edge = caller.outgoing.find(e => e.kind === 'egress' && e.to.kind === 'nat');
        if (!edge) return;
        const gateways = ids([...new Set(crossing.map(r => r.gateway))]);
        this.reporter.report(accept, 'egress-cross-az',
            `\`${caller.id}\` runs in ${ids(crossing.map(r => r.az))} but reaches AWS services (\`${edge.source.$cstNode?.text ?? 'its calls'}\`) only through the NAT gateway in ${gateways}: an outage of ${gateways} cuts ${crossing.length === 1 ? 'that AZ' : 'those AZs'} off although ${crossing.length === 1 ? 'it is' : 'they are'} up. Give each AZ its own NAT gateway, or add a VPC \`endpoint\` for the services it calls.`,
            { node: edge.source });
    }
}
