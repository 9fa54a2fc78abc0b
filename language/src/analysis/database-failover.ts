import { occupiedAzs, type ComponentOf, type TopologyAz } from '../model/topology.js';
import { State } from './instance-graph.js';

/**
 * An Aurora cluster's writer, or an RDS deployment's primary, sits in the first AZ it lists. Losing that AZ promotes
 * an instance in another AZ that is still up (an Aurora reader, a Multi-AZ standby): the database serves again after
 * the failover, so it is degraded, not failed; with no such instance it fails. Losing only other AZs leaves it ok.
 */
export function writerPlacementState(component: ComponentOf<'aurora' | 'rds'>, failedAzs: ReadonlySet<TopologyAz>): State {
    const writerAz = component.azs[0];
    if (!writerAz || !failedAzs.has(writerAz)) return State.Ok;
    const failoverTarget = occupiedAzs(component).some(az => az !== writerAz && !failedAzs.has(az));
    return failoverTarget ? State.Degraded : State.Failed;
}
