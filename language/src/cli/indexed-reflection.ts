import { ResilAstReflection } from '../generated/ast.js';

/**
 * The AST reflection with every type's subtypes found in one pass. Langium answers `getAllSubTypes(T)` by asking,
 * for each type of the grammar, whether it is a subtype of T; registering Resil's validation checks asks that for
 * each type a check is registered on, about a tenth of a small check's start. Here each type is added to the
 * lists of its supertypes, walked up once: the same lists, in the same order (the order of `getAllTypes()`).
 */
export class IndexedAstReflection extends ResilAstReflection {
    private subtypeIndex: Map<string, string[]> | undefined;

    override getAllSubTypes(type: string): string[] {
        this.subtypeIndex ??= this.indexSubtypes();
        return this.subtypeIndex.get(type) ?? [];
    }

    private indexSubtypes(): Map<string, string[]> {
        const index = new Map<string, string[]>();
        for (const type of this.getAllTypes()) {
            for (const supertype of this.supertypesOf(type)) {
                let subtypes = index.get(supertype);
                if (!subtypes) index.set(supertype, subtypes = []);
                subtypes.push(type);
            }
        }
        return index;
    }

    /** The type itself and every type above it. */
    private supertypesOf(type: string): Set<string> {
        const found = new Set<string>([type]);
        for (const current of found) {
            for (const supertype of this.getTypeMetaData(current).superTypes) found.add(supertype);
        }
        return found;
    }
}
