import type { Model } from '../generated/ast.js';

/**
 * The files of one system: the file that declares it (`system shop { ... }`) and the files that say
 * `part of system shop`. A file on its own (a whole system, or a part whose system was not found) is its own main.
 */
export interface SystemFiles {
    readonly main: Model;
    /** In a stable order (by URI), so that the topology lists elements the same way on every build. */
    readonly parts: readonly Model[];
}

const membership = new WeakMap<Model, SystemFiles>();
const alone = new WeakMap<Model, SystemFiles>();

/** Records which files make up a system; the workspace does this on every build, before linking. */
export function joinSystemFiles(files: SystemFiles): void {
    membership.set(files.main, files);
    for (const part of files.parts) membership.set(part, files);
}

/** The system a file belongs to, with all its files; a file never joined is a system of its own. */
export function systemFilesOf(model: Model): SystemFiles {
    const joined = membership.get(model);
    if (joined) return joined;
    let single = alone.get(model);
    if (!single) alone.set(model, single = { main: model, parts: [] });
    return single;
}

/** Every file of the system, its main file first. */
export function allFilesOf(files: SystemFiles): readonly Model[] {
    return files.parts.length === 0 ? [files.main] : [files.main, ...files.parts];
}
