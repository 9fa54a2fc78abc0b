import { GrammarUtils, type AstNode } from 'langium';
import type { SourceRange } from './diagram-types.js';

/** A declaration's range and its name's, for reveal and the cursor highlight. */
export function rangesOf(node: AstNode): { range?: SourceRange; nameRange?: SourceRange } {
    const cst = node.$cstNode;
    if (!cst) return {};
    return { range: cst.range, nameRange: GrammarUtils.findNodeForProperty(cst, 'name')?.range };
}
