import type { ValidationAcceptor } from 'langium';
import type { Ecs, Eks, NodeGroup } from '../generated/ast.js';
import { topologyOfNode, type TopologyComponent } from '../model/topology.js';
import { andList } from '../util/wording.js';
import type { RuleReporter } from './rule-reporter.js';

/** Whether an ECS service's first placement strategy spreads its tasks over AZs. */
export function spreadsOverAzsFirst(ecs: Ecs): boolean {
    const first = ecs.placement[0];
    return first?.kind === 'spread' && first.field === 'az';
}

const azIds = (component: TopologyComponent): string => andList(component.azs.map(az => az.id));

/**
 * Seed rules for containers: ECS placement on Fargate and EC2, ECS AZ redundancy, EKS node group AZs and the
 * cluster autoscaler.
 */
export class ContainersValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkEcs = (ecs: Ecs, accept: ValidationAcceptor): void => {
        this.checkFargatePlacement(ecs, accept);
        const component = topologyOfNode(ecs).componentOf(ecs);
        if (!component) return;
        this.checkEc2Spread(ecs, component, accept);
        this.checkEcsMultiAz(ecs, component, accept);
    };

    private checkFargatePlacement(ecs: Ecs, accept: ValidationAcceptor): void {
        if (ecs.launch !== 'fargate') return;
        if (ecs.placement.length > 0) {
            this.reporter.report(accept, 'ecs-fargate-placement',
                `ECS service \`${ecs.name}\` runs on Fargate, which does not support placement strategies: the deployment is rejected. Remove the \`placement\` line (Fargate spreads tasks over the AZs itself).`,
                { node: ecs, property: 'placement' });
        }
        ecs.constraints.forEach((_, index) => this.reporter.report(accept, 'ecs-fargate-placement',
            `ECS service \`${ecs.name}\` runs on Fargate, which does not support placement constraints: the deployment is rejected. Remove the \`constraint\` line.`,
            { node: ecs, property: 'constraints', index }));
    }

    private checkEc2Spread(ecs: Ecs, component: TopologyComponent, accept: ValidationAcceptor): void {
        if (ecs.launch !== 'ec2' || component.azs.length < 2 || spreadsOverAzsFirst(ecs)) return;
        this.reporter.report(accept, 'ecs-ec2-spread-az',
            `ECS service \`${ecs.name}\` on EC2 spans ${azIds(component)} but its first placement strategy is not \`spread az\`: tasks can pile up in one AZ, and an outage of that AZ then takes most of them. Put \`spread az\` first in \`placement\`.`,
            ecs.placement.length > 0 ? { node: ecs, property: 'placement' } : { node: ecs, property: 'launch' });
    }

    private checkEcsMultiAz(ecs: Ecs, component: TopologyComponent, accept: ValidationAcceptor): void {
        if (component.azs.length !== 1) return;
        this.reporter.report(accept, 'ecs-multi-az',
            `ECS service \`${ecs.name}\` runs only in ${azIds(component)}: an outage of that AZ stops it. Place it in 2 or more AZs (\`in a, b, c\`).`,
            ecs.azs.length > 0 ? { node: ecs, property: 'azs' } : { node: ecs, property: 'name' });
    }

    readonly checkEks = (eks: Eks, accept: ValidationAcceptor): void => {
        if (eks.nodeGroups.length === 0) return; // Fargate profiles only: AWS places the pods
        const component = topologyOfNode(eks).componentOf(eks);
        if (!component) return;
        if (component.azs.length < 2) {
            const where = component.azs.length === 1 ? `only ${azIds(component)}` : 'no AZ';
            this.reporter.report(accept, 'eks-nodegroups-multi-az',
                `EKS cluster \`${eks.name}\`: its node groups together cover ${where}, so an outage of one AZ stops every pod on nodes. Place the node groups in 2 or more AZs.`,
                { node: eks, property: 'name' });
        } else {
            const inherited = component.cell?.azs.length ?? component.region?.azs.length ?? 0;
            for (const group of eks.nodeGroups) this.checkNodeGroup(eks, group, inherited, accept);
        }
        if (eks.autoscaler !== 'on') {
            this.reporter.report(accept, 'eks-autoscaler',
                `EKS cluster \`${eks.name}\` has no \`autoscaler on\`: after an AZ outage or a spot reclaim nothing adds nodes to reschedule the lost pods. Add \`autoscaler on\`.`,
                eks.autoscaler ? { node: eks, property: 'autoscaler' } : { node: eks, property: 'name' });
        }
    };

    private checkNodeGroup(eks: Eks, group: NodeGroup, inheritedAzCount: number, accept: ValidationAcceptor): void {
        const azCount = group.azs.length > 0 ? new Set(group.azs.map(ref => ref.ref ?? ref.$refText)).size : inheritedAzCount;
        if (azCount !== 1) return;
        this.reporter.report(accept, 'eks-nodegroup-single-az',
            `Node group \`${group.name}\` of cluster \`${eks.name}\` sits in one AZ: an outage of that AZ removes all of its nodes (other groups must absorb the pods). Place it in 2 or more AZs.`,
            { node: group, property: group.azs.length > 0 ? 'azs' : 'name' });
    }
}
