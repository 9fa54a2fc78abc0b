import * as fs from 'node:fs';
import * as path from 'node:path';
import { firstInvalidUtf8Byte } from '../util/utf8.js';
import type { Finding } from '../workspace/findings.js';
import { MAX_FILE_BYTES, tooLargeMessage } from '../workspace/limits.js';
import { displayPath, findingLine } from './finding-text.js';
import { UsageError, userFileError } from './usage-error.js';

/** Refuse what cannot be a design before trying to parse it. */
export { MAX_FILE_BYTES } from '../workspace/limits.js';

export { createCliServices } from './cli-services.js';

/** The files to check, and why some that were found cannot be (a folder that cannot be listed...). */
export interface CollectedFiles {
    readonly files: string[];
    readonly problems: string[];
}

/**
 * Expands files and folders (searched recursively for `.resil` files, following symbolic links once each) into a
 * sorted list of files.
 */
export function collectFiles(inputs: readonly string[]): CollectedFiles {
    if (inputs.length === 0) throw new UsageError('no input: name one or more .resil files or folders');
    const collected: CollectedFiles = { files: [], problems: [] };
    for (const input of inputs) {
        let stat: fs.Stats;
        try {
            stat = fs.statSync(input);
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${input}: no such file or folder`);
            throw userFileError(error) ?? error;
        }
        if (stat.isDirectory()) {
            const before = collected.files.length + collected.problems.length;
            findResilFiles(input, new Set([fs.realpathSync(input)]), collected);
            if (collected.files.length + collected.problems.length === before) throw new UsageError(`${input}: folder contains no .resil files`);
        } else if (!input.endsWith('.resil')) {
            throw new UsageError(`${input}: not a .resil file`);
        } else {
            collected.files.push(input);
        }
    }
    return collected;
}

/** `seen` holds the real paths of the folders on the way down: a link back up is not followed again. */
function findResilFiles(dir: string, seen: Set<string>, collected: CollectedFiles): void {
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
        collected.problems.push((userFileError(error) ?? error as Error).message);
        return;
    }
    for (const entry of inNameOrder(entries.filter(mayHoldDesigns))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() || (entry.isSymbolicLink() && isFolder(full))) {
            const real = realPath(full);
            if (real === undefined || seen.has(real)) continue;
            findResilFiles(full, new Set([...seen, real]), collected);
        } else if (entry.name.endsWith('.resil')) {
            // Links are read through (a broken one is reported then), pipes and devices refused when read.
            collected.files.push(full);
        }
    }
}

/** A design, or a folder or link that may lead to some: what the search looks at. */
function mayHoldDesigns(entry: fs.Dirent): boolean {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return false;
    return entry.isDirectory() || entry.isSymbolicLink() || entry.name.endsWith('.resil');
}

/**
 * Sorted by `localeCompare`, but only when there is an order to decide: its first call loads ICU's collation data
 * (about a twentieth of checking a small design), and the folder of a single design, the usual check of a file, has
 * none to decide.
 */
function inNameOrder(entries: fs.Dirent[]): fs.Dirent[] {
    return entries.length > 1 ? entries.sort((a, b) => a.name.localeCompare(b.name)) : entries;
}

function isFolder(file: string): boolean {
    try {
        return fs.statSync(file).isDirectory();
    } catch {
        return false;
    }
}

function realPath(file: string): string | undefined {
    try {
        return fs.realpathSync(file);
    } catch {
        return undefined;
    }
}

/** A design that is not UTF-8 text, reported at its first bad byte as a syntax error of the file. */
export class EncodingError extends UsageError {
    constructor(readonly finding: Finding) {
        super(findingLine(finding));
    }
}

/**
 * Reads a design as text: only a regular file (a pipe or a device such as /dev/zero would block or never end),
 * read up to the size limit, UTF-8 without a bad byte, and no NUL (a binary file).
 */
export function readDesignFile(file: string): string {
    // Non-blocking: opening a named pipe for reading would otherwise wait for a writer.
    const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    let bytes: Buffer;
    try {
        const stat = fs.fstatSync(fd);
        if (stat.isDirectory()) throw new UsageError(`${file}: is a folder, not a .resil file`);
        if (!stat.isFile()) throw new UsageError(`${file}: not a regular file (a pipe, a device or a socket), not a .resil design`);
        if (stat.size > MAX_FILE_BYTES) throw new UsageError(`${file}:1:1 ${tooLargeMessage(stat.size)}`);
        bytes = readAtMost(fd, MAX_FILE_BYTES + 1);
    } finally {
        fs.closeSync(fd);
    }
    // The size said may be wrong (files in /proc say 0, a file may grow while it is read).
    if (bytes.length > MAX_FILE_BYTES) throw new UsageError(`${file}:1:1 ${tooLargeMessage(bytes.length)}`);
    if (bytes.includes(0)) throw new UsageError(`${file}: binary file, not a .resil design`);
    const bad = firstInvalidUtf8Byte(bytes);
    if (bad !== undefined) throw new EncodingError(encodingFinding(file, bytes, bad));
    return bytes.toString('utf8');
}

function readAtMost(fd: number, limit: number): Buffer {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
        const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit - total));
        const read = fs.readSync(fd, chunk, 0, chunk.length, null);
        if (read === 0) break;
        chunks.push(chunk.subarray(0, read));
        total += read;
    }
    return Buffer.concat(chunks, total);
}

/** Where the first bad byte is, in the editor's terms: 1-based line, and column in characters of the line. */
function encodingFinding(file: string, bytes: Buffer, offset: number): Finding {
    const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
    let line = 1;
    for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
    const column = bytes.subarray(lineStart, offset).toString('utf8').length + 1;
    const byte = bytes[offset].toString(16).padStart(2, '0');
    return {
        file: displayPath(file), line, column, endLine: line, endColumn: column + 1, severity: 'error', rule: 'syntax',
        message: `Invalid UTF-8 (byte 0x${byte}): a .resil file is UTF-8 text. Save it as UTF-8 in your editor.`, element: null,
    };
}
