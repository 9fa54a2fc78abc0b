// Redraws the diagram images of README.md and docs/ from the examples with the built CLI, so that they never go
// stale: run after a change to the diagrams or the examples (`npm run docs:images`, which builds first). Each image
// is one `resil diagram` command: the list below is the whole of what the documentation shows.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const DOC_IMAGES = [
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
