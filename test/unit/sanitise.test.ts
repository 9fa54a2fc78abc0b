import * as assert from 'node:assert';
import { cutText, firstGrapheme, jsonText, terminalOutput, terminalText, wellFormed } from '../../language/src/util/sanitise.js';
import { firstInvalidUtf8Byte } from '../../language/src/util/utf8.js';

/** One of each kind of character that must never reach a terminal raw. */
const HIDDEN: ReadonlyArray<[string, string]> = [
    ['NUL', '\u0000'], ['BEL', '\u0007'], ['backspace', '\b'], ['tab', '\t'], ['line feed', '\n'], ['carriage return', '\r'],
    ['ESC', '\u001b'], ['DEL', '\u007f'], ['C1 CSI', '\u009b'], ['NEL', '\u0085'], ['soft hyphen', '\u00ad'],
    ['zero-width space', '\u200b'], ['zero-width non-joiner', '\u200c'], ['zero-width joiner', '\u200d'],
    ['left-to-right mark', '\u200e'], ['right-to-left mark', '\u200f'], ['line separator', '\u2028'],
    ['paragraph separator', '\u2029'], ['LRE', '\u202a'], ['RLE', '\u202b'], ['PDF', '\u202c'], ['LRO', '\u202d'],
    ['RLO', '\u202e'], ['word joiner', '\u2060'], ['invisible times', '\u2062'], ['unassigned U+2065', '\u2065'],
    ['LRI', '\u2066'], ['PDI', '\u2069'], ['nominal digit shapes', '\u206f'], ['byte-order mark', '\ufeff'],
    ['Arabic letter mark', '\u061c'], ['Mongolian vowel separator', '\u180e'], ['Hangul filler', '\u3164'],
    ['interlinear annotation', '\ufff9'], ['tag letter', '\u{e0041}'], ['lone high surrogate', '\ud83d'],
    ['lone low surrogate', '\ude00'],
];

describe('sanitise: every printed string of a design', () => {
    for (const [name, ch] of HIDDEN) {
        it(`shows ${name} as an escape on a terminal, and escapes it in JSON`, () => {
            const text = `a${ch}b`;
            const shown = terminalText(text);
            assert.strictEqual(shown, `a\\u{${ch.codePointAt(0)!.toString(16)}}b`);
            const json = jsonText({ text });
            assert.doesNotMatch(json.slice(0, -1).replace(/\n/g, ''), /[^\x20-\x7e\ufffd]/, 'only printable ASCII in the JSON');
            assert.deepStrictEqual(JSON.parse(json), { text: wellFormed(text) });
        });
    }

    it('keeps what is visible: accents, CJK, emoji with skin tones and families joined by ZWJ', () => {
        for (const text of ['café', 'naïve Ελληνικά 日本語', '👍🏽', '👨‍👩‍👧', '🏳️‍🌈', '€ – “quotes”']) {
            assert.strictEqual(terminalText(text), text);
        }
        assert.strictEqual(terminalText('a\u200d b'), 'a\\u{200d} b', 'a joiner outside an emoji is a hidden mark');
    });

    it('keeps line breaks of a whole output and is idempotent', () => {
        const output = 'one \u001b[2J\ntwo \u202e\n';
        assert.strictEqual(terminalOutput(output), 'one \\u{1b}[2J\ntwo \\u{202e}\n');
        assert.strictEqual(terminalOutput(terminalOutput(output)), terminalOutput(output));
        const json = jsonText({ a: ['x\u2028y', '\ud800'] });
        assert.strictEqual(terminalOutput(json), json, 'JSON is already inert');
    });

    it('replaces lone surrogates so that JSON is well-formed UTF-8', () => {
        const json = jsonText({ message: 'half \ud83d of an emoji', whole: '😀' });
        const bytes = Buffer.from(json, 'utf8');
        assert.strictEqual(new TextDecoder('utf-8', { fatal: true }).decode(bytes), json);
        assert.deepStrictEqual(JSON.parse(json), { message: 'half \ufffd of an emoji', whole: '😀' });
    });

    it('cuts text by graphemes, never in the middle of an emoji', () => {
        assert.strictEqual(cutText('abc', 5), 'abc');
        assert.strictEqual(cutText(`${'x'.repeat(4)}👍🏽tail`, 5), 'xxxx👍🏽…');
        assert.strictEqual(cutText('👨‍👩‍👧👨‍👩‍👧', 1), '👨‍👩‍👧…');
        assert.strictEqual(firstGrapheme('🇫🇷 France'), '🇫🇷');
        assert.strictEqual(firstGrapheme('é'), 'é');
    });
});

describe('firstInvalidUtf8Byte', () => {
    const cases: Array<[string, number[], number | undefined]> = [
        ['ASCII', [0x61, 0x62], undefined],
        ['a 4-byte emoji', [0x61, 0xf0, 0x9f, 0x98, 0x80], undefined],
        ['a stray continuation byte', [0x61, 0x80], 1],
        ['0xff', [0x61, 0x62, 0xff], 2],
        ['an overlong slash', [0xc0, 0xaf], 0],
        ['an overlong 3-byte form', [0x61, 0xe0, 0x80, 0xaf], 1],
        ['an encoded surrogate', [0xed, 0xa0, 0x80], 0],
        ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
        ['a sequence cut at the end', [0x61, 0xe2, 0x82], 1],
        ['a sequence cut by ASCII', [0xe2, 0x41, 0x41], 0],
    ];
    for (const [what, bytes, expected] of cases) {
        it(`finds ${what}`, () => assert.strictEqual(firstInvalidUtf8Byte(Uint8Array.from(bytes)), expected));
    }
});
