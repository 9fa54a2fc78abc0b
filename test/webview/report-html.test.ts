import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runResil } from '../support/cli.js';
import { REPO_ROOT } from '../support/paths.js';
import { chromiumAvailable, closeBrowser, launch } from '../support/webview-harness.js';

const EXAMPLES = fs.readdirSync(path.join(REPO_ROOT, 'examples')).filter(f => f.endsWith('.resil')).sort();

describe('resil report --format html (headless Chromium)', function () {
    this.timeout(120_000);

    before(function () {
        if (!chromiumAvailable()) this.skip();
    });

    after(closeBrowser);

    for (const example of EXAMPLES) {
        it(`${example}: the page opens without errors and draws the design's diagram`, async () => {
            const run = runResil(['report', path.join('examples', example), '--format', 'html']);
            assert.equal(run.status, 0, run.stderr);
            const browser = await launch();
            const page = await browser.newPage();
            const errors: string[] = [];
            page.on('pageerror', error => errors.push(error.message));
            page.on('console', message => { if (message.type() === 'error') errors.push(message.text()); });
            try {
                await page.setContent(run.stdout, { waitUntil: 'load' });
                assert.match(await page.title(), new RegExp(`^Resilience report: examples/${example.replace('.', '\\.')}$`));
                const diagram = await page.$eval('figure.diagram svg', svg => {
                    const box = svg.getBoundingClientRect();
                    return { width: box.width, height: box.height, shapes: svg.querySelectorAll('rect, path').length, text: svg.textContent ?? '' };
                });
                assert.ok(diagram.width > 100 && diagram.height > 100, JSON.stringify(diagram));
                assert.ok(diagram.shapes > 5, `${diagram.shapes} shapes`);
                const headings = await page.$$eval('h2', hs => hs.map(h => h.textContent));
                assert.deepEqual(headings, ['Requirements', 'Recovery objectives by disruption', 'Disaster recovery strategy',
                    'Availability per entry point', 'Blast radius of every scenario', 'Findings by failure category']);
                assert.ok(await page.$$eval('table', ts => ts.length) >= 3);
                assert.deepEqual(errors, []);
            } finally {
                await page.close();
            }
        });
    }
});
