import { AstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import { analysisOf } from '../analysis/analysis.js';
import { formatAvailability } from '../analysis/availability.js';
import type { Model } from '../generated/ast.js';

/** After the name of each entry point: its estimated availability ("≈ 99.99%"). */
export class AvailabilityInlayHintProvider implements InlayHintProvider {
    getInlayHints(document: LangiumDocument, params: InlayHintParams): InlayHint[] {
        const model = document.parseResult.value as Model;
        if (!model.system) return [];
        const analysis = analysisOf(model);
        const estimates = analysis.availability();
        const hints: InlayHint[] = [];
        for (const entry of analysis.topology.entryPoints) {
            if (AstUtils.getDocument(entry.ast) !== document) continue;
            const name = GrammarUtils.findNodeForProperty(entry.ast.$cstNode, 'name');
            if (!name || name.range.end.line < params.range.start.line || name.range.start.line > params.range.end.line) continue;
            const estimate = estimates.of.get(entry);
            if (estimate === undefined) continue;
            hints.push({
                position: name.range.end,
                label: `≈ ${formatAvailability(estimate)}`,
                kind: InlayHintKind.Type,
                paddingLeft: true,
                tooltip: 'Estimated availability of this entry point: its SLA times its hard synchronous dependencies, redundant paths in parallel (docs/analysis.md).',
            });
        }
        return hints;
    }
}
