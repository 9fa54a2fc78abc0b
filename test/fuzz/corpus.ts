import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT as ROOT } from '../support/paths.js';

/** Seed texts for mutation: the examples and every test fixture of the repository (never anything outside it). */
export function loadCorpus(): string[] {
    const files = ['examples', path.join('test', 'fixtures')].flatMap(dir => resilFiles(path.join(ROOT, dir)))
        // Regression inputs of the fuzzer itself are slow on purpose (deep nesting): they have their own test.
        .filter(file => !file.includes(`${path.sep}fuzz${path.sep}`));
    const texts = files.map(file => fs.readFileSync(file, 'utf8')).filter(text => text.length < 200_000);
    if (texts.length === 0) throw new Error(`no .resil files under ${ROOT}/examples or test/fixtures to fuzz`);
    return texts;
}

function resilFiles(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return resilFiles(full);
        return entry.isFile() && entry.name.endsWith('.resil') ? [full] : [];
    }).sort();
}
