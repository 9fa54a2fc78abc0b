import { AstUtils, DefaultScopeProvider, EMPTY_SCOPE, MapScope, type AstNode, type AstNodeDescription, type ReferenceInfo, type Scope } from 'langium';
import { Az, Element, isCell, isFailTarget, isRegion } from '../generated/ast.js';
import { isScopeContainer } from './qualified-names.js';

/**
 * Resolves names from the innermost scope outward (cell, region, system) with one hash lookup per scope level.
 * Scopes are cached per container node and reference type; a re-parse creates new nodes, so the cache never
 * serves a stale document.
 *
 * AZ references (`in a, b`, `vpc subnets a`) resolve only among the AZs of the element's own region.
 */
export class ResilScopeProvider extends DefaultScopeProvider {

    private readonly scopeCache = new WeakMap<AstNode, Map<string, Scope>>();

    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        if (isFailTarget(context.container) && context.property === 'member') {
            return this.replicaMemberScope(context.container.element?.ref);
        }
        if (referenceType === Az.$type) {
            const region = AstUtils.getContainerOfType(context.container, isRegion);
            return region ? this.scopeOf(region, referenceType, false) : EMPTY_SCOPE;
        }
        let container: AstNode | undefined = context.container;
        while (container && !isScopeContainer(container)) container = container.$container;
        return container ? this.scopeOf(container, referenceType, true) : EMPTY_SCOPE;
    }

    /** `use1.payments[1].authorize`: the services of the cell named before the index. */
    private replicaMemberScope(cell: AstNode | undefined): Scope {
        return isCell(cell) ? this.scopeOf(cell, Element.$type, false) : EMPTY_SCOPE;
    }

    private scopeOf(container: AstNode, referenceType: string, withOuter: boolean): Scope {
        const key = `${referenceType}:${withOuter}`;
        let byType = this.scopeCache.get(container);
        if (!byType) {
            byType = new Map();
            this.scopeCache.set(container, byType);
        }
        let scope = byType.get(key);
        if (!scope) {
            let outer: AstNode | undefined = container.$container;
            while (outer && !isScopeContainer(outer)) outer = outer.$container;
            const outerScope = withOuter && outer ? this.scopeOf(outer, referenceType, true) : undefined;
            scope = new MapScope(this.localDescriptions(container, referenceType), outerScope);
            byType.set(key, scope);
        }
        return scope;
    }

    private localDescriptions(container: AstNode, referenceType: string): AstNodeDescription[] {
        const symbols = AstUtils.getDocument(container).localSymbols;
        if (!symbols?.has(container)) return [];
        return symbols.getStream(container).filter(d => this.reflection.isSubtype(d.type, referenceType)).toArray();
    }
}
