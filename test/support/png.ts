import * as zlib from 'node:zlib';

/** A decoded PNG: RGBA, 8 bits a channel, rows top to bottom. */
export interface Pixels {
    readonly width: number;
    readonly height: number;
    readonly data: Uint8Array;
}

/**
 * Decodes the PNGs `resil diagram` writes (8-bit RGBA, not interlaced), so that image tests can look at the pixels
 * a user sees. Anything else is refused rather than misread.
 */
export function decodePng(png: Buffer): Pixels {
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    const [depth, colour, , , interlace] = png.subarray(24, 29);
    if (depth !== 8 || colour !== 6 || interlace !== 0) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
    const idat: Buffer[] = [];
    for (let offset = 8; offset < png.length;) {
        const length = png.readUInt32BE(offset);
        if (png.subarray(offset + 4, offset + 8).toString('latin1') === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
        offset += 12 + length;
    }
    const raw = zlib.inflateSync(Buffer.concat(idat));
    const stride = width * 4;
    const data = new Uint8Array(stride * height);
    for (let y = 0; y < height; y++) {
        const filter = raw[y * (stride + 1)];
        const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
        for (let i = 0; i < stride; i++) {
            const left = i >= 4 ? data[y * stride + i - 4] : 0;
            const up = y > 0 ? data[(y - 1) * stride + i] : 0;
            const upLeft = y > 0 && i >= 4 ? data[(y - 1) * stride + i - 4] : 0;
            data[y * stride + i] = (line[i] + predictor(filter, left, up, upLeft)) & 0xff;
        }
    }
    return { width, height, data };
}

function predictor(filter: number, left: number, up: number, upLeft: number): number {
    switch (filter) {
        case 0: return 0;
        case 1: return left;
        case 2: return up;
        case 3: return (left + up) >> 1;
        case 4: {
            const p = left + up - upLeft;
            const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
            return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
        }
        default: throw new Error(`bad PNG filter ${filter}`);
    }
}

/** Whether the pixel at (x, y) is within `tolerance` of a `#rrggbb` colour on every channel. */
export function pixelIs(pixels: Pixels, x: number, y: number, colour: string, tolerance = 40): boolean {
    if (x < 0 || y < 0 || x >= pixels.width || y >= pixels.height) return false;
    const i = (Math.floor(y) * pixels.width + Math.floor(x)) * 4;
    const rgb = [1, 3, 5].map(k => parseInt(colour.slice(k, k + 2), 16));
    return rgb.every((c, k) => Math.abs(pixels.data[i + k] - c) <= tolerance);
}
