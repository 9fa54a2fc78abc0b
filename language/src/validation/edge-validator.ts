import type { ValidationAcceptor } from 'langium';
import type { ApiGateway, CloudFront, Uses } from '../generated/ast.js';
import { analysisOf } from '../analysis/analysis.js';
import { formatAvailability, formatShare, ownAvailability } from '../analysis/availability.js';
import { hardReach } from '../model/hard-reach.js';
import { topologyOfNode } from '../model/topology.js';
import { parseDuration } from '../util/durations.js';
import type { RuleReporter } from './rule-reporter.js';

/**
 * The longest API Gateway waits for an integration, in seconds: 29 s for REST APIs (a quota Regional and private REST
 * APIs may have raised), 30 s for HTTP APIs. https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 */
export const INTEGRATION_TIMEOUT_SECONDS = { rest: 29, http: 30 } as const;

/** The integration timeout limit of an API: REST unless `api http`. */
export function integrationTimeout(api: ApiGateway): number {
    return INTEGRATION_TIMEOUT_SECONDS[api.api ?? 'rest'];
}

/**
 * Rules for the front doors and what lies outside AWS: API Gateway throttling, endpoint types and integration
 * timeouts, CloudFront origins that survive a region, third parties on an entry point's hard path.
 */
export class EdgeValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkApi = (api: ApiGateway, accept: ValidationAcceptor): void => {
        if (!api.throttle) {
            this.reporter.report(accept, 'apigateway-throttling',
                `API Gateway \`${api.name}\` sets no throttling: a surge (a client retrying in a loop, a bot, a launch) reaches its integrations at up to the account's 10,000 requests per second, more than they can take, and the overload fails every caller. Add \`throttle rate N burst M\` with what its integrations can serve.`,
                { node: api, property: 'name' });
        }
        const topology = topologyOfNode(api);
        if (api.endpointType === 'edge' && topology.regions.length > 1) {
            this.reporter.report(accept, 'apigateway-edge-multi-region',
                `API Gateway \`${api.name}\` is edge-optimized in a design with ${topology.regions.length} regions: its custom domain name is served by one CloudFront distribution that API Gateway manages, so the same name cannot point at the API of another region when this one fails. Use \`endpoint regional\` in each region behind Route 53 failover or latency records (and CloudFront of your own if you want edge caching).`,
                { node: api, property: 'endpointType' });
        }
    };

    /** `apigateway-integration-timeout`, on an API's `uses` line to a function that may run longer than the API waits. */
    readonly checkIntegrationTimeout = (uses: Uses, accept: ValidationAcceptor): void => {
        const api = uses.$container;
        const target = uses.target?.ref;
        if (api.$type !== 'ApiGateway' || target?.$type !== 'Lambda' || uses.async || target.timeout === undefined) return;
        const seconds = parseDuration(target.timeout).seconds;
        const limit = integrationTimeout(api);
        if (seconds === undefined || seconds <= limit) return;
        const kind = api.api === 'http' ? 'an HTTP API' : 'a REST API';
        this.reporter.report(accept, 'apigateway-integration-timeout',
            `Lambda \`${target.name}\` may run ${target.timeout}, but API Gateway \`${api.name}\` (${kind}) ends an integration after ${limit} s: the client gets a 504 while the function keeps running, and a client's retry runs it twice. Set its \`timeout\` to at most ${limit}s, or make the call \`async\`${api.api === 'http' ? '' : ' (Regional and private REST APIs may have the quota raised)'}.`,
            { node: uses });
    };

    /** `cloudfront-origin-region`: with `require survive region-loss`, origins in one region need an origin group. */
    readonly checkOrigins = (distribution: CloudFront, accept: ValidationAcceptor): void => {
        const topology = topologyOfNode(distribution);
        const required = topology.system?.requirements.some(r => r.$type === 'SurviveRequirement' && r.loss === 'region-loss');
        const component = topology.componentOf(distribution);
        if (!required || !component) return;
        const failover = component.outgoing.filter(e => e.kind === 'failover');
        if (failover.length > 0 && new Set(failover.map(e => e.to.region)).size > 1) return;
        const origins = component.outgoing.filter(e => e.kind === 'uses' && e.hard && e.sync).map(e => e.to);
        const regions = new Set([...origins, ...failover.map(e => e.to)].map(o => o.region).filter(r => r !== undefined));
        if (regions.size !== 1) return;
        const [region] = regions;
        const how = failover.length > 0
            ? `its origin group's primary and secondary are both in ${region.id}: make the secondary an origin in another region`
            : `add \`origin group primary ${origins[0].id} secondary <the same origin in another region>\``;
        this.reporter.report(accept, 'cloudfront-origin-region',
            `The design must survive a region loss, but CloudFront distribution \`${distribution.name}\` has all its origins in ${region.id}: when that region fails, every request it cannot answer from its cache fails. To fail over, ${how}.`,
            failover.length > 0 ? { node: distribution, property: 'secondary' } : { node: distribution, property: 'name' });
    };

    /** `external-hard-path`, on the `uses` line that puts a third party on an entry point's hard path. */
    readonly checkExternalPath = (uses: Uses, accept: ValidationAcceptor): void => {
        const target = uses.target?.ref;
        if (target?.$type !== 'External' || uses.soft || uses.async) return;
        const topology = topologyOfNode(uses);
        const caller = topology.componentOf(uses.$container);
        const external = topology.componentOf(target);
        const entry = caller && hardReach(topology).get(caller);
        if (!entry || !external) return;
        const estimate = analysisOf(topology.model).availability().of.get(entry) ?? 1;
        const own = ownAvailability(external);
        const without = own > 0 ? Math.min(1, estimate / own) : 1;
        const via = entry === caller ? `Entry point \`${entry.id}\`` : `Entry point \`${entry.id}\` (through \`${caller.id}\`)`;
        this.reporter.report(accept, 'external-hard-path',
            `${via} fails whenever \`${external.id}\` does: it calls the third party (hard, synchronous) with no fallback, so every outage of ${externalTitle(target.title, external.id)} is an outage of the entry point. At ${formatAvailability(own)} it costs about ${formatShare(without - estimate)} of availability: ${formatAvailability(without)} without it, ${formatAvailability(estimate)} with it. Give the call a fallback (\`soft\`: degrade, e.g. take the order and charge later) or make it \`async\`.`,
            { node: uses });
    };
}

function externalTitle(title: string | undefined, id: string): string {
    return title ? `${title} (\`${id}\`)` : `\`${id}\``;
}
