import type { IToken } from 'chevrotain';
import type { Range } from 'vscode-languageserver-types';

const LF = 10;
const CR = 13;

/**
 * Where each line of a text starts, with Chevrotain's line terminators (`\n`, `\r\n`, `\r`): the line and column
 * of an offset, found by a binary search, instead of kept by every node of the tree.
 */
export class LineStarts {
    private readonly starts: Int32Array;

    constructor(text: string) {
        this.starts = text.indexOf('\r') < 0 ? lineFeedStarts(text) : terminatorStarts(text);
    }

    /**
     * Whether the lines and columns Chevrotain gave `token` are those its offsets have in this text (its first and
     * last characters each within the line it names): always, unless a token spans a line terminator that
     * Chevrotain does not count, or a token comes from another text.
     */
    agrees(token: IToken): boolean {
        const last = token.startOffset + token.image.length - 1;
        return this.at(token.startLine, token.startColumn, token.startOffset) && this.at(token.endLine, token.endColumn, last);
    }

    private at(line: number | undefined, column: number | undefined, offset: number): boolean {
        if (line === undefined || column === undefined || column < 1) return false;
        const starts = this.starts;
        const index = line - 1;
        if (!(index >= 0 && index < starts.length)) return false;
        return starts[index] + column - 1 === offset && (index + 1 === starts.length || offset < starts[index + 1]);
    }

    /** The range Langium gives a token at `offset` of `length` (which `agrees`): to the end of its last character. */
    range(offset: number, length: number): Range {
        const startLine = this.lineOf(offset);
        const last = offset + length - 1;
        const endLine = this.lineOf(last);
        return {
            start: { character: offset - this.starts[startLine], line: startLine },
            end: { character: last - this.starts[endLine] + 1, line: endLine },
        };
    }

    /** The 0-based line of `offset`: the last line starting at or before it. */
    private lineOf(offset: number): number {
        const starts = this.starts;
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (starts[middle] <= offset) low = middle;
            else high = middle - 1;
        }
        return low;
    }
}

/** The line starts of a text whose only terminator is `\n` (all but a few), found by the engine's search. */
export function lineFeedStarts(text: string): Int32Array {
    const starts: number[] = [0];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    return Int32Array.from(starts);
}

function terminatorStarts(text: string): Int32Array {
    const starts: number[] = [0];
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) starts.push(i + 1);
    }
    return Int32Array.from(starts);
}
