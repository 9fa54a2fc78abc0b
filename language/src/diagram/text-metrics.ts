/**
 * Text widths without a browser: the layout runs in the CLI and in a web worker, neither can measure text, so
 * both estimate it the same way. Per-character widths of a sans-serif face in em units, rounded up so that
 * estimated boxes are never too small for the label.
 */
const NARROW = new Set('iljtfrI.,:;|!\'()[]{} ');
const WIDE = new Set('mwMWOQGDHNU@%&');

export function textWidth(text: string, fontSize: number, bold = false): number {
    let em = 0;
    for (const ch of text) {
        if (NARROW.has(ch)) em += 0.34;
        else if (WIDE.has(ch)) em += 0.9;
        else if (ch >= 'A' && ch <= 'Z') em += 0.7;
        else em += 0.6;
    }
    return Math.ceil(em * fontSize * (bold ? 1.12 : 1));
}

/** Cuts `text` with an ellipsis so that it fits `maxWidth`. */
export function fitText(text: string, fontSize: number, maxWidth: number, bold = false): string {
    if (textWidth(text, fontSize, bold) <= maxWidth) return text;
    let cut = text;
    while (cut.length > 1 && textWidth(cut + '…', fontSize, bold) > maxWidth) cut = cut.slice(0, -1);
    return cut + '…';
}
