import { AstUtils, type AstNode } from 'langium';
import { Cell, isGlobal, isRegion, isRegionPart, isSystem, isSystemPart, Region, RegionPart, System, SystemPart } from '../generated/ast.js';
import { nodeTypeTest } from './type-tests.js';

/** A node that opens a naming scope: names inside it are visible unqualified in its subtree. */
export const isScopeContainer: (node: AstNode) => boolean = nodeTypeTest(System.$type, SystemPart.$type, Region.$type, RegionPart.$type, Cell.$type);

/** The root of the names of a file: its system, or the part of a system it holds. */
function isSystemLevel(node: AstNode): boolean {
    return isSystem(node) || isSystemPart(node);
}

/** A region's name; `in region use1 { ... }` names its members as the region's own. */
function ownName(node: AstNode): string | undefined {
    const name = isRegionPart(node) ? node.region?.$refText : (node as { name?: unknown }).name;
    return typeof name === 'string' && name.length > 0 ? name : undefined;
}

/**
 * The names of the nodes from `ancestor` (exclusive) down to `node` (inclusive).
 * `global { route53 dns }` contributes no segment: global services are named at the system level.
 */
export function namePath(node: AstNode, ancestor?: AstNode): string[] {
    const segments: string[] = [];
    let current: AstNode | undefined = node;
    while (current && current !== ancestor && !isSystemLevel(current)) {
        if (!isGlobal(current)) {
            const name = ownName(current);
            if (name === undefined) return [];
            segments.push(name);
        }
        current = current.$container;
    }
    return segments.reverse();
}

/** The name the CLI accepts and prints: `use1`, `use1.a`, `use1.payments`, `use1.payments.ledger`, `dns`. */
export function qualifiedName(node: AstNode): string {
    return namePath(node).join('.');
}

/** `use1.payments[2]`, and `use1.payments[2].authorize` for a service of that replica. */
export function replicaName(cellName: string, replica: number, member?: string): string {
    return `${cellName}[${replica}]${member ? '.' + member : ''}`;
}

/**
 * The region an element belongs to, if any (global services belong to none): inside `in region use1 { ... }`, the
 * region declared in another file (or the `in region` block itself while that does not resolve).
 */
export function regionOf(node: AstNode): AstNode | undefined {
    const holder = AstUtils.getContainerOfType(node, n => isRegion(n) || isRegionPart(n));
    return isRegionPart(holder) ? holder.region?.ref ?? holder : holder;
}
