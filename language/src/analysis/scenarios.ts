import type { Scenario } from '../generated/ast.js';
import type { Topology, TopologyAz, TopologyCell, TopologyComponent, TopologyRegion } from '../model/topology.js';
import { qualifiedName } from '../scoping/qualified-names.js';
import { closestNames } from '../util/closest-names.js';

/** One fault domain to fail, by the qualified name the CLI accepts (analysis.md, "Names"). */
export type FailureTarget =
    | { readonly kind: 'region'; readonly name: string; readonly region: TopologyRegion }
    | { readonly kind: 'az'; readonly name: string; readonly az: TopologyAz }
    /** Every replica of a cell group. */
    | { readonly kind: 'cell'; readonly name: string; readonly cell: TopologyCell }
    | { readonly kind: 'cell-replica'; readonly name: string; readonly cell: TopologyCell; readonly replica: number }
    /** A service; inside a cell, one replica's instance or (replica undefined) the instance of every replica. */
    | { readonly kind: 'service'; readonly name: string; readonly component: TopologyComponent; readonly replica?: number };

export interface FailureScenario {
    /** The failure name for a single failure, the `scenario` name for a block, the names joined for `--fail` lists. */
    readonly name: string;
    readonly title?: string;
    readonly targets: readonly FailureTarget[];
    /** The `scenario` block it comes from. */
    readonly source?: Scenario;
}

/** A name that denotes nothing in the design; carries the closest valid names for "did you mean". */
export class UnknownFailureName extends Error {
    constructor(readonly failureName: string, detail: string, readonly suggestions: readonly string[]) {
        super(`${detail}${suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : ''}`);
    }
}

const REPLICA_NAME = /^(.+)\[(\d+)\](?:\.(.+))?$/;

/** Resolves `use1`, `use1.a`, `use1.payments`, `use1.payments[2]`, `use1.payments[2].authorize`, `use1.api`, `dns`. */
export function parseFailureName(topology: Topology, text: string): FailureTarget {
    const name = text.trim();
    const unknown = (detail: string) => new UnknownFailureName(name, detail, closestNames(name, failureNames(topology), 5));
    const replicaMatch = REPLICA_NAME.exec(name);
    if (replicaMatch) {
        const [, cellName, index, member] = replicaMatch;
        const named = topology.byId(cellName);
        if (named?.kind !== 'cell') throw unknown(`unknown cell '${cellName}' in '${name}'`);
        const cell = named.cell;
        const replica = Number(index);
        if (replica >= cell.count) {
            throw unknown(`'${name}': cell ${cell.id} has ${cell.count} replica${cell.count === 1 ? '' : 's'}, numbered 0 to ${cell.count - 1}`);
        }
        if (member === undefined) return { kind: 'cell-replica', name: cell.replicaIds[replica], cell, replica };
        const service = topology.byId(`${cell.id}.${member}`);
        if (service?.kind !== 'service' || service.component.cell !== cell) throw unknown(`cell ${cell.id} has no service '${member}'`);
        const component = service.component;
        return { kind: 'service', name: component.instanceIds[replica], component, replica };
    }
    const found = topology.byId(name);
    switch (found?.kind) {
        case 'service': return { kind: 'service', name: found.component.id, component: found.component };
        case 'cell': return { kind: 'cell', name: found.cell.id, cell: found.cell };
        case 'az': return { kind: 'az', name: found.az.id, az: found.az };
        case 'region': return { kind: 'region', name: found.region.id, region: found.region };
        case undefined: throw unknown(`unknown name '${name}'`);
    }
}

/** Every name `--fail` accepts, in declaration order. */
export function failureNames(topology: Topology): string[] {
    return [
        ...topology.regions.map(r => r.id),
        ...topology.azs.map(a => a.id),
        ...topology.cells.flatMap(c => [c.id, ...c.replicaIds]),
        ...topology.components.flatMap(c => c.cell ? [c.id, ...c.instanceIds] : [c.id]),
    ];
}

/** The single failures always simulated: every region, every AZ, every cell replica. */
export function singleFailureScenarios(topology: Topology): FailureScenario[] {
    const single = (target: FailureTarget): FailureScenario => ({ name: target.name, targets: [target] });
    return [
        ...topology.regions.map(region => single({ kind: 'region', name: region.id, region })),
        ...topology.azs.map(az => single({ kind: 'az', name: az.id, az })),
        ...topology.cells.flatMap(cell => cell.replicaIds.map((name, replica) => single({ kind: 'cell-replica', name, cell, replica }))),
    ];
}

/** The design's `scenario` blocks; a target that does not resolve (reported by linking) is left out. */
export function scenarioBlocks(topology: Topology): FailureScenario[] {
    return topology.scenarios.map(source => ({
        name: source.name,
        title: source.title,
        source,
        targets: source.targets.flatMap(target => {
            const element = target.element?.ref;
            if (!element) return [];
            const member = target.member?.ref?.name;
            const text = qualifiedName(element) + (target.replica !== undefined ? `[${target.replica}]${member ? '.' + member : ''}` : '');
            try {
                return [parseFailureName(topology, text)];
            } catch {
                return [];
            }
        }),
    }));
}

/** The `scenario` block called `name`, or an error naming the scenarios there are. */
export function findScenario(topology: Topology, name: string): FailureScenario {
    const blocks = scenarioBlocks(topology);
    const found = blocks.find(s => s.name === name);
    if (found) return found;
    const names = blocks.map(s => s.name);
    const suggestions = closestNames(name, names, 5);
    const detail = names.length === 0 ? `unknown scenario '${name}': the design has no scenario blocks` : `unknown scenario '${name}'`;
    throw new UnknownFailureName(name, detail, suggestions.length > 0 || names.length === 0 ? suggestions : names.slice(0, 5));
}

/** A scenario failing the given names together (`--fail a --fail b`). */
export function scenarioOf(topology: Topology, names: readonly string[]): FailureScenario {
    const targets = names.map(n => parseFailureName(topology, n));
    return { name: targets.map(t => t.name).join(' + '), targets };
}

/** "AZ use1.a", "region use1", "cell use1.payments[0]": how code lens and reports name a failure. */
export function describeTarget(target: FailureTarget): string {
    switch (target.kind) {
        case 'region': return `Region ${target.name}`;
        case 'az': return `AZ ${target.name}`;
        case 'cell': return `Every cell of ${target.name}`;
        case 'cell-replica': return `Cell ${target.name}`;
        case 'service': return `Service ${target.name}`;
    }
}
