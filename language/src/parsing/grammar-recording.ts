import {
    Alternation, Alternative, NonTerminal, Option, Repetition, RepetitionMandatory, RepetitionMandatoryWithSeparator, RepetitionWithSeparator,
    Rule, Terminal, type TokenType,
} from 'chevrotain';

/**
 * Chevrotain learns a parser's grammar by running each of its rules once in a recording mode, which builds the
 * productions (alternatives, options, repetitions, terminals) of every rule: the largest part of building Resil's
 * parser, paid at every CLI start. The recording depends on the grammar alone. `saveGrammarRecording` writes it as
 * JSON (the CLI's build keeps it beside the bundle) and `replayGrammarRecording` gives a new parser that recording
 * instead of letting it record: the same productions, with the same fields. A recording that does not fit the parser
 * (another grammar: a rule or a token it does not know, one of its rules missing) is not used: the parser records.
 *
 * It reaches private members of Chevrotain 11's parser (the one inside Langium's parser), as
 * `deferred-parser-analysis.ts` does: `test/unit/grammar-recording.test.ts` fails if an upgrade moves them.
 */

/** The production classes a recording holds, by name. */
const PRODUCTIONS = {
    Rule, NonTerminal, Terminal, Option, Repetition, RepetitionMandatory, RepetitionMandatoryWithSeparator, RepetitionWithSeparator, Alternation, Alternative,
} as const;

type ProductionName = keyof typeof PRODUCTIONS;

/** A production as saved: its class and its own fields; a token as `{ token: name }`, nested productions in `_definition`. */
type SavedProduction = [ProductionName, Record<string, unknown>];

interface SavedRecording {
    readonly rules: SavedProduction[];
}

/** What the recording reaches inside Chevrotain's parser. */
export interface ChevrotainRecordingInternals {
    TRACE_INIT?(phase: string, impl: () => unknown): unknown;
    gastProductionsCache?: Record<string, Rule>;
    definedRulesNames?: string[];
    tokensMap?: Record<string, TokenType>;
}

/** The names under which Chevrotain's `performSelfAnalysis` records the grammar, then resolves the rules' calls. */
const RECORDING_PHASE = 'Grammar Recording';
const RESOLVING_PHASE = 'Grammar Resolving';

/** Fields that hold tokens; `referencedRule` is left out: the rule called, found again by its name. */
const TOKEN_FIELDS = new Set(['terminalType', 'separator']);
const RESOLVED_LATER = 'referencedRule';

/** The recording of a parser whose self-analysis is done (Langium's `finalize`), as JSON. */
export function saveGrammarRecording(chevrotainParser: unknown): string {
    const parser = chevrotainParser as ChevrotainRecordingInternals;
    const rules = parser.definedRulesNames?.map(name => parser.gastProductionsCache?.[name]);
    if (!rules || rules.some(rule => rule === undefined)) throw new Error('the parser has not recorded its grammar');
    const recording: SavedRecording = { rules: rules.map(rule => saveProduction(rule!)) };
    return JSON.stringify(recording);
}

function saveProduction(production: object): SavedProduction {
    const name = (Object.keys(PRODUCTIONS) as ProductionName[]).find(key => Object.getPrototypeOf(production) === PRODUCTIONS[key].prototype);
    if (!name) throw new Error(`unknown production ${production.constructor.name}`);
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(production)) {
        if (key === RESOLVED_LATER) continue;
        if (key === '_definition') fields[key] = (value as object[]).map(saveProduction);
        else if (TOKEN_FIELDS.has(key)) fields[key] = { token: (value as TokenType).name };
        else if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
        else if (value !== undefined) throw new Error(`${name}.${key} cannot be saved`);
    }
    return [name, fields];
}

/**
 * Call before the parser's self-analysis (Langium's `finalize`): the parser takes its productions from `recording`
 * (the JSON of `saveGrammarRecording`) instead of recording them, if the recording fits it.
 */
export function replayGrammarRecording(chevrotainParser: unknown, recording: string | undefined): void {
    const parser = chevrotainParser as ChevrotainRecordingInternals;
    const trace = parser.TRACE_INIT;
    if (recording === undefined || typeof trace !== 'function') return;
    let replayed = false;
    parser.TRACE_INIT = function (this: ChevrotainRecordingInternals, phase: string, impl: () => unknown): unknown {
        // The replayed rules' calls are resolved already, each to its rule (see `restoredRules`).
        if (phase === RESOLVING_PHASE && replayed) return undefined;
        if (phase !== RECORDING_PHASE) return trace.call(this, phase, impl);
        const rules = restoredRules(parser, recording);
        if (!rules) return trace.call(this, phase, impl);
        for (const rule of rules) parser.gastProductionsCache![rule.name] = rule;
        replayed = true;
        return undefined;
    };
}

/** The recorded rules, in the parser's own objects, or undefined if the recording does not fit the parser. */
function restoredRules(parser: ChevrotainRecordingInternals, recording: string): Rule[] | undefined {
    const names = parser.definedRulesNames;
    const tokens = parser.tokensMap;
    if (!Array.isArray(names) || !tokens || typeof parser.gastProductionsCache !== 'object') return undefined;
    try {
        const saved = (JSON.parse(recording) as SavedRecording).rules;
        const calls: NonTerminal[] = [];
        const rules = saved.map(production => restoreProduction(production, tokens, calls));
        const fits = rules.length === names.length && rules.every((rule, i) => rule instanceof Rule && rule.name === names[i]);
        if (!fits) return undefined;
        // What Chevrotain's resolving phase does, which then has nothing left to do.
        const byName = new Map((rules as Rule[]).map(rule => [rule.name, rule]));
        for (const call of calls) {
            const called = byName.get(call.nonTerminalName);
            if (!called) return undefined;
            call.referencedRule = called;
        }
        return rules as Rule[];
    } catch {
        return undefined;
    }
}

function restoreProduction([name, fields]: SavedProduction, tokens: Record<string, TokenType>, calls: NonTerminal[]): object {
    if (!Object.hasOwn(PRODUCTIONS, name)) throw new Error(`unknown production ${name}`);
    // The saved fields become the production's own (Chevrotain's constructors only copy their options into it).
    for (const key of Object.keys(fields)) {
        const value = fields[key];
        if (key === '_definition') {
            fields[key] = (value as SavedProduction[]).map(child => restoreProduction(child, tokens, calls));
        } else if (TOKEN_FIELDS.has(key)) {
            const token = tokens[(value as { token: string }).token];
            if (!token) throw new Error(`unknown token ${(value as { token: string }).token}`);
            fields[key] = token;
        }
    }
    const restored = Object.assign(Object.create(PRODUCTIONS[name].prototype as object) as object, fields);
    if (restored instanceof NonTerminal) calls.push(restored);
    return restored;
}

let recordingSource: () => string | undefined = () => undefined;

/** Where the parsers built from now on find a recording of the grammar (the CLI: the one its build saved). */
export function useGrammarRecording(source: () => string | undefined): void {
    recordingSource = source;
}

/** The recording the parser being built may replay, if any. */
export function availableGrammarRecording(): string | undefined {
    return recordingSource();
}
