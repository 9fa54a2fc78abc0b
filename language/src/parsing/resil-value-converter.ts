import { DefaultValueConverter, GrammarAST, GrammarUtils, ValueConverter, type CstNode, type ValueType } from 'langium';

type Convert = (input: string) => ValueType;

const unchanged: Convert = input => input;

/**
 * `99.95%` becomes 99.95; durations stay text (`35d`) so that an unknown unit can be reported, not lost.
 *
 * Langium's converter works out, for every value parsed, which rule the value's grammar element calls (asking the
 * reflection whether the element is a cross-reference, then a rule call) and how that rule converts (the rule's
 * name in capitals, a new string each time, then its type, found through the grammar): about a twentieth of
 * parsing a large design. Both answers depend on the grammar alone: each is worked out once per element and per
 * rule here, Langium's way, and kept.
 */
export class ResilValueConverter extends DefaultValueConverter {
    /** The rule each grammar element's values are converted by, or null where they stay as written. */
    private readonly ruleOfElement = new Map<GrammarAST.AbstractElement, GrammarAST.AbstractRule | null>();
    private readonly conversionOfRule = new Map<GrammarAST.AbstractRule, Convert>();

    override convert(input: string, cstNode: CstNode): ValueType {
        const element = cstNode.grammarSource;
        if (!element) return super.convert(input, cstNode);
        let rule = this.ruleOfElement.get(element);
        if (rule === undefined) {
            rule = calledRule(element);
            this.ruleOfElement.set(element, rule);
        }
        return rule === null ? input : this.runConverter(rule, input);
    }

    protected override runConverter(rule: GrammarAST.AbstractRule, input: string): ValueType {
        let conversion = this.conversionOfRule.get(rule);
        if (!conversion) {
            conversion = conversionOf(rule);
            this.conversionOfRule.set(rule, conversion);
        }
        return conversion(input);
    }
}

/** The rule that converts the values of `element` (Langium's `DefaultValueConverter.convert`), or null. */
function calledRule(element: GrammarAST.AbstractElement): GrammarAST.AbstractRule | null {
    const called = GrammarAST.isCrossReference(element) ? GrammarUtils.getCrossReferenceTerminal(element) : element;
    if (!GrammarAST.isRuleCall(called)) return null;
    const rule = called.rule.ref;
    if (!rule) throw new Error('This cst node was not parsed by a rule.');
    return rule;
}

/** How `rule` converts its text: Resil's numbers, else as Langium's `DefaultValueConverter.runConverter` does. */
function conversionOf(rule: GrammarAST.AbstractRule): Convert {
    if (rule.name === 'PERCENT') return input => Number(input.slice(0, -1));
    if (rule.name === 'NUMBER') return input => Number(input);
    switch (rule.name.toUpperCase()) {
        case 'INT': return ValueConverter.convertInt;
        case 'STRING': return ValueConverter.convertString;
        case 'ID': return ValueConverter.convertID;
    }
    switch (GrammarUtils.getRuleType(rule)?.toLowerCase()) {
        case 'number': return ValueConverter.convertNumber;
        case 'boolean': return ValueConverter.convertBoolean;
        case 'bigint': return ValueConverter.convertBigint;
        case 'date': return ValueConverter.convertDate;
        default: return unchanged;
    }
}
