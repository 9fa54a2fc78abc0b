import { EOF, type IOrAlt, type TokenType, type TokenTypeDictionary } from 'chevrotain';
import { createParser, GrammarAST, GrammarUtils, type BaseParser } from 'langium';

/** A rule as Langium's parser defines it (its `RuleResult`, not exported). */
type RuleResult = NonNullable<ReturnType<BaseParser['getRule']>>;

/**
 * The rules of a parser, built as Langium's `createParser` builds them but with what each step hands Chevrotain
 * made once, when the rule is built, instead of at every step of every parse. Langium's builder passes each rule's
 * arguments down to every step, so it wraps each alternative in a new object and closure at every choice (the
 * member of a region among 35 kinds, a property of a service among 20), and each option, repetition and rule call
 * in a new object: a 10,000-service parse allocated about 110 of a check's 530 MB that way, all of it garbage at
 * once. Chevrotain's own performance advice is to build them once. Nothing depends on a rule's arguments in a
 * grammar without parameters, guards, unordered groups or infix rules (Resil's): such a grammar gets the same
 * rules, calling the parser with the same numbering in the same order; any other goes to Langium's builder.
 */
export function createParserRules<P extends BaseParser>(grammar: GrammarAST.Grammar, parser: P, tokens: TokenTypeDictionary): P {
    const rules = [...GrammarUtils.getAllReachableRules(grammar, false)].filter(GrammarAST.isAbstractParserRule);
    const built: Array<[GrammarAST.ParserRule, () => void]> = [];
    for (const rule of rules) {
        if (!GrammarAST.isParserRule(rule) || rule.parameters.length > 0) return createParser(grammar, parser, tokens);
        const definition = new RuleBuilder(parser, tokens).element(rule.definition);
        if (!definition) return createParser(grammar, parser, tokens);
        built.push([rule, definition]);
    }
    for (const [rule, definition] of built) parser.rule(rule, definition);
    return parser;
}

type Step = () => void;

/** What Langium's parser receives as the arguments of every rule it calls: none, in a grammar without parameters. */
const NO_ARGUMENTS = Object.freeze({});

/** What Langium 4.1's parser reaches inside its Chevrotain parser to call a rule (private there). */
interface RuleCallInternals {
    wrapper?: {
        wrapSubrule?: (index: number, rule: RuleResult, args: unknown) => unknown;
        subrule?: (index: number, rule: RuleResult, options: { ARGS: unknown[] }) => unknown;
    };
}

/**
 * Langium's parser hands Chevrotain a rule's arguments in new options (`{ ARGS: [args] }`) at every rule call:
 * for the calls of the rules built here, which take none, one options object serves them all. Where Langium's
 * internals are not where 4.1 has them, the parser is left as it is.
 */
export function shareRuleCallOptions(parser: BaseParser): void {
    const wrapper = (parser as unknown as RuleCallInternals).wrapper;
    const wrapSubrule = wrapper?.wrapSubrule;
    if (!wrapper || typeof wrapSubrule !== 'function' || typeof wrapper.subrule !== 'function') return;
    const options = { ARGS: [NO_ARGUMENTS] };
    // `subrule` is read at each call: Chevrotain swaps it while it records the grammar.
    wrapper.wrapSubrule = (index, rule, args) => (args === NO_ARGUMENTS ? wrapper.subrule!(index, rule, options) : wrapSubrule.call(wrapper, index, rule, args));
}

/** Builds one rule's steps, numbering each kind of Chevrotain call from 1 in the order Langium's builder does. */
class RuleBuilder {
    private consumes = 1;
    private optionals = 1;
    private subrules = 1;
    private repetitions = 1;
    private choices = 1;

    constructor(private readonly parser: BaseParser, private readonly tokens: TokenTypeDictionary) { }

    /** The step of an element with its cardinality, or undefined where the grammar needs Langium's builder. */
    element(element: GrammarAST.AbstractElement): Step | undefined {
        const once = this.once(element);
        return once && this.repeated(once, element.cardinality);
    }

