import type { ValidationAcceptor } from 'langium';
import { isSns, type Lambda } from '../generated/ast.js';
import { topologyOfNode, type ComponentOf, type Topology, type TopologyAz, type TopologyComponent, type TopologyRegion } from '../model/topology.js';
import { andList } from '../util/wording.js';
import type { RuleReporter } from './rule-reporter.js';

/** The reserved concurrency the quick fix proposes: a tenth of the default account quota of 1,000. */
export const SUGGESTED_CONCURRENCY = 100;

/** The AZs a VPC-attached Lambda could add: those of its cell (or region) that its subnets miss. */
export function missingSubnetAzs(lambda: Lambda): TopologyAz[] {
    const component = topologyOfNode(lambda).componentOf(lambda);
    const available = component?.cell?.azs ?? component?.region?.azs ?? [];
    const used = new Set(lambda.subnets.map(ref => ref.ref));
    return available.filter(az => !used.has(az.ast));
}

/** Whether events reach the function asynchronously (`invoke async`, or an SNS subscription). */
export function isInvokedAsync(lambda: Lambda): boolean {
    return lambda.invoke === 'async' || lambda.consumes.some(c => isSns(c.target?.ref));
}

/**
 * Seed rules for Lambda: AZ redundancy of VPC functions, reserved concurrency, a destination for failed async
 * events, and aliases for gradual deployments.
 */
export class LambdaValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkVpcMultiAz = (lambda: Lambda, accept: ValidationAcceptor): void => {
        const azs = new Set(lambda.subnets.map(ref => ref.ref).filter(az => az !== undefined));
        if (azs.size !== 1) return;
        const [az] = azs;
        const azName = topologyOfNode(lambda).azOf(az)?.id ?? az.name;
        const missing = missingSubnetAzs(lambda).map(a => a.name);
        const fix = missing.length > 0 ? `Add subnets in ${andList(missing)}.` : 'Declare more AZs in the region and add subnets there.';
        this.reporter.report(accept, 'lambda-vpc-multi-az',
            `Lambda \`${lambda.name}\` has subnets only in ${azName}: an outage of that AZ stops it. ${fix}`,
            { node: lambda, property: 'subnets' });
    };

    readonly checkReservedConcurrency = (lambda: Lambda, accept: ValidationAcceptor): void => {
        if (lambda.concurrency !== undefined) return;
        const topology = topologyOfNode(lambda);
        const component = topology.componentOf(lambda);
        const why = component?.kind === 'lambda' ? whyReserveConcurrency(topology, component) : undefined;
        if (!why) return;
        this.reporter.report(accept, 'lambda-reserved-concurrency',
            `Lambda \`${lambda.name}\` has no reserved concurrency, and ${why}. Add \`concurrency N\` (e.g. \`concurrency ${SUGGESTED_CONCURRENCY}\`).`,
            { node: lambda, property: 'name' });
    };

    readonly checkAsyncDlq = (lambda: Lambda, accept: ValidationAcceptor): void => {
        if (!isInvokedAsync(lambda) || lambda.dlq || lambda.onFailure) return;
        const how = lambda.invoke === 'async' ? 'is invoked asynchronously' : 'receives SNS notifications (asynchronous invocations)';
        const message = `Lambda \`${lambda.name}\` ${how} and has neither \`dlq\` nor \`on-failure\`: an event that fails all retries is dropped. Add \`dlq <queue>\` or \`on-failure <queue>\`.`;
        if (lambda.invoke === 'async') {
            this.reporter.report(accept, 'lambda-async-dlq', message, { node: lambda, property: 'invoke' });
        } else {
            const subscription = lambda.consumes.find(c => isSns(c.target?.ref))!;
            this.reporter.report(accept, 'lambda-async-dlq', message, { node: subscription });
        }
    };

    readonly checkDeployAlias = (lambda: Lambda, accept: ValidationAcceptor): void => {
        if (!lambda.deploy || lambda.alias) return;
        this.reporter.report(accept, 'lambda-deploy-needs-alias',
            `Lambda \`${lambda.name}\` has a \`deploy\` strategy but no \`versions alias\`: traffic cannot shift between versions, so a bad version cannot be rolled back gradually. Add \`versions alias live\`.`,
            { node: lambda, property: 'deploy' });
    };
}

/**
 * Functions that scale with events rather than with callers: a backlog, a burst of notifications or of
 * asynchronous invocations raises their concurrency up to what the account has left.
 */
function eventSources(lambda: ComponentOf<'lambda'>): string | undefined {
    const fed = lambda.outgoing.filter(e => e.kind === 'consumes').map(e => `\`${e.to.id}\``);
    if (fed.length > 0) return `it reads ${andList(fed)}`;
    return lambda.ast.invoke === 'async' ? 'it is invoked asynchronously' : undefined;
}

/**
 * Lambda functions share one concurrency pool per account and region: the design's region stands for it. The
 * uncapped event-fed functions of each region are found once per topology, not once per function (a design of
 * 90,000 functions made that quadratic). The function asked about is not event-fed itself (whyReserveConcurrency
 * answers that first): it is not in the list.
 */
function burstyNeighbours(topology: Topology, lambda: ComponentOf<'lambda'>): readonly TopologyComponent[] {
    const region = lambda.region;
    if (!region) return [];
    let byRegion = burstyByTopology.get(topology);
    if (!byRegion) burstyByTopology.set(topology, byRegion = new Map());
    let bursty = byRegion.get(region);
    if (!bursty) {
        byRegion.set(region, bursty = region.components.filter(c => c.kind === 'lambda' && c.ast.concurrency === undefined && eventSources(c) !== undefined));
    }
    return bursty;
}

const burstyByTopology = new WeakMap<Topology, Map<TopologyRegion, TopologyComponent[]>>();

/**
 * What a reservation protects for a function that has none, or undefined when it protects nothing (a function
 * only called by others, sharing its pool with no function that scales with events): reserving there only
 * fragments the account's pool. Event-fed functions need a cap, entry points and functions that callers wait on
 * next to bursty functions need a guaranteed share.
 */
export function whyReserveConcurrency(topology: Topology, lambda: ComponentOf<'lambda'>): string | undefined {
    const events = eventSources(lambda);
    if (events) {
        return `${events}: a backlog or a burst of events scales it up to the account's concurrency limit, which throttles every other function of ${lambda.region?.id ?? 'the account'} and floods what it calls; a reservation caps it`;
    }
    if (topology.isEntryPoint(lambda)) {
        return 'it is an entry point: when other functions take the account\'s concurrency, its callers are throttled with nothing to fall back on; a reservation keeps its share';
    }
    const calledSync = lambda.incoming.some(e => e.kind === 'uses' && e.sync);
    const bursty = calledSync ? burstyNeighbours(topology, lambda) : [];
    if (bursty.length > 0) {
        const names = andList(bursty.slice(0, 3).map(c => `\`${c.id}\``)) + (bursty.length > 3 ? ` and ${bursty.length - 3} more` : '');
        return `its callers wait on it, and it shares the account's concurrency in ${lambda.region!.id} with ${names}, which scale${bursty.length === 1 ? 's' : ''} with events and ${bursty.length === 1 ? 'has' : 'have'} no cap: a burst there throttles it and fails its callers; a reservation keeps its share`;
    }
    return undefined;
}
