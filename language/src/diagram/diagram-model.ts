import {
    getTopology, type ComponentKind, type DependencyEdge, type Topology, type TopologyCell, type TopologyComponent,
    type TopologyRegion,
} from '../model/topology.js';
import type { Model } from '../generated/ast.js';
import { declaredViews } from './declared-views.js';
import { rangesOf } from './source-ranges.js';
import type { AzSlot, DiagramEdge, DiagramEdgeKind, DiagramModel, DiagramNode } from './diagram-types.js';

/**
 * Builds the diagram model from the shared topology: nothing here reads text or recomputes placement or edges.
 *
 * Layout convention for AZs: each region holds one AZ band. Its header shows one lane per AZ (name and AZ id);
 * zonal services sit inside the band and carry one slot per lane, in lane order, with their instance count
 * (hollow where they do not run). Regional services, routers and cells sit in the region outside the band; a
 * cell's zonal services carry slots too. Global services sit in a box above the regions.
 */
const built = new WeakMap<Topology, DiagramModel>();

/**
 * The diagram model of a design, built once per document version like its topology: the diagram request, the layout
 * ahead and the SVG export share it. Nothing changes a diagram model once built (views and layouts make new ones).
 */
export function buildDiagramModel(model: Model): DiagramModel {
    const topology = getTopology(model);
    let diagram = built.get(topology);
    if (!diagram) built.set(topology, diagram = new DiagramModelBuilder(topology).build());
    return diagram;
}

export const SERVICE_KIND_LABELS: Readonly<Record<ComponentKind, string>> = {
    lambda: 'Lambda', ecs: 'ECS', eks: 'EKS', dynamodb: 'DynamoDB', elasticache: 'ElastiCache', kinesis: 'Kinesis',
    'kinesis-consumer': 'Kinesis consumer', sqs: 'SQS', sns: 'SNS', alb: 'ALB', route53: 'Route 53', router: 'Cell router',
    aurora: 'Aurora', rds: 'RDS', s3: 'S3',
    eventbridge: 'EventBridge', stepfunctions: 'Step Functions',
    asg: 'EC2 Auto Scaling', nat: 'NAT gateway', endpoint: 'VPC endpoint',
    apigateway: 'API Gateway', cloudfront: 'CloudFront', cognito: 'Cognito', external: 'External',
};

/** The id of a region's AZ band: `#` cannot occur in a qualified name. */
export function zonalBandId(regionId: string): string {
    return `${regionId}#azs`;
}
export const GLOBAL_BOX_ID = '#global';

class DiagramModelBuilder {
    constructor(private readonly topology: Topology) { }

    build(): DiagramModel {
        const system = this.topology.system;
        const nodes: DiagramNode[] = [];
        const globals = this.topology.components.filter(c => c.placement === 'global');
        if (globals.length > 0) {
            nodes.push({ id: GLOBAL_BOX_ID, kind: 'global', label: 'Global', children: globals.map(c => this.service(c)) });
        }
        for (const region of this.topology.regions) nodes.push(this.region(region));
        const views = declaredViews(this.topology);
        return {
            title: system?.name ?? 'Untitled design',
            subtitle: system?.title,
            nodes,
            edges: this.edges(),
            scenarios: this.topology.scenarios.filter(s => s.name).map(s => ({ name: s.name, title: s.title })),
            ...views.length > 0 && { views },
        };
    }

    private region(region: TopologyRegion): DiagramNode {
        const outside = region.components.filter(c => !c.cell);
        const band: DiagramNode = {
            id: zonalBandId(region.id), kind: 'zonal', label: 'Availability Zones',
            children: [
                ...region.azs.map(az => ({ id: az.id, kind: 'az' as const, label: az.name, detail: az.zoneId, children: [], ...rangesOf(az.ast) })),
                ...outside.filter(c => c.placement === 'zonal').map(c => this.service(c)),
            ],
        };
        return {
            id: region.id, kind: 'region', label: region.name, detail: region.code, ...rangesOf(region.ast),
            children: [
                band,
                ...region.cells.map(cell => this.cell(cell)),
                ...outside.filter(c => c.placement !== 'zonal').map(c => this.service(c)),
            ],
        };
    }

    private cell(cell: TopologyCell): DiagramNode {
        return {
            id: cell.id, kind: 'cell', label: cell.name, ...rangesOf(cell.ast),
            replicas: cell.count, replicaIds: [...cell.replicaIds],
            children: cell.components.map(c => this.service(c)),
        };
    }

    private service(component: TopologyComponent): DiagramNode {
        const ast = component.ast;
        return {
            id: component.id, kind: 'service', label: component.name, detail: SERVICE_KIND_LABELS[component.kind],
            serviceKind: component.kind, ...rangesOf(ast), children: [],
            azSlots: component.placement === 'zonal' ? this.slots(component) : undefined,
            instanceIds: component.cell ? [...component.instanceIds] : undefined,
            entry: this.topology.isEntryPoint(component) || undefined,
            shuffleShard: component.kind === 'router' ? component.ast.shuffleShard : undefined,
            capacity: component.capacity && { unit: component.capacity.unit, needs: component.capacity.needs },
        };
    }

    private slots(component: TopologyComponent): AzSlot[] {
        return (component.region?.azs ?? []).map(az => ({
            az: az.id, label: az.name,
            count: component.capacity?.perAz.get(az) ?? 0,
            used: component.azs.includes(az),
        }));
    }

    private edges(): DiagramEdge[] {
        const edges: DiagramEdge[] = [];
        const seen = new Map<string, number>();
        const push = (source: string, target: string, kind: DiagramEdgeKind, label?: string) => {
            const key = `${source}->${target}:${kind}`;
            const n = seen.get(key) ?? 0;
            seen.set(key, n + 1);
            edges.push({ id: n === 0 ? key : `${key}#${n}`, source, target, kind, label });
        };
        for (const edge of this.topology.edges) {
            const [kind, label] = edgeStyle(edge);
            // Messages flow from the queue, topic or stream to its consumer: the arrow follows them, and the
            // layered layout then puts the consumer below what it reads.
            if (kind === 'consumes') push(edge.to.id, edge.from.id, kind, label);
            else push(edge.from.id, edge.to.id, kind, label);
        }
        for (const cell of this.topology.cells) {
            for (const router of cell.routers) {
                const k = router.kind === 'router' ? router.ast.shuffleShard : undefined;
                push(router.id, cell.id, 'routes', k ? `shard ${k} of ${cell.count}` : undefined);
            }
        }
        return edges;
    }
}

function edgeStyle(edge: DependencyEdge): [DiagramEdgeKind, string | undefined] {
    switch (edge.kind) {
        case 'uses': return [!edge.sync ? 'async' : edge.hard ? 'hard' : 'soft', undefined];
        case 'consumes': return ['consumes', undefined];
        case 'dlq': return ['dlq', 'DLQ'];
        case 'on-failure': return ['dlq', 'on failure'];
        case 'target': return ['async', 'rule target'];
        case 'failover': {
            const isPrimary = edge.from.outgoing.find(e => e.kind === 'failover') === edge;
            return ['failover', isPrimary ? 'primary' : 'secondary'];
        }
        case 'replica-of': return ['replica-of', 'replica of'];
        case 'router': return ['routes', undefined];
        case 'egress': return [!edge.sync ? 'async' : edge.hard ? 'hard' : 'soft', 'egress'];
    }
}
