import type { TopologyComponent } from '../model/topology.js';
import { integrationTimeout } from '../validation/edge-validator.js';

/** What the hover of an API, a distribution, a user pool or a third party adds about how it fails. */
export function edgeNote(component: TopologyComponent): string | undefined {
    switch (component.kind) {
        case 'apigateway': {
            const api = component.ast;
            const throttle = api.throttle ? `throttled at ${api.throttle.rate} requests/s${api.throttle.burst !== undefined ? `, burst ${api.throttle.burst}` : ''}` : 'not throttled';
            return `${api.api === 'http' ? 'HTTP' : 'REST'} API, ${api.endpointType ?? 'regional'} endpoint, ${throttle}; waits ${integrationTimeout(api)} s for an integration`;
        }
        case 'cloudfront': {
            const [primary, secondary] = component.outgoing.filter(e => e.kind === 'failover').map(e => e.to.id);
            return primary && secondary ? `Origin group: \`${primary}\`, failing over to \`${secondary}\`` : 'No origin group: no failover between origins';
        }
        case 'cognito':
            return 'A user pool is regional: Cognito does not replicate it to another region';
        case 'external':
            return 'In no region: fails only when failed by name (a scenario\'s `fail`, `--fail`)';
        default:
            return undefined;
    }
}
