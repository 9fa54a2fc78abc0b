import { DocumentState, type LangiumDocument } from 'langium';
import { analysisOf, blastRadiusJson, outcomesFor } from '../analysis/analysis.js';
import { UnknownFailureName } from '../analysis/scenarios.js';
import type { ScenarioOutcome } from '../analysis/simulation.js';
import type { Model } from '../generated/ast.js';
import { BlastRadiusRequest, invalidParams, parseBlastRadiusParams, type BlastRadiusJson, type BlastRadiusParams, type FailureSelection } from '../protocol/index.js';
import type { DocumentRequest } from './document-request.js';

/** `resil/blastRadius { uri, fail?, scenario? }`: the same JSON as `resil blast-radius --format json`. */
export const blastRadiusRequest: DocumentRequest<BlastRadiusParams, BlastRadiusJson> = {
    type: BlastRadiusRequest,
    params: parseBlastRadiusParams,
    state: DocumentState.Validated,
    answer: (document, selection) => blastRadiusJson(outcomesOf(document, selection)),
};

/** The outcomes `selection` asks for; unknown names answer InvalidParams with "did you mean" and the suggestions. */
export function outcomesOf(document: LangiumDocument<Model>, selection: FailureSelection): readonly ScenarioOutcome[] {
    try {
        return outcomesFor(analysisOf(document.parseResult.value), selection);
    } catch (error) {
        if (error instanceof UnknownFailureName) throw invalidParams(error.message, { suggestions: error.suggestions });
        throw error;
    }
}
