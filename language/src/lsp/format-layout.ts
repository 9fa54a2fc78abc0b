/**
 * The canonical layout of a `.resil` text, decided token by token:
 * - 2 spaces of indentation per open `{`; `{` stays on the line of its element; `}` on a line of its own;
 * - one member per line (the formatter's caller marks member starts), single spaces between other tokens,
 *   no space around `.`, `[`, `]` or before `,`;
 * - a body whose `{` and `}` were written on one line stays on that line (`nodegroup g in a, b { min 3 max 9 }`);
 * - comments stay where they are: a trailing comment keeps its alignment, a comment on its own line is indented
 *   with its block (the continuation lines of a block comment move along with it);
 * - up to one blank line between lines is kept; none before a `}`.
 * Only whitespace between tokens is ever replaced; a gap holding anything else (text the lexer rejected) is left
 * alone, so formatting cannot lose or reorder what the user wrote.
 */

export interface LayoutToken {
    offset: number;
    end: number;
    image: string;
    comment?: 'line' | 'block';
    /** The first token of a body member: it starts a line unless its body is written on one line. */
    memberStart: boolean;
    /**
     * A `{` of text the grammar does not structure (the block of a misspelt element, a data type rule): inside it
     * the line breaks are the user's and stay.
     */
    opensOpaqueBlock?: boolean;
}

export interface LayoutEdit {
    start: number;
    end: number;
    newText: string;
}

const INDENT = '  ';

/**
 * Members that the user may keep on the line of the member before them: `versions alias live deploy canary 10%`
 * reads as one statement (the deployment shifts traffic between versions of that alias).
 */
const MAY_FOLLOW_ON_LINE: Readonly<Record<string, string>> = { deploy: 'versions' };

/** Tokens written without a space before them, and tokens written without a space after them. */
const TIGHT_BEFORE = new Set([',', '.', '[', ']']);
const TIGHT_AFTER = new Set(['.', '[']);

/** What the separator before a token depends on. */
interface Gap {
    token: LayoutToken;
    previous: LayoutToken;
    /** The whitespace the user wrote. */
    text: string;
    newlines: number;
    /** The body the token is in is written on one line. */
    inline: boolean;
    /** The `}` closes a body written on one line. */
    closesInline: boolean;
    /** The token is in (or closes) a block the grammar keeps as plain text. */
    opaque: boolean;
    lastMember?: LayoutToken;
    /** A line break followed by the indentation of the token's block (keeping at most one blank line if allowed). */
    lineStart(blankAllowed: boolean): string;
}

export function layoutTokens(text: string, tokens: readonly LayoutToken[]): LayoutEdit[] {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const inlineBlocks = findInlineBlocks(text, tokens);
    const edits: LayoutEdit[] = [];
    const open: number[] = [];  // indices of the `{` not closed yet
    let opaqueDepth = 0;        // how many of them open opaque blocks
    let lastMember: LayoutToken | undefined;

    const replaceGap = (start: number, end: number, newText: string) => {
        const old = text.slice(start, end);
        if (old !== newText && old.trim().length === 0) edits.push({ start, end, newText });
    };

    tokens.forEach((token, i) => {
        const previous = tokens[i - 1];
        const gapStart = previous ? previous.end : 0;
        const gapText = text.slice(gapStart, token.offset);
        const newlines = countNewlines(gapText);
        const closed = token.image === '}' ? open.pop() : undefined;
        const closesOpaque = closed !== undefined && tokens[closed].opensOpaqueBlock === true;
        if (closesOpaque) opaqueDepth--;
        const separator = !previous ? '' : separatorBefore({
            token, previous, text: gapText, newlines, lastMember,
            inline: open.length > 0 && inlineBlocks.has(open[open.length - 1]),
            closesInline: closed !== undefined && inlineBlocks.has(closed),
            opaque: opaqueDepth > 0 || closesOpaque,
            lineStart: blankAllowed => eol.repeat(blankAllowed ? Math.min(Math.max(newlines, 1), 2) : 1) + INDENT.repeat(open.length),
        });
        replaceGap(gapStart, token.offset, separator);
        if (token.comment === 'block' && newlines > 0 && separator.includes('\n')) {
            reindentContinuationLines(text, token, columnAfter(separator) - columnAfter(gapText), edits);
        }
        if (token.memberStart) lastMember = token;
        if (token.image === '{') open.push(i);
        if (token.opensOpaqueBlock) opaqueDepth++;
    });
    const last = tokens[tokens.length - 1];
    if (last) replaceGap(last.end, text.length, text.slice(last.end).includes('\n') ? eol : '');
    return edits.sort((a, b) => a.start - b.start);
}

function separatorBefore(gap: Gap): string {
    const { token, previous, newlines } = gap;
    if (token.comment) {
        // A comment on its own line follows the indentation; a trailing comment keeps its alignment.
        return newlines > 0 ? gap.lineStart(true) : gap.text;
    }
    if (previous.comment === 'line' || (previous.comment && newlines > 0)) return gap.lineStart(token.image !== '}');
    if (gap.opaque) return newlines > 0 ? gap.lineStart(true) : spaceBetween(previous, token);
    if (token.image === '}') return gap.closesInline ? ' ' : gap.lineStart(false);
    if (previous.image === '{') return gap.inline ? ' ' : gap.lineStart(true);
    if (token.memberStart) {
        const staysOnLine = gap.inline || (newlines === 0 && gap.lastMember?.image === MAY_FOLLOW_ON_LINE[token.image]);
        return staysOnLine ? ' ' : gap.lineStart(true);
    }
    return spaceBetween(previous, token);
}

/** The separator of two tokens on one line. */
function spaceBetween(previous: LayoutToken, token: LayoutToken): string {
    return TIGHT_BEFORE.has(token.image) || TIGHT_AFTER.has(previous.image) ? '' : ' ';
}

/** The `{` tokens whose matching `}` is on the same line. */
function findInlineBlocks(text: string, tokens: readonly LayoutToken[]): Set<number> {
    const inline = new Set<number>();
    const open: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
        if (tokens[i].image === '{') open.push(i);
        else if (tokens[i].image === '}') {
            const opener = open.pop();
            if (opener !== undefined && !text.slice(tokens[opener].end, tokens[i].offset).includes('\n')) inline.add(opener);
        }
    }
    return inline;
}

/**
 * A block comment that moves `shift` columns takes its continuation lines along (` * ...` lines of a doc comment
 * stay under its `/**`). Lines with less leading whitespace than a negative shift lose only what they have.
 */
function reindentContinuationLines(text: string, comment: LayoutToken, shift: number, edits: LayoutEdit[]): void {
    if (shift === 0) return;
    let lineStart = text.indexOf('\n', comment.offset);
    while (lineStart >= 0 && lineStart < comment.end) {
        const start = lineStart + 1;
        let end = start;
        while (end < comment.end && (text[end] === ' ' || text[end] === '\t')) end++;
        if (shift > 0) {
            edits.push({ start, end: start, newText: ' '.repeat(shift) });
        } else if (end > start) {
            edits.push({ start, end: Math.min(end, start - shift), newText: '' });
        }
        lineStart = text.indexOf('\n', start);
    }
}

function countNewlines(text: string): number {
    let count = 0;
    for (const char of text) if (char === '\n') count++;
    return count;
}

/** The column where the text after `whitespace` starts, when `whitespace` ends a line break plus indentation. */
function columnAfter(whitespace: string): number {
    return whitespace.length - whitespace.lastIndexOf('\n') - 1;
}
