import type { TopologyCell, TopologyRegion } from '../../model/topology.js';
import { cellLossLimit, replicasPerWave as replicasOfWave } from '../../analysis/cell-waves.js';
import type { AppPlan, CellPlan } from './plan.js';
import { markdownText } from './identifiers.js';
import { endpointPrimaryBus, isGlobalEndpoint } from './mappers/events.js';

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
    const regions = regionsInDeployOrder(plan);
    const waves: DeploymentWave[] = [];
    if (regions.length > 0) {
        waves.push(
            { name: 'foundation', stacks: regions.map(r => plan.region(r).data.stackName), why: 'VPCs and the stateful resources outside cells; regions whose global tables others replicate come first' },
            { name: 'regional', stacks: regions.map(r => plan.region(r).stackName), why: 'the stateless services outside cells: routers, entry load balancers, DNS records; the region of a global endpoint\'s primary bus before the regions that publish to it' },
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
 * A region's stack that reads what another region's stack creates, by name or as a stack output: it deploys after
 * that stack. `stack` says which of each region's two stacks: the foundation (`data`) or the services.
 */
export interface CrossRegionRead {
    readonly reader: TopologyRegion;
    readonly source: TopologyRegion;
    readonly stack: 'data' | 'services';
    readonly kind: 'global-table' | 'global-database' | 'bucket-replication' | 'global-endpoint';
    /** Why, for the README and the dependency's reason: `its DynamoDB replicas belong to global tables of use1`. */
    readonly why: string;
}

/**
 * What the regions' stacks read from other regions: a global table's replica region reads the table (its foundation
 * after the primary's), an Aurora global database's secondary joins the primary's global cluster (likewise), a bucket
 * replicates into its replica bucket (the source's foundation after the replica's: S3 needs the destination), and a
 * publisher reads a global endpoint's id from the stack of its primary bus (the services after that region's).
 */
export function crossRegionReads(plan: AppPlan): CrossRegionRead[] {
    const reads: CrossRegionRead[] = [];
    const add = (reader: TopologyRegion | undefined, source: TopologyRegion | undefined, kind: CrossRegionRead['kind'], why: string) => {
        const stack = kind === 'global-endpoint' ? 'services' : 'data';
        if (reader && source && reader !== source && !reads.some(r => r.reader === reader && r.source === source && r.kind === kind)) {
            reads.push({ reader, source, stack, kind, why });
        }
    };
    for (const component of plan.topology.components) {
        for (const edge of component.outgoing) {
            const to = edge.to;
            if (edge.kind === 'replica-of' && plan.tableNames.has(to)) add(component.region, to.region, 'global-table', `its DynamoDB replicas belong to the global tables of region ${to.region?.name}`);
            else if (edge.kind === 'replica-of' && to.kind === 'aurora') add(component.region, to.region, 'global-database', `its Aurora secondary joins the global database of ${to.id}`);
            else if (edge.kind === 'replica-of' && to.kind === 's3') add(to.region, component.region, 'bucket-replication', `bucket ${to.id} replicates into ${component.id}, which must exist first`);
            else if (edge.kind === 'uses' && isGlobalEndpoint(to)) add(component.region, endpointPrimaryBus(to)?.region, 'global-endpoint', `it publishes to the global endpoint ${to.id}, whose id it reads`);
        }
    }
    return reads;
}

/** Which reads give way when reads form a cycle: a bucket's replication rule can be added after its first deployment. */
const READ_PRIORITY: Record<CrossRegionRead['kind'], number> = { 'global-table': 0, 'global-database': 0, 'global-endpoint': 0, 'bucket-replication': 1 };

/**
 * The cross-region reads that become stack dependencies: all of them, except a read that would close a cycle with
 * the reads taken before it (bucket replication last), which the README names instead (CDK refuses a cycle).
 */
export function orderedReads(plan: AppPlan, reads = crossRegionReads(plan)): CrossRegionRead[] {
    const accepted: CrossRegionRead[] = [];
    /** Whether `reader` reads `source`, directly or through other regions, by the reads accepted so far. */
    const readsFrom = (reader: TopologyRegion, source: TopologyRegion, seen = new Set<TopologyRegion>()): boolean => {
        if (reader === source) return true;
        if (seen.has(reader)) return false;
        seen.add(reader);
        return accepted.some(r => r.reader === reader && readsFrom(r.source, source, seen));
    };
    for (const read of [...reads].sort((a, b) => READ_PRIORITY[a.kind] - READ_PRIORITY[b.kind])) {
        if (!readsFrom(read.source, read.reader)) accepted.push(read);
    }
    return reads.filter(r => accepted.includes(r));
}

/**
 * Regions in model order, except that a region comes after the regions whose stacks its stacks read
 * (`orderedReads`). The stacks are generated, instantiated and deployed in this order.
 */
export function regionsInDeployOrder(plan: AppPlan): TopologyRegion[] {
    const reads = orderedReads(plan);
    const ordered: TopologyRegion[] = [];
    const visit = (region: TopologyRegion) => {
        if (ordered.includes(region)) return;
        for (const read of reads.filter(r => r.reader === region)) visit(read.source);
        ordered.push(region);
    };
    for (const region of plan.topology.regions) visit(region);
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
        ...crossRegionReadme(plan),
        '```sh',
    ];
    for (const wave of plan.waves) {
        lines.push(`# ${wave.name}: ${wave.why.replace(/[\r\n]/g, ' ')}`, `npx aws-cdk@2 deploy --exclusively --require-approval never ${wave.stacks.join(' ')}`);
    }
    lines.push('```', '');
    return lines;
}

/** The README's list of stacks that read another region's: each deploys after the one it reads. */
function crossRegionReadme(plan: AppPlan): string[] {
    const reads = crossRegionReads(plan);
    if (reads.length === 0) return [];
    const ordered = new Set(orderedReads(plan, reads));
    const stackOf = (region: TopologyRegion, stack: CrossRegionRead['stack']) => stack === 'data' ? plan.region(region).data.stackName : plan.region(region).stackName;
    const lines = ['Across regions, a stack deploys after the stack whose resources it reads; the waves list the regions in that order', '(`lib/stacks.ts` declares each dependency, or CDK derives it from a stack output):', ''];
    for (const read of reads) {
        const [reader, source] = [`\`${stackOf(read.reader, read.stack)}\``, `\`${stackOf(read.source, read.stack)}\``];
        lines.push(ordered.has(read) ? `- ${reader}${read.stack === 'services' ? ' (and its cells)' : ''} after ${source}: ${markdownText(read.why)}.`
            : `- ${reader} reads ${source} but deploys before it (the reads between these regions form a cycle): ${markdownText(read.why)}; deploy ${reader} the first time without what it reads there, and again once ${source} exists.`);
    }
    lines.push('');
    return lines;
}
