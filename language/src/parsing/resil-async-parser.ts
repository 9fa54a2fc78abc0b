import { delayNextTick, OperationCancelled, type AsyncParser, type AstNode, type LangiumCoreServices, type LangiumParser, type ParseResult } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { ResilLexer } from './resil-lexer.js';

/** Below this size (about 500 services) a text is lexed and parsed in one go: a few tens of milliseconds. */
const SPLIT_ABOVE = 64 * 1024;

/**
 * How the language server parses a document (Langium calls this from its build). A large design is lexed first and
 * parsed in a later turn of the event loop, so that requests on other documents wait for one of the two at most: a
 * 10,000-service design is 170,000 tokens. (Parsing in a worker thread was measured: rebuilding the tree on this
 * thread costs most of what it saves.)
 */
export class ResilAsyncParser implements AsyncParser {
    private readonly parser: LangiumParser;
    private readonly lexer: unknown;

    constructor(services: LangiumCoreServices) {
        this.parser = services.parser.LangiumParser;
        this.lexer = services.parser.Lexer;
    }

    async parse<T extends AstNode>(text: string, cancelToken: CancellationToken): Promise<ParseResult<T>> {
        if (text.length > SPLIT_ABOVE && this.lexer instanceof ResilLexer) {
            this.lexer.tokenizeAhead(text);
            await yieldToPendingIo();
            if (cancelToken.isCancellationRequested) throw OperationCancelled;
        }
        return this.parser.parse<T>(text);
    }
}

/**
 * Waits until the event loop has polled for I/O once: one `setImmediate` from a poll callback runs before the next
 * poll, two do not. A request that arrived while this thread was busy is then read and answered first.
 */
async function yieldToPendingIo(): Promise<void> {
    await delayNextTick();
    await delayNextTick();
}
