import * as assert from 'node:assert/strict';
import { CstUtils, isOperationCancelled, type AstNode, type CstNode } from 'langium';
import { CancellationTokenSource } from 'vscode-languageserver';
import { generateModel } from '../support/generate-model.js';
import type { Model } from '../../language/src/generated/ast.js';
import { ResilLexer } from '../../language/src/parsing/resil-lexer.js';
import { testServices } from '../support/services.js';

/** The tree as text: every AST node's type and CST range, in order. */
function shape(root: AstNode): string[] {
    const cst = root.$cstNode;
    return cst ? [...CstUtils.streamCst(cst)].map((n: CstNode) => `${n.astNode.$type}@${n.offset}+${n.length}${n.hidden ? ' hidden' : ''}`) : [];
}

const LARGE = `/** a comment that must stay in the tree */\n${generateModel({ services: 1000 }).text}`;

describe('parsing a large design in two turns', () => {
    it('gives the same tree as the one-go parse, comments included', async () => {
        const services = testServices();
        assert.ok(LARGE.length > 64 * 1024, 'large enough to be split');
        const split = await services.parser.AsyncParser.parse<Model>(LARGE, new CancellationTokenSource().token);
        const oneGo = services.parser.LangiumParser.parse<Model>(LARGE);
        assert.deepEqual([split.lexerErrors.length, split.parserErrors.length], [0, 0]);
        assert.deepEqual(shape(split.value), shape(oneGo.value));
        assert.ok(shape(split.value).some(s => s.endsWith(' hidden')), 'the comment is in the CST');
    });

    it('lets other work run between lexing and parsing', async () => {
        const services = testServices();
        const order: string[] = [];
        const parsing = services.parser.AsyncParser.parse(LARGE, new CancellationTokenSource().token).then(() => order.push('parsed'));
        setImmediate(() => order.push('other work'));
        await parsing;
        assert.deepEqual(order, ['other work', 'parsed']);
    });

    it('stops when cancelled between the two', async () => {
        const services = testServices();
        const source = new CancellationTokenSource();
        const parsing = services.parser.AsyncParser.parse(LARGE, source.token);
        source.cancel();
        await assert.rejects(parsing, (error: unknown) => isOperationCancelled(error));
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
