import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import { allNodes } from '../../language/src/diagram/diagram-types.js';
import { runResil } from '../support/cli.js';
import { TOUR_FILE as TOUR } from '../support/paths.js';
import { build } from '../support/services.js';

const resil = (...args: string[]) => runResil(args);

describe('resil diagram', function () {
    this.timeout(60_000);
    let dir: string;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-diagram-')); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('writes an SVG holding every service of the tour', async () => {
        const out = path.join(dir, 'tour.svg');
        const result = resil('diagram', TOUR, '-o', out);
        assert.strictEqual(result.status, 0, result.stderr);
        assert.match(result.stdout, /wrote .*tour\.svg \(22 services\)/);
        const svg = fs.readFileSync(out, 'utf8');
        assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        const model = buildDiagramModel((await build(fs.readFileSync(TOUR, 'utf8'))).parseResult.value);
        const services = [...allNodes(model.nodes)].filter(n => n.kind === 'service');
        assert.strictEqual(services.length, 22);
        for (const service of services) assert.ok(svg.includes(`data-id="${service.id}"`), service.id);
        assert.ok(!/class="[^"]*state-(failed|degraded)/.test(svg), 'no failure selected: nothing is coloured');
    });

    it('draws each rule finding as a badge on its element, with the count, coloured by severity', () => {
        const design = path.join(dir, 'one-az.resil');
        fs.writeFileSync(design, 'system S {\n  region use1 "us-east-1" {\n    az a\n    az b\n    alb edge in a { entry uses api }\n    ecs api in a, b { launch fargate tasks 4 needs 2 }\n  }\n}\n');
        const out = path.join(dir, 'one-az.svg');
        const result = resil('diagram', design, '-o', out);
        assert.strictEqual(result.status, 0, result.stderr);
        const svg = fs.readFileSync(out, 'utf8');
        const badge = /<g class="finding-badge severity-error" data-finding="use1\.edge"><title>([^<]*)<\/title><circle [^>]*\/><text [^>]*>(\d+)<\/text>/.exec(svg);
        assert.ok(badge, 'an error badge on use1.edge');
        assert.match(badge[1], /alb-multi-az/);
        assert.ok(Number(badge[2]) >= 1);
        assert.ok(svg.includes('.finding-badge.severity-error circle { fill: #cf222e; }'), 'the error colour of the export');
    });

    it('colours the failure given with --fail: use1.a changes the picture', () => {
        const plain = path.join(dir, 'plain.svg');
        const failed = path.join(dir, 'use1a.svg');
        assert.strictEqual(resil('diagram', TOUR, '-o', plain).status, 0);
        const result = resil('diagram', TOUR, '-o', failed, '--fail', 'use1.a');
        assert.strictEqual(result.status, 0, result.stderr);
        const svg = fs.readFileSync(failed, 'utf8');
        assert.notStrictEqual(svg, fs.readFileSync(plain, 'utf8'));
        assert.match(svg, /class="node lane-node state-failed cause" data-id="use1.a"/);
        assert.match(svg, /Failure: use1.a/);
        assert.match(svg, /class="slot used failed"/);
    });

    it('writes a valid PNG', () => {
        const out = path.join(dir, 'tour.png');
        const result = resil('diagram', TOUR, '-o', out, '--scenario', 'badDeploy', '--expand', 'use1.payments');
        assert.strictEqual(result.status, 0, result.stderr);
        const png = fs.readFileSync(out);
        assert.deepStrictEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        assert.strictEqual(png.subarray(12, 16).toString('latin1'), 'IHDR');
        assert.ok(png.readUInt32BE(16) > 1000 && png.readUInt32BE(20) > 1000, 'rendered at twice the SVG size');
    });

    it('refuses to replace a file that is not a diagram unless --force is given', () => {
        const out = path.join(dir, 'notes.svg');
        fs.writeFileSync(out, 'my notes, not a picture');
        const refused = resil('diagram', TOUR, '-o', out);
        assert.strictEqual(refused.status, 2);
        assert.match(refused.stderr, /exists and is not a diagram written by resil; pass --force/);
        assert.strictEqual(fs.readFileSync(out, 'utf8'), 'my notes, not a picture');
        assert.strictEqual(resil('diagram', TOUR, '-o', out, '--force').status, 0);
        assert.match(fs.readFileSync(out, 'utf8'), /^<svg/);
        assert.strictEqual(resil('diagram', TOUR, '-o', out).status, 0, 'an existing diagram is replaced');
    });

    it('refuses to replace an image Resil did not draw, even one that holds an <svg>, unless --force is given', function () {
        this.timeout(240_000);
        const foreign: Array<[string, string | Buffer]> = [
            ['page.svg', '<!DOCTYPE html>\n<html><body><h1>My page</h1><svg width="10" height="10"></svg></body></html>\n'],
            ['drawing.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="5"/></svg>\n'],
            ['photo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)])],
        ];
        for (const [name, content] of foreign) {
            const out = path.join(dir, name);
            fs.writeFileSync(out, content);
            const refused = resil('diagram', TOUR, '-o', out);
            assert.strictEqual(refused.status, 2, name);
            assert.match(refused.stderr, /exists and is not a diagram written by resil; pass --force to replace it/, name);
            assert.deepStrictEqual(fs.readFileSync(out), Buffer.from(content), `${name} is kept`);
        }
        // Drawing takes seconds: one SVG and one PNG are enough to show that --force replaces, and that Resil's
        // own picture is then redrawn without it.
        for (const name of ['page.svg', 'photo.png']) {
            const out = path.join(dir, name);
            assert.strictEqual(resil('diagram', TOUR, '-o', out, '--force').status, 0, name);
            assert.strictEqual(resil('diagram', TOUR, '-o', out, '--fail', 'use1.a').status, 0, `${name}: Resil's own diagram is replaced without --force`);
        }
    });

    it('marks its SVG and PNG files as drawn by Resil, and the PNG stays valid', () => {
        const svg = path.join(dir, 'marked.svg');
        const png = path.join(dir, 'marked.png');
        assert.strictEqual(resil('diagram', TOUR, '-o', svg).status, 0);
        assert.strictEqual(resil('diagram', TOUR, '-o', png).status, 0);
        assert.match(fs.readFileSync(svg, 'utf8'), /^<svg [^>]*><metadata>Drawn by Resil \(resil diagram\)<\/metadata>/);
        const chunks = pngChunks(fs.readFileSync(png));
        assert.deepStrictEqual(chunks.slice(0, 2).map(c => c.type), ['IHDR', 'tEXt']);
        assert.strictEqual(chunks[1].data.toString('latin1'), 'Software\0Resil diagram');
        for (const chunk of chunks) assert.ok(chunk.crcOk, `${chunk.type}: CRC`);
        assert.strictEqual(chunks[chunks.length - 1].type, 'IEND');
    });

    it('draws the scenario sheet: one small diagram per single failure, each with its customers down', () => {
        const out = path.join(dir, 'sheet.svg');
        const result = resil('diagram', TOUR, '-o', out, '--sheet');
        assert.strictEqual(result.status, 0, result.stderr);
        const failures = Number(/, (\d+) failures\)/.exec(result.stdout)?.[1]);
        assert.ok(failures >= 8, result.stdout);
        const svg = fs.readFileSync(out, 'utf8');
        assert.match(svg, /^<svg [^>]*><metadata>Drawn by Resil/, 'a file resil redraws without --force');
        assert.strictEqual(svg.match(/<svg x="/g)?.length, failures);
        assert.strictEqual(svg.match(/>Customers down: [\d.]+%</g)?.length, failures);
        for (const name of ['use1', 'use1.a', 'usw2.c', 'use1.payments[3]']) assert.ok(svg.includes(`>Failure: ${name}<`), name);
        assert.strictEqual(resil('diagram', TOUR, '-o', out, '--sheet', '--fail', 'use1.a').status, 2, 'one failure or all, not both');
    });

    it('collapses the containers --collapse names, and every cell and AZ band with --collapse all', () => {
        const out = path.join(dir, 'collapsed.svg');
        const result = resil('diagram', TOUR, '-o', out, '--collapse', 'use1.payments', '--collapse', 'usw2.azs');
        assert.strictEqual(result.status, 0, result.stderr);
        const svg = fs.readFileSync(out, 'utf8');
        assert.match(svg, /data-id="use1.payments"[^]*?services? hidden/);
        assert.ok(!svg.includes('data-id="use1.payments.ledger"') && !svg.includes('data-id="usw2.api"'));
        assert.ok(svg.includes('data-id="use1.api"'), 'what is not collapsed is drawn');
        assert.strictEqual(resil('diagram', TOUR, '-o', out, '--collapse', 'all').status, 0);
        assert.ok(!fs.readFileSync(out, 'utf8').includes('data-id="use1.api"'));
        const unknown = resil('diagram', TOUR, '-o', out, '--collapse', 'use1.nothing');
        assert.strictEqual(unknown.status, 2);
        assert.match(unknown.stderr, /--collapse use1.nothing: not a region, cell or REGION.azs/);
    });

    it('draws one region with --region, and a service\'s neighbourhood with --focus and --hops', () => {
        const out = path.join(dir, 'focus.svg');
        assert.strictEqual(resil('diagram', TOUR, '-o', out, '--region', 'usw2').status, 0);
        let svg = fs.readFileSync(out, 'utf8');
        assert.ok(svg.includes('data-id="usw2.api"') && !svg.includes('data-id="use1.api"'));
        const result = resil('diagram', TOUR, '-o', out, '--focus', 'use1.sessions', '--hops', '1');
        assert.strictEqual(result.status, 0, result.stderr);
        assert.match(result.stdout, /\(2 services\)/);
        svg = fs.readFileSync(out, 'utf8');
        assert.ok(svg.includes('data-id="use1.api"') && svg.includes('data-id="use1.sessions"') && !svg.includes('data-id="use1.edge"'));
        const cases: [string[], RegExp][] = [
            [['--region', 'euw9'], /--region: unknown region 'euw9'; the design has use1, usw2/],
            [['--focus', 'use1.nothing'], /--focus: unknown service 'use1.nothing'/],
            [['--hops', '2'], /--hops goes with --focus/],
            [['--focus', 'use1.api', '--hops', 'many'], /--hops many: expected a whole number/],
        ];
        for (const [args, message] of cases) {
            const bad = resil('diagram', TOUR, '-o', out, ...args);
            assert.strictEqual(bad.status, 2, args.join(' '));
            assert.match(bad.stderr, message);
        }
    });

    it('draws a view the design declares with --view, with what it collapses', () => {
        const design = path.join(dir, 'views.resil');
        fs.writeFileSync(design, fs.readFileSync(TOUR, 'utf8').replace(/\n}\s*$/, '\n  view west { region usw2 }\n  view pay { region use1 collapse use1.payments }\n}\n'));
        const out = path.join(dir, 'view.svg');
        let result = resil('diagram', design, '-o', out, '--view', 'west');
        assert.strictEqual(result.status, 0, result.stderr);
        let svg = fs.readFileSync(out, 'utf8');
        assert.ok(svg.includes('data-id="usw2.api"') && !svg.includes('data-id="use1.api"'));
        result = resil('diagram', design, '-o', out, '--view', 'pay');
        assert.strictEqual(result.status, 0, result.stderr);
        svg = fs.readFileSync(out, 'utf8');
        assert.match(svg, /data-id="use1.payments"[^]*?services? hidden/);
        assert.ok(svg.includes('data-id="use1.api"') && !svg.includes('data-id="usw2.api"') && !svg.includes('data-id="use1.payments.ledger"'));
        const unknown = resil('diagram', design, '-o', out, '--view', 'east');
        assert.strictEqual(unknown.status, 2);
        assert.match(unknown.stderr, /--view east: the design declares the views west, pay/);
        const none = resil('diagram', TOUR, '-o', out, '--view', 'west');
        assert.strictEqual(none.status, 2);
        assert.match(none.stderr, /--view west: the design declares no view/);
    });

    it('documents --force in the help', () => {
        assert.match(resil('--help').stdout, /diagram <file> -o out\.svg\|out\.png .*\[--force\]\n(.*\n)*.*--force replaces a file that resil did not draw/);
    });

    it('answers bad usage with exit 2 and a clear message', () => {
        const folderNamedSvg = path.join(dir, 'folder.svg');
        fs.mkdirSync(folderNamedSvg, { recursive: true });
        const cases: [string[], RegExp][] = [
            [[TOUR, '-o', path.join(dir, 'x.pdf')], /must end in \.svg or \.png/],
            [[TOUR], /missing -o/],
            [[TOUR, '-o', folderNamedSvg], /is a folder/],
            [[TOUR, '-o', path.join(dir, 'x.svg'), '--fail', 'use1.zz'], /unknown name 'use1.zz'/],
            [[TOUR, '-o', path.join(dir, 'x.svg'), '--fail', 'use1.a', '--scenario', 'badDeploy'], /not both/],
            [[path.join(dir, 'missing.resil'), '-o', path.join(dir, 'x.svg')], /no such file/],
        ];
        for (const [args, message] of cases) {
            const result = resil('diagram', ...args);
            assert.strictEqual(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
            assert.match(result.stderr, message);
            assert.ok(!result.stderr.includes('    at '), 'no stack trace');
        }
        const broken = path.join(dir, 'broken.resil');
        fs.writeFileSync(broken, 'system T { region r { ecs api { uses nowhere } } }');
        const result = resil('diagram', broken, '-o', path.join(dir, 'broken.svg'));
        assert.strictEqual(result.status, 2);
        assert.match(result.stderr, /does not parse or link:\n.*broken\.resil:1:\d+ /);
        assert.ok(!fs.existsSync(path.join(dir, 'broken.svg')));
    });
});

/** The chunks of a PNG, each with whether its CRC is right. */
function pngChunks(png: Buffer): Array<{ type: string; data: Buffer; crcOk: boolean }> {
    const chunks: Array<{ type: string; data: Buffer; crcOk: boolean }> = [];
    for (let offset = 8; offset < png.length;) {
        const length = png.readUInt32BE(offset);
        const typeAndData = png.subarray(offset + 4, offset + 8 + length);
        chunks.push({ type: typeAndData.subarray(0, 4).toString('latin1'), data: typeAndData.subarray(4), crcOk: zlib.crc32(typeAndData) === png.readUInt32BE(offset + 8 + length) });
        offset += 12 + length;
    }
    return chunks;
}
