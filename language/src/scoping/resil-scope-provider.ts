import { AstUtils, DefaultScopeProvider, EMPTY_SCOPE, MapScope, type AstNode, type AstNodeDescription, type ReferenceInfo, type Scope } from 'langium';
import {
    Az, Element, FailTarget, isCell, isModel, isRegion, isRegionPart, isSystemPart, Region, RegionPart, System, type Model,
} from '../generated/ast.js';
import { allFilesOf, systemFilesOf, type SystemFiles } from '../model/system-files.js';
import { isScopeContainer } from './qualified-names.js';
import { nodeTypeTest } from './type-tests.js';

// The guards `getScope` asks of every reference and the nodes above it, each one set lookup (see `nodeTypeTest`).
const isFailTarget = nodeTypeTest(FailTarget.$type);
const isAzHolder = nodeTypeTest(Region.$type, RegionPart.$type);

/**
 * Resolves names from the innermost scope outward (cell, region, system) with one hash lookup per scope level.
 * Scopes are cached per system (its files as last grouped: a new grouping on every build) and per container node
 * and reference type; a re-parse creates new nodes, so the cache never serves a stale document.
 *
 * A system may span files: its system-level names are those of all its files, and a region's are those of its
 * declaration and of every `in region` block naming it in the system's files. A system never sees another's names.
 *
 * AZ references (`in a, b`, `vpc subnets a`) resolve only among the AZs of the element's own region.
 */
export class ResilScopeProvider extends DefaultScopeProvider {

    private readonly scopeCache = new WeakMap<SystemFiles, Map<AstNode | string, ScopesOfContainer>>();

    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        if (isFailTarget(context.container) && context.property === 'member') {
            return this.replicaMemberScope((context.container as FailTarget).element?.ref);
        }
        if (referenceType === System.$type) return this.systemScope(context.container);
        if (referenceType === Az.$type) {
            let holder: AstNode | undefined = context.container;
            while (holder && !isAzHolder(holder)) holder = holder.$container;
            return holder ? this.scopeOf(holder, referenceType, false) : EMPTY_SCOPE;
        }
        let container: AstNode | undefined = context.container;
        while (container && !isScopeContainer(container)) container = container.$container;
        return container ? this.scopeOf(container, referenceType, true) : EMPTY_SCOPE;
    }

    /** `part of system shop`: the system file this part joined (see `workspace/system-membership.ts`), if any. */
    private systemScope(node: AstNode): Scope {
        const model = AstUtils.findRootNode(node);
        if (!isModel(model) || !isSystemPart(model.part)) return EMPTY_SCOPE;
        const main = systemFilesOf(model).main.system;
        return main?.name ? new MapScope([this.descriptions.createDescription(main, main.name, AstUtils.getDocument(main))]) : EMPTY_SCOPE;
    }

    /** `use1.payments[1].authorize`: the services of the cell named before the index. */
    private replicaMemberScope(cell: AstNode | undefined): Scope {
        return isCell(cell) ? this.scopeOf(cell, Element.$type, false) : EMPTY_SCOPE;
    }

    private scopeOf(container: AstNode, referenceType: string, withOuter: boolean): Scope {
        const files = systemFilesOf(AstUtils.findRootNode(container) as Model);
        let bySystem = this.scopeCache.get(files);
        if (!bySystem) this.scopeCache.set(files, bySystem = new Map());
        // A system's top scope and a region's are one scope for all the files and blocks that make them up.
        const key = files.parts.length === 0 ? container : sharedScopeKey(container);
        let scopes = bySystem.get(key);
        if (!scopes) bySystem.set(key, scopes = { withOuter: new Map(), alone: new Map() });
        // Keyed by the type's name as the reflection gives it, not a key string made per reference.
        const byType = withOuter ? scopes.withOuter : scopes.alone;
        let scope = byType.get(referenceType);
        if (!scope) {
            let outer: AstNode | undefined = container.$container;
            while (outer && !isScopeContainer(outer)) outer = outer.$container;
            const outerScope = withOuter && outer ? this.scopeOf(outer, referenceType, true) : undefined;
            const mapScope = new MapScope([], outerScope);
            this.addLocalDescriptions(mapScope.elements, files, container, referenceType);
            scope = mapScope;
            byType.set(referenceType, scope);
        }
        return scope;
    }

    /**
     * Adds the names of `container`'s scope of one reference type to the map of its `MapScope`, in the order that
     * scope's constructor would take them (a later one with a name replaces an earlier): without a list of them first.
     */
    private addLocalDescriptions(names: Map<string, AstNodeDescription>, files: SystemFiles, container: AstNode, referenceType: string): void {
        const holders = this.holdersOf(files, container);
        // `in region use1 { ... }` adds to a region only while one is declared: else its members are nobody's.
        const declared = isModel(container.$container) && files.parts.length > 0 ? declaredRegions(files) : undefined;
        for (const holder of holders) {
            const symbols = AstUtils.getDocument(holder).localSymbols;
            if (!symbols?.has(holder)) continue;
            for (const description of symbols.getStream(holder)) {
                if (!this.reflection.isSubtype(description.type, referenceType)) continue;
                if (declared && isSystemPart(holder) && !inDeclaredRegion(description.node, declared)) continue;
                names.set(description.name, description);
            }
        }
    }

    /** The nodes whose local symbols make up the scope of `container`: in every file of its system where it spans them. */
    private holdersOf(files: SystemFiles, container: AstNode): AstNode[] {
        if (files.parts.length === 0) return [container];
        if (isModel(container.$container)) return allFilesOf(files).flatMap(model => (model.system ?? model.part) ?? []);
        const region = regionName(container);
        if (region === undefined) return [container];
        const holders: AstNode[] = [];
        for (const model of allFilesOf(files)) {
            const top = model.system ?? model.part;
            for (const declared of top?.regions ?? []) if (declared.name === region) holders.push(declared);
            if (isSystemPart(top)) for (const block of top.extensions) if (block.region?.$refText === region) holders.push(block);
        }
        return holders;
    }
}

/** The scopes of one container by reference type: with the scopes around it, and alone. */
interface ScopesOfContainer {
    readonly withOuter: Map<string, Scope>;
    readonly alone: Map<string, Scope>;
}

/** The key of a scope shared across files: the system's top level, or a region by its name; else the node. */
function sharedScopeKey(container: AstNode): AstNode | string {
    if (isModel(container.$container)) return 'system';
    const region = regionName(container);
    return region !== undefined ? `region:${region}` : container;
}

/** The name of the region a region or `in region` block stands for (undefined for other nodes or without a name). */
function regionName(node: AstNode): string | undefined {
    const name = isRegion(node) ? (node as Region).name : isRegionPart(node) ? (node as RegionPart).region?.$refText : undefined;
    return name ? name : undefined;
}

/** The names of the regions declared in the system's files. */
function declaredRegions(files: SystemFiles): Set<string> {
    return new Set(allFilesOf(files).flatMap(model => ((model.system ?? model.part)?.regions ?? []).map(region => region.name)));
}

/** Whether a node is outside every `in region` block, or in one that names a declared region. */
function inDeclaredRegion(node: AstNode | undefined, declared: ReadonlySet<string>): boolean {
    for (let current = node; current; current = current.$container) {
        if (isRegionPart(current)) return declared.has(current.region?.$refText ?? '');
    }
    return true;
}
