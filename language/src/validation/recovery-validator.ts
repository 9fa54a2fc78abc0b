import type { AstNode, ValidationAcceptor } from 'langium';
import type { Model } from '../generated/ast.js';
import { getTopology, type ComponentOf, type Topology, type TopologyComponent } from '../model/topology.js';
import type { RuleReporter } from './rule-reporter.js';
import { hardDependencyLists, stableCountProperty } from './topology-validator.js';

/**
 * `recovery-control-plane`: static stability of the recovery itself. A failover that needs someone to change a DNS
 * record, or a standby that must scale out before it can carry the load, depends on control planes (Route 53's
 * API, ECS and EC2 Auto Scaling) exactly when a large event strains them. A statically stable recovery uses only
 * data planes: health checks that move traffic on their own, and capacity already running where traffic goes.
 */

/** A service the standby side scales out before it carries the primary's load: what it runs and what it needs. */
export interface StandbyShortfall {
    readonly failover: ComponentOf<'route53'>;
    readonly standby: ComponentOf<'ecs' | 'asg'>;
    readonly primary: ComponentOf<'ecs' | 'asg'>;
    readonly running: number;
    readonly needed: number;
}

/** The components a request through `start` needs: hard synchronous calls and, behind a router, its cell's services. */
function hardReach(topology: Topology, start: TopologyComponent): Set<TopologyComponent> {
    const hard = hardDependencyLists(topology);
    const reached = new Set<TopologyComponent>([start]);
    const queue = [start];
    while (queue.length > 0) {
        for (const next of hard[queue.pop()!.index]) {
            if (!reached.has(next)) { reached.add(next); queue.push(next); }
        }
    }
    return reached;
}

/** What a service must run to carry its load without scaling: `needs` when declared, else what it runs. */
function steadyNeed(component: ComponentOf<'ecs' | 'asg'>): number | undefined {
    return component.capacity?.needs ?? component.capacity?.total;
}

/** Services of a failover's secondary that run less than their counterpart (same name and cell) on the primary side needs. */
export function standbyShortfalls(topology: Topology, failover: ComponentOf<'route53'>): StandbyShortfall[] {
    const primaryAst = failover.ast.primary?.ref;
    const secondaryAst = failover.ast.secondary?.ref;
    const primary = primaryAst && topology.componentOf(primaryAst);
    const secondary = secondaryAst && topology.componentOf(secondaryAst);
    if (!primary || !secondary || primary === secondary) return [];
    const counterpart = new Map<string, ComponentOf<'ecs' | 'asg'>>();
    for (const component of hardReach(topology, primary)) {
        if (component.kind === 'ecs' || component.kind === 'asg') counterpart.set(sideName(component), component);
    }
    const shortfalls: StandbyShortfall[] = [];
    for (const standby of hardReach(topology, secondary)) {
        if (standby.kind !== 'ecs' && standby.kind !== 'asg') continue;
        const match = counterpart.get(sideName(standby));
        const needed = match && match !== standby ? steadyNeed(match) : undefined;
        const running = standby.capacity?.total;
        if (needed !== undefined && running !== undefined && running < needed) {
            shortfalls.push({ failover, standby, primary: match!, running, needed });
        }
    }
    return shortfalls;
}

/** A service's name within its side of a failover: the same design in two regions names its services alike. */
function sideName(component: TopologyComponent): string {
    return `${component.kind} ${component.cell ? `${component.cell.name}.` : ''}${component.name}`;
}

export class RecoveryValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkModel = (model: Model, accept: ValidationAcceptor): void => {
        if (!model.system) return;
        const topology = getTopology(model);
        for (const component of topology.components) {
            if (component.kind !== 'route53' || !component.ast.primary || !component.ast.secondary) continue;
            this.checkHealthChecks(component, accept);
            for (const shortfall of standbyShortfalls(topology, component)) this.reportShortfall(shortfall, accept);
        }
    };

    private checkHealthChecks(failover: ComponentOf<'route53'>, accept: ValidationAcceptor): void {
        if (failover.ast.health) return;
        // As written: a target that does not resolve (reported on its own) still has the name the user gave it.
        const [primary, secondary] = [failover.ast.primary?.$refText, failover.ast.secondary?.$refText];
        this.reporter.report(accept, 'recovery-control-plane',
            `Route 53 record \`${failover.id}\` fails over from \`${primary}\` to \`${secondary}\` without \`health checks\`: nothing tells Route 53 that the primary is down, so recovering means changing the record, a call to Route 53's control plane (in us-east-1), during the outage. Add \`health checks\`: Route 53's data plane then moves the traffic on its own.`,
            { node: failover.ast, keyword: 'failover' });
    }

    private reportShortfall(shortfall: StandbyShortfall, accept: ValidationAcceptor): void {
        const { standby, primary, running, needed, failover } = shortfall;
        const unit = standby.capacity?.unit ?? 'tasks';
        const count = stableCountProperty(standby);
        const given = (standby.ast as unknown as Record<string, unknown>)[count] !== undefined;
        this.reporter.report(accept, 'recovery-control-plane',
            `\`${standby.id}\` is on the standby side of \`${failover.id}\`'s failover but runs ${running} ${unit} where \`${primary.id}\`, whose load it takes over, needs ${needed}: after the failover it must scale out, an ${standby.kind === 'ecs' ? 'ECS' : 'EC2 Auto Scaling'} control-plane action, in the middle of the outage that caused it. Run what the primary needs in the standby too (\`${count} ${needed}\`), so that the recovery itself is statically stable.`,
            { node: standby.ast as AstNode, property: given ? count : 'name' });
    }
}
