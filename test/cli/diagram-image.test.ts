import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DARK_PALETTE, HIGH_CONTRAST_PALETTE, LIGHT_PALETTE, type Palette } from '../../language/src/diagram/diagram-style.js';
import { ARROW } from '../../language/src/diagram/svg-renderer.js';
import { runResil } from '../support/cli.js';
import { TOUR_FILE, repoPath } from '../support/paths.js';
import { decodePng, pixelIs, type Pixels } from '../support/png.js';

/**
 * Image tests of `resil diagram`'s PNGs: what a reader sees, in pixels. The SVG of the same command gives the
 * routes (the layout is deterministic), the PNG what the rasteriser made of them.
 */
const WEB_SERVICE = repoPath('examples', 'web-service.resil');

interface Route { readonly kind: string; readonly points: Array<{ x: number; y: number }>; }

/** The edges of an exported SVG, in picture coordinates (the drawing sits below the header). */
function routesOf(svg: string): Route[] {
    const offset = Number(/<g transform="translate\(0,([\d.]+)\)">/.exec(svg)?.[1]);
    assert.ok(offset > 0, 'the drawing is shifted below its header');
    const drawing = svg.slice(svg.indexOf('<g class="edges">'));
    return [...drawing.matchAll(/<path class="edge edge-([a-z-]+)[^"]*" data-edge="[^"]*" d="([^"]+)"/g)].map(([, kind, d]) => ({
        kind, points: [...d.matchAll(/[ML]([\d.-]+) ([\d.-]+)/g)].map(([, x, y]) => ({ x: Number(x), y: Number(y) + offset })),
    }));
}

/**
 * Whether an arrowhead of `colour` sits at `tip` pointing along `direction`: both of its wings are drawn behind the
 * tip, where the line alone (narrower than they are apart) draws nothing. A head pointing elsewhere leaves them blank.
 */
function arrowheadAt(pixels: Pixels, scale: number, tip: { x: number; y: number }, direction: { x: number; y: number }, colour: string): boolean {
    const behind = ARROW * 0.6;
    const wing = ARROW * 0.25;
    const near = (x: number, y: number) => [-1, 0, 1].some(dx => [-1, 0, 1].some(dy => pixelIs(pixels, x * scale + dx, y * scale + dy, colour, 60)));
    const base = { x: tip.x - direction.x * behind, y: tip.y - direction.y * behind };
    const side = { x: -direction.y, y: direction.x };
    return near(base.x + side.x * wing, base.y + side.y * wing) && near(base.x - side.x * wing, base.y - side.y * wing);
}

function unit(from: { x: number; y: number }, to: { x: number; y: number }): { x: number; y: number } {
    const length = Math.hypot(to.x - from.x, to.y - from.y);
    return { x: (to.x - from.x) / length, y: (to.y - from.y) / length };
}

