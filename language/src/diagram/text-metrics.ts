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
