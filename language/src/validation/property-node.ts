import { AstUtils, GrammarAST, type AstNode, type CompositeCstNode, type CstNode } from 'langium';

/** The assignment each grammar element stands in, else null: found once per element, not per CST node passed. */
const assignments = new WeakMap<GrammarAST.AbstractElement, GrammarAST.Assignment | null>();

function assignmentOf(element: GrammarAST.AbstractElement | undefined): GrammarAST.Assignment | null {
    if (!element) return null;
    let assignment = assignments.get(element);
    if (assignment === undefined) assignments.set(element, assignment = AstUtils.getContainerOfType(element, GrammarAST.isAssignment) ?? null);
    return assignment;
}

/**
 * The CST node of a property of the node `node` stands for, as Langium's `GrammarUtils.findNodeForProperty` finds
 * it (the `index`th in text order, the last when there are fewer, the first without an index), but stopping at the
 * one wanted, and without walking the grammar up from every CST node it passes: every finding's range is found so
 * (1,000 in a 10,000-service design, each passing a dozen nodes).
 */
export function propertyNode(node: CstNode | undefined, property: string | undefined, index?: number): CstNode | undefined {
    if (!node || !property) return undefined;
    const wanted = index === undefined ? 0 : Math.max(0, index);
    const found: CstNode[] = [];
    collectPropertyNodes(node, property, node.astNode, true, found, wanted + 1);
    return found.length === 0 ? undefined : found[Math.min(wanted, found.length - 1)];
}

function collectPropertyNodes(node: CstNode, property: string, element: AstNode, first: boolean, found: CstNode[], enough: number): void {
    if (!first && assignmentOf(node.grammarSource)?.feature === property) {
        found.push(node);
        return;
    }
    const content = (node as Partial<CompositeCstNode>).content;
    if (!Array.isArray(content) || node.astNode !== element) return;
    for (let i = 0; i < content.length && !(found.length >= enough); i++) {
        collectPropertyNodes(content[i], property, element, false, found, enough);
    }
}
