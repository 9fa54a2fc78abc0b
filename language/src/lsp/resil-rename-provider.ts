import { AstUtils, CstUtils, isLeafCstNode, isReference, type AstNode, type CstNode, type LangiumDocument, type Reference } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import type { RenameParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { isRegionPart, isSystem, type Model } from '../generated/ast.js';
import { allFilesOf, systemFilesOf } from '../model/system-files.js';
import { namePath } from '../scoping/qualified-names.js';
import { isNameable } from '../scoping/resil-scope-computation.js';

/**
 * Renames an element in every file of its system. A reference is a qualified name (`use1.pay.ledger`): renaming
 * `pay` replaces that one segment, in the references to the cell and in those to anything inside it
 * (`use1.pay.ledger` becomes `use1.payments.ledger`), never the rest of the name as Langium's rename would.
 * From inside a qualified reference, the segment under the cursor says what is renamed.
 */
export class ResilRenameProvider extends DefaultRenameProvider {

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const root = document.parseResult.value.$cstNode;
        const leaf = root ? CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp) : undefined;
        const target = leaf ? this.targetAt(leaf) : undefined;
        if (!target || isSystem(target) || !isNameable(target)) return super.rename(document, params);
        const changes: Record<string, TextEdit[]> = {};
        const add = (uri: string, node: CstNode) => (changes[uri] ??= []).push({ range: node.range, newText: params.newName });
        const declaration = this.nameProvider.getNameNode(target);
        if (declaration) add(AstUtils.getDocument(target).uri.toString(), declaration);
        const depth = namePath(target).length;
        const prefix = namePath(target).join('.') + '.';
        for (const model of allFilesOf(systemFilesOf(AstUtils.findRootNode(target) as Model))) {
            const file = AstUtils.getDocument(model);
            for (const reference of file.references) {
                if (!isReference(reference)) continue;
                const resolved = reference.ref;
                if (!resolved || (resolved !== target && !namePath(resolved).join('.').startsWith(prefix))) continue;
                const segments = segmentsOf(reference);
                const index = segments.length - 1 - (namePath(resolved).length - depth);
                if (index >= 0) add(file.uri.toString(), segments[index]);
            }
        }
        return { changes };
    }

    /** The element a name or a segment of a qualified reference stands for. */
    private targetAt(leaf: CstNode): AstNode | undefined {
        const [declared] = this.references.findDeclarations(leaf);
        const reference = AstUtils.streamReferences(leaf.astNode).map(r => r.reference).filter(isReference)
            .find(r => r.$refNode !== undefined && CstUtils.isChildNode(leaf, r.$refNode));
        if (!declared || !reference) return declared;
        const segments = segmentsOf(reference);
        const fromEnd = segments.length - 1 - segments.indexOf(leaf);
        return fromEnd > 0 && segments.includes(leaf) ? enclosingNamed(declared, fromEnd) : declared;
    }
}

/** The name tokens of a reference's text, without the dots: `use1`, `pay`, `ledger`. */
function segmentsOf(reference: Reference): CstNode[] {
    const node = reference.$refNode;
    if (!node) return [];
    return CstUtils.streamCst(node).filter(n => isLeafCstNode(n) && !n.hidden && n.text !== '.').toArray();
}

/** The element `levels` names above `node` in its qualified name: its cell, then its region... */
function enclosingNamed(node: AstNode, levels: number): AstNode | undefined {
    let current: AstNode | undefined = node;
    for (let level = 0; level < levels && current; level++) {
        current = current.$container;
        while (current && !isNameable(current) && !isRegionPart(current)) current = current.$container;
        if (isRegionPart(current)) current = current.region?.ref;
    }
    return current;
}
