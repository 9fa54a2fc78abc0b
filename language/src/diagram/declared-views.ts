import type { AstNode, Reference } from 'langium';
import { isCell, isRegion, type View } from '../generated/ast.js';
import type { Topology } from '../model/topology.js';
import type { DeclaredView } from './diagram-types.js';
import { rangesOf } from './source-ranges.js';

/** The system's `view` blocks with their names resolved through the topology (a name that does not link is left out). */
export function declaredViews(topology: Topology): DeclaredView[] {
    return (topology.system?.views ?? []).map(view => declaredView(topology, view));
}

function declaredView(topology: Topology, view: View): DeclaredView {
    const idOf = (ref: Reference | undefined) => elementId(topology, ref?.ref);
    const collapsed = view.collapse.map(ref => ref.ref).filter(ast => isRegion(ast) || isCell(ast))
        .map(ast => elementId(topology, ast)).filter(id => id !== undefined);
    return {
        name: view.name, title: view.title, collapsed,
        region: idOf(view.region), cell: idOf(view.cell), around: idOf(view.around), hops: view.hops, pathFrom: idOf(view.pathFrom),
        ...rangesOf(view),
    };
}

function elementId(topology: Topology, ast: AstNode | undefined): string | undefined {
    if (!ast) return undefined;
    // Each lookup walks up from the node: the innermost kind first, so that an AZ is not taken for its region.
    return (topology.componentOf(ast) ?? topology.azOf(ast) ?? topology.cellOf(ast) ?? topology.regionOf(ast))?.id;
}

