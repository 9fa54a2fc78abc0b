import {
    createParser, CstNodeBuilder, isAstNode, LangiumCompletionParser, LangiumParser, type AstNode, type CompletionParserResult, type LexerResult, type Mutable,
    type ParseResult, type ParserOptions,
} from 'langium';
import type { ILexingError, IToken } from 'chevrotain';
import type { LangiumCoreServices } from 'langium';
import { MAX_FILE_BYTES, tooLargeMessage } from '../workspace/limits.js';
import { ResilCstNodeBuilder } from './resil-cst-node-builder.js';
import { buildDeferredLookahead, deferParserAnalysis } from './deferred-parser-analysis.js';
import { availableGrammarRecording, replayGrammarRecording } from './grammar-recording.js';
import { shallowErrorLookahead } from './shallow-error-lookahead.js';
import { watchRepeatedAssignments } from './repeated-assignments.js';
import { onlyPropertiesWithDefaults } from './mandatory-properties.js';
import { createParserRules, shareRuleCallOptions } from './resil-parser-builder.js';

/**
 * Guards around Langium's parsers, so that no text can crash or wedge them:
 * - Chevrotain's error recovery recurses once per unclosed block: a few hundred `{` in a row (a paste gone wrong,
 *   a fuzzer) exhaust the stack. Langium then leaves its node stack half full, so every later parse by the same
 *   parser (the whole language server session) fails too. A stack overflow becomes one clear syntax error and
 *   the parser stays usable.
 * - A text over the size limit (the CLI refuses such files before reading them; an editor sends them anyway)
 *   is not parsed at all: one error says why.
 */

const TOO_DEEP = 'This design nests blocks too deeply to be read (the parser ran out of stack). '
    + 'Close the `{` blocks opened here, or remove the repeated text.';

/** Nesting depth beyond which the error is placed (where the trouble starts, in practice). */
const DEEP = 50;

/** What `skipEmptyHiddenTokenWork` and `ResilParser.parseLinked` reach inside Langium 4.1's parser (private there). */
interface HiddenTokenInternals {
    lexerResult?: LexerResult;
    extractHiddenTokens?: (token: IToken) => IToken[];
    nodeBuilder?: { addHiddenNodes?: (tokens: IToken[]) => void };
}

/** The rest of what `ResilParser.parseLinked` reaches (private in Langium 4.1's parser). */
interface ParseInternals {
    nodeBuilder?: { buildRootNode?: (input: string) => unknown; addHiddenNodes?: (tokens: IToken[]) => void };
    doParse?: (rule: unknown) => AstNode;
}

const NO_TOKENS: IToken[] = [];

/**
 * Langium 4.1 puts the comments that precede each token into the CST by calling `addHiddenNodes` for every token,
 * and even with no comment there that call walks up the CST and allocates. A design of 10,000 services is 170,000
 * tokens with a handful of comments, and its parse blocks the server's only thread: skipping the empty calls
 * makes it about a tenth faster. Comments are placed exactly as before. If Langium changes these internals, the
 * parser is left as it is.
 */
function skipEmptyHiddenTokenWork(parser: LangiumParser): void {
    const internals = parser as unknown as HiddenTokenInternals;
    const extract = internals.extractHiddenTokens;
    const builder = internals.nodeBuilder;
    const add = builder?.addHiddenNodes;
    if (typeof extract !== 'function' || !builder || typeof add !== 'function') return;
    internals.extractHiddenTokens = token => {
        const hidden = internals.lexerResult?.hidden;
        return hidden && hidden.length > 0 && hidden[0].startOffset <= token.startOffset ? extract.call(parser, token) : NO_TOKENS;
    };
    builder.addHiddenNodes = tokens => {
        if (tokens.length > 0) add.call(builder, tokens);
    };
}

/** Builds the CST with `ResilCstNodeBuilder` (fewer, smaller objects), if Langium's parser still has its builder where 4.1 has it. */
function useLighterCst(parser: LangiumParser): void {
    const internals = parser as unknown as HiddenTokenInternals;
    if (internals.nodeBuilder instanceof CstNodeBuilder) internals.nodeBuilder = new ResilCstNodeBuilder();
}

/**
 * Chevrotain's parser keeps the token vector of its last input until the next parse: in the CLI, the tokens of the
 * whole design (about a sixth of its heap) stay alive through linking and validation, and in the server those of
 * the last document parsed. Nothing reads them once the parse is done (its errors keep their own tokens).
 */
function releaseTokens(parser: LangiumParser): void {
    const chevrotain = (parser as unknown as { wrapper?: { input?: unknown } }).wrapper;
    if (chevrotain && Array.isArray(chevrotain.input) && chevrotain.input.length > 0) chevrotain.input = [];
    releaseTree(parser);
}

