import { lineAndColumn, locatedError } from './import-error.js';

/**
 * Parses a JSON input. `JSON.parse` does the work; when it fails, the text is scanned once more to say where, since
 * V8 does not always give a position (`Unexpected token '}', "..." is not valid JSON`).
 */
export function parseJsonText(text: string, file: string): unknown {
    try {
        return JSON.parse(text);
    } catch (error) {
        const { offset, message } = firstJsonError(text) ?? { offset: 0, message: (error as Error).message };
        const { line, column } = lineAndColumn(text, offset);
        throw locatedError(file, line, column, `not valid JSON: ${message}`);
    }
}

interface JsonError {
    readonly offset: number;
    readonly message: string;
}

const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** The first place the text stops being JSON: a scan with an explicit stack, so that nesting cannot overflow it. */
export function firstJsonError(text: string): JsonError | undefined {
    // What the scanner expects next: a value, or within a container the token after a value or a key.
    const stack: Array<'object' | 'array'> = [];
    let i = skipSpace(text, 0);
    let expect: 'value' | 'key' | 'after-value' | 'colon' | 'key-or-end' | 'value-or-end' = 'value';
    const fail = (message: string): JsonError => ({ offset: i, message });
    for (;;) {
        if (expect === 'after-value' && stack.length === 0) {
            return i < text.length ? fail(`unexpected ${describe(text, i)} after the value`) : undefined;
        }
        if (i >= text.length) return fail('unexpected end of input');
        const c = text[i];
        switch (expect) {
            case 'value':
            case 'value-or-end':
                if (expect === 'value-or-end' && c === ']') { stack.pop(); i++; expect = 'after-value'; break; }
                if (c === '{') { stack.push('object'); i++; expect = 'key-or-end'; break; }
                if (c === '[') { stack.push('array'); i++; expect = 'value-or-end'; break; }
                if (c === '"') {
                    const end = match(STRING, text, i);
                    if (end === undefined) return fail('unterminated or invalid string');
                    i = end; expect = 'after-value'; break;
                }
                {
                    const literal = LITERALS.find(l => text.startsWith(l, i));
                    const end = literal ? i + literal.length : match(NUMBER, text, i);
                    if (end === undefined) return fail(`expected a value, found ${describe(text, i)}`);
                    i = end; expect = 'after-value';
                }
                break;
            case 'key':
            case 'key-or-end':
                if (expect === 'key-or-end' && c === '}') { stack.pop(); i++; expect = 'after-value'; break; }
                if (c !== '"') return fail(`expected a property name in double quotes, found ${describe(text, i)}`);
                {
                    const end = match(STRING, text, i);
                    if (end === undefined) return fail('unterminated or invalid string');
                    i = end; expect = 'colon';
                }
                break;
            case 'colon':
                if (c !== ':') return fail(`expected ':' after the property name, found ${describe(text, i)}`);
                i++; expect = 'value'; break;
            case 'after-value': {
                const container = stack[stack.length - 1];
                const close = container === 'object' ? '}' : ']';
                if (c === ',') { i++; expect = container === 'object' ? 'key' : 'value'; break; }
                if (c === close) { stack.pop(); i++; break; }
                return fail(`expected ',' or '${close}', found ${describe(text, i)}`);
            }
        }
        i = skipSpace(text, i);
    }
}

function match(pattern: RegExp, text: string, at: number): number | undefined {
    pattern.lastIndex = at;
    return pattern.test(text) ? pattern.lastIndex : undefined;
}

function skipSpace(text: string, at: number): number {
    let i = at;
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
    return i;
}

function describe(text: string, at: number): string {
    return at >= text.length ? 'the end of the input' : `'${JSON.stringify(text[at]).slice(1, -1)}'`;
}
