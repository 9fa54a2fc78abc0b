/** Input an import cannot read (malformed JSON or YAML, not a template...): the CLI exits 2 with the message. */
export class ImportError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'ImportError';
    }
}

/** `file:line:column: message`, with 1-based line and column. */
export function locatedError(file: string, line: number, column: number, message: string): ImportError {
    return new ImportError(`${file}:${line}:${column}: ${message}`);
}

/** The 1-based line and column of an offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
        line++;
        lineStart = i + 1;
    }
    return { line, column: offset - lineStart + 1 };
}
