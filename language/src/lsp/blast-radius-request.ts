import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { ResponseError, type Connection } from 'vscode-languageserver';
import { analysisOf, blastRadiusJson, outcomesFor, type BlastRadiusJson } from '../analysis/analysis.js';
import { UnknownFailureName } from '../analysis/scenarios.js';
import type { Model } from '../generated/ast.js';

/** The request the report and the diagram use: the same JSON as `resil blast-radius --format json`. */
export const BLAST_RADIUS_METHOD = 'resil/blastRadius';

const INVALID_PARAMS = -32602;

export interface BlastRadiusRequestParams {
    readonly uri: string;
    readonly fail?: readonly string[];
    readonly scenario?: string;
}

/** Registers `resil/blastRadius { uri, fail?, scenario? }`; unknown names answer an error with "did you mean". */
export function registerBlastRadiusRequest(connection: Connection, shared: LangiumSharedServices): void {
    connection.onRequest(BLAST_RADIUS_METHOD, (params: unknown) => blastRadius(shared, params));
}

export async function blastRadius(shared: LangiumSharedServices, params: unknown): Promise<BlastRadiusJson> {
    const { uri, fail, scenario } = checkParams(params);
    const parsed = URI.parse(uri);
    if (!shared.workspace.LangiumDocuments.hasDocument(parsed)) {
        throw new ResponseError(INVALID_PARAMS, `not a Resil document the server knows: ${uri}`);
    }
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, parsed);
    const document = shared.workspace.LangiumDocuments.getDocument(parsed) as LangiumDocument<Model>;
    try {
        return blastRadiusJson(outcomesFor(analysisOf(document.parseResult.value), { fail, scenario }));
    } catch (error) {
        if (error instanceof UnknownFailureName) throw new ResponseError(INVALID_PARAMS, error.message, { suggestions: error.suggestions });
        throw error;
    }
}

function checkParams(params: unknown): BlastRadiusRequestParams {
    const p = (params ?? {}) as Record<string, unknown>;
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every(s => typeof s === 'string');
    if (typeof p.uri !== 'string') throw new ResponseError(INVALID_PARAMS, 'expected { uri: string, fail?: string[], scenario?: string }');
    if (p.fail !== undefined && !strings(p.fail)) throw new ResponseError(INVALID_PARAMS, '`fail` must be a list of names');
    if (p.scenario !== undefined && typeof p.scenario !== 'string') throw new ResponseError(INVALID_PARAMS, '`scenario` must be a name');
    return { uri: p.uri, fail: p.fail as string[] | undefined, scenario: p.scenario as string | undefined };
}
