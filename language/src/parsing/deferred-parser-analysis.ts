/**
 * Chevrotain analyses the whole grammar when a parser is built: a lookahead function for every alternative, option
 * and repetition, and the follow sets that error recovery resynchronises on. That is about a third of building
 * Resil's parser, which every CLI run and every server start pays before it reads a word, while a design exercises
 * a fraction of the grammar and recovery runs only on a syntax error. `deferParserAnalysis` makes both happen on
 * first use: each lookahead function is built when its decision is first taken, the follow sets when the parser
 * first recovers. What is built is what Chevrotain would have built up front.
 *
 * It patches private members of Chevrotain 11's parser (the one inside Langium's parser):
 * `test/unit/parser-internals.test.ts` fails if an upgrade moves them; the parser is then left as it is.
 */

type LookaheadFunction = (this: unknown, ...args: unknown[]) => unknown;

interface LookaheadStrategy {
    buildLookaheadForAlternation(options: unknown): LookaheadFunction;
    buildLookaheadForOptional(options: unknown): LookaheadFunction;
}

/** What the deferral reaches inside Chevrotain's parser. */
export interface ChevrotainAnalysisInternals {
    lookaheadStrategy?: LookaheadStrategy;
    lookAheadFuncsCache?: Map<number, LookaheadFunction>;
    setLaFuncCache?(key: number, value: LookaheadFunction): void;
    TRACE_INIT?(phase: string, impl: () => unknown): unknown;
    resyncFollows?: unknown;
}

/** The name under which Chevrotain's `performSelfAnalysis` computes the follow sets. */
const FOLLOWS_PHASE = 'computeAllProdsFollows';

/** Call before the parser's self-analysis (Langium's `finalize`). */
export function deferParserAnalysis(chevrotainParser: unknown): void {
    const parser = chevrotainParser as ChevrotainAnalysisInternals;
    deferLookahead(parser);
    deferFollows(parser);
}

/** The lookahead functions of each parser not built yet. */
const unbuiltLookahead = new WeakMap<object, Set<() => unknown>>();

/**
 * Builds the lookahead functions `deferParserAnalysis` left to first use, one per step: a language server, idle
 * after its start, builds them between requests, so that the first large design it opens does not build hundreds of
 * them in one of its slices.
 */
export function* buildDeferredLookahead(chevrotainParser: unknown): Generator<void> {
    const unbuilt = unbuiltLookahead.get(chevrotainParser as object);
    for (const build of unbuilt ?? []) {
        build();
        yield;
    }
}

function deferLookahead(parser: ChevrotainAnalysisInternals): void {
    const strategy = parser.lookaheadStrategy;
    const cache = parser.lookAheadFuncsCache;
    const setCached = parser.setLaFuncCache;
    if (!strategy || !(cache instanceof Map) || typeof setCached !== 'function'
        || typeof strategy.buildLookaheadForAlternation !== 'function' || typeof strategy.buildLookaheadForOptional !== 'function') return;
    const keyOf = new WeakMap<LookaheadFunction, number>();
    const unbuilt = new Set<() => LookaheadFunction>();
    unbuiltLookahead.set(parser, unbuilt);
    const deferred = (build: () => LookaheadFunction): LookaheadFunction => {
        let built: LookaheadFunction | undefined;
        const ensureBuilt = (): LookaheadFunction => {
            if (!built) {
                built = build();
                unbuilt.delete(ensureBuilt);
            }
            // From now on the parser finds the built function itself.
            const key = keyOf.get(onFirstUse);
            if (key !== undefined && cache.get(key) === onFirstUse) cache.set(key, built);
            return built;
        };
        const onFirstUse: LookaheadFunction = function (this: unknown, ...args: unknown[]) {
            return ensureBuilt().apply(this, args);
        };
        unbuilt.add(ensureBuilt);
        return onFirstUse;
    };
    const alternation = strategy.buildLookaheadForAlternation;
    const optional = strategy.buildLookaheadForOptional;
    strategy.buildLookaheadForAlternation = options => deferred(() => alternation.call(strategy, options));
    strategy.buildLookaheadForOptional = options => deferred(() => optional.call(strategy, options));
    parser.setLaFuncCache = (key, value) => {
        keyOf.set(value, key);
        setCached.call(parser, key, value);
    };
}

function deferFollows(parser: ChevrotainAnalysisInternals): void {
    const trace = parser.TRACE_INIT;
    if (typeof trace !== 'function' || !('resyncFollows' in parser)) return;
    parser.TRACE_INIT = function (this: ChevrotainAnalysisInternals, phase: string, impl: () => unknown): unknown {
        if (phase !== FOLLOWS_PHASE) return trace.call(this, phase, impl);
        // `impl` assigns `resyncFollows`: the setter turns the property back into plain data.
        Object.defineProperty(parser, 'resyncFollows', {
            configurable: true,
            enumerable: true,
            get() {
                impl();
                return parser.resyncFollows;
            },
            set(value: unknown) {
                Object.defineProperty(parser, 'resyncFollows', { value, writable: true, configurable: true, enumerable: true });
            },
        });
        return undefined;
    };
}