/**
 * Langium's CST builder keeps the root of the last tree it built until the next parse, and with it the whole
 * document (its tree, the AST the tree points to, and what later stages hung on them): in the language server, a
 * 10,000-service design closed stayed in memory (140 MB) until another document was parsed.
 */
function releaseTree(parser: LangiumParser): void {
    const nodeBuilder = (parser as unknown as { nodeBuilder?: unknown }).nodeBuilder;
    if (nodeBuilder instanceof ResilCstNodeBuilder) nodeBuilder.finish();
    const builder = nodeBuilder as { rootNode?: unknown; nodeStack?: unknown } | undefined;
    if (builder && 'rootNode' in builder && Array.isArray(builder.nodeStack)) {
        builder.rootNode = undefined;
        builder.nodeStack = [];
    }
}

export class ResilParser extends LangiumParser {
    private readonly repeats: ReturnType<typeof watchRepeatedAssignments>;

    constructor(services: LangiumCoreServices) {
        super(services);
        useLighterCst(this);
        skipEmptyHiddenTokenWork(this);
        shareRuleCallOptions(this);
        onlyPropertiesWithDefaults(this);
        this.repeats = watchRepeatedAssignments(this);
    }

    override finalize(): void {
        const chevrotain = (this as unknown as { wrapper: unknown }).wrapper;
        deferParserAnalysis(chevrotain);
        shallowErrorLookahead(chevrotain);
        replayGrammarRecording(chevrotain, availableGrammarRecording());
        super.finalize();
    }

    override parse<T extends AstNode = AstNode>(input: string, options: ParserOptions = {}): ParseResult<T> {
        const bytes = sizeOverLimit(input);
        if (bytes !== undefined) {
            return { ...super.parse<T>('', options), lexerErrors: [{ offset: 0, line: 1, column: 1, length: 1, message: tooLargeMessage(bytes) }], parserErrors: [] };
        }
        // Nesting deeper than any design needs is refused before parsing: an overflow inside the parser can leave
        // its lookahead caches half built, and later parses of other documents then go wrong.
        if (deepOffset(input) > 0) return this.parseTooDeep<T>(input, options);
        try {
            return this.parseLinked<T>(input, options);
        } catch (error) {
            if (!(error instanceof RangeError)) throw error;
            return this.parseTooDeep<T>(input, options);
        } finally {
            releaseTokens(this);
        }
    }

    /**
     * Langium 4.1's `parse`, with the containers of the nodes linked by `linkContainers` instead of Langium's
     * `linkContentToContainer`, which makes an array of entries for every node (a twentieth of a 10,000-service
     * check). If Langium's internals are not where 4.1 has them, its own `parse`.
     */
    private parseLinked<T extends AstNode>(input: string, options: ParserOptions): ParseResult<T> {
        const internals = this as unknown as HiddenTokenInternals & ParseInternals;
        const builder = internals.nodeBuilder;
        const rule = options.rule ? this.allRules.get(options.rule) : this.mainRule;
        if (!rule || typeof internals.doParse !== 'function' || typeof builder?.buildRootNode !== 'function' || typeof builder.addHiddenNodes !== 'function') {
            return super.parse<T>(input, options);
        }
        builder.buildRootNode(input);
        const lexerResult = internals.lexerResult = this.lexer.tokenize(input);
        this.wrapper.input = lexerResult.tokens;
        this.repeats?.start();
        const result = internals.doParse.call(this, rule) as T;
        builder.addHiddenNodes(lexerResult.hidden);
        this.unorderedGroups.clear();
        internals.lexerResult = undefined;
        linkContainers(result);
        this.repeats?.finish(result);
        return { value: result, lexerErrors: lexerResult.errors, lexerReport: lexerResult.report, parserErrors: this.wrapper.errors };
    }

    /** What the parser's analysis left to first use, built a piece per step (see `buildDeferredLookahead`). */
    buildDeferredAnalysis(): Generator<void> {
        return buildDeferredLookahead((this as unknown as { wrapper: unknown }).wrapper);
    }

    /** The builder of its trees, when it is Resil's (see `useLighterCst`). */
    get cstBuilder(): ResilCstNodeBuilder | undefined {
        const builder = (this as unknown as HiddenTokenInternals).nodeBuilder;
        return builder instanceof ResilCstNodeBuilder ? builder : undefined;
    }

