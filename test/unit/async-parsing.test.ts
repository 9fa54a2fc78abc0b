import * as assert from 'node:assert/strict';
import { CstUtils, isAstNode, isCompositeCstNode, isOperationCancelled, isReference, type AstNode, type CstNode } from 'langium';
import { CancellationTokenSource } from 'vscode-languageserver';
import { generateDense, generateModel, generateWorkspace } from '../support/generate-model.js';
import { MAX_FILE_BYTES } from '../../language/src/workspace/limits.js';
import type { Model } from '../../language/src/generated/ast.js';
import { ResilLexer } from '../../language/src/parsing/resil-lexer.js';
import { ResilParser } from '../../language/src/parsing/resil-parser.js';
import { SlicedParser } from '../../language/src/parsing/sliced-parse.js';
import { parsedWithoutRepeatedAssignments } from '../../language/src/parsing/repeated-assignments.js';
import { randomDesign } from '../support/random-design.js';
import { LANGUAGE_TOUR } from '../support/paths.js';
import { testServices } from '../support/services.js';

/** The tree as text: every AST node's type and CST range, in order. */
function shape(root: AstNode): string[] {
    const cst = root.$cstNode;
    return cst ? [...CstUtils.streamCst(cst)].map((n: CstNode) => `${n.astNode.$type}@${n.offset}+${n.length}${n.hidden ? ' hidden' : ''}`) : [];
}

/**
 * Everything of a parse that later stages read, as text: each CST node (kind, range, lines, grammar element, its
 * AST node, whether it hangs in the one tree it belongs to) and each AST node (type, where it hangs, its values).
 */
function fullShape(root: AstNode): string[] {
    const lines: string[] = [];
    const cstRoot = root.$cstNode!.root;
    const grammarIds = new Map<unknown, number>();
    const idOf = (element: unknown) => element === undefined ? '-' : (grammarIds.get(element) ?? grammarIds.set(element, grammarIds.size).get(element));
    for (const node of CstUtils.streamCst(cstRoot)) {
        const { start, end } = node.range;
        // Every node is reached from the root through `content`: its `container` must be the node that holds it.
        const attached = !isCompositeCstNode(node) || node.content.every(child => child.container === node);
        lines.push(`${isCompositeCstNode(node) ? 'C' : 'L'} ${node.offset}+${node.length} ${start.line}:${start.character}-${end.line}:${end.character}`
            + ` ${node.hidden ? 'hidden ' : ''}g${idOf(node.grammarSource)} ${node.astNode.$type} root=${node.root === cstRoot} attached=${attached}`);
    }
    const walk = (node: AstNode, path: string) => {
        lines.push(`${path} ${node.$type} in ${node.$container?.$type ?? '-'}.${node.$containerProperty ?? '-'}[${node.$containerIndex ?? '-'}] cst@${node.$cstNode?.offset}+${node.$cstNode?.length} same=${node.$cstNode?.astNode === node}`);
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            const values: unknown[] = Array.isArray(value) ? value : [value];
            values.forEach((v, i) => {
                if (isAstNode(v)) walk(v, `${path}.${key}[${i}]`);
                else if (isReference(v)) lines.push(`${path}.${key}[${i}] -> ${v.$refText} @${v.$refNode?.offset}`);
                else lines.push(`${path}.${key}[${i}] = ${JSON.stringify(v)}`);
            });
        }
    };
    walk(root, '');
    return lines;
}

const LARGE = `/** a comment that must stay in the tree */\n${generateModel({ services: 1000 }).text}`;

/** Comments before, between, inside and after the blocks parsed on their own, and blocks on one line. */
const COMMENTED = LARGE
    .replace(/\n {2}region /, '\n  // before a region\n  /* two\n lines */ region ')
    .replace(/\n {2}global \{/, '\n  global { // on its line')
    .replace(/\n {2}scenario (\w+) "[^"]*"/, '\n  scenario $1 "a title\nover two lines"')
    .replace(/\n {4}cell ([^\n]*)\{/, '\n    // before a cell\n    cell $1{ /* in a cell */')
    .replace(/\n {4}\}\n {4}sqs /, '\n    } // after a cell\n    sqs ')
    .replace(/\n( {4}sqs \w+)\n/, '\n    // before a member without a body\n$1 // after it\n')
    .replace(/\n {2}\}\n\n {2}region /, '\n    /* last in a region */\n  }\n\n  region ')
    .replace(/\n}\n?$/, '\n  // last in the system\n}\n// after it all\n');

