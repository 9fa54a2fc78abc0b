import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';

/**
 * The lexer, able to tokenize a text ahead of the parse that needs it (`ResilAsyncParser`): lexing and parsing a
 * large design then block the server's thread one after the other, with requests answered in between, instead of
 * in one piece.
 */
export class ResilLexer extends DefaultLexer {
    private ahead: { readonly text: string; readonly result: LexerResult } | undefined;

    tokenizeAhead(text: string): void {
        this.ahead = { text, result: super.tokenize(text) };
    }

    /** The next tokenize of `text` gives `result` (tokens lexed elsewhere: a slice of the text, see sliced-parse.ts). */
    provide(text: string, result: LexerResult): void {
        this.ahead = { text, result };
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const ahead = this.ahead;
        this.ahead = undefined; // used once: any other tokenize in between (completion, another document) drops it
        if (ahead && ahead.text === text && (options === undefined || options.mode === 'full')) return ahead.result;
        return super.tokenize(text, options);
    }
}
