import type { TopologyComponent } from '../../model/topology.js';
import { fileSlug, NameSet, tsString } from './identifiers.js';
import type { ComponentHandle, EmitScope } from './scope.js';

/**
 * Private DNS names (AWS Cloud Map) for ECS services that callers reach without a load balancer. Each ECS cluster
 * (one per stack, one per cell replica) gets one namespace, each named service one Cloud Map service; both are
 * declared on first use, so a service that five others call is registered once.
 */

interface ScopeDiscovery {
    readonly services: Map<TopologyComponent, string>;
    /** Cloud Map service names: `q_a` and `q-a` would both be `q-a`. */
    readonly names: NameSet;
}

const byScope = new WeakMap<EmitScope, ScopeDiscovery>();

/**
 * The statements registering `service` (none when done already) and its DNS name `<service>.<namespace>`, as the
 * inside of a template literal: A records of its tasks (awsvpc networking), SRV records with their host ports (bridge). Namespaces are private hosted zones of the VPC, whose names must differ: a cell
 * replica's starts with its construct id (`pay0.`), which is unique in its stack.
 */
export function discoveryName(service: TopologyComponent, handle: ComponentHandle, scope: EmitScope): { statements: string[]; dnsName: string } {
    let discovery = byScope.get(scope);
    const statements: string[] = [];
    if (!discovery) {
        discovery = { services: new Map(), names: new NameSet([], '-') };
        byScope.set(scope, discovery);
        const base = `${fileSlug(scope.region.region.name, 'region')}.${fileSlug(scope.plan.systemName, 'system')}.internal`;
        const name = scope.cell ? `\`\${id.toLowerCase()}.${fileSlug(scope.cell.cell.name, 'cell')}.${base}\`` : tsString(base);
        statements.push(
            `// Services that callers reach without a load balancer get a private DNS name in the VPC (AWS Cloud Map).`,
            `${scope.ecsCluster()}.addDefaultCloudMapNamespace({ name: ${name} });`,
        );
    }
    let registered = discovery.services.get(service);
    if (!registered) {
        registered = scope.variable(service.name, 'Discovery');
        discovery.services.set(service, registered);
        statements.push(`const ${registered} = ${handle.expr}.enableCloudMap({ name: ${tsString(discovery.names.claim(fileSlug(service.name, 'service')))} });`);
    }
    return { statements, dnsName: `\${${registered}.serviceName}.\${${registered}.namespace.namespaceName}` };
}
