import { DefaultLinker, isMultiReference, isReference, type AstNode, type AstNodeDescription, type CstNode, type LangiumDocument, type LinkingError, type Reference, type ReferenceInfo } from 'langium';
import { CancellationToken } from '../util/cancellation.js';
import { walkAst } from '../util/ast-walk.js';
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
        await walkAst(document.parseResult.value, cancelToken, node => {
            forEachReference(node, reference => this.doLink(reference, document));
            return true;
        });
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

const DOLLAR = '$'.charCodeAt(0);

/**
 * The references of a node, in the order of Langium's `AstUtils.streamReferences` (list elements with their index),
 * without the stream and its state that it allocates for every node.
 */
function forEachReference(node: AstNode, visit: (info: ReferenceInfo) => void): void {
    const properties = node as unknown as Record<string, unknown>;
    for (const property in properties) {
        if (property.charCodeAt(0) === DOLLAR) continue;
        const value = properties[property];
        if (isReference(value) || isMultiReference(value)) {
            visit({ reference: value, container: node, property });
        } else if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const element: unknown = value[index];
                if (isReference(element)) visit({ reference: element, container: node, property, index });
            }
        }
    }
}
