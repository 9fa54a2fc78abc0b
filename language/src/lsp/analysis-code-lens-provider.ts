import { AstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { analysisOf, type Analysis } from '../analysis/analysis.js';
import { describeTarget } from '../analysis/scenarios.js';
import { outcomeSummary } from '../analysis/summary.js';
import { isAz, isCell, isRegion, isScenario, type Model } from '../generated/ast.js';
import { failureOfDeclaration } from './analysis-targets.js';

/** The client command (client/src/commands/simulate-failure.ts) the lenses run: `{ uri, fail }` or `{ uri, scenario }`. */
export const SIMULATE_FAILURE_COMMAND = 'resil.simulateFailure';

/** One lens on each region, AZ, cell and scenario: "AZ use1.a fails: 0 failed, 3 degraded, entry points ok". */
export class AnalysisCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const model = document.parseResult.value as Model;
        if (!model.system) return [];
        const analysis = analysisOf(model);
        const uri = document.uri.toString();
        const lenses: CodeLens[] = [];
        for (const node of AstUtils.streamAllContents(model)) {
            if (!isRegion(node) && !isAz(node) && !isCell(node) && !isScenario(node)) continue;
            const lens = lensOf(analysis, node, uri);
            if (lens) lenses.push(lens);
        }
        return lenses;
    }
}

function lensOf(analysis: Analysis, node: AstNode, uri: string): CodeLens | undefined {
    const range = (GrammarUtils.findNodeForProperty(node.$cstNode, 'name') ?? node.$cstNode)?.range;
    const failure = failureOfDeclaration(analysis.topology, node, true);
    if (!range || !failure) return undefined;
    if (failure.kind === 'scenario') {
        const outcome = analysis.scenarioBlocks().find(o => o.scenario.source === failure.scenario);
        if (!outcome) return undefined;
        return {
            range,
            command: { title: `Scenario ${outcome.scenario.name}: ${outcomeSummary(outcome)}`, command: SIMULATE_FAILURE_COMMAND, arguments: [{ uri, scenario: outcome.scenario.name }] },
        };
    }
    const target = failure.target;
    const outcome = analysis.run({ name: target.name, targets: [target] });
    return {
        range,
        command: { title: `${describeTarget(target)} fails: ${outcomeSummary(outcome)}`, command: SIMULATE_FAILURE_COMMAND, arguments: [{ uri, fail: [target.name] }] },
    };
}
