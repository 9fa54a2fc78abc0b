import type { ValidationAcceptor } from 'langium';
import { isSns, type Lambda } from '../generated/ast.js';
import { topologyOfNode, type TopologyAz } from '../model/topology.js';
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
        this.reporter.report(accept, 'lambda-reserved-concurrency',
            `Lambda \`${lambda.name}\` has no reserved concurrency: another function can take all of the account's concurrency and throttle it. Add \`concurrency N\` (e.g. \`concurrency ${SUGGESTED_CONCURRENCY}\`).`,
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
