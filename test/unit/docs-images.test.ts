import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { repoPath } from '../support/paths.js';

/** `docs/images/x.png` of every image the README and the docs show. */
function imagesShown(): string[] {
    const pages = ['README.md', ...fs.readdirSync(repoPath('docs')).filter(f => f.endsWith('.md')).map(f => `docs/${f}`)];
    const shown = new Set<string>();
    for (const page of pages) {
        for (const match of fs.readFileSync(repoPath(page), 'utf8').matchAll(/!\[.*?\]\(([^)]+)\)/g)) shown.add(match[1]);
    }
    return [...shown].sort();
}

describe('documentation images', () => {
    it('are each drawn by scripts/draw-docs-images.mjs, so that none goes stale', () => {
        const script = fs.readFileSync(repoPath('scripts', 'draw-docs-images.mjs'), 'utf8');
        const drawn = [...script.matchAll(/^\s*\['([^']+\.png)'/gm)].map(m => `docs/images/${m[1]}`).sort();
        assert.deepEqual(imagesShown(), drawn);
        for (const image of drawn) assert.ok(fs.existsSync(repoPath(image)), `${image} is drawn (npm run docs:images)`);
        const kept = fs.readdirSync(repoPath('docs', 'images')).map(f => `docs/images/${f}`).sort();
        assert.deepEqual(kept, drawn, 'no image in docs/images that nothing shows or draws');
    });
});