/**
 * Lexed in chunks of 4 KB, so that chunks meet everywhere (in comments and strings too, were they not avoided), and
 * the members of a block parsed in groups of a few tokens, so that groups meet between members of every kind.
 */
function slicedParser(groupTokens = 8): SlicedParser {
    const services = testServices();
    const parser = services.parser.LangiumParser;
    const lexer = services.parser.Lexer;
    assert.ok(parser instanceof ResilParser && lexer instanceof ResilLexer && parser.cstBuilder);
    return new SlicedParser({ parser, lexer, builder: parser.cstBuilder, grammar: services.Grammar, lexChunk: 4096, groupTokens });
}

const noPause = () => Promise.resolve();

describe('parsing a large design in slices', () => {
    const texts: Array<[string, string]> = [
        ['a generated design with comments', COMMENTED],
        ['the language tour', LANGUAGE_TOUR],
        ...generateWorkspace({ systems: 1, servicesPerSystem: 200, regions: 2, blockFilesPerRegion: 1 }).map(f => [`workspace file ${f.file}`, f.text] as [string, string]),
        ...[1, 2, 3, 4, 5, 6].map(i => [`random design ${i}`, randomDesign(20, i).text] as [string, string]),
        ['blocks on one line', 'system S { region a "us-east-1" { az x cell k[2] { sqs q } sqs r cell l[1] { } } region b { az y } global { } require survive az-loss }'],
    ];
    for (const [name, text] of texts) {
        it(`gives the tree of the one-go parse: ${name}`, async () => {
            if (text === COMMENTED) for (const mark of ['// before a region', '// on its line', 'over two lines', '// before a cell', '/* in a cell */', '// after a cell', '// before a member without a body', '// after it', '/* last in a region */', '// after it all']) assert.ok(text.includes(mark), mark);
            const sliced = await slicedParser().parse<Model>(text, noPause);
            assert.ok(sliced, 'sliced');
            const oneGo = testServices().parser.LangiumParser.parse<Model>(text);
            assert.deepEqual(fullShape(sliced.value), fullShape(oneGo.value));
        });
    }

    it('parses a design at the size limit, a region of some 90,000 members (found by the size-limit benchmark)', async () => {
        // Putting the members back in text order passed them all as the arguments of one call: the stack overflowed.
        const sliced = await slicedParser(1024).parse<Model>(generateDense(MAX_FILE_BYTES), noPause);
        assert.ok(sliced, 'sliced');
        assert.deepEqual([sliced.lexerErrors.length, sliced.parserErrors.length], [0, 0]);
        assert.ok((sliced.value.system?.regions[0]?.services.length ?? 0) > 90_000);
    });

    it('gives the tree of the one-go parse after edits anywhere in the text, or leaves the text to it', async () => {
        const base = generateModel({ services: 200 }).text;
        let sliced = 0;
        for (let i = 1; i <= 16; i++) {
            // Deterministic edits spread over the text: a character removed, or a name made longer.
            const at = Math.floor(base.length * i / 17);
            const text = i % 2 === 0 ? base.slice(0, at) + base.slice(at + 1) : base.slice(0, at) + 'x' + base.slice(at);
            const result = await slicedParser().parse<Model>(text, noPause);
            const oneGo = testServices().parser.LangiumParser.parse<Model>(text);
            if (!result) {
                assert.ok(oneGo.lexerErrors.length + oneGo.parserErrors.length > 0, `edit ${i} was not sliced, yet it parses without errors`);
                continue;
            }
            sliced++;
            assert.deepEqual(fullShape(result.value), fullShape(oneGo.value), `edit ${i}`);
        }
        assert.ok(sliced >= 4, `${sliced} of 16 edited texts sliced`);
    });

    it('leaves a text with a syntax or lexing error to the one-go parse', async () => {
        const withSyntaxError = LARGE.replace(/\n {4}sqs /, '\n    sqs { ');
        const withLexingError = LARGE.replace(/\n {4}sqs /, '\n    § sqs ');
        const unclosed = LARGE.replace(/\n}\n?$/, '\n');
        for (const text of [withSyntaxError, withLexingError, unclosed]) {
            assert.equal(await slicedParser().parse(text, noPause), undefined);
            const parsed = await testServices().parser.AsyncParser.parse<Model>(text, new CancellationTokenSource().token);
            assert.deepEqual(shape(parsed.value), shape(testServices().parser.LangiumParser.parse<Model>(text).value));
        }
    });

    it('gives the same tree as the one-go parse through the server\'s parser, comments included', async () => {
        const services = testServices();
        assert.ok(LARGE.length > 64 * 1024, 'large enough to be split');
        const split = await services.parser.AsyncParser.parse<Model>(COMMENTED, new CancellationTokenSource().token);
        const oneGo = services.parser.LangiumParser.parse<Model>(COMMENTED);
        assert.deepEqual([split.lexerErrors.length, split.parserErrors.length], [0, 0]);
        assert.deepEqual(shape(split.value), shape(oneGo.value));
        assert.ok(shape(split.value).some(s => s.endsWith(' hidden')), 'the comment is in the CST');
    });

    it('lets other work run between the slices, once per region at least', async () => {
        const services = testServices();
        let turns = 0;
        let parsed = false;
        const tick = () => setImmediate(() => { if (!parsed) { turns++; tick(); } });
        tick();
        await services.parser.AsyncParser.parse(LARGE, new CancellationTokenSource().token);
        parsed = true;
        const regions = (LARGE.match(/\n {2}region /g) ?? []).length;
        assert.ok(regions >= 2 && turns >= regions, `${turns} turns of the event loop for ${regions} regions`);
    });

    it('knows, as the one-go parse does, whether any slice gave a property a value twice (duplicate-property then looks)', async () => {
        const inRegion = LARGE.replace(/\n( {4}lambda \w+ \{)/, '\n$1 timeout 3s timeout 4s');
        const inSkeleton = LARGE.replace(/\n {2}require /, '\n  external bank { sla 99.9% sla 99.95% }\n  require ');
        assert.notEqual(inRegion, LARGE);
        assert.notEqual(inSkeleton, LARGE);
        for (const [name, text, repeated] of [['none', LARGE, false], ['in a region', inRegion, true], ['outside the blocks', inSkeleton, true]] as const) {
            const sliced = await slicedParser().parse<Model>(text, noPause);
            assert.ok(sliced, `${name}: sliced`);
            assert.equal(parsedWithoutRepeatedAssignments(sliced.value), !repeated, name);
            assert.equal(parsedWithoutRepeatedAssignments(testServices().parser.LangiumParser.parse<Model>(text).value), !repeated, `${name}, one go`);
        }
    });

    it('stops when cancelled between two slices', async () => {
        const services = testServices();
        const source = new CancellationTokenSource();
        const parsing = services.parser.AsyncParser.parse(LARGE, source.token);
        setImmediate(() => setImmediate(() => setImmediate(() => source.cancel())));
        await assert.rejects(parsing, (error: unknown) => isOperationCancelled(error));
        // The parser is left usable: the next parse is whole and right.
        const again = await services.parser.AsyncParser.parse<Model>(COMMENTED, new CancellationTokenSource().token);
        assert.deepEqual(shape(again.value), shape(services.parser.LangiumParser.parse<Model>(COMMENTED).value));
    });

    it('uses a text lexed ahead once, and only for that text', () => {
        const lexer = testServices().parser.Lexer;
        assert.ok(lexer instanceof ResilLexer);
        lexer.tokenizeAhead('system A { }');
        const ahead = lexer.tokenize('system A { }');
        assert.notEqual(lexer.tokenize('system A { }'), ahead, 'used once');
        lexer.tokenizeAhead('system A { }');
        assert.equal(lexer.tokenize('system B { }').tokens[1].image, 'B', 'another text is lexed afresh');
        assert.equal(lexer.tokenize('system A { }').tokens[1].image, 'A');
    });
});
