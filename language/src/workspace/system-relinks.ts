import { AstUtils, type LangiumDocument, type LangiumDocuments, type URI } from 'langium';
import type { Model } from '../generated/ast.js';
import { allFilesOf, systemFilesOf } from '../model/system-files.js';
import { joinSystems } from './system-membership.js';

/**
 * Which files an edit re-checks: those of the edited file's system (its references may point into the edited file,
 * and its findings come from the system's one topology), never the files of other systems.
 */
export class SystemRelinks {
    /** The URIs of the main files of the systems the current update touches. */
    private touched = new Set<string>();

    constructor(private readonly documents: LangiumDocuments) { }

    /** Groups every file of the workspace into its system: before linking, on every build. */
    joinSystems(): void {
        joinSystems(this.documents.all.toArray().map(document => ({ uri: document.uri.toString(), model: document.parseResult.value as Model })));
    }

    /** Before an update: the systems of the files it changes or deletes, as they were grouped. */
    beginUpdate(uris: readonly URI[]): void {
        this.touched = new Set();
        for (const uri of uris) {
            const document = this.documents.getDocument(uri);
            const main = this.mainUriOf(document);
            if (main) this.touched.add(main);
        }
    }

    /** Whether `document` belongs to a system the update touches (it is then linked and validated again). */
    isTouched(document: LangiumDocument): boolean {
        const main = this.mainUriOf(document);
        return main !== undefined && this.touched.has(main);
    }

    /**
     * After an update: the files of the systems the changed files joined only now (a new part, a part that names
     * another system) that the update did not rebuild; they are then linked and validated again too.
     */
    lateJoiners(changed: readonly URI[]): LangiumDocument[] {
        const rebuilt = new Set(changed.map(uri => uri.toString()));
        const late: LangiumDocument[] = [];
        for (const uri of changed) {
            const document = this.documents.getDocument(uri);
            const main = this.mainUriOf(document);
            if (!document || !main || this.touched.has(main)) continue;
            this.touched.add(main);
            for (const model of allFilesOf(systemFilesOf(document.parseResult.value as Model))) {
                const member = AstUtils.getDocument(model);
                if (!rebuilt.has(member.uri.toString())) late.push(member);
            }
        }
        return late;
    }

    private mainUriOf(document: LangiumDocument | undefined): string | undefined {
        const model = document?.parseResult?.value as Model | undefined;
        if (!model || (!model.system && !model.part)) return undefined;
        return AstUtils.getDocument(systemFilesOf(model).main).uri.toString();
    }
}
