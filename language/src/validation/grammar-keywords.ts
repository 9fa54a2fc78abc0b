import { AstUtils, GrammarAST, GrammarUtils } from 'langium';

/**
 * The keywords that may appear directly in a grammar rule: its own, those of the fragments it includes, and the
 * first keyword of each rule it calls (`uses` for `Uses`). Datatype rules (`Name` lists every keyword) are skipped.
 * Used to suggest the keyword a misspelt word meant.
 */
export function keywordsOfRule(grammar: GrammarAST.Grammar, ruleName: string): string[] {
    const rule = grammar.rules.find(r => r.name === ruleName);
    const keywords = new Set<string>();
    if (GrammarAST.isParserRule(rule)) collect(rule, keywords, new Set());
    return [...keywords];
}

function collect(rule: GrammarAST.ParserRule, keywords: Set<string>, visited: Set<GrammarAST.ParserRule>): void {
    if (visited.has(rule)) return;
    visited.add(rule);
    for (const node of AstUtils.streamAllContents(rule)) {
        if (GrammarAST.isKeyword(node) && /^[a-z]/.test(node.value)) keywords.add(node.value);
        if (!GrammarAST.isRuleCall(node)) continue;
        const called = node.rule.ref;
        if (!GrammarAST.isParserRule(called) || GrammarUtils.isDataTypeRule(called)) continue;
        if (called.fragment) {
            collect(called, keywords, visited);
        } else {
            for (const first of firstKeywords(called)) keywords.add(first);
        }
    }
}

/** The keyword a rule starts with; for a rule that only chooses between rules (`Service`), each choice's. */
function firstKeywords(rule: GrammarAST.ParserRule): string[] {
    const definition = rule.definition;
    if (GrammarAST.isAlternatives(definition) && definition.elements.every(GrammarAST.isRuleCall)) {
        return definition.elements.flatMap(call => {
            const called = (call as GrammarAST.RuleCall).rule.ref;
            return GrammarAST.isParserRule(called) ? firstKeywords(called) : [];
        });
    }
    const first = AstUtils.streamAllContents(rule).find(GrammarAST.isKeyword);
    return first && /^[a-z]/.test(first.value) ? [first.value] : [];
}
