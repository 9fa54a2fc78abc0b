import type { DependencyEdge, Topology, TopologyComponent } from '../../model/topology.js';
import { wholeDays } from './values.js';
import type { AppPlan } from './plan.js';
import { isRoutable } from './mappers/router.js';
import { queueEventSourceConcurrency } from './mappers/lambda.js';
import { consumerConcurrency } from './mappers/kinesis.js';
import { placedZoneId } from './scope.js';

/**
 * What the design says, as data the generated app's own test checks its synthesized templates against
 * (`test/model-expectations.json`): every element, entry point, edge, cell router and resilience property, each with
 * the model line it comes from. Its shape is declared once, by the reader: `ModelExpectations` in the app's
 * `test/model-check.ts` (model-check-module.ts), which the tsc of every generated app checks the JSON against.
 */
export function modelExpectations(topology: Topology, plan: AppPlan) {
    const tableName = (c: TopologyComponent) => {
        const primary = c.outgoing.find(e => e.kind === 'replica-of')?.to ?? c;
        return plan.tableNames.get(primary);
    };
    return {
        system: plan.systemName,
        elements: topology.components.map(c => ({ id: c.id, kind: c.kind, ...(c.kind === 'dynamodb' && tableName(c) ? { tableName: tableName(c) } : {}) })),
        entryPoints: topology.entryPoints.filter(c => c.kind === 'alb' || c.kind === 'route53').map(c => ({ element: c.id, line: plan.trace(c.ast) })),
        edges: topology.edges.map(e => edgeExpectation(e, plan)),
        routes: topology.cells.flatMap(cell => cell.routers.map(router => ({
            router: router.id, cell: cell.id, fronts: cell.frontComponents.filter(isRoutable).map(c => c.id), replicas: cell.count, line: plan.trace(router.ast),
        }))),
        properties: topology.components.flatMap(c => propertiesOf(c).map(([property, value]) => ({ element: c.id, property, value, line: plan.trace(c.ast) }))),
        placements: topology.components.filter(runsInSubnets).map(c => ({ element: c.id, azs: c.azs.map(az => placedZoneId(az) ?? plan.region(az.region).azNames.get(az) ?? az.name), line: plan.trace(c.ast) })),
    };
}

/** The components whose code runs in subnets of the model's AZs: their subnets must be in exactly those AZs. */
function runsInSubnets(c: TopologyComponent): boolean {
    return ['ecs', 'eks', 'asg', 'lambda', 'kinesis-consumer'].includes(c.kind) && c.azs.length > 0;
}

function edgeExpectation(edge: DependencyEdge, plan: AppPlan): { kind: string; from: string; to: string; line: string; role?: 'PRIMARY' | 'SECONDARY'; maxReceives?: number } {
    const base = { kind: edge.kind, from: edge.from.id, to: edge.to.id, line: plan.trace(edge.source) };
    if (edge.kind === 'failover') {
        const role: 'PRIMARY' | 'SECONDARY' = edge.source.primary?.ref === edge.to.ast ? 'PRIMARY' : 'SECONDARY';
        return { ...base, role };
    }
    if (edge.kind === 'dlq' && edge.source.$type === 'DeadLetter' && edge.from.kind === 'sqs') return { ...base, maxReceives: Math.round(edge.source.maxReceives ?? 5) };
    return base;
}

/** The resilience properties the model sets on a component, as the check names them. */
function propertiesOf(c: TopologyComponent): Array<[string, number | boolean]> {
    const out: Array<[string, number | boolean]> = [];
    switch (c.kind) {
        case 'dynamodb':
            if (c.ast.pitr) out.push(['pitr', c.ast.pitr === 'on']);
            if (c.ast.backup) out.push(['backup', true]);
            break;
        case 'elasticache': {
            if ((c.ast.engine ?? 'redis') === 'memcached') break;
            if (c.ast.multiAz) out.push(['multi-az', c.ast.multiAz === 'on']);
            if (c.ast.failover) out.push(['automatic-failover', c.ast.failover === 'auto']);
            const days = wholeDays(c.ast.snapshotRetention);
            if (days !== undefined) out.push(['snapshot-retention-days-at-least', Math.min(35, days)]);
            break;
        }
        case 'lambda': {
            if (c.ast.concurrency !== undefined) out.push(['reserved-concurrency', Math.round(c.ast.concurrency)]);
            const cap = queueEventSourceConcurrency(c.ast.concurrency);
            if (cap !== undefined && c.outgoing.some(e => e.kind === 'consumes' && e.to.kind === 'sqs')) out.push(['sqs-max-concurrency', cap]);
            if (c.ast.deploy) out.push(['deploy-rolls-back-on-alarm', true]);
            break;
        }
        case 'ecs':
            if ((c.capacity?.total ?? c.ast.tasks) !== undefined) out.push(['desired-tasks', Math.round(c.capacity?.total ?? c.ast.tasks!)]);
            if (c.ast.launch === 'ec2' && c.ast.placement[0]?.kind === 'spread' && c.ast.placement[0].field === 'az') out.push(['spread-az', true]);
            out.push(['circuit-breaker', true]);
            break;
        case 'kinesis-consumer': {
            const stream = c.outgoing.find(e => e.kind === 'consumes' && e.to.kind === 'kinesis')?.to;
            const reserved = consumerConcurrency(stream?.kind === 'kinesis' ? stream.ast.shards : undefined, c.ast.workers);
            if (reserved !== undefined) out.push(['reserved-concurrency', reserved]);
            if (c.ast.workers !== undefined) out.push(['parallelization', Math.min(10, Math.max(1, Math.round(c.ast.workers)))]);
            if (c.ast.checkpoint === 'on') out.push(['checkpoint', true]);
            break;
        }
        default:
            break;
    }
    return out;
}
