import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ResponseError, type Connection } from 'vscode-languageserver';
import type { Model } from '../../language/src/generated/ast.js';
import { getTopology, type Topology } from '../../language/src/model/topology.js';
import type { RuleId } from '../../language/src/validation/rules.js';
import {
    FAILURE_TARGETS_REQUEST, REQUIREMENTS_REQUEST,
    type FailureTarget, type FailureTargetsResult, type RequirementStatus, type RequirementsResult,
} from './protocol.js';

const REQUIREMENT_RULE: RuleId = 'requirement-violated';

/** Everything a `resil.simulateFailure` quick pick can fail, from the topology of the design. */
export function failureTargets(topology: Topology): FailureTarget[] {
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

/** The document at `uri`, once it is validated; a clear error for a URI the server does not know. */
export async function validatedDocument(shared: LangiumSharedServices, uri: unknown): Promise<LangiumDocument<Model>> {
    if (typeof uri !== 'string') throw new ResponseError(-32602, 'expected { uri: string }');
    const parsed = URI.parse(uri);
    if (!shared.workspace.LangiumDocuments.hasDocument(parsed)) throw new ResponseError(-32602, `not a Resil document the server knows: ${uri}`);
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, parsed);
    return shared.workspace.LangiumDocuments.getDocument(parsed) as LangiumDocument<Model>;
}

/** Registers `resil/failureTargets` and `resil/requirements`. */
export function registerDesignRequests(connection: Connection, shared: LangiumSharedServices): void {
    connection.onRequest(FAILURE_TARGETS_REQUEST, async (params: { uri?: unknown }): Promise<FailureTargetsResult> => {
        const document = await validatedDocument(shared, params?.uri);
        return { targets: failureTargets(getTopology(document.parseResult.value)) };
    });
    connection.onRequest(REQUIREMENTS_REQUEST, async (params: { uri?: unknown }): Promise<RequirementsResult> => {
        const document = await validatedDocument(shared, params?.uri);
        return { requirements: requirementStatuses(document) };
    });
}