    private once(element: GrammarAST.AbstractElement): Step | undefined {
        const parser = this.parser;
        if (GrammarAST.isKeyword(element)) return this.consume(this.token(element.value), element);
        if (GrammarAST.isAction(element)) {
            const type = GrammarUtils.getTypeName(element);
            return () => parser.action(type, element);
        }
        if (GrammarAST.isAssignment(element)) return this.element(element.terminal);
        if (GrammarAST.isCrossReference(element)) return this.crossReference(element, element.terminal);
        if (GrammarAST.isRuleCall(element)) return this.ruleCall(element);
        if (GrammarAST.isAlternatives(element)) return this.alternatives(element);
        if (GrammarAST.isUnorderedGroup(element)) return undefined;
        if (GrammarAST.isGroup(element)) return element.guardCondition ? undefined : this.group(element);
        if (GrammarAST.isEndOfFile(element)) return this.consume(EOF, element);
        throw new Error(`Unexpected element type: ${element.$type}`);
    }

    private consume(token: TokenType, feature: GrammarAST.AbstractElement): Step {
        const parser = this.parser;
        const index = this.consumes++;
        return () => parser.consume(index, token, feature);
    }

    private token(name: string): TokenType {
        const token = this.tokens[name];
        if (!token) throw new Error(`Could not find token for keyword: ${name}`);
        return token;
    }

    private ruleCall(call: GrammarAST.RuleCall): Step | undefined {
        const rule = call.rule.ref;
        if (GrammarAST.isTerminalRule(rule)) return this.consume(this.token(rule.name), call);
        if (!GrammarAST.isParserRule(rule)) {
            if (!rule) throw new Error(`Undefined rule: ${call.rule.$refText}`);
            return undefined;
        }
        return call.arguments.length > 0 ? undefined : this.subrule(rule, rule.fragment, call);
    }

    /** A call of `rule`, found by name when first taken: rules are defined one after the other. */
    private subrule(rule: GrammarAST.ParserRule, fragment: boolean, feature: GrammarAST.AbstractElement): Step {
        const parser = this.parser;
        const index = this.subrules++;
        let called: RuleResult | undefined;
        return () => {
            called ??= ruleNamed(parser, rule.name);
            parser.subrule(index, called, fragment, feature, NO_ARGUMENTS);
        };
    }

    private crossReference(reference: GrammarAST.CrossReference, terminal: GrammarAST.AbstractElement | undefined): Step {
        if (!terminal) {
            const type = reference.type.ref;
            if (!type) throw new Error(`Could not resolve reference to type: ${reference.type.$refText}`);
            const name = GrammarUtils.findNameAssignment(type)?.terminal;
            if (!name) throw new Error(`Could not find name assignment for type: ${GrammarUtils.getTypeName(type)}`);
            return this.crossReference(reference, name);
        }
        if (GrammarAST.isRuleCall(terminal) && GrammarAST.isParserRule(terminal.rule.ref)) return this.subrule(terminal.rule.ref, false, reference);
        if (GrammarAST.isRuleCall(terminal) && GrammarAST.isTerminalRule(terminal.rule.ref)) return this.consume(this.token(terminal.rule.ref.name), reference);
        if (GrammarAST.isKeyword(terminal)) return this.consume(this.token(terminal.value), reference);
        throw new Error('Could not build cross reference parser');
    }

    private alternatives(alternatives: GrammarAST.Alternatives): Step | undefined {
        if (alternatives.elements.length === 1) return this.element(alternatives.elements[0]);
        const choices: Array<IOrAlt<unknown>> = [];
        for (const element of alternatives.elements) {
            const step = this.element(element);
            if (!step) return undefined;
            choices.push({ ALT: step });
        }
        const parser = this.parser;
        const index = this.choices++;
        return () => parser.alternatives(index, choices);
    }

    private group(group: GrammarAST.Group): Step | undefined {
        const steps: Step[] = [];
        for (const element of group.elements) {
            const step = this.element(element);
            if (!step) return undefined;
            steps.push(step);
        }
        return () => {
            for (let i = 0; i < steps.length; i++) steps[i]();
        };
    }

    private repeated(step: Step, cardinality: GrammarAST.AbstractElement['cardinality']): Step {
        const parser = this.parser;
        const options = { DEF: step };
        switch (cardinality) {
            case undefined: return step;
            case '*': {
                const index = this.repetitions++;
                return () => parser.many(index, options);
            }
            case '+': {
                const index = this.repetitions++;
                return () => parser.atLeastOne(index, options);
            }
            case '?': {
                const index = this.optionals++;
                return () => parser.optional(index, options);
            }
        }
    }
}

function ruleNamed(parser: BaseParser, name: string): RuleResult {
    const rule = parser.getRule(name);
    if (!rule) throw new Error(`Rule "${name}" not found."`);
    return rule;
}
