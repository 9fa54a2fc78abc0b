/**
 * The diagram model: plain JSON that the language server sends to the webview and the CLI hands to the renderer.
 * Pure types and no imports with side effects: the webview bundle includes this module, Langium must not follow.
 */
import type { ComponentKind } from '../model/topology.js';

/** 0-based LSP positions, as `vscode.Range` and the language server use them. */
export interface SourcePosition { readonly line: number; readonly character: number; }
export interface SourceRange { readonly start: SourcePosition; readonly end: SourcePosition; }

/**
 * - `global`: the box above the regions holding global services (Route 53).
 * - `region`: a region box.
 * - `zonal`: the region's AZ band: its header names the AZ lanes, the zonal services sit inside it.
 * - `az`: an AZ lane header inside the band (never has children).
 * - `cell`: a cell (dashed box); collapsed replicas carry `replicas`, an expanded replica carries `replica`.
 * - `service`: any service, router or kinesis consumer.
 */
export type DiagramNodeKind = 'global' | 'region' | 'zonal' | 'az' | 'cell' | 'service';

/** Where a zonal service runs: one slot per AZ of its region, in lane order. */
export interface AzSlot {
    /** Qualified AZ name, e.g. `use1.a`. */
    readonly az: string;
    readonly label: string;
    /** Instances (tasks, nodes, workers) in this AZ; 0 when the service does not run there. */
    readonly count: number;
    /** False when the service does not run in this AZ at all. */
    readonly used: boolean;
}

export interface DiagramNode {
    /** The qualified name (`use1.payments.ledger`), or a synthetic id for the global box and AZ bands (`#...`). */
    readonly id: string;
    readonly kind: DiagramNodeKind;
    readonly label: string;
    /** A second line: the AWS region code, the AZ id, the service kind, the system title. */
    readonly detail?: string;
    readonly serviceKind?: ComponentKind;
    /** The declaration in the source, for reveal and for the cursor highlight. */
    readonly range?: SourceRange;
    /** The declaration's name, selected on reveal. */
    readonly nameRange?: SourceRange;
    readonly children: DiagramNode[];
    readonly azSlots?: AzSlot[];
    /** Cells: the number of replicas drawn as one (`×4`). */
    readonly replicas?: number;
    /** Cells: `use1.payments[0]` ... */
    readonly replicaIds?: string[];
    /** An expanded cell replica: its index. */
    readonly replica?: number;
    /** Services inside a cell: one name per replica (`use1.payments[2].ledger`). */
    readonly instanceIds?: string[];
    /** Marked `entry` or used by nothing. */
    readonly entry?: boolean;
    /** Routers: `shuffle shard k` over n cells. */
    readonly shuffleShard?: number;
    /** Zonal services that run instances: what they count and how many they need (`needs`), for capacity bars. */
    readonly capacity?: { readonly unit: string; readonly needs?: number };
}

export type DiagramEdgeKind = 'hard' | 'soft' | 'async' | 'consumes' | 'dlq' | 'failover' | 'replica-of' | 'routes';

/**
 * An arrow in the direction things flow: a caller to what it uses, a queue, topic or stream to its consumer
 * (`consumes` points from what is read to its reader), a router to its cell.
 */
export interface DiagramEdge {
    readonly id: string;
    readonly source: string;
    readonly target: string;
    readonly kind: DiagramEdgeKind;
    readonly label?: string;
}

export interface DiagramScenario {
    readonly name: string;
    readonly title?: string;
}

/**
 * A `view` declared in the design, its names resolved to diagram ids: the part of the design it draws (what all its
 * selectors keep) and the containers it collapses.
 */
export interface DeclaredView {
    readonly name: string;
    readonly title?: string;
    /** A region's id: its services and the global ones. */
    readonly region?: string;
    /** A cell's id: its services. */
    readonly cell?: string;
    /** The services within `hops` edges of this one (or of a container's services), either way. */
    readonly around?: string;
    readonly hops?: number;
    /** This entry point (or a container's services) and everything it depends on, following the edges. */
    readonly pathFrom?: string;
    /** Regions and cells drawn as one box each. */
    readonly collapsed: readonly string[];
    readonly range?: SourceRange;
    readonly nameRange?: SourceRange;
}

export interface DiagramModel {
    /** The system's name and title. */
    readonly title: string;
    readonly subtitle?: string;
    /** Top level: the global box (when there are global services) and the regions. */
    readonly nodes: DiagramNode[];
    readonly edges: DiagramEdge[];
    readonly scenarios: DiagramScenario[];
    /** The views declared in the design, in source order (absent: none). */
    readonly views?: readonly DeclaredView[];
}

export type ElementState = 'ok' | 'degraded' | 'failed';

/** Every node of a tree of diagram nodes, parents before children. */
export function* allNodes(nodes: readonly DiagramNode[]): Generator<DiagramNode> {
    for (const node of nodes) {
        yield node;
        yield* allNodes(node.children);
    }
}

/** How many services a tree of diagram nodes draws (routers and kinesis consumers included). */
export function serviceCount(nodes: readonly DiagramNode[]): number {
    let count = 0;
    for (const node of allNodes(nodes)) if (node.kind === 'service') count++;
    return count;
}
