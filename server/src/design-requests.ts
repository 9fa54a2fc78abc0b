import { DocumentState, type LangiumDocument } from 'langium';
import type { Model } from '../../language/src/generated/ast.js';
import type { DocumentRequest } from '../../language/src/lsp/document-request.js';
import { getTopology, type Topology } from '../../language/src/model/topology.js';
import type { RuleId } from '../../language/src/validation/rules.js';
import {
    FailureTargetsRequest, parseDocumentParams, ReportSectionsRequest, RequirementsRequest,
    type DocumentParams, type FailureOption, type FailureTargetsResult, type ReportSectionsResult, type RequirementStatus, type RequirementsResult,
} from '../../language/src/protocol/index.js';
import { analysisOf } from '../../language/src/analysis/analysis.js';
import { buildReportData } from '../../language/src/report/report-data.js';
import { recoverySections } from '../../language/src/report/report-document.js';
import { renderMarkdown } from '../../language/src/report/report-markdown.js';

const REQUIREMENT_RULE: RuleId = 'requirement-violated';

/** Everything a `resil.simulateFailure` quick pick can fail, from the topology of the design. */
export function failureTargets(topology: Topology): FailureOption[] {
    return [
        ...topology.scenarios.map(s => ({ name: s.name, kind: 'scenario' as const, detail: s.title })),
        ...topology.regions.map(r => ({ name: r.id, kind: 'region' as const, detail: r.code })),
        ...topology.azs.map(az => ({ name: az.id, kind: 'az' as const, detail: az.zoneId })),
        ...topology.cells.map(c => ({ name: c.id, kind: 'cell' as const, detail: `${c.count} replicas` })),
        ...topology.cells.flatMap(c => c.replicaIds.map(id => ({ name: id, kind: 'cell-replica' as const }))),
        ...topology.components.map(c => ({ name: c.id, kind: 'service' as const, detail: c.kind })),
    ];
}

/** Each `require` line of the design and whether it holds: it does unless a `requirement-violated` finding sits on it. */
export function requirementStatuses(document: LangiumDocument<Model>): RequirementStatus[] {
    const violations = (document.diagnostics ?? []).filter(d => d.code === REQUIREMENT_RULE);
    return (document.parseResult.value.system?.requirements ?? []).flatMap(requirement => {
        const cst = requirement.$cstNode;
        if (!cst) return [];
        const { start, end } = cst.range;
        const messages = violations
            .filter(d => d.range.start.line >= start.line && d.range.start.line <= end.line)
            .map(d => d.message);
        return [{ text: cst.text, line: start.line, holds: messages.length === 0, violations: messages }];
    });
}

/** `resil/failureTargets`: everything `Resil: Simulate Failure` and the diagram's toolbar offer to fail. */
export const failureTargetsRequest: DocumentRequest<DocumentParams, FailureTargetsResult> = {
    type: FailureTargetsRequest,
    params: parseDocumentParams,
    state: DocumentState.Validated,
    answer: document => ({ targets: failureTargets(getTopology(document.parseResult.value)) }),
};

/** `resil/requirements`: the requirements of the resilience report. */
export const requirementsRequest: DocumentRequest<DocumentParams, RequirementsResult> = {
    type: RequirementsRequest,
    params: parseDocumentParams,
    state: DocumentState.Validated,
    answer: document => ({ requirements: requirementStatuses(document) }),
};

/** `resil/reportSections`: the report's recovery, DR strategy and availability sections, as `resil report` has them. */
export const reportSectionsRequest: DocumentRequest<DocumentParams, ReportSectionsResult> = {
    type: ReportSectionsRequest,
    params: parseDocumentParams,
    state: DocumentState.Validated,
    answer: document => ({ markdown: renderMarkdown(recoverySections(buildReportData(analysisOf(document.parseResult.value), document.uri.path, []))) }),
};
