import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Alb, Model } from '../generated/ast.js';
import { getTopology } from '../model/topology.js';
import type { RuleReporter } from './rule-reporter.js';

/** `alb-multi-az`: AWS refuses to create an Application Load Balancer with subnets in fewer than two AZs. */
export class AlbValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkMultiAz = (alb: Alb, accept: ValidationAcceptor): void => {
        const component = getTopology(AstUtils.findRootNode(alb) as Model).componentOf(alb);
        if (!component || !component.region) return;
        const azs = component.azs;
        if (azs.length >= 2) return;
        const where = azs.length === 1 ? `only in AZ ${azs[0].name}` : 'in no AZ';
        const candidates = component.region.azs.map(az => az.name);
        const fix = candidates.length >= 2
            ? `place it in at least two AZs, e.g. \`in ${candidates.slice(0, 3).join(', ')}\``
            : `declare a second AZ in region ${component.region.name} and place the alb in both`;
        this.reporter.report(accept, 'alb-multi-az',
            `alb ${alb.name} is ${where}: AWS requires an Application Load Balancer to have subnets in at least two AZs; ${fix}.`,
            alb.azs.length > 0 ? { node: alb, property: 'azs' } : { node: alb, property: 'name' });
    };
}
