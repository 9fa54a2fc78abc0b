import type { AstNode } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { qualifiedName } from '../scoping/qualified-names.js';
import { isNameable } from '../scoping/resil-scope-computation.js';
import type { RuleId, RuleSeverity } from '../validation/rules.js';
import type { ResilDocument } from './documents.js';
import { leafAtOffset, TextOffsets } from './text-offsets.js';

/** A diagnostic as the CLI and reports present it: 1-based positions, the rule id and the element it is about. */
export interface Finding {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
    readonly severity: RuleSeverity;
    readonly rule: string;
    readonly message: string;
    /** The qualified name of the innermost element the finding is in, or null. */
    readonly element: string | null;
}

export const SEVERITY_ORDER: Record<RuleSeverity, number> = { info: 1, warning: 2, error: 3 };

export function severityName(severity: DiagnosticSeverity | undefined): RuleSeverity {
    switch (severity) {
        case DiagnosticSeverity.Warning: return 'warning';
        case DiagnosticSeverity.Information:
        case DiagnosticSeverity.Hint: return 'info';
        default: return 'error';
    }
}

/** The innermost nameable element at the start of a range. */
export function elementAt(document: ResilDocument, diagnostic: Diagnostic, offsets = new TextOffsets(document.textDocument)): AstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const leaf = leafAtOffset(root, offsets.offsetAt(diagnostic.range.start));
    let node: AstNode | undefined = leaf?.astNode;
    while (node && !isNameable(node)) node = node.$container;
    return node;
}

export function findingsOf(document: ResilDocument, file: string): Finding[] {
    const offsets = new TextOffsets(document.textDocument);
    const findings = (document.diagnostics ?? []).map(d => {
        const element = elementAt(document, d, offsets);
        return {
            file,
            line: d.range.start.line + 1,
            column: d.range.start.character + 1,
            endLine: d.range.end.line + 1,
            endColumn: d.range.end.character + 1,
            severity: severityName(d.severity),
            rule: typeof d.code === 'string' ? d.code : 'syntax',
            message: d.message,
            element: element ? qualifiedName(element) || null : null,
        } satisfies Finding;
    });
    return findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

/** Rules that mean the design could not be read as one model: two elements with one name make links ambiguous. */
const PARSE_OR_LINK_RULES: ReadonlySet<string> = new Set<RuleId>(['syntax', 'unresolved-reference', 'empty-model', 'duplicate-name']);

/** Whether the document failed to parse or link: the CLI then exits 2. */
export function hasParseOrLinkErrors(findings: readonly Finding[]): boolean {
    return findings.some(f => f.severity === 'error' && PARSE_OR_LINK_RULES.has(f.rule));
}

