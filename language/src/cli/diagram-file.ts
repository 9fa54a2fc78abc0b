import { SVG_MARKER } from '../diagram/diagram-file-marker.js';

/**
 * How a diagram file says that Resil drew it, so that `resil diagram -o` replaces its own pictures without asking
 * and refuses any other file (unless --force): in an SVG, the marker first in the root element; in a PNG, a
 * `Software` text chunk right after the header.
 */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Signature (8), then the IHDR chunk: length (4), type (4), 13 bytes of data, CRC (4). */
const AFTER_HEADER = 8 + 4 + 4 + 13 + 4;
const PNG_MARKER = pngChunk('tEXt', Buffer.from('Software\0Resil diagram', 'latin1'));

/** How many bytes of a file `isResilDiagram` needs: the SVG marker comes before the stylesheet. */
export const MARKER_BYTES = 1024;

/** The PNG with Resil's text chunk inserted after its header. */
export function markPng(png: Buffer): Buffer {
    return Buffer.concat([png.subarray(0, AFTER_HEADER), PNG_MARKER, png.subarray(AFTER_HEADER)]);
}

/** Whether the start of a file is the start of a diagram Resil wrote. */
export function isResilDiagram(head: Buffer): boolean {
    if (head.subarray(0, 8).equals(PNG_SIGNATURE)) return head.subarray(AFTER_HEADER, AFTER_HEADER + PNG_MARKER.length).equals(PNG_MARKER);
    const text = head.toString('utf8');
    return text.startsWith('<svg ') && text.includes(SVG_MARKER);
}

function pngChunk(type: string, data: Buffer): Buffer {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typeAndData));
    return Buffer.concat([length, typeAndData, crc]);
}

/** CRC-32 as PNG chunks carry it (ISO 3309; zlib.crc32 needs Node 20.15). */
function crc32(bytes: Uint8Array): number {
    let crc = 0xffffffff;
    for (const byte of bytes) {
        crc ^= byte;
        for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
    }
    return (crc ^ 0xffffffff) >>> 0;
}
