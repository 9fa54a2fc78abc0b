/**
 * Text widths without a browser: the layout runs in the CLI and in a web worker, neither can measure text, so
 * both estimate it the same way. Per-character widths of a sans-serif face in em units, rounded up so that
 * estimated boxes are never too small for the label.
 */
const NARROW = new Set('iljtfrI.,:;|!\'()[]{} ');
const WIDE = new Set('mwMWOQGDHNU@%&');

export function textWidth(text: string, fontSize: number, bold = false): number {
    let em = 0;
    for (const ch of text) em += emWidth(ch);
    return Math.ceil(em * fontSize * (bold ? 1.12 : 1));
}

function emWidth(ch: string): number {
    if (NARROW.has(ch)) return 0.34;
    if (WIDE.has(ch)) return 0.9;
    if (ch >= 'A' && ch <= 'Z') return 0.7;
    return 0.6;
}

const ELLIPSIS = '…';

/**
 * Cuts `text` with an ellipsis so that it fits `maxWidth` (keeping at least its first character). One pass up to
 * the cut: a name can be 50,000 characters long.
 */
export function fitText(text: string, fontSize: number, maxWidth: number, bold = false): string {
    if (textWidth(text, fontSize, bold) <= maxWidth) return text;
    const scale = fontSize * (bold ? 1.12 : 1);
    let em = emWidth(ELLIPSIS);
    let cut = '';
    for (const ch of text) {
        em += emWidth(ch);
        if (cut.length > 0 && Math.ceil(em * scale) > maxWidth) break;
        cut += ch;
    }
    return cut + ELLIPSIS;
}

/** The smallest a label shrinks to before it is cut: below it, text stops being readable at 100 %. */
export const MIN_FONT_RATIO = 0.72;

/**
 * A label that fits `maxWidth`: whole at its size if it fits, else whole at a smaller size (down to
 * `MIN_FONT_RATIO` of it), else cut with an ellipsis at that size. Names are shrunk before they are cut, so that
 * the AZ ids and names a reader needs are cut only when they cannot otherwise be drawn (the full text is then in
 * the element's tooltip).
 */
export function shrinkToFit(text: string, fontSize: number, maxWidth: number, bold = false): { text: string; size: number } {
    const natural = textWidth(text, fontSize, bold);
    if (natural <= maxWidth) return { text, size: fontSize };
    const minimum = Math.round(fontSize * MIN_FONT_RATIO * 10) / 10;
    // textWidth rounds up: step down until the estimate fits rather than trusting the ratio.
    for (let size = Math.floor(fontSize * maxWidth / natural * 10) / 10; size >= minimum; size = Math.round((size - 0.1) * 10) / 10) {
        if (textWidth(text, size, bold) <= maxWidth) return { text, size };
    }
    return { text: fitText(text, minimum, maxWidth, bold), size: minimum };
}
