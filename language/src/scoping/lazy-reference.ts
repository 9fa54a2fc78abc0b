import {
    AstUtils, DocumentState, isAstNode, isAstNodeDescription, isLinkingError, RefResolving, type AstNode, type AstNodeDescription, type CstNode,
    type LangiumDocument, type LinkingError, type Reference, type ReferenceInfo,
} from 'langium';

/** The steps of a linker that a reference resolved on first read needs (protected in Langium's `DefaultLinker`). */
export interface ReferenceResolver {
    linkedNode(info: ReferenceInfo): { node?: AstNode; descr?: AstNodeDescription; error?: LinkingError };
    loadNode(description: AstNodeDescription): AstNode | undefined;
    linkingError(info: ReferenceInfo, description: AstNodeDescription): LinkingError;
    cyclicReference(container: AstNode, property: string, refText: string): never;
}

/**
 * A cross-reference as Langium 4.1's `DefaultLinker.buildReference` makes it, but as an instance of a class: Langium
 * makes an object literal with three getters, which V8 keeps as a dictionary of 11 entries plus three closures,
 * about 700 bytes a reference. A 10,000-service design has 30,000 references or more; their 20 MB were a sixth of
 * its heap, built while the parse runs and copied by every garbage collection after it. Behaves as Langium's: the
 * linker fills `_ref` and `_nodeDescription`, and `ref` resolves on first read when the linker has not run yet.
 */
export class LazyReference implements Reference {
    readonly $refNode: CstNode | undefined;
    readonly $refText: string;
    _ref: AstNode | LinkingError | typeof RefResolving | undefined = undefined;
    _nodeDescription: AstNodeDescription | undefined = undefined;

    // Private fields stay out of the object's keys, as the variables Langium's getters close over do.
    readonly #container: AstNode;
    readonly #property: string;
    readonly #resolver: ReferenceResolver;

    constructor($refNode: CstNode | undefined, $refText: string, container: AstNode, property: string, resolver: ReferenceResolver) {
        this.$refNode = $refNode;
        this.$refText = $refText;
        this.#container = container;
        this.#property = property;
        this.#resolver = resolver;
    }

    get ref(): AstNode | undefined {
        const current = this._ref;
        if (isAstNode(current)) return current;
        if (isAstNodeDescription(this._nodeDescription)) {
            // Found by the linker, not loaded yet.
            this._ref = this.#resolver.loadNode(this._nodeDescription) ?? this.#resolver.linkingError(this.info(), this._nodeDescription);
        } else if (current === undefined) {
            this._ref = RefResolving;
            const document = AstUtils.findRootNode(this.#container).$document as LangiumDocument | undefined;
            const linked = this.#resolver.linkedNode(this.info());
            if (linked.error && document && document.state < DocumentState.ComputedScopes) {
                // The scopes are not computed yet: the linker tries again later.
                this._ref = undefined;
                return undefined;
            }
            this._ref = linked.node ?? linked.error;
            this._nodeDescription = linked.descr;
            document?.references.push(this);
        } else if (current === RefResolving) {
            this.#resolver.cyclicReference(this.#container, this.#property, this.$refText);
        }
        return isAstNode(this._ref) ? this._ref : undefined;
    }

    get $nodeDescription(): AstNodeDescription | undefined {
        return this._nodeDescription;
    }

    get error(): LinkingError | undefined {
        return isLinkingError(this._ref) ? this._ref : undefined;
    }

    private info(): ReferenceInfo {
        return { reference: this, container: this.#container, property: this.#property };
    }
}
