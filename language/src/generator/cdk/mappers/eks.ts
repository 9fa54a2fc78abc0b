import type { FargateProfile, NodeGroup } from '../../../generated/ast.js';
import type { ComponentOf, TopologyAz, TopologyComponent } from '../../../model/topology.js';
import { arr, obj } from '../code.js';
import { tsString } from '../identifiers.js';
import type { EmitScope } from '../scope.js';
import { checkedValue, int } from '../values.js';
import { notGenerated } from './targets.js';

/**
 * eks -> an `aws-eks-v2` cluster with a private endpoint and control plane logs, one managed node group per model
 * node group on the subnets of its AZs, and the Fargate profiles. No kubectl provider: nothing here needs one.
 */
export function declareEks(component: ComponentOf<'eks'>, scope: EmitScope): void {
    const ast = component.ast;
    const eks = scope.mod('eks');
    const cluster = scope.variable(ast.name);
    const logging = ['API', 'AUDIT', 'AUTHENTICATOR', 'CONTROLLER_MANAGER', 'SCHEDULER'].map(t => `${eks}.ClusterLoggingTypes.${t}`);
    const lines = [
        scope.trace(ast, `eks ${ast.name}`),
        `const ${cluster} = new ${eks}.Cluster(this, '${scope.constructId(ast.name)}', ${obj([
            ['version', `${eks}.KubernetesVersion.of(${tsString(checkedValue(scope, 'Kubernetes version', ast.version, component.id))})`],
            ['vpc', scope.vpc()],
            ['vpcSubnets', `[${scope.subnets(component.azs)}]`],
            ['defaultCapacity', '0'],
            ['defaultCapacityType', `${eks}.DefaultCapacityType.NODEGROUP`],
            ['endpointAccess', `${eks}.EndpointAccess.PRIVATE`],
            ['clusterLogging', arr(logging)],
        ])});`,
    ];
    for (const group of ast.nodeGroups) lines.push(...nodeGroup(group, component, scope, cluster));
    for (const profile of ast.fargateProfiles) lines.push(fargateProfile(profile, component, scope, cluster));
    if (ast.autoscaler === 'on') {
        // Managed node groups carry the Cluster Autoscaler's auto-discovery tags already; installing it takes kubectl.
        lines.push(notGenerated(scope, ast, 'autoscaler on: the Cluster Autoscaler (or Karpenter) is installed in the cluster with kubectl or Helm; its node groups scale between their min and max'));
    }
    lines.push(scope.acknowledge(cluster, ['eksClusterRole', 'eksNodeRole', 'eksCniPolicy', 'eksRegistryRead', ...(ast.fargateProfiles.length > 0 ? ['eksFargatePodExecution'] : [])]), '');
    scope.declarations.push(...lines);
    scope.declare(component, { expr: cluster });
}

function groupAzs(group: NodeGroup, component: TopologyComponent): TopologyAz[] {
    if (group.azs.length === 0) return component.azs;
    return component.azs.filter(az => group.azs.some(ref => ref.ref === az.ast));
}

function nodeGroup(group: NodeGroup, component: TopologyComponent, scope: EmitScope, cluster: string): string[] {
    const eks = scope.mod('eks');
    const ec2 = scope.mod('ec2');
    const min = Math.max(0, Math.round(group.min ?? 0));
    const max = Math.max(1, min, Math.round(group.max ?? Math.max(min, 1)));
    return [
        `// node group ${group.name}${group.azs.length > 0 ? ` in ${group.azs.map(a => a.$refText).join(', ')}` : ''} (model: ${scope.plan.trace(group)})`,
        `${cluster}.addNodegroupCapacity('${scope.constructId(group.name, 'Nodes')}', ${obj([
            ['minSize', String(min)],
            ['maxSize', String(max)],
            ['desiredSize', int(group.desired, min, max)],
            ['instanceTypes', `[new ${ec2}.InstanceType(${tsString(checkedValue(scope, 'EC2 instance type', group.instanceType, `${component.id} node group ${group.name}`))})]`],
            ['capacityType', group.spot && `${eks}.CapacityType.SPOT`],
            ['subnets', scope.subnets(groupAzs(group, component))],
        ])});`,
    ];
}

function fargateProfile(profile: FargateProfile, component: TopologyComponent, scope: EmitScope, cluster: string): string {
    const namespaces = profile.namespaces.length > 0 ? profile.namespaces : [profile.name];
    return `${cluster}.addFargateProfile('${scope.constructId(profile.name, 'Profile')}', ${obj([
        ['selectors', arr(namespaces.map(n => `{ namespace: ${tsString(n)} }`))],
        ['vpc', scope.vpc()],
        ['subnetSelection', scope.subnets(component.azs)],
    ])});`;
}
