import { isUtf8 } from 'node:buffer';

/**
 * The offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF), or undefined when all of it is UTF-8.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number | undefined {
    if (isUtf8(bytes)) return undefined;
    let offset = 0;
    while (offset < bytes.length) {
        const length = sequenceLength(bytes, offset);
        if (length === 0) return offset;
        offset += length;
    }
    return undefined;
}

/** The length of the well-formed sequence at `offset`, or 0. */
function sequenceLength(bytes: Uint8Array, offset: number): number {
    const lead = bytes[offset];
    if (lead < 0x80) return 1;
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    // The second byte's range is what rules out overlong forms, surrogates and code points above U+10FFFF.
    const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    for (let k = 1; k < length; k++) {
        const next = bytes[offset + k];
        if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return 0;
    }
    return length;
}
