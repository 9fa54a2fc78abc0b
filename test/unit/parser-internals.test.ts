import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import {
    AstUtils, CstNodeBuilder, CstUtils, createParser, DefaultTokenBuilder, EmptyFileSystem, isAstNode, isReference, LangiumParser, type AstNode, type LangiumCoreServices,
} from 'langium';
import { Lexer, type TokenType } from 'chevrotain';
import type { ChevrotainAnalysisInternals } from '../../language/src/parsing/deferred-parser-analysis.js';
import { ResilTokenBuilder } from '../../language/src/parsing/resil-token-builder.js';
import { isSqs, type Model } from '../../language/src/generated/ast.js';
import { createResilServices } from '../../language/src/resil-module.js';
import { ResilParser } from '../../language/src/parsing/resil-parser.js';
import { ResilCstNodeBuilder } from '../../language/src/parsing/resil-cst-node-builder.js';
import { LANGUAGE_TOUR } from '../support/paths.js';
import { loadCorpus } from '../fuzz/corpus.js';
import { parsedWithoutRepeatedAssignments } from '../../language/src/parsing/repeated-assignments.js';
import { PropertyValidator } from '../../language/src/validation/property-validator.js';
import type { RuleReporter } from '../../language/src/validation/rule-reporter.js';
import { inRegion } from '../support/services.js';
import { saveGrammarRecording } from '../../language/src/parsing/grammar-recording.js';

// language/src/parsing/resil-parser.ts patches private members of Langium 4.1's parser. A Langium upgrade that
// renames or reshapes them would turn the patches into silent no-ops (or break parsing): these tests fail first.

/** The private members of LangiumParser the patches rely on. */
interface ParserInternals {
    stack: unknown[];
    readonly current: unknown;
    extractHiddenTokens: unknown;
    nodeBuilder: { addHiddenNodes: unknown };
}

const internals = (parser: LangiumParser) => parser as unknown as ParserInternals;

/** Fresh services, so that the parser is constructed while a test spies on Langium's prototypes. */
function freshServices(): LangiumCoreServices {
    return createResilServices(EmptyFileSystem).Resil;
}

