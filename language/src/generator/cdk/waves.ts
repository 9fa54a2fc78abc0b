import type { TopologyCell, TopologyRegion } from '../../model/topology.js';
import { cellLossLimit, replicasPerWave as replicasOfWave } from '../../analysis/cell-waves.js';
import type { AppPlan, CellPlan } from './plan.js';

/**
 * The deployment order of the generated app: waves of stacks that a pipeline deploys one after the other, each
 * wave only once the previous one is healthy. Foundations (VPCs and regional data) first, then each region's
 * stateless services, then the cells: one canary cell replica alone, then waves that double in size. A cell wave
 * never holds more replicas of one cell than the model's `require blast-radius cell-loss` allows to fail at once
 * (without the requirement: a quarter of them), so a bad change stopped at the end of a wave stays within it.
 */

export interface DeploymentWave {
    /** `foundation`, `regional`, `canary`, `cells-1`... */
    readonly name: string;
    readonly stacks: readonly string[];
    /** Why this wave comes where it does, for the README. */
    readonly why: string;
}

interface CellReplica {
    readonly cell: CellPlan;
    readonly replica: number;
}

export function deploymentWaves(plan: AppPlan): DeploymentWave[] {
    const regions = primaryRegionsFirst(plan);
    const waves: DeploymentWave[] = [];
    if (regions.length > 0) {
        waves.push(
            { name: 'foundation', stacks: regions.map(r => plan.region(r).data.stackName), why: 'VPCs and the stateful resources outside cells; regions whose global tables others replicate come first' },
            { name: 'regional', stacks: regions.map(r => plan.region(r).stackName), why: 'the stateless services outside cells: routers, entry load balancers, DNS records' },
        );
    }
    const replicas = cellReplicas(plan, regions);
    let size = 1;
    let wave: CellReplica[] = [];
    const close = () => {
        const name = waves.some(w => w.name === 'canary') ? `cells-${waves.length - 2}` : 'canary';
        waves.push({
            name, stacks: wave.flatMap(r => [`${r.cell.stackPrefix}${r.replica}-Data`, `${r.cell.stackPrefix}${r.replica}`]),
            why: name === 'canary' ? 'one cell replica alone: watch its alarms before going on' : `${wave.length} cell replica${wave.length > 1 ? 's' : ''}`,
        });
        wave = [];
        size *= 2;
    };
    for (const replica of replicas) {
        const sameCell = wave.filter(r => r.cell === replica.cell).length;
        if (wave.length >= size || sameCell >= replicasPerWave(plan, replica.cell.cell)) close();
        wave.push(replica);
    }
    if (wave.length > 0) close();
    if (plan.topology.components.some(c => c.kind === 'cloudfront')) {
        // CloudFront takes its origins from the regions' stacks, outside cells.
        waves.push({ name: 'edge', stacks: [plan.edge.stackName], why: 'CloudFront distributions and their web ACLs (us-east-1), over the regions\' origins' });
    }
    return waves;
}

/**
 * Regions in model order, except that a region holding the global tables that another region replicates comes
 * before it: the replica region's stacks read those tables.
 */
function primaryRegionsFirst(plan: AppPlan): TopologyRegion[] {
    const regions = plan.topology.regions;
    const primariesOf = (region: TopologyRegion) => new Set(region.components
        .flatMap(c => c.outgoing.filter(e => e.kind === 'replica-of' && plan.tableNames.has(e.to)).map(e => e.to.region))
        .filter((r): r is TopologyRegion => r !== undefined && r !== region));
    const ordered: TopologyRegion[] = [];
    const visit = (region: TopologyRegion, path: Set<TopologyRegion>) => {
        if (ordered.includes(region) || path.has(region)) return;
        path.add(region);
        for (const primary of primariesOf(region)) visit(primary, path);
        ordered.push(region);
    };
    for (const region of regions) visit(region, new Set());
    return ordered;
}

/** Replica 0 of every cell, then replica 1..., region by region: the first one is the canary. */
function cellReplicas(plan: AppPlan, regions: readonly TopologyRegion[]): CellReplica[] {
    const cells = regions.flatMap(r => r.cells).map(c => plan.cells.get(c)).filter((c): c is CellPlan => c !== undefined);
    const most = Math.max(0, ...cells.map(c => c.cell.count));
    const replicas: CellReplica[] = [];
    for (let replica = 0; replica < most; replica++) {
        for (const cell of cells) if (replica < Math.min(cell.cell.count, 1000)) replicas.push({ cell, replica });
    }
    return replicas;
}

/** How many replicas of a cell one wave may reach (analysis/cell-waves.ts). */
export function replicasPerWave(plan: AppPlan, cell: TopologyCell): number {
    return replicasOfWave(plan.topology, cell);
}

/** `waves.json`: the waves for a pipeline, each with its stacks in deployment order. */
export function wavesJson(plan: AppPlan): string {
    return JSON.stringify({
        description: 'Deploy the waves in order, each after the previous one is healthy: npx aws-cdk@2 deploy --exclusively <stacks of the wave>',
        waves: plan.waves.map(w => ({ name: w.name, why: w.why, stacks: w.stacks })),
    }, null, 2) + '\n';
}

/** The README's section on deployment units and waves, with one `cdk deploy` command per wave. */
export function wavesReadme(plan: AppPlan): string[] {
    if (plan.waves.length === 0) return [];
    const lines = [
        '## Deploying in waves',
        '',
        'Each region has a foundation stack (`-Data`: its VPC and the tables, caches, streams, queues and topics outside',
        'cells) and a services stack (everything stateless: functions, containers, load balancers, routers, DNS records).',
        'Each cell replica has a data stack and a services stack of its own: one CloudFormation update reaches one',
        'replica, never all the cells of a region, and no stack is near the 500-resource limit however many cells a',
        'region has. A stack takes what it needs from stacks deployed before it as props (CDK passes them as stack outputs).',
        '',
        '`waves.json` lists the waves for a pipeline. Deploy a wave only when the previous one is healthy (its alarms',
        'quiet): the canary wave is a single cell replica, and later waves double in size without ever reaching more',
        `replicas of one cell than ${cellLossLimit(plan.topology) !== undefined ? 'the design\'s `require blast-radius cell-loss` allows to fail at once' : 'a quarter of them'}.`,
        '',
        '```sh',
    ];
    for (const wave of plan.waves) {
        lines.push(`# ${wave.name}: ${wave.why.replace(/[\r\n]/g, ' ')}`, `npx aws-cdk@2 deploy --exclusively --require-approval never ${wave.stacks.join(' ')}`);
    }
    lines.push('```', '');
    return lines;
}
