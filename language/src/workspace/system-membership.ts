import { isModel, type Model } from '../generated/ast.js';
import { joinSystemFiles, type SystemFiles } from '../model/system-files.js';

/** What the grouping needs of a document: its location and its parsed root. */
export interface PlacedModel {
    readonly uri: string;
    readonly model: Model;
}

/** The folder part of a URI or path, without the trailing slash. */
export function folderOf(uri: string): string {
    return uri.slice(0, uri.lastIndexOf('/'));
}

/** Whether `folder` is `inner` or one of the folders above it. */
function contains(folder: string, inner: string): boolean {
    return inner === folder || inner.startsWith(folder + '/');
}

/**
 * The system file a part joins among those declaring its system's name: the one in the part's folder or, else, in
 * the nearest folder above it (the first by URI when one folder holds two), so that two copies of a design in two
 * folders stay two systems.
 */
export function nearestSystemFile<T extends { readonly uri: string }>(candidates: readonly T[], partUri: string): T | undefined {
    const folder = folderOf(partUri);
    let best: T | undefined;
    for (const candidate of candidates) {
        const home = folderOf(candidate.uri);
        if (!contains(home, folder)) continue;
        if (!best || home.length > folderOf(best.uri).length || (home.length === folderOf(best.uri).length && candidate.uri < best.uri)) best = candidate;
    }
    return best;
}

/**
 * Groups the workspace's files into systems (see `nearestSystemFile`) and records the groups for the topology and
 * scoping; returns them keyed by the URI of each system's main file. Linear in the number of files.
 */
export function joinSystems(documents: readonly PlacedModel[]): Map<string, SystemFiles> {
    const sorted = documents.filter(d => isModel(d.model)).sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    const mainsByName = new Map<string, PlacedModel[]>();
    for (const document of sorted) {
        const name = document.model.system?.name;
        if (!name) continue;
        let mains = mainsByName.get(name);
        if (!mains) mainsByName.set(name, mains = []);
        mains.push(document);
    }
    const partsOf = new Map<PlacedModel, Model[]>();
    const groups = new Map<string, SystemFiles>();
    for (const document of sorted) {
        const name = document.model.part?.system?.$refText;
        const main = name ? nearestSystemFile(mainsByName.get(name) ?? [], document.uri) : undefined;
        if (main) {
            let parts = partsOf.get(main);
            if (!parts) partsOf.set(main, parts = []);
            parts.push(document.model);
        } else if (!document.model.system) {
            joinAlone(groups, document);
        }
    }
    for (const mains of mainsByName.values()) {
        for (const main of mains) {
            const files: SystemFiles = { main: main.model, parts: partsOf.get(main) ?? [] };
            joinSystemFiles(files);
            groups.set(main.uri, files);
        }
    }
    // A system file whose name the parser lost is a system of its own.
    for (const document of sorted) {
        if (document.model.system && !document.model.system.name) joinAlone(groups, document);
    }
    return groups;
}

function joinAlone(groups: Map<string, SystemFiles>, document: PlacedModel): void {
    const files: SystemFiles = { main: document.model, parts: [] };
    joinSystemFiles(files);
    groups.set(document.uri, files);
}
