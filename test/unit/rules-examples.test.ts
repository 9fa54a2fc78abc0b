import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from '../support/services.js';
import { REPO_ROOT as ROOT } from '../support/paths.js';


describe('rules on the examples', () => {
    it('the fragile example trips at least 15 distinct rules', async () => {
        const document = await build(fs.readFileSync(path.join(ROOT, 'examples', 'fragile.resil'), 'utf8'));
        const ids = new Set((document.diagnostics ?? []).map(d => String(d.code)));
        assert.ok(!ids.has('syntax') && !ids.has('unresolved-reference'), 'it parses and links');
        assert.ok(ids.size >= 15, `only ${ids.size} rules: ${[...ids].join(', ')}`);
    });
});
