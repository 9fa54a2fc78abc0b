import type { AstNode } from 'langium';
import { isScenario, type Scenario } from '../generated/ast.js';
import type { Topology } from '../model/topology.js';
import type { FailureTarget } from '../analysis/scenarios.js';

/**
 * What failing a declaration means, for hover and code lens: a region, an AZ, a cell (one replica: all replicas
 * behave alike), a service, or a `scenario` block.
 */
export type DeclarationFailure =
    | { readonly kind: 'target'; readonly target: FailureTarget }
    | { readonly kind: 'scenario'; readonly scenario: Scenario };

export function failureOfDeclaration(topology: Topology, node: AstNode, cellAsReplica: boolean): DeclarationFailure | undefined {
    if (isScenario(node)) return { kind: 'scenario', scenario: node };
    const region = topology.regionOf(node);
    if (region?.ast === node) return { kind: 'target', target: { kind: 'region', name: region.id, region } };
    const az = topology.azOf(node);
    if (az?.ast === node) return { kind: 'target', target: { kind: 'az', name: az.id, az } };
    const cell = topology.cellOf(node);
    if (cell?.ast === node) {
        if (cellAsReplica && cell.count > 0) return { kind: 'target', target: { kind: 'cell-replica', name: cell.replicaIds[0], cell, replica: 0 } };
        return { kind: 'target', target: { kind: 'cell', name: cell.id, cell } };
    }
    const component = topology.componentOf(node);
    if (component?.ast === node) return { kind: 'target', target: { kind: 'service', name: component.id, component } };
    return undefined;
}
