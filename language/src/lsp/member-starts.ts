import { AstUtils, GrammarAST, type AstNode, type CstNode, type Grammar, type LeafCstNode } from 'langium';

/**
 * Decides, from the grammar alone, whether a token begins a member of a `{ ... }` body: `timeout` in a Lambda,
 * `uses` anywhere, `az` in a region, `fail` in a scenario. The formatter puts each member on a line of its own.
 *
 * A member is one iteration of a repeated group (`(...)*`) that directly follows a `{` keyword; its first token
 * is the token whose grammar element is first in every enclosing group up to that repetition. Deriving this from
 * the grammar (instead of listing keywords) keeps the formatter right when the language grows.
 */
export class MemberStarts {

    private readonly fragmentCalls = new Map<GrammarAST.ParserRule, GrammarAST.RuleCall[]>();
    private readonly cache = new Map<GrammarAST.AbstractElement, boolean>();

    constructor(grammar: Grammar) {
        for (const call of AstUtils.streamAllContents(grammar).filter(GrammarAST.isRuleCall)) {
            const rule = call.rule.ref;
            if (GrammarAST.isParserRule(rule) && rule.fragment) {
                const calls = this.fragmentCalls.get(rule) ?? [];
                calls.push(call);
                this.fragmentCalls.set(rule, calls);
            }
        }
    }

    /** Whether `leaf` is the first token of a body member. */
    startsMember(leaf: LeafCstNode): boolean {
        let element = asElement(leaf.grammarSource);
        // The composite node built for the rule that `element` belongs to (fragments build none).
        let ruleNode: CstNode | undefined = leaf.container;
        while (element) {
            const outcome = this.climb(element);
            if (outcome !== 'rule-start') return outcome === 'member';
            const rule = AstUtils.getContainerOfType(element, GrammarAST.isParserRule);
            if (rule?.fragment) return this.fragmentStartsMember(rule);
            // The token begins the whole rule: go on from the place that called the rule.
            element = asElement(ruleNode?.grammarSource);
            ruleNode = ruleNode?.container;
        }
        return false;
    }

    private fragmentStartsMember(fragment: GrammarAST.ParserRule): boolean {
        return (this.fragmentCalls.get(fragment) ?? []).some(call => this.climb(call) === 'member');
    }

    /**
     * Walks from `element` up to its rule: 'member' when it reaches a body repetition while being first,
     * 'not-member' when it is not first in some group, 'rule-start' when it begins the whole rule.
     */
    private climb(start: GrammarAST.AbstractElement): 'member' | 'not-member' | 'rule-start' {
        let element: GrammarAST.AbstractElement = start;
        for (;;) {
            if (this.repeatsInBody(element)) return 'member';
            const parent = element.$container;
            if (GrammarAST.isGroup(parent)) {
                if (parent.elements[0] !== element) return 'not-member';
                element = parent;
            } else if (GrammarAST.isAlternatives(parent) || GrammarAST.isUnorderedGroup(parent)
                || GrammarAST.isAssignment(parent) || GrammarAST.isCrossReference(parent)) {
                element = parent;
            } else if (GrammarAST.isParserRule(parent)) {
                return 'rule-start';
            } else {
                return 'not-member';
            }
        }
    }

    /** A `*`/`+` element right after a `{` keyword: the repeated members of a body. */
    private repeatsInBody(element: GrammarAST.AbstractElement): boolean {
        let cached = this.cache.get(element);
        if (cached === undefined) {
            const parent = element.$container;
            const repeated = element.cardinality === '*' || element.cardinality === '+';
            // A part of a system (`part of system shop`) holds its members at the top of the file, after its header.
            cached = repeated && GrammarAST.isGroup(parent)
                && (isOpeningBrace(parent.elements[parent.elements.indexOf(element) - 1]) || AstUtils.getContainerOfType(parent, GrammarAST.isParserRule)?.name === 'SystemPart');
            this.cache.set(element, cached);
        }
        return cached;
    }
}

function isOpeningBrace(element: GrammarAST.AbstractElement | undefined): boolean {
    return GrammarAST.isKeyword(element) && element.value === '{';
}

/** A CST node's grammar source as a grammar element inside a rule (not a rule itself). */
function asElement(source: AstNode | undefined): GrammarAST.AbstractElement | undefined {
    return source && GrammarAST.isAbstractElement(source) ? source : undefined;
}
