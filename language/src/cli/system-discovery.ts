import * as fs from 'node:fs';
import * as path from 'node:path';
import { nearestSystemFile } from '../workspace/system-membership.js';
import { terminalText } from '../util/sanitise.js';
import { displayPath } from './finding-text.js';
import { collectFiles } from './load.js';
import { UsageError } from './usage-error.js';

/** What a file declares first: a whole system (`system shop { ... }`), or a part of one (`part of system shop`). */
export interface DeclaredSystem {
    readonly kind: 'system' | 'part';
    readonly name: string;
}

/** The header is at the top, after comments: the first bytes of a file say it. */
const HEADER_BYTES = 64 * 1024;
// One whitespace character at a time (never `\s+` under `*`): a failed match stays linear in the text.
const HEADER = /^(?:\s|\/\/[^\n\r]*|\/\*[\s\S]*?\*\/)*(?:(part)\s+of\s+)?system\s+([_a-zA-Z][\w-]*)/;

/** The system a design's text declares or names, read without parsing it; undefined for anything else. */
export function declaredSystem(text: string): DeclaredSystem | undefined {
    const match = HEADER.exec(text.slice(0, HEADER_BYTES));
    return match ? { kind: match[1] ? 'part' : 'system', name: match[2] } : undefined;
}

/** Reads what a file declares; a file that cannot be read declares nothing (loading it reports why). */
function declaredIn(file: string, cache: Map<string, DeclaredSystem | undefined>): DeclaredSystem | undefined {
    const key = path.resolve(file);
    if (cache.has(key)) return cache.get(key);
    let declared: DeclaredSystem | undefined;
    try {
        const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
        try {
            if (fs.fstatSync(fd).isFile()) {
                const buffer = Buffer.alloc(HEADER_BYTES);
                declared = declaredSystem(buffer.subarray(0, fs.readSync(fd, buffer, 0, HEADER_BYTES, 0)).toString('utf8'));
            }
        } finally {
            fs.closeSync(fd);
        }
    } catch {
        declared = undefined;
    }
    cache.set(key, declared);
    return declared;
}

/** How far up from a part its system file is looked for. */
const MAX_LEVELS_UP = 32;

/**
 * Finds the files of the systems that given files belong to, as the editor groups them
 * (`workspace/system-membership.ts`): a system file in a part's folder or the nearest folder above it, and the
 * parts in a system file's folder and below that join it.
 */
export class SystemDiscovery {
    private readonly declared = new Map<string, DeclaredSystem | undefined>();

    declaration(file: string): DeclaredSystem | undefined {
        return declaredIn(file, this.declared);
    }

    /** The file declaring the system a part names, in the part's folder or the nearest above it. */
    systemFileOf(part: string, name: string): string | undefined {
        let folder = path.dirname(path.resolve(part));
        for (let level = 0; level < MAX_LEVELS_UP; level++) {
            let entries: string[] = [];
            try {
                entries = fs.readdirSync(folder).filter(entry => entry.endsWith('.resil')).sort();
            } catch {
                // A folder that cannot be listed holds no system we can read.
            }
            const found = entries.map(entry => path.join(folder, entry)).find(file => {
                const declared = this.declaration(file);
                return declared?.kind === 'system' && declared.name === name;
            });
            if (found) return relativeLike(part, found);
            const parent = path.dirname(folder);
            if (parent === folder) return undefined;
            folder = parent;
        }
        return undefined;
    }

    /** The parts that join the system declared in `main`: in its folder and below, nearer to it than to another. */
    partsOf(main: string, name: string): string[] {
        const { files } = collectFiles([path.dirname(main)]);
        const systems = files.filter(file => this.isSystem(file, name)).map(file => ({ uri: path.resolve(file) }));
        if (!systems.some(s => s.uri === path.resolve(main))) systems.push({ uri: path.resolve(main) });
        return files.filter(file => {
            const declared = this.declaration(file);
            return declared?.kind === 'part' && declared.name === name && nearestSystemFile(systems, path.resolve(file))?.uri === path.resolve(main);
        });
    }

    /** Every file of the systems `files` belong to: each given file, then the other files of its system. */
    withTheirSystems(files: readonly string[]): string[] {
        const result: string[] = [];
        const seen = new Set<string>();
        const add = (file: string) => {
            const key = path.resolve(file);
            if (!seen.has(key)) {
                seen.add(key);
                result.push(file);
            }
        };
        for (const file of files) add(file);
        for (const file of files) {
            const declared = this.declaration(file);
            if (!declared) continue;
            const main = declared.kind === 'system' ? file : this.systemFileOf(file, declared.name);
            if (!main) continue;
            add(main);
            for (const part of this.partsOf(main, declared.name)) add(part);
        }
        return result;
    }

    /**
     * The system file a command that takes one system reads: the file given, or the one system file in the folder
     * given. A part alone is refused, saying where its system is.
     */
    mainFileOf(input: string): string {
        if (fs.statSync(input).isDirectory()) {
            const systems = collectFiles([input]).files.filter(file => this.declaration(file)?.kind === 'system');
            if (systems.length === 1) return systems[0];
            if (systems.length === 0) throw new UsageError(`${terminalText(input)}: no file in this folder declares a system (\`system Name { ... }\`)`);
            throw new UsageError(`${terminalText(input)}: this folder holds ${systems.length} systems (${systems.map(f => terminalText(displayPath(f))).join(', ')}): give the file of one`);
        }
        const declared = this.declaration(input);
        if (declared?.kind !== 'part') return input;
        const main = this.systemFileOf(input, declared.name);
        const name = terminalText(declared.name);
        if (!main) {
            throw new UsageError(`${terminalText(input)} is part of system ${name}, but no file in its folder or a folder above it declares \`system ${name} { ... }\``);
        }
        throw new UsageError(`${terminalText(input)} is part of system ${name}, declared in ${terminalText(displayPath(main))}: give that file, or its folder, to see the whole system`);
    }

    private isSystem(file: string, name: string): boolean {
        const declared = this.declaration(file);
        return declared?.kind === 'system' && declared.name === name;
    }
}

/** `found` as a path like `like`: relative when `like` is, so that findings print the way the user typed. */
function relativeLike(like: string, found: string): string {
    return path.isAbsolute(like) ? found : path.relative(process.cwd(), found) || found;
}
