import { DefaultLinker, type AstNode, type AstNodeDescription, type CstNode, type LangiumDocument, type LinkingError, type Reference, type ReferenceInfo } from 'langium';
import { CancellationToken } from '../util/cancellation.js';
import { walkReferences } from '../util/ast-walk.js';
import { LazyReference, type ReferenceResolver } from './lazy-reference.js';

/**
 * Langium's linker, without an awaited promise per AST node: a 10,000-service design has 26,000 nodes and a few
 * thousand references, and the promises of the loop cost about as much as resolving the references. The nodes and
 * their references are linked in the same order; a language server build still yields and notices cancellation.
 * References are `LazyReference`s (a class instead of an object literal with getters).
 */
export class ResilLinker extends DefaultLinker implements ReferenceResolver {
    override async link(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<void> {
        // Langium's own loop when its profiler watches (it times each reference).
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        await walkReferences(document.parseResult.value, cancelToken, reference => this.doLink(reference, document));
    }

    override buildReference(node: AstNode, property: string, refNode: CstNode | undefined, refText: string): Reference {
        return new LazyReference(refNode, refText, node, property, this);
    }

    linkedNode(info: ReferenceInfo): { node?: AstNode; descr?: AstNodeDescription; error?: LinkingError } {
        return this.getLinkedNode(info);
    }

    loadNode(description: AstNodeDescription): AstNode | undefined {
        return this.loadAstNode(description);
    }

    linkingError(info: ReferenceInfo, description: AstNodeDescription): LinkingError {
        return this.createLinkingError(info, description);
    }

    cyclicReference(container: AstNode, property: string, refText: string): never {
        return this.throwCyclicReferenceError(container, property, refText);
    }
}
