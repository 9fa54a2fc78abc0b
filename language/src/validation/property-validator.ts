import { AstUtils, GrammarAST, type AstNode, type CompositeCstNode, type CstNode, type ValidationAcceptor } from 'langium';
import type { Range } from 'vscode-languageserver';
import type { Model } from '../generated/ast.js';
import type { RuleReporter } from './rule-reporter.js';
import { parsedWithoutRepeatedAssignments } from '../parsing/repeated-assignments.js';

/**
 * `duplicate-property`: element bodies accept their members in any order, so the parser lets a single-valued
 * property (`concurrency`, `tasks`, `pitr` ...) appear twice and silently keeps the last value. One pass over the
 * document's syntax tree finds every second assignment of a `=` or `?=` property; it is skipped when the parser
 * saw no property assigned twice (the usual case).
 */
export class PropertyValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkDuplicates = (model: Model, accept: ValidationAcceptor): void => {
        const root = model.$cstNode;
        if (!root || parsedWithoutRepeatedAssignments(model)) return;
        const firstSeen = new Map<AstNode, Map<string, CstNode>>();
        forEachCstNode(root, cst => {
            const assignment = singleValuedAssignment(cst);
            if (!assignment) return;
            // A value that is a node of its own (`dlq=DeadLetter`) belongs to the node around it in the syntax tree
            // (an overwritten first value has no `$container` any more).
            const owner = cst.astNode.$cstNode === cst ? cst.container?.astNode : cst.astNode;
            if (!owner) return;
            let seen = firstSeen.get(owner);
            if (!seen) firstSeen.set(owner, seen = new Map());
            const first = seen.get(assignment.feature);
            if (!first) {
                seen.set(assignment.feature, cst);
                return;
            }
            const label = propertyLabel(cst, assignment);
            this.reporter.report(accept, 'duplicate-property',
                `'${label}' is already set on line ${first.range.start.line + 1}: only the last value would count. Remove one of them.`,
                { node: owner, range: propertyRange(cst, assignment) });
        });
    };
}

/**
 * Every node of a syntax tree in document order (`CstUtils.streamCst`'s), without a stream's iterator objects: a
 * 10,000-service design has about 264,000 nodes, and streaming them cost this check most of its time.
 */
function forEachCstNode(root: CstNode, visit: (node: CstNode) => void): void {
    const stack: CstNode[] = [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        visit(node);
        const content = (node as Partial<CompositeCstNode>).content;
        if (Array.isArray(content)) for (let i = content.length - 1; i >= 0; i--) stack.push(content[i]);
    }
}

/** The grammar has a few hundred elements; the syntax tree of a large design, hundreds of thousands of nodes. */
const assignmentOfGrammarElement = new WeakMap<GrammarAST.AbstractElement, GrammarAST.Assignment | null>();

/** The `=` / `?=` assignment a CST node holds the value of, if the node is the value itself (not a token inside it). */
function singleValuedAssignment(cst: CstNode): GrammarAST.Assignment | undefined {
    const source = cst.grammarSource;
    if (cst.hidden || !source) return undefined;
    let assignment = assignmentOfGrammarElement.get(source);
    if (assignment === undefined) {
        const found = AstUtils.getContainerOfType(source, GrammarAST.isAssignment);
        assignment = found && found.operator !== '+=' ? found : null;
        assignmentOfGrammarElement.set(source, assignment);
    }
    return assignment ?? undefined;
}

/** The keywords the grammar puts right before an assignment: `failover primary` for `primary=...`. */
function leadingKeywords(assignment: GrammarAST.Assignment): GrammarAST.Keyword[] {
    const group = assignment.$container;
    if (!GrammarAST.isGroup(group)) return [];
    const keywords: GrammarAST.Keyword[] = [];
    for (let i = group.elements.indexOf(assignment) - 1; i >= 0 && GrammarAST.isKeyword(group.elements[i]); i--) {
        keywords.unshift(group.elements[i] as GrammarAST.Keyword);
    }
    return keywords;
}

/** The range from the property's first keyword to the end of its value, e.g. all of `concurrency 10`. */
function propertyRange(cst: CstNode, assignment: GrammarAST.Assignment): Range {
    const keywords = new Set<GrammarAST.AbstractElement>(leadingKeywords(assignment));
    const siblings = cst.container?.content ?? [];
    let start = cst;
    for (let i = siblings.indexOf(cst) - 1; i >= 0; i--) {
        const sibling = siblings[i];
        if (sibling.hidden) continue;
        if (!sibling.grammarSource || !keywords.has(sibling.grammarSource)) break;
        start = sibling;
    }
    return { start: start.range.start, end: cst.range.end };
}

function propertyLabel(cst: CstNode, assignment: GrammarAST.Assignment): string {
    const keywords = leadingKeywords(assignment).map(k => k.value);
    return keywords.length > 0 ? keywords.join(' ') : cst.text.split(/\s+/)[0];
}
