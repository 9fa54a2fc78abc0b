import { OperationCancelled, type AsyncParser, type AstNode, type LangiumCoreServices, type LangiumParser, type ParseResult } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { ResilLexer } from './resil-lexer.js';
import { isGuarded, ResilParser } from './resil-parser.js';
import { SlicedParser } from './sliced-parse.js';
import { yieldToPendingIo } from '../util/request-turn.js';

/** Below this size (about 500 services) a text is lexed and parsed in one go: a few tens of milliseconds. */
const SPLIT_ABOVE = 64 * 1024;

/**
 * How the language server parses a document (Langium calls this from its build). A large design is parsed in slices
 * (see sliced-parse.ts), with requests on other documents answered in between; one the slices cannot take (an
 * error in it) is lexed first and parsed in a later turn of the event loop, so that requests wait for one of the
 * two at most. (Parsing in a worker thread was measured: rebuilding the tree on this thread costs most of what it
 * saves.)
 */
export class ResilAsyncParser implements AsyncParser {
    private readonly parser: LangiumParser;
    private readonly lexer: unknown;
    private readonly sliced: SlicedParser | undefined;

    constructor(services: LangiumCoreServices) {
        this.parser = services.parser.LangiumParser;
        this.lexer = services.parser.Lexer;
        const builder = this.parser instanceof ResilParser ? this.parser.cstBuilder : undefined;
        if (builder && this.parser instanceof ResilParser && this.lexer instanceof ResilLexer) {
            this.sliced = new SlicedParser({ parser: this.parser, lexer: this.lexer, builder, grammar: services.Grammar });
        }
    }

    async parse<T extends AstNode>(text: string, cancelToken: CancellationToken): Promise<ParseResult<T>> {
        if (text.length <= SPLIT_ABOVE) return this.parser.parse<T>(text);
        const pause = async () => {
            await yieldToPendingIo();
            if (cancelToken.isCancellationRequested) throw OperationCancelled;
        };
        // The guards read the whole text: a turn of their own, apart from the work that led here (opening it).
        await pause();
        if (isGuarded(text)) return this.parser.parse<T>(text);
        await pause();
        const sliced = await this.sliced?.parse<T>(text, pause);
        if (sliced) return sliced;
        if (this.lexer instanceof ResilLexer) {
            this.lexer.tokenizeAhead(text);
            await pause();
        }
        return this.parser.parse<T>(text);
    }
}