    /**
     * `input` (which `isGuarded` passed) parsed by `rule` (the entry rule by default), without the guards of `parse`:
     * one slice of a larger parse (sliced-parse.ts).
     */
    parseElement<T extends AstNode = AstNode>(input: string, rule?: string): ParseResult<T> {
        try {
            return this.parseLinked<T>(input, { rule });
        } finally {
            releaseTokens(this);
        }
    }

    private parseTooDeep<T extends AstNode>(input: string, options: ParserOptions): ParseResult<T> {
        const tooDeep = tooDeepError(input);
        // Keep what precedes the deep part (its elements stay usable), or else nothing.
        const partial = this.parseAfterOverflow<T>(input.slice(0, tooDeep.offset), options) ?? this.parseAfterOverflow<T>('', options)!;
        return { ...partial, lexerErrors: [tooDeep], parserErrors: [] };
    }

    private parseAfterOverflow<T extends AstNode>(input: string, options: ParserOptions): ParseResult<T> | undefined {
        // `stack` is private to LangiumParser and not reset by `parse`: clear what the overflow left behind.
        (this as unknown as { stack: unknown[] }).stack.length = 0;
        try {
            return super.parse<T>(input, options);
        } catch (error) {
            if (error instanceof RangeError) return undefined;
            throw error;
        }
    }
}

/**
 * Sets `$container`, `$containerProperty` and (in lists) `$containerIndex` of every node below `root`, as Langium's
 * `linkContentToContainer(root, { deep: true })` does, without allocating for each node.
 */
export function linkContainers(root: AstNode): void {
    const stack: AstNode[] = [root];
    while (stack.length > 0) {
        const node = stack.pop()! as unknown as Record<string, unknown>;
        for (const property in node) {
            if (property.charCodeAt(0) === DOLLAR) continue;
            const value = node[property];
            if (Array.isArray(value)) {
                for (let index = 0; index < value.length; index++) {
                    const item: unknown = value[index];
                    if (!isAstNode(item)) continue;
                    (item as Mutable<AstNode>).$container = node as unknown as AstNode;
                    (item as Mutable<AstNode>).$containerProperty = property;
                    (item as Mutable<AstNode>).$containerIndex = index;
                    stack.push(item);
                }
            } else if (isAstNode(value)) {
                (value as Mutable<AstNode>).$container = node as unknown as AstNode;
                (value as Mutable<AstNode>).$containerProperty = property;
                stack.push(value);
            }
        }
    }
}

const DOLLAR = '$'.charCodeAt(0);

export class ResilCompletionParser extends LangiumCompletionParser {
    override parse(input: string): CompletionParserResult {
        try {
            return super.parse(input);
        } catch (error) {
            if (!(error instanceof RangeError)) throw error;
            // No completion proposals rather than a failed request.
            return { tokens: [], elementStack: [], tokenIndex: 0 };
        }
    }
}

export function createResilParser(services: LangiumCoreServices): LangiumParser {
    const parser = createParserRules(services.Grammar, new ResilParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

export function createResilCompletionParser(services: LangiumCoreServices): LangiumCompletionParser {
    const parser = createParser(services.Grammar, new ResilCompletionParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

/** Whether `parse` refuses `input` or parses it otherwise than Langium would (too large, nested too deeply). */
export function isGuarded(input: string): boolean {
    return sizeOverLimit(input) !== undefined || deepOffset(input) > 0;
}

/** The error, placed where `{` nesting (outside strings and comments) first gets deep. */
function tooDeepError(input: string): ILexingError {
    const offset = deepOffset(input);
    const before = input.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return { offset, line, column, length: 1, message: TOO_DEEP };
}

function deepOffset(input: string): number {
    let depth = 0;
    for (let i = 0; i < input.length; i++) {
        const ch = input[i];
        if (ch === '"' || ch === '\'') {
            const end = input.indexOf(ch, i + 1);
            i = end < 0 ? input.length : end;
        } else if (ch === '/' && input[i + 1] === '/') {
            const end = input.indexOf('\n', i);
            i = end < 0 ? input.length : end;
        } else if (ch === '/' && input[i + 1] === '*') {
            const end = input.indexOf('*/', i + 2);
            i = end < 0 ? input.length : end + 1;
        } else if (ch === '{' && ++depth > DEEP) {
            return i;
        } else if (ch === '}') {
            depth = Math.max(0, depth - 1);
        }
    }
    return 0;
}

/** The UTF-8 size of a text over the limit, else undefined (counted only when it could be over: 1 to 3 bytes a unit). */
function sizeOverLimit(text: string): number | undefined {
    if (text.length * 3 <= MAX_FILE_BYTES) return undefined;
    const bytes = Buffer.byteLength(text, 'utf8');
    return bytes > MAX_FILE_BYTES ? bytes : undefined;
}
