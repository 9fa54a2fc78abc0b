import type { FargateProfile, NodeGroup } from '../../../generated/ast.js';
import type { ComponentOf, TopologyAz, TopologyComponent } from '../../../model/topology.js';
import { arr, obj } from '../code.js';
import { commentText, fileSlug, tsString } from '../identifiers.js';
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
    const identity = calls(component) ? workloadIdentity(component, scope, cluster) : undefined;
    const name = callers(component) ? privateName(component, scope, cluster) : undefined;
    scope.declarations.push(...lines, ...(identity?.lines ?? []), ...(name?.lines ?? []));
    scope.declare(component, {
        expr: cluster,
        grantee: identity?.role,
        endpoint: name?.dnsName,
        // The pods read what they call from SSM parameters under the cluster's path, readable by their role.
        addEnvironment: identity && ((key, value) => `new ${scope.mod('ssm')}.StringParameter(${cluster}, ${tsString(`Env${key}`)}, ${obj([
            ['parameterName', `\`${identity.path}/${key}\``], ['stringValue', value],
        ])}).grantRead(${identity.role});`),
    });
}

/** Whether the cluster's workloads call other services of the design. */
function calls(component: ComponentOf<'eks'>): boolean {
    return component.outgoing.some(e => e.kind === 'uses' || e.kind === 'consumes');
}

/** Whether services other than a load balancer call the cluster's workloads (they need an address in the VPC). */
function callers(component: ComponentOf<'eks'>): boolean {
    return component.incoming.some(e => e.kind === 'uses' && e.from.kind !== 'alb' && e.from.kind !== 'route53' && e.from.region === component.region);
}

/**
 * The role the cluster's workloads act as (EKS Pod Identity: the agent add-on and an association of the service
 * account named after the cluster, in namespace default): what the design says the cluster uses is granted to it, and
 * each address it needs is an SSM parameter under one path of the stack.
 */
function workloadIdentity(component: ComponentOf<'eks'>, scope: EmitScope, cluster: string): { lines: string[]; role: string; path: string } {
    const eks = scope.mod('eks');
    const iam = scope.mod('iam');
    const role = scope.variable(component.ast.name, 'Workload');
    const serviceAccount = fileSlug(component.ast.name, 'workload');
    return {
        role,
        path: `/\${this.stackName}/${serviceAccount}`,
        lines: [
            `// The workloads of ${commentText(component.id)} act as one role through EKS Pod Identity (service account '${serviceAccount}' in namespace default):`,
            '// what the design says they use is granted to it, and the addresses they call are SSM parameters under its path.',
            `new ${eks}.Addon(this, '${scope.constructId(component.ast.name, 'PodIdentityAgent')}', { cluster: ${cluster}, addonName: 'eks-pod-identity-agent' });`,
            `const ${role} = new ${iam}.Role(${cluster}, 'Workload', { assumedBy: new ${iam}.SessionTagsPrincipal(new ${iam}.ServicePrincipal('pods.eks.amazonaws.com')) });`,
            `new ${eks}.CfnPodIdentityAssociation(${cluster}, 'WorkloadIdentity', ${obj([
                ['clusterName', `${cluster}.clusterName`], ['namespace', `'default'`], ['serviceAccount', tsString(serviceAccount)], ['roleArn', `${role}.roleArn`],
            ])});`,
            '',
        ],
    };
}

/**
 * The private DNS name callers in the VPC reach the cluster's workloads at: an AWS Cloud Map service in a namespace
 * of its own, which the pods' Kubernetes Service registers with (ExternalDNS or the Cloud Map MCS controller, in
 * the cluster). The callers' security groups are let into the cluster's.
 */
function privateName(component: ComponentOf<'eks'>, scope: EmitScope, cluster: string): { lines: string[]; dnsName: string } {
    const discovery = scope.mod('servicediscovery');
    const service = scope.variable(component.ast.name, 'Discovery');
    const base = `${fileSlug(component.ast.name, 'cluster')}.${fileSlug(scope.region.region.name, 'region')}.${fileSlug(scope.plan.systemName, 'system')}.internal`;
    const namespace = scope.cell ? `\`\${id.toLowerCase()}.${base}\`` : tsString(base);
    return {
        dnsName: `\`\${${service}.serviceName}.\${${service}.namespace.namespaceName}\``,
        lines: [
            `// Callers in the VPC reach ${commentText(component.id)} by a private DNS name (AWS Cloud Map): its Kubernetes Service registers`,
            '// the pods there (ExternalDNS or the Cloud Map MCS controller, run in the cluster).',
            `const ${service} = new ${discovery}.PrivateDnsNamespace(${cluster}, 'Names', ${obj([['vpc', scope.vpc()], ['name', namespace]])})`,
            `  .createService('Service', ${obj([['name', tsString(fileSlug(component.ast.name, 'service'))], ['dnsRecordType', `${discovery}.DnsRecordType.A`]])});`,
            '',
        ],
    };
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
