/**
 * Rule findings on the drawing: each finding belongs to the innermost drawn element whose declaration holds its start,
 * and an element shows one badge with how many it has, coloured by the worst. Pure, no imports with side effects:
 * the webview bundles it, the CLI and the extension host feed it (from `findingsOf` and from VS Code's diagnostics).
 */
import { allNodes, type DiagramModel, type DiagramNode, type SourcePosition, type SourceRange } from './diagram-types.js';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface DrawnFinding {
    readonly severity: FindingSeverity;
    /** The rule id, when the finding comes from a rule. */
    readonly rule?: string;
    readonly message: string;
    readonly range: SourceRange;
}

export interface ElementFindings {
    /** The element's findings, in source order. */
    readonly findings: DrawnFinding[];
    /** The worst of their severities: the badge's colour. */
    readonly severity: FindingSeverity;
}

const RANK: Readonly<Record<FindingSeverity, number>> = { info: 1, warning: 2, error: 3 };

/** The findings of each drawn element, by element id; findings outside every element (the system's) are left out. */
export function findingsOnElements(model: DiagramModel, findings: readonly DrawnFinding[]): Map<string, ElementFindings> {
    const byElement = new Map<string, DrawnFinding[]>();
    const elements = [...allNodes(model.nodes)].filter((n): n is DiagramNode & { range: SourceRange } => n.range !== undefined);
    for (const finding of [...findings].sort((a, b) => compare(a.range.start, b.range.start))) {
        let owner: DiagramNode | undefined;
        for (const element of elements) {
            if (!holds(element.range, finding.range.start)) continue;
            if (!owner?.range || holds(owner.range, element.range.start) && holds(owner.range, element.range.end)) owner = element;
        }
        if (owner) byElement.set(owner.id, [...byElement.get(owner.id) ?? [], finding]);
    }
    const result = new Map<string, ElementFindings>();
    for (const [id, list] of byElement) {
        const severity = list.reduce<FindingSeverity>((worst, f) => (RANK[f.severity] > RANK[worst] ? f.severity : worst), 'info');
        result.set(id, { findings: list, severity });
    }
    return result;
}

function compare(a: SourcePosition, b: SourcePosition): number {
    return a.line - b.line || a.character - b.character;
}

function holds(range: SourceRange, position: SourcePosition): boolean {
    return compare(range.start, position) <= 0 && compare(position, range.end) <= 0;
}