/** Langium's own parser for the same grammar, without the patches. */
function unpatchedParser(services: LangiumCoreServices): LangiumParser {
    const parser = createParser(services.Grammar, new LangiumParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

/** The comments in the CST, with the text of the AST node each one ends up in. */
function commentPlacement(root: AstNode): string[] {
    return CstUtils.flattenCst(root.$cstNode!).filter(leaf => leaf.hidden && leaf.text.trim().length > 0)
        .map(leaf => `${leaf.offset} ${leaf.text} -> ${leaf.container?.astNode.$type ?? 'none'}`).toArray();
}

/** Parses a complete design, one without comments and a cut-off one with ours and with Langium's parser; compares what `describe` says of the trees. */
function assertParsedAsLangium(services: LangiumCoreServices, describe: (root: AstNode) => string[], minimum: number): void {
    for (const text of [LANGUAGE_TOUR, WITHOUT_COMMENTS, 'system S {\n  region r "us-east-1" {\n    lambda f { uses \n']) {
        const ours = describe(services.parser.LangiumParser.parse(text).value);
        assert.ok(ours.length > minimum);
        assert.deepEqual(ours, describe(unpatchedParser(services).parse(text).value));
    }
}

const WITHOUT_COMMENTS = inRegion('    sqs jobs\n    lambda worker {\n      consumes jobs\n      concurrency 5\n    }');

describe('Langium internals the parser patches', () => {
    it('are there, with the shape the patches expect', () => {
        const parser = freshServices().parser.LangiumParser;
        assert.ok(parser instanceof ResilParser);
        const langium = LangiumParser.prototype as unknown as Record<string, unknown>;
        assert.equal(typeof langium.extractHiddenTokens, 'function', 'LangiumParser.extractHiddenTokens');
        assert.equal(typeof CstNodeBuilder.prototype.addHiddenNodes, 'function', 'CstNodeBuilder.addHiddenNodes');
        const own = internals(parser);
        assert.ok(own.nodeBuilder instanceof CstNodeBuilder, 'LangiumParser.nodeBuilder');
        // The patches replace both methods on the instance: the parser must not be running Langium's own.
        assert.notEqual(own.extractHiddenTokens, langium.extractHiddenTokens, 'extractHiddenTokens is not patched');
        assert.notEqual(own.nodeBuilder.addHiddenNodes, CstNodeBuilder.prototype.addHiddenNodes, 'addHiddenNodes is not patched');
        // `stack` must be the node stack Langium builds on (its `current` getter reads the top).
        assert.ok(Array.isArray(own.stack), 'LangiumParser.stack');
        const sentinel = { $type: 'Sentinel' };
        own.stack.push(sentinel);
        assert.equal(own.current, sentinel, 'LangiumParser.current reads another stack than `stack`');
        own.stack.length = 0;
    });

    it('skip the hidden-token work when there is no comment, and place comments as Langium does', () => {
        const original = ResilCstNodeBuilder.prototype.addHiddenNodes;
        const calls: number[] = [];
        ResilCstNodeBuilder.prototype.addHiddenNodes = function (this: ResilCstNodeBuilder, tokens) {
            calls.push(tokens.length);
            return original.call(this, tokens);
        };
        let services: LangiumCoreServices;
        try {
            services = freshServices();
            services.parser.LangiumParser.parse(WITHOUT_COMMENTS);
            assert.deepEqual(calls, [], 'Langium was asked to add empty lists of hidden tokens');
            services.parser.LangiumParser.parse(LANGUAGE_TOUR);
            assert.ok(calls.length > 0 && calls.every(n => n > 0), `calls for the tour's comments: ${calls.join(', ')}`);
        } finally {
            ResilCstNodeBuilder.prototype.addHiddenNodes = original;
        }
        const patched = services.parser.LangiumParser.parse(LANGUAGE_TOUR).value;
        const plain = unpatchedParser(services).parse(LANGUAGE_TOUR).value;
        const comments = commentPlacement(plain);
        assert.ok(comments.length > 5, comments.join('\n'));
        assert.deepEqual(commentPlacement(patched), comments);
    });

    it('build the CST with lighter leaves: the same nodes, offsets, ranges and containers as Langium\'s builder', () => {
        const services = freshServices();
        assert.ok(internals(services.parser.LangiumParser).nodeBuilder instanceof ResilCstNodeBuilder, 'the parser builds with Langium\'s own CST builder');
        const shape = (root: AstNode) => CstUtils.streamCst(root.$cstNode!).map(node => JSON.stringify([
            node.offset, node.length, node.range, node.hidden, node.text, node.container?.offset, node.grammarSource?.$type, node.astNode.$type,
        ])).toArray();
        assertParsedAsLangium(services, shape, 10);
    });

    it('defer Chevrotain\'s lookahead functions and follow sets to their first use, and parse as Langium does', () => {
        const services = freshServices();
        const parser = services.parser.LangiumParser;
        const chevrotain = (parser as unknown as { wrapper: ChevrotainAnalysisInternals }).wrapper;
        const cache = chevrotain.lookAheadFuncsCache;
        assert.ok(cache instanceof Map && cache.size > 100, 'Chevrotain\'s lookahead cache');
        assert.equal(typeof chevrotain.lookaheadStrategy?.buildLookaheadForAlternation, 'function', 'buildLookaheadForAlternation');
        assert.equal(typeof chevrotain.lookaheadStrategy?.buildLookaheadForOptional, 'function', 'buildLookaheadForOptional');
        const followsDeferred = () => typeof Object.getOwnPropertyDescriptor(chevrotain, 'resyncFollows')?.get === 'function';
        assert.ok(followsDeferred(), 'the follow sets were computed with the parser');
        const before = new Map(cache);
        const shape = (root: AstNode) => CstUtils.streamCst(root.$cstNode!).map(node => `${node.offset} ${node.length} ${node.astNode.$type}`).toArray();
        assert.deepEqual(shape(parser.parse(WITHOUT_COMMENTS).value), shape(unpatchedParser(services).parse(WITHOUT_COMMENTS).value));
        const replaced = [...before].filter(([key, fn]) => cache.get(key) !== fn).length;
        assert.ok(replaced > 0 && replaced < before.size / 2, `a small design builds a few of the ${before.size} lookahead functions, not ${replaced}`);
        assert.ok(followsDeferred(), 'a parse without errors computed the follow sets');
        // Error recovery resynchronises on the follow sets: the same recovered tree and errors as Langium's parser.
        const broken = inRegion('    lambda f {\n      uses 42 42\n    }\n    sqs q {\n      dlq }\n    lambda g { uses f }');
        const ours = parser.parse(broken);
        const plain = unpatchedParser(services).parse(broken);
        assert.ok(ours.parserErrors.length > 0);
        assert.deepEqual(ours.parserErrors.map(e => `${e.token.startOffset} ${e.message}`), plain.parserErrors.map(e => `${e.token.startOffset} ${e.message}`));
        assert.deepEqual(shape(ours.value), shape(plain.value));
        assert.ok(!followsDeferred(), 'recovery did not use the follow sets');
        for (const text of [LANGUAGE_TOUR, 'system S {\n  region r "us-east-1" {\n    lambda f { uses \n']) {
            assert.deepEqual(shape(parser.parse(text).value), shape(unpatchedParser(services).parse(text).value));
        }
    });

    it('give each keyword the same longer alternatives as Langium\'s token builder', () => {
        const grammar = freshServices().Grammar;
        const longerAlts = (tokens: TokenType[]) => tokens.map(t => `${t.name}: ${(t.LONGER_ALT as TokenType[] | undefined)?.map(alt => alt.name).join(',') ?? '-'}`);
        const ours = longerAlts(new ResilTokenBuilder().buildTokens(grammar) as TokenType[]);
        assert.ok(ours.some(line => /^lambda: ID/.test(line)), ours.slice(0, 5).join('\n'));
        assert.deepEqual(ours, longerAlts(new DefaultTokenBuilder().buildTokens(grammar) as TokenType[]));
    });

    it('say which keywords can hold a line break, as Chevrotain finds when it is not told', () => {
        const tokens = new ResilTokenBuilder().buildTokens(freshServices().Grammar) as TokenType[];
        const keywords = tokens.filter(t => typeof t.PATTERN === 'string');
        assert.ok(keywords.length > 150 && keywords.every(t => t.LINE_BREAKS === false), 'a keyword not said to hold no line break');
        const untold = tokens.map(t => {
            if (typeof t.PATTERN !== 'string') return t;
            const copy = { ...t };
            delete copy.LINE_BREAKS;
            return copy;
        });
        const lineTerminators = (vocabulary: TokenType[]) => (new Lexer(vocabulary, { positionTracking: 'full', skipValidations: true }) as unknown as
            { patternIdxToConfig: Record<string, { canLineTerminator: boolean }[]> }).patternIdxToConfig.defaultMode.map(config => config.canLineTerminator);
        assert.deepEqual(lineTerminators(tokens), lineTerminators(untold));
        assert.ok(lineTerminators(tokens).some(Boolean), 'no token holds a line break');
    });

    it('build the tokens Langium\'s own walk of the grammar builds, in its order', () => {
        const grammar = freshServices().Grammar;
        const describe = (tokens: TokenType[]) => tokens.map(t => JSON.stringify([t.name, String(t.PATTERN), t.GROUP, t.LINE_BREAKS,
            (t.LONGER_ALT as TokenType[] | undefined)?.map(alt => alt.name), t.CATEGORIES?.map(category => category.name)]));
        const builder = new ResilTokenBuilder();
        const ours = describe(builder.buildTokens(grammar) as TokenType[]);
        assert.ok(ours.length > 150 && ours.at(-1)!.startsWith('["') && ours.some(line => line.startsWith('["WS"')), ours.slice(-5).join('\n'));
        assert.deepEqual(ours, describe(DefaultTokenBuilder.prototype.buildTokens.call(builder, grammar) as TokenType[]));
    });

    it('clear the node stack an overflow leaves behind', () => {
        const parser = freshServices().parser.LangiumParser;
        // What a stack overflow in the middle of a rule leaves: nodes that were never popped.
        internals(parser).stack.push({ $type: 'Region' }, { $type: 'Cell' });
        const deep = `${inRegion('    sqs jobs')}\n${'{'.repeat(200)}`;
        const result = parser.parse(deep);
        assert.match(result.lexerErrors[0]?.message ?? '', /nests blocks too deeply/);
        assert.deepEqual(AstUtils.streamAst(result.value).filter(isSqs).map(queue => queue.name).toArray(), ['jobs'], 'the part before the deep one');
        assert.equal(internals(parser).stack.length, 0);
    });

    it('parse with Langium\'s steps and link the containers as Langium does', () => {
        const services = freshServices();
        const langium = LangiumParser.prototype as unknown as Record<string, unknown>;
        for (const member of ['doParse', 'assign', 'assignWithoutOverride']) assert.equal(typeof langium[member], 'function', `LangiumParser.${member}`);
        // Without these, ResilParser falls back to Langium's own parse (and its slower container linking).
        const containers = (root: AstNode) => AstUtils.streamAst(root).map(node => JSON.stringify([
            node.$type, node.$cstNode?.offset, node.$container?.$type, node.$container?.$cstNode?.offset, node.$containerProperty, node.$containerIndex,
        ])).toArray();
        assertParsedAsLangium(services, containers, 3);
    });

    it('set each property\'s default (`[]`, `false`) where Langium sets it, from the metadata of the properties that have one', () => {
        const services = freshServices();
        const parser = services.parser.LangiumParser as unknown as { astReflection: unknown };
        // Without its reflection where Langium 4.1 keeps it, the parser would read the full metadata (and be slower).
        assert.notEqual(parser.astReflection, services.shared.AstReflection, 'LangiumParser.astReflection is not replaced');
        assert.equal(Object.getPrototypeOf(parser.astReflection), services.shared.AstReflection);
        const values = (root: AstNode) => AstUtils.streamAst(root).map(node => JSON.stringify(Object.entries(node)
            .filter(([key]) => !key.startsWith('$') || key === '$type')
            .map(([key, value]) => [key, isAstNode(value) ? value.$type : isReference(value) ? value.$refText : Array.isArray(value) ? value.length : value]))).toArray();
        assertParsedAsLangium(services, values, 3);
        for (const text of loadCorpus()) {
            assert.deepEqual(values(services.parser.LangiumParser.parse(text).value), values(unpatchedParser(services).parse(text).value));
        }
    });

    it('note every property given a value twice, so that duplicate-property may skip its pass when there is none', () => {
        const services = freshServices();
        const parser = services.parser.LangiumParser;
        const plain = unpatchedParser(services);
        let found = 0;
        const validator = new PropertyValidator({ report: () => { found++; } } as unknown as RuleReporter);
        /** What the duplicate-property pass finds in Langium's own tree of the text (never marked by our parser). */
        const repeats = (text: string) => {
            found = 0;
            validator.checkDuplicates(plain.parse(text).value as Model, () => undefined);
            return found;
        };
        // Every line of the corpus written twice: repeated properties, repeated list members, repeated elements.
        const texts = loadCorpus().flatMap(text => {
            const lines = text.split('\n');
            return [text, ...lines.map((_, i) => [...lines.slice(0, i + 1), ...lines.slice(i)].join('\n')).filter((_, i) => i % 7 === 0)];
        });
        let marked = 0;
        let withRepeats = 0;
        for (const text of texts) {
            const count = repeats(text);
            if (count > 0) withRepeats++;
            if (!parsedWithoutRepeatedAssignments(parser.parse(text).value)) continue;
            marked++;
            assert.equal(count, 0, `marked free of repeats, yet the pass finds ${count} in:\n${text}`);
        }
        assert.ok(marked > texts.length / 2 && withRepeats > 50, `${marked} of ${texts.length} texts marked, ${withRepeats} with repeats`);
    });

    it('hand Chevrotain the choices and options its rules built once, with the productions of Langium\'s builder', () => {
        const services = freshServices();
        const parser = services.parser.LangiumParser;
        const langiumBuilt = createParser(services.Grammar, new ResilParser(services), services.parser.Lexer.definition);
        langiumBuilt.finalize();
        const chevrotainOf = (built: LangiumParser) => (built as unknown as { wrapper: unknown }).wrapper;
        assert.equal(saveGrammarRecording(chevrotainOf(parser)), saveGrammarRecording(chevrotainOf(langiumBuilt)));
        // Each choice point receives one array of choices (one options object per option and repetition) at every call.
        const handed = new Map<string, Set<unknown>>();
        const spied = parser as unknown as Record<'alternatives' | 'optional' | 'many', (index: number, given: unknown) => void>;
        for (const method of ['alternatives', 'optional', 'many'] as const) {
            spied[method] = function (this: LangiumParser, index, given) {
                const key = `${method} ${index} ${JSON.stringify(this.getRuleStack())}`;
                if (!handed.has(key)) handed.set(key, new Set());
                handed.get(key)!.add(given);
                return (LangiumParser.prototype[method] as (i: number, g: unknown) => void).call(this, index, given);
            };
        }
        const text = inRegion(Array.from({ length: 4 }, (_, i) => `    sqs q${i} {\n      visibility 30s\n      retention 4d\n    }\n    lambda f${i} {\n      consumes q${i}\n      timeout 10s\n    }`).join('\n'));
        const result = parser.parse(text);
        assert.equal(result.parserErrors.length, 0);
        const repeated = [...handed].filter(([, objects]) => objects.size > 1).map(([key]) => key);
        assert.ok(handed.size > 10, `${handed.size} choice points`);
        assert.deepEqual(repeated, [], 'built anew at each call');
    });

    it('keep nothing of a text once it is parsed', async () => {
        const parser = freshServices().parser.LangiumParser;
        let result: { value: AstNode } | undefined = parser.parse(inRegion('    sqs jobs'));
        const root = new WeakRef(result.value);
        result = undefined;
        // A weak reference holds its target until the end of the job that made it.
        await new Promise(resolve => setImmediate(resolve));
        collectGarbage();
        assert.equal(root.deref(), undefined, 'the parser still holds the tree of its last parse');
    });
});

/** V8's full collection (Node exposes it only under `--expose-gc`: the flag is set here, as the server does). */
function collectGarbage(): void {
    v8.setFlagsFromString('--expose-gc');
    (vm.runInNewContext('gc') as () => void)();
}
