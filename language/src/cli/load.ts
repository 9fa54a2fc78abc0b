import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { createResilServices, type ResilServices } from '../resil-module.js';
import { buildDocument, type ResilDocument } from '../workspace/documents.js';
import { UsageError } from './usage-error.js';
import { MAX_FILE_BYTES, tooLargeMessage } from '../workspace/limits.js';

/** Refuse what cannot be a design before trying to parse it. */
export { MAX_FILE_BYTES } from '../workspace/limits.js';


export function createCliServices(): ResilServices {
    return createResilServices(NodeFileSystem).Resil;
}

/** Expands files and folders (searched recursively for `.resil` files) into a sorted list of files. */
export function collectFiles(inputs: readonly string[]): string[] {
    if (inputs.length === 0) throw new UsageError('no input: name one or more .resil files or folders');
    const files: string[] = [];
    for (const input of inputs) {
        let stat: fs.Stats;
        try {
            stat = fs.statSync(input);
        } catch {
            throw new UsageError(`${input}: no such file or folder`);
        }
        if (stat.isDirectory()) {
            const found = findResilFiles(input);
            if (found.length === 0) throw new UsageError(`${input}: folder contains no .resil files`);
            files.push(...found);
        } else if (!input.endsWith('.resil')) {
            throw new UsageError(`${input}: not a .resil file`);
        } else {
            files.push(input);
        }
    }
    return files;
}

function findResilFiles(dir: string): string[] {
    const result: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) result.push(...findResilFiles(full));
        else if (entry.isFile() && entry.name.endsWith('.resil')) result.push(full);
    }
    return result;
}

/** Reads a file as text, refusing binary content and files that are too large. */
export function readDesignFile(file: string): string {
    const stat = fs.statSync(file);
    if (stat.size > MAX_FILE_BYTES) {
        throw new UsageError(`${file}:1:1 ${tooLargeMessage(stat.size)}`);
    }
    const bytes = fs.readFileSync(file);
    if (bytes.includes(0)) throw new UsageError(`${file}: binary file, not a .resil design`);
    return bytes.toString('utf8');
}

export async function loadDocument(services: ResilServices, file: string): Promise<ResilDocument> {
    return buildDocument(services, readDesignFile(file), URI.file(path.resolve(file)));
}
