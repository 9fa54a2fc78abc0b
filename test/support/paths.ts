import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * The repository root. Tests run compiled (from out/test/support/) or from their sources through tsx (from
 * test/support/, `npm run test:one`), hence the check for the out/ folder.
 */
export const REPO_ROOT = path.basename(path.resolve(HERE, '../..')) === 'out' ? path.resolve(HERE, '../../..') : path.resolve(HERE, '../..');

/** A path in the repository, from its root: `repoPath('test', 'fixtures', 'tour.resil')`. */
export function repoPath(...segments: string[]): string {
    return path.join(REPO_ROOT, ...segments);
}

export const TOUR_FILE = repoPath('test', 'fixtures', 'tour.resil');

/** The language tour of the product design: every construct of the language; it parses, checks clean and is a
 * fixed point of the formatter. */
export const LANGUAGE_TOUR = fs.readFileSync(TOUR_FILE, 'utf8');
