import { isBlastRadiusRequirement } from '../generated/ast.js';
import type { Topology, TopologyCell } from '../model/topology.js';
import { shardSizeOf } from './instance-graph.js';
import { shareDown } from './simulation.js';

/**
 * How many replicas of a cell one deployment wave may reach: a bad change fails every replica of its wave before an
 * alarm stops it, so a wave must not hold more replicas than the design accepts to lose at once.
 */

/** The tightest `require blast-radius cell-loss <= P%` of the design, as a share (0..1). */
export function cellLossLimit(topology: Topology): number | undefined {
    // A requirement cut short by a syntax error has no figure: it limits nothing.
    const limits = (topology.system?.requirements ?? []).filter(isBlastRadiusRequirement)
        .filter(r => Number.isFinite(r.max)).map(r => r.max / 100);
    return limits.length > 0 ? Math.min(...limits) : undefined;
}

/** Cells each customer uses behind the cell's routers (`shuffle shard k`, else 1), at most the cell's replicas. */
function customerCells(cell: TopologyCell): number {
    return Math.min(Math.max(1, cell.count), Math.max(1, ...cell.routers.map(shardSizeOf)));
}

/** The share of customers down when `failed` replicas of `cell` fail together: C(f, k) / C(n, k). */
export function shareDownOf(cell: TopologyCell, failed: number): number {
    return shareDown(Math.min(failed, cell.count), cell.count, customerCells(cell));
}

/** The most replicas of `cell` that may fail together within `limit` (a share); at least one. */
export function largestContainedFailure(cell: TopologyCell, limit: number): number {
    let most = 1;
    for (let failed = 2; failed <= cell.count; failed++) {
        if (shareDownOf(cell, failed) > limit + 1e-9) break;
        most = failed;
    }
    return most;
}

/** The replicas a wave of `cell` holds: its declared `deploy waves of N`, within the design's blast radius. */
export function replicasPerWave(topology: Topology, cell: TopologyCell): number {
    const limit = cellLossLimit(topology);
    const contained = limit === undefined ? Math.max(1, Math.floor(Math.max(1, cell.count) / 4)) : largestContainedFailure(cell, limit);
    const declared = cell.ast.waveSize;
    return declared !== undefined && Number.isInteger(declared) && declared >= 1 ? Math.min(declared, contained) : contained;
}
