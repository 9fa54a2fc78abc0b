/**
 * The one place where text that comes from a design or from the user's command line (names, titles, strings, file
 * names, option values) is made safe for where it is printed: one function per target.
 *
 * Unsafe are the characters that drive a terminal or show nothing where something is: C0 and C1 controls (ESC
 * starts the sequences that clear a screen or set a window title), zero-width and other format characters,
 * bidirectional embeddings, overrides and isolates (which make text read differently from what it is), line and
 * paragraph separators, word joiners and invisible operators, byte-order marks, invisible fillers, and lone
 * surrogates (half of an emoji, which no encoder can write).
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u034f\u115f\u1160\u2060-\u206f\u3164\uffa0\ufffe\uffff]/gu;

/** A zero-width joiner between two pictographs is part of one emoji (a family, a profession), not a hidden mark. */
const EMOJI_BEFORE = /\p{Extended_Pictographic}(?:\ufe0f|\p{Emoji_Modifier})?$/u;
const EMOJI_AFTER = /^\p{Extended_Pictographic}/u;

function isEmojiJoiner(ch: string, offset: number, text: string): boolean {
    return ch === '\u200d' && EMOJI_BEFORE.test(text.slice(Math.max(0, offset - 4), offset)) && EMOJI_AFTER.test(text.slice(offset + 1, offset + 3));
}

function codePointEscape(ch: string): string {
    return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

/**
 * Text for one line of a terminal: every unsafe character (line breaks and tabs too) is shown as a `\u{1b}`-style
 * escape, so that the line shows what the text holds and nothing else.
 */
export function terminalText(text: string): string {
    return text.replace(UNSAFE, (ch: string, offset: number, whole: string) => isEmojiJoiner(ch, offset, whole) ? ch : codePointEscape(ch));
}

/** A whole output for a terminal: each line as `terminalText`, the line breaks kept. Idempotent. */
export function terminalOutput(text: string): string {
    return text.split('\n').map(terminalText).join('\n');
}

/** The text with each lone surrogate replaced by U+FFFD, as a UTF-8 encoder would: well-formed UTF-8 once written. */
export function wellFormed(text: string): string {
    return text.replace(/\p{Cs}/gu, '\ufffd');
}

/**
 * JSON for files and pipes (and terminals): strings are well-formed (no lone surrogate, which strict UTF-8 readers
 * reject), and every unsafe character JSON.stringify leaves raw is written as a `\u` escape: the same JSON to a parser,
 * inert on a terminal. Ends with a line break.
 */
export function jsonText(value: unknown): string {
    const json = JSON.stringify(value, (_key, v: unknown) => typeof v === 'string' ? wellFormed(v) : v, 2);
    // Outside strings, JSON.stringify writes no character but spaces and line breaks; inside, it escapes C0 controls.
    return json.replace(UNSAFE, ch => ch === '\n' ? ch : jsonEscape(ch)) + '\n';
}

/** `\u` escapes of each UTF-16 unit: JSON has no escape for a code point above U+FFFF but its surrogate pair. */
function jsonEscape(ch: string): string {
    let escaped = '';
    for (let i = 0; i < ch.length; i++) escaped += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
}

// Made on first use: creating a segmenter loads ICU data (about 17 ms), which every start of the CLI and the server
// paid when it was made as the module loaded, though most runs never cut a text.
let graphemeSegmenter: Intl.Segmenter | undefined;

function graphemes(text: string): Intl.Segments {
    graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    return graphemeSegmenter.segment(text);
}

/** The first user-perceived character (grapheme cluster) of the text: an emoji whole, a letter with its accents. */
export function firstGrapheme(text: string): string {
    for (const { segment } of graphemes(text)) return segment;
    return '';
}

/** At most `max` graphemes of the text, with `…` when it was cut: never half of an emoji or of an accented letter. */
export function cutText(text: string, max: number): string {
    if (text.length <= max) return text;
    let cut = '';
    let count = 0;
    for (const { segment } of graphemes(text)) {
        if (count === max) return `${cut}…`;
        cut += segment;
        count++;
    }
    return cut;
}
