import type { Reference, ValidationAcceptor } from 'langium';
import type { Az, Cell } from '../generated/ast.js';
import { allContents } from '../util/ast-walk.js';
import type { RuleReporter } from './rule-reporter.js';

/** The AZ lists an element may carry: `in a, b` and a lambda's `vpc subnets a, b`. */
const AZ_LIST_PROPERTIES = ['azs', 'subnets'] as const;

/**
 * `cell-az-subset`: a cell is a fault container; a service inside it placed in an AZ the cell is not in would
 * make a failure of that AZ reach the cell although the cell claims not to be there.
 */
export class CellValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkAzSubset = (cell: Cell, accept: ValidationAcceptor): void => {
        if (cell.azs.length === 0) return; // the cell spans its region's AZs: any AZ of the region is fine
        const cellAzs = new Set(cell.azs.map(ref => ref.ref).filter(az => az !== undefined));
        const allowed = cell.azs.map(ref => ref.$refText).join(', ');
        for (const node of allContents(cell)) {
            for (const property of AZ_LIST_PROPERTIES) {
                const refs = (node as unknown as Record<string, unknown>)[property];
                if (!Array.isArray(refs)) continue;
                (refs as Array<Reference<Az>>).forEach((ref, index) => {
                    if (ref.ref && !cellAzs.has(ref.ref)) {
                        this.reporter.report(accept, 'cell-az-subset',
                            `AZ ${ref.$refText} is not one of the AZs of cell ${cell.name} (${allowed}): a failure of ${ref.$refText} would reach into the cell. Place the element in ${allowed}, or add ${ref.$refText} to the cell.`,
                            { node, property, index });
                    }
                });
            }
        }
    };
}
