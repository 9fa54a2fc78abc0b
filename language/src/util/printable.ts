/**
 * Makes text that came from a design safe and visible on a terminal or in a message: control characters (which
 * can drive a terminal: clear the screen, set the title, hide text) and bidirectional overrides (which can make
 * text read differently from what it is) are shown as `\u{1b}`-style escapes.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
    return text.replace(UNPRINTABLE, ch => `\\u{${ch.charCodeAt(0).toString(16)}}`);
}
