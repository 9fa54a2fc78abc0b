import type { LangiumDocument } from 'langium';

const unresolvedByLinking = new WeakMap<object, boolean>();

/**
 * Whether a reference of the document does not resolve. Asked once per linking of the document (each fills a new
 * `references` list), not once per `require` line and again by the checks computed ahead: a design's tens of
 * thousands of references were looked through twice per build.
 */
export function hasUnresolvedReferences(document: LangiumDocument): boolean {
    let unresolved = unresolvedByLinking.get(document.references);
    if (unresolved === undefined) {
        unresolved = document.references.some(reference => reference.error !== undefined);
        unresolvedByLinking.set(document.references, unresolved);
    }
    return unresolved;
}
