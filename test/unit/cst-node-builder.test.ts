import * as assert from 'node:assert/strict';
import { CompositeCstNodeImpl, createParser, CstUtils, EmptyFileSystem, isCompositeCstNode, LangiumParser, LeafCstNodeImpl, type AstNode, type CstNode, type LangiumCoreServices, type LeafCstNode } from 'langium';
import { createServicesForGrammar } from 'langium/grammar';
import { createResilServices } from '../../language/src/resil-module.js';
import { ResilCstNodeBuilder } from '../../language/src/parsing/resil-cst-node-builder.js';
import { loadCorpus } from '../fuzz/corpus.js';
import { fuzzInput } from '../fuzz/fuzzer.js';
import { generateModel } from '../support/generate-model.js';
import { randomDesign } from '../support/random-design.js';
import { LANGUAGE_TOUR } from '../support/paths.js';

/** Langium's own parser for the grammar, with Langium's own CST builder. */
function langiumParser(services: LangiumCoreServices): LangiumParser {
    const parser = createParser(services.Grammar, new LangiumParser(services), services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

/**
 * Everything of a CST a consumer reads, a line per node in the order of the tree: kind, offset, length, range,
 * text, hidden flag, grammar element, token type, AST node, and whether each child's container is the node that
 * lists it; the AST nodes' `$cstNode` too.
 */
function cstShape(root: AstNode): string[] {
    const cstRoot = root.$cstNode!.root;
    const ids = new Map<unknown, number>();
    const idOf = (value: unknown) => value === undefined ? '-' : (ids.get(value) ?? ids.set(value, ids.size).get(value));
    const lines: string[] = [];
    const describe = (node: CstNode) => {
        const composite = isCompositeCstNode(node);
        const kind = composite ? 'C' : 'L';
        const classes = `${node instanceof CompositeCstNodeImpl}/${node instanceof LeafCstNodeImpl}`;
        let astNode: string;
        try {
            astNode = `${node.astNode.$type}#${idOf(node.astNode)}`;
        } catch {
            astNode = 'no AST node';
        }
        const children = composite ? ` [${node.content.length}] attached=${node.content.every(child => child.container === node)}` : ` token=${(node as LeafCstNode).tokenType.name}`;
        return `${kind} ${classes} ${node.offset}+${node.length} ${JSON.stringify(node.range)} ${JSON.stringify(node.text)}`
            + ` ${node.hidden ? 'hidden' : 'shown'} g${idOf(node.grammarSource)} ${astNode} root=${node.root === cstRoot}${children}`;
    };
    for (const node of CstUtils.streamCst(cstRoot)) lines.push(describe(node));
    for (const node of [root, ...streamAst(root)]) {
        lines.push(`${node.$type}#${idOf(node)} cst=${node.$cstNode ? describe(node.$cstNode) : '-'} same=${node.$cstNode?.astNode === node}`);
    }
    return lines;
}

function* streamAst(root: AstNode): Generator<AstNode> {
    for (const value of Object.entries(root).filter(([key]) => !key.startsWith('$')).map(([, value]) => value)) {
        for (const item of Array.isArray(value) ? value : [value]) {
            if (item && typeof item === 'object' && typeof (item as AstNode).$type === 'string') {
                yield item as AstNode;
                yield* streamAst(item as AstNode);
            }
        }
    }
}

function assertSameTrees(services: LangiumCoreServices, reference: LangiumParser, texts: readonly string[], label: string): void {
    texts.forEach((text, i) => {
        const ours = services.parser.LangiumParser.parse(text);
        const theirs = reference.parse(text);
        assert.deepEqual(cstShape(ours.value), cstShape(theirs.value), `${label} ${i}`);
        assert.equal(ours.parserErrors.length, theirs.parserErrors.length, `${label} ${i}: errors`);
    });
}

describe('the CST builder (ResilCstNodeBuilder)', () => {
    const services = createResilServices(EmptyFileSystem).Resil;
    const reference = langiumParser(services);

    it('is the one the parser builds with', () => {
        assert.ok((services.parser.LangiumParser as unknown as { nodeBuilder: unknown }).nodeBuilder instanceof ResilCstNodeBuilder);
    });

    it('builds the tree of Langium\'s builder for the examples, the fixtures and the tour', () => {
        assertSameTrees(services, reference, [LANGUAGE_TOUR, ...loadCorpus()], 'corpus');
    });

    it('builds the tree of Langium\'s builder for generated designs, with comments at every depth', () => {
        const generated = generateModel({ services: 60 }).text;
        // Comments before a file's first token, between and inside members, in empty blocks and at the end.
        const commented = `/* head */\n// line\n${generated.replace(/\{\n/g, '{ // opened\n').replace(/\n(\s*)\}/g, '\n$1/* closing */ }')}\n// tail\n/* end */`;
        // Windows and old Mac line ends, and a form feed Chevrotain does not count as a line end.
        const lineEnds = [LANGUAGE_TOUR.replace(/\n/g, '\r\n'), LANGUAGE_TOUR.replace(/\n/g, '\r'), LANGUAGE_TOUR.replace(/\n/g, (_, i: number) => (i % 3 ? '\n' : '\u2028\r\n\f'))];
        assertSameTrees(services, reference, [generated, commented, '// only a comment', '', '  \n\t', ...lineEnds], 'generated');
        assertSameTrees(services, reference, Array.from({ length: 40 }, (_, i) => randomDesign(7, i).text), 'random design');
    });

    it('builds the tree of Langium\'s builder for broken designs (syntax and lexing errors, cut-off texts)', () => {
        const corpus = loadCorpus();
        const fuzzed = Array.from({ length: 60 }, (_, i) => fuzzInput(corpus, 20, i));
        const tour = LANGUAGE_TOUR;
        const cut = Array.from({ length: 30 }, (_, i) => tour.slice(0, Math.floor(tour.length * (i + 1) / 31)));
        const broken = [tour.replace(/\{/g, '{ §'), tour.replace(/}/, ''), tour.replace(/\n {4}/g, '\n    ) '), 'system s { /* unclosed'];
        assertSameTrees(services, reference, [...fuzzed, ...cut, ...broken], 'broken');
    });
});

/** A grammar with what Resil's has not: actions that assign the current node (tree rewrites) and infix rules. */
const EXPRESSIONS = `
grammar Expressions
entry Model: (items+=Item ';')*;
Item: Sum | Product;
Sum infers Expression: Primary ({infer Binary.left=current} op=('+' | '-') right=Primary)*;
Product: 'product' value=Infix;
infix Infix on Primary: '*' > '^';
Primary infers Expression: {infer Num} value=NUMBER | '(' Sum ')' | {infer Empty} '[' ']';
hidden terminal WS: /\\s+/;
hidden terminal ML_COMMENT: /\\/\\*[\\s\\S]*?\\*\\//;
terminal NUMBER returns number: /[0-9]+/;
`;

describe('the CST builder (ResilCstNodeBuilder) in another grammar', () => {
    it('builds the tree of Langium\'s builder where actions rewrite the tree and infix rules split nodes', async () => {
        const ours = (await createServicesForGrammar({ grammar: EXPRESSIONS })).parser.LangiumParser;
        (ours as unknown as { nodeBuilder: unknown }).nodeBuilder = new ResilCstNodeBuilder();
        const theirs = (await createServicesForGrammar({ grammar: EXPRESSIONS })).parser.LangiumParser;
        const texts = [
            '1 + 2 - 3; (4 + 5) + 6; product 1 * 2 ^ 3 * 4;', '/* a */ 1 /* b */ + /* c */ 2 /* d */; /* e */ [ /* f */ ] ;',
            '(1 + ; 2 + + 3; product * 2;', '/* head */ ( /* in */ ( 1 ) ) /* tail */', '1 + 2 +', 'product 2 ^ 3 ^ 4 * 5 * /* x */ 6;',
        ];
        texts.forEach((text, i) => {
            const a = ours.parse(text);
            const b = theirs.parse(text);
            assert.deepEqual(cstShape(a.value), cstShape(b.value), `text ${i}`);
            assert.equal(a.parserErrors.length, b.parserErrors.length, `text ${i}: errors`);
        });
    });
});
