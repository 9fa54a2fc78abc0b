import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths.js';

const PROTOCOL = path.join('language', 'src', 'protocol');

function sources(folder: string): string[] {
    return fs.readdirSync(path.join(REPO_ROOT, folder), { recursive: true, encoding: 'utf8' })
        .filter(file => file.endsWith('.ts'))
        .map(file => path.join(folder, file));
}

function linesMatching(files: readonly string[], pattern: RegExp): string[] {
    return files.flatMap(file => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n')
        .flatMap((line, i) => pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

/** Both sides speak through language/src/protocol: a method name spelt anywhere else is a request the types do not cover. */
describe('protocol boundaries', () => {
    const code = ['language/src', 'server/src', 'client/src', 'test', 'bench'].flatMap(sources);

    it('spells request names only in the protocol module', () => {
        const outside = code.filter(file => !file.startsWith(PROTOCOL));
        assert.deepEqual(linesMatching(outside, /['"]resil\/[A-Za-z]/), []);
        assert.ok(linesMatching(sources(PROTOCOL), /['"]resil\/[A-Za-z]/).length >= 7, 'the protocol module names its requests');
    });

    it('keeps the extension from importing the server', () => {
        assert.deepEqual(linesMatching(sources('client/src'), /from '[./]*server\/src\//), []);
    });
});
