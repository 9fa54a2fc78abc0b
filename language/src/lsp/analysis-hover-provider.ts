import { AstUtils, type AstNode, type MaybePromise } from 'langium';
import { MultilineCommentHoverProvider } from 'langium/lsp';
import { analysisOf, type Analysis } from '../analysis/analysis.js';
import { formatAvailability } from '../analysis/availability.js';
import type { FailureTarget } from '../analysis/scenarios.js';
import type { ScenarioOutcome } from '../analysis/simulation.js';
import { describeView } from './view-hover.js';
import { outcomeSummary } from '../analysis/summary.js';
import { shardSizeOf } from '../analysis/instance-graph.js';
import type { Model } from '../generated/ast.js';
import type { TopologyCell, TopologyComponent } from '../model/topology.js';
import { failureOfDeclaration } from './analysis-targets.js';
import { egressSummary } from '../model/egress.js';
import { edgeNote } from './edge-hover.js';

/**
 * Hover on a region, AZ, cell, service or scenario (declaration or reference): its doc comment, then its placement,
 * estimated availability and blast radius, all from the document's cached analysis.
 */
export class AnalysisHoverProvider extends MultilineCommentHoverProvider {
    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        const documentation = super.getAstNodeHoverContent(node) as string | undefined;
        const root = AstUtils.findRootNode(node) as Model;
        const analysis = analysisOf(root);
        const facts = describeDeclaration(analysis, node) ?? describeView(root, node);
        const parts = [documentation, facts].filter((p): p is string => !!p);
        return parts.length > 0 ? parts.join('\n\n---\n\n') : undefined;
    }
}

export function describeDeclaration(analysis: Analysis, node: AstNode): string | undefined {
    const failure = failureOfDeclaration(analysis.topology, node, false);
    if (!failure) return undefined;
    if (failure.kind === 'scenario') {
        const outcome = analysis.scenarioBlocks().find(o => o.scenario.source === failure.scenario);
        if (!outcome) return undefined;
        const fails = outcome.scenario.targets.map(t => t.name).join(', ') || 'nothing';
        return [`**scenario** \`${outcome.scenario.name}\`${outcome.scenario.title ? ` (${outcome.scenario.title})` : ''}: fails ${fails}`, blastRadius('Blast radius', outcome)].join('\n\n');
    }
    const target = failure.target;
    switch (target.kind) {
        case 'region': {
            const r = target.region;
            const head = `**region** \`${r.id}\`${r.code ? ` (${r.code})` : ''} · ${r.azs.length} AZs · ${r.components.length} services`;
            return [head, blastRadius(`If region ${r.id} fails`, analysis.run(single(target)))].join('\n\n');
        }
        case 'az': {
            const az = target.az;
            const outcome = analysis.run(single(target));
            const capacity = [...outcome.capacityLeft].sort((a, b) => a[0].localeCompare(b[0]))
                .map(([name, left]) => `- \`${name}\`: ${left.left} of ${left.total} ${left.unit} left${left.needs !== undefined ? ` (needs ${left.needs})` : ''}`);
            return [`**AZ** \`${az.id}\`${az.zoneId ? ` (${az.zoneId})` : ''}`, blastRadius(`If AZ ${az.id} fails`, outcome), ...(capacity.length > 0 ? ['Capacity left:\n' + capacity.join('\n')] : [])].join('\n\n');
        }
        case 'cell':
        case 'cell-replica':
            return describeCell(analysis, target.cell);
        case 'service':
            return describeComponent(analysis, target.component);
    }
}

function describeCell(analysis: Analysis, cell: TopologyCell): string {
    const routers = cell.routers.map(r => `\`${r.id}\`${shardSizeOf(r) > 1 ? ` (shuffle shard ${shardSizeOf(r)})` : ''}`);
    const head = `**cell** \`${cell.id}\` · ${cell.count} replica${cell.count === 1 ? '' : 's'} in ${cell.azs.map(a => a.id).join(', ') || 'no AZ'}`
        + (routers.length > 0 ? ` · behind ${routers.join(', ')}` : ' · no router in front');
    const lines = [head];
    if (cell.count > 0) {
        lines.push(blastRadius(`If one replica (${cell.replicaIds[0]}) fails`, analysis.run(single({ kind: 'cell-replica', name: cell.replicaIds[0], cell, replica: 0 }))));
    }
    lines.push(blastRadius('If every replica fails', analysis.run(single({ kind: 'cell', name: cell.id, cell }))));
    return lines.join('\n\n');
}

function describeComponent(analysis: Analysis, component: TopologyComponent): string {
    const placement = component.placement === 'zonal'
        ? `zonal in ${component.azs.map(a => a.id).join(', ')}`
        : component.placement === 'regional' ? `regional in ${component.region?.id}` : component.kind === 'external' ? 'outside AWS' : 'global';
    const capacity = component.capacity
        ? ` · ${component.capacity.total} ${component.capacity.unit}${component.capacity.needs !== undefined ? `, needs ${component.capacity.needs}` : ''}`
        : '';
    const replicas = component.cell ? ` · one per replica of \`${component.cell.id}\`` : '';
    const writer = (component.kind === 'aurora' || component.kind === 'rds') && component.azs[0] ? ` · writer in ${component.azs[0].id}` : '';
    const flow = workflowDetail(component);
    const estimates = analysis.availability();
    const estimate = estimates.of.get(component);
    const own = estimates.ownOf.get(component);
    const availability = estimate !== undefined
        ? `Estimated availability: ${formatAvailability(estimate)}${own !== undefined && own !== estimate ? ` (alone ${formatAvailability(own)}, with its hard synchronous dependencies)` : ''}`
        : undefined;
    const outcome = analysis.run(single({ kind: 'service', name: component.id, component }));
    return [`**${component.kind}** \`${component.id}\` · ${placement}${capacity}${writer}${flow}${replicas}`, edgeNote(component), egressSummary(component), availability, blastRadius(`If \`${component.id}\` fails`, outcome)]
        .filter((l): l is string => !!l).join('\n\n');
}

/** How a global endpoint fails over, and what kind of workflow a state machine runs. */
function workflowDetail(component: TopologyComponent): string {
    if (component.kind === 'eventbridge') {
        const [primary, secondary] = component.outgoing.filter(e => e.kind === 'failover').map(e => e.to.id);
        return primary && secondary ? ` · global endpoint: to \`${primary}\`, to \`${secondary}\` when the health check fails` : '';
    }
    if (component.kind === 'stepfunctions') return ` · ${component.ast.workflow ?? 'standard'} workflow, ${component.ast.tasks.length} tasks`;
    return '';
}

function single(target: FailureTarget) {
    return { name: target.name, targets: [target] };
}

const LISTED = 8;

function blastRadius(heading: string, outcome: ScenarioOutcome): string {
    const list = (names: readonly string[]) => names.slice(0, LISTED).map(n => `\`${n}\``).join(', ') + (names.length > LISTED ? `, and ${names.length - LISTED} more` : '');
    const lines = [`${heading}: ${outcomeSummary(outcome)}`];
    if (outcome.failed.length > 0) lines.push(`- failed: ${list(outcome.failed)}`);
    if (outcome.degraded.length > 0) lines.push(`- degraded: ${list(outcome.degraded)}`);
    return lines.join('\n');
}
