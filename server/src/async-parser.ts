import { DefaultAsyncParser, type AstNode, type LangiumCoreServices, type ParseResult } from 'langium';
import { WorkerThreadAsyncParser } from 'langium/node';
import type { CancellationToken } from 'vscode-languageserver';

/**
 * Parses large documents in a worker thread, so that opening a 10,000-service design does not stall requests on
 * the other open files for the second or two its parse takes. Small documents are parsed on the main thread:
 * there the hand-over to a thread (and back) costs more than the parse.
 */
export class ResilAsyncParser extends WorkerThreadAsyncParser {
    /** About 3,000 lines: below, a parse takes well under 100 ms. */
    static readonly WORKER_THRESHOLD = 150_000;
    private readonly mainThread: DefaultAsyncParser;

    constructor(services: LangiumCoreServices, workerPath: string) {
        super(services, workerPath);
        // One thread: each holds a copy of the language services; large designs are rarely parsed in parallel.
        this.threadCount = 1;
        this.mainThread = new DefaultAsyncParser(services);
    }

    override parse<T extends AstNode>(text: string, cancelToken: CancellationToken): Promise<ParseResult<T>> {
        return text.length < ResilAsyncParser.WORKER_THRESHOLD ? this.mainThread.parse<T>(text, cancelToken) : super.parse<T>(text, cancelToken);
    }
}
