// Redraws the diagram images of README.md and docs/ from the examples with the built CLI, so that they never go
// stale: run after a change to the diagrams or the examples (`npm run docs:images`, which builds first). Each image
// is one `resil diagram` command: the list below is the whole of what the documentation shows.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const DOC_IMAGES = [
    // README "In VS Code": a screenshot of VS Code cannot be taken by a script here; the picture is what the diagram
    // panel draws for one region of the tour, with its rule findings as badges and a cell replica failed.
    ['language-tour-region.png', 'examples/language-tour.resil', '--region', 'euw1', '--fail', 'euw1.booking[0]', '--scale', '1'],
    // README "Diagrams": the whole tour under an AZ and a cell replica failed, as the webview draws it (same renderer).
    ['diagram.png', 'examples/language-tour.resil', '--fail', 'euw1.a', '--fail', 'euw1.booking[0]', '--scale', '1'],
    ['web-service-az-loss.png', 'examples/web-service.resil', '--fail', 'euw1.a'],
    // The sheet holds a copy per failure: at the SVG's own size it stays readable and small.
    ['web-service-failures.png', 'examples/web-service.resil', '--sheet', '--scale', '1'],
];

let failed = false;
for (const [image, design, ...options] of DOC_IMAGES) {
    const out = path.join('docs', 'images', image);
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'resil.js'), 'diagram', design, '-o', out, ...options], { cwd: ROOT, encoding: 'utf8' });
    process.stdout.write(result.stdout);
    if (result.status !== 0) {
        process.stderr.write(`${out}: ${result.stderr}`);
        failed = true;
    }
}
process.exitCode = failed ? 1 : 0;