describe('resil diagram: images', function () {
    this.timeout(120_000);
    let dir: string;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-diagram-image-')); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    function draw(file: string, name: string, ...args: string[]): { svg: string; png: Pixels } {
        const svgFile = path.join(dir, `${name}.svg`);
        const pngFile = path.join(dir, `${name}.png`);
        for (const out of [svgFile, pngFile]) {
            const result = runResil(['diagram', file, '-o', out, ...(out === pngFile ? args : args.filter((a, i) => a !== '--scale' && args[i - 1] !== '--scale'))]);
            assert.equal(result.status, 0, result.stderr);
        }
        return { svg: fs.readFileSync(svgFile, 'utf8'), png: decodePng(fs.readFileSync(pngFile)) };
    }

    it('draws every arrowhead pointing at its target (and a replica\'s at both ends), in each theme', () => {
        const themes: Array<[string, Palette]> = [['light', LIGHT_PALETTE], ['dark', DARK_PALETTE], ['high-contrast', HIGH_CONTRAST_PALETTE]];
        for (const [theme, palette] of themes) {
            const { svg, png } = draw(TOUR_FILE, `tour-${theme}`, '--theme', theme);
            const routes = routesOf(svg);
            let checked = 0;
            for (const route of routes.filter(r => r.kind === 'hard' || r.kind === 'replica-of')) {
                const n = route.points.length;
                const [a, b] = [route.points[n - 2], route.points[n - 1]];
                if (Math.hypot(b.x - a.x, b.y - a.y) < 2 * ARROW) continue; // too short a last leg to tell a head from the line
                const colour = palette.edges[route.kind as 'hard'];
                assert.ok(arrowheadAt(png, 2, b, unit(a, b), colour), `${theme}: the ${route.kind} edge ending at ${b.x},${b.y} has its head pointing along its last leg`);
                if (route.kind === 'replica-of') {
                    assert.ok(arrowheadAt(png, 2, route.points[0], unit(route.points[1], route.points[0]), colour), `${theme}: the replica's start head points back at its source`);
                }
                checked++;
            }
            assert.ok(checked >= 5, `${theme}: ${checked} arrowheads checked`);
        }
    });

    it('rasterises at --scale, and refuses scales and themes it does not know', () => {
        const { png } = draw(WEB_SERVICE, 'web-1x', '--scale', '1');
        const { png: double } = draw(WEB_SERVICE, 'web-2x');
        assert.equal(double.width, png.width * 2);
        const cases: Array<[string[], RegExp]> = [
            [['-o', path.join(dir, 'x.png'), '--scale', '0'], /--scale 0: expected a number from 0.25 to 8/],
            [['-o', path.join(dir, 'x.png'), '--scale', 'big'], /--scale big: expected a number/],
            [['-o', path.join(dir, 'x.svg'), '--scale', '2'], /--scale applies to PNG output only/],
            [['-o', path.join(dir, 'x.svg'), '--theme', 'sepia'], /--theme sepia: expected one of light, dark, high-contrast/],
        ];
        for (const [args, message] of cases) {
            const result = runResil(['diagram', WEB_SERVICE, ...args]);
            assert.equal(result.status, 2, args.join(' '));
            assert.match(result.stderr, message);
        }
    });

    it('draws a dark export on a dark background', () => {
        const { svg, png } = draw(WEB_SERVICE, 'web-dark', '--theme', 'dark');
        assert.ok(svg.includes(`.resil-diagram .background { fill: ${DARK_PALETTE.background}; }`));
        assert.ok(pixelIs(png, 2, png.height - 2, DARK_PALETTE.background, 2), 'the corner is the dark background');
    });

    it('draws the failure\'s marks and reasons: the failed AZ\'s column hatched, the cause ringed, each reason on its card', () => {
        const design = path.join(dir, 'fragile-az.resil');
        fs.writeFileSync(design, `system S {
  region use1 "us-east-1" {
    az a
    az b
    alb edge in a, b { entry uses api }
    ecs api in a, b { launch fargate tasks 4 needs 2 uses cache }
    elasticache cache in a { engine redis }
  }
}
`);
        const { svg, png } = draw(design, 'fragile-az', '--fail', 'use1.a');
        const offset = Number(/<g transform="translate\(0,([\d.]+)\)">/.exec(svg)?.[1]);
        const column = /<rect class="az-failed-column" data-az="use1.a" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(svg);
        assert.ok(column, 'the failed AZ\'s column is drawn');
        const [x, y, width, height] = column.slice(1).map(Number);
        let hatched = 0;
        let sampled = 0;
        for (let px = x + 2; px < x + width - 2; px += 1) {
            for (let py = y + offset + 2; py < y + offset + height - 2; py += 3) {
                sampled++;
                // The hatch is the failed colour at 28 % over the band: a pink well away from the band's grey.
                const i = (Math.floor(py * 2) * png.width + Math.floor(px * 2)) * 4;
                if (png.data[i] - png.data[i + 2] > 25) hatched++;
            }
        }
        assert.ok(hatched / sampled > 0.15, `${hatched} of ${sampled} pixels of the column are hatched`);
        assert.match(svg, /<g class="node lane-node state-failed cause" data-id="use1.a">/);
        for (const reason of ['runs only in failed AZ a', 'needs cache, failed', 'needs api, failed']) {
            assert.ok(svg.includes(`>${reason}</text>`) || svg.includes(`: ${reason}</text>`), reason);
        }
    });
});
