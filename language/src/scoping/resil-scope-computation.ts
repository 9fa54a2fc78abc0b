import { DefaultScopeComputation, MultiMap, type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import {
    Az, Cell, CloudFront, External, isRegion, isSystem, Kinesis, KinesisConsumer, Network, Region, Router, Service, type Model,
    type RegionPart,
} from '../generated/ast.js';
import { renamedDescription } from './lazy-node-descriptions.js';
import { nodeTypeTest } from './type-tests.js';

/** The nodes a reference can point at (asked of every node above each finding, and of each finding's node). */
export const isNameable: (node: AstNode) => boolean = nodeTypeTest(
    Region.$type, Az.$type, Cell.$type, Router.$type, Service.$type, Network.$type, KinesisConsumer.$type, CloudFront.$type, External.$type);

/** Asked of each service as its names are collected. */
const isKinesis = nodeTypeTest(Kinesis.$type) as (node: AstNode) => node is Kinesis;

/** A scope and the prefix its members' names take there: `[region, 'payments.']` for a cell's service. */
type ScopeEntry = readonly [AstNode, string];

/**
 * Every nameable element is visible in each enclosing scope (cell, region, system) under its name relative to
 * that scope: `ledger` in its cell, `payments.ledger` in its region, `use1.payments.ledger` in the system.
 * A part of a system (`part of system shop`) keeps its system-level names under its `SystemPart`, and the members of
 * `in region use1 { ... }` under that block: the scope provider joins them with those of the system's other files.
 * Nothing is exported to Langium's global index: a system's files see each other through their system (see
 * `model/system-files.ts`), and no other file sees them.
 */
export class ResilScopeComputation extends DefaultScopeComputation {

    override async collectExportedSymbols(): Promise<AstNodeDescription[]> {
        return [];
    }

    /**
     * Walks only the elements that have names (regions, AZs, cells, routers, services, stream consumers), not every
     * node of the document, and creates one description per element that each enclosing scope shares under its
     * relative name: on a 10,000-service design this halves the time of this phase.
     */
    override async collectLocalSymbols(document: LangiumDocument): Promise<LocalSymbols> {
        const model = document.parseResult.value as Model;
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        const top = model.system ?? model.part;
        if (!top) return symbols;
        const add = (node: AstNode & { name?: string }, scopes: readonly ScopeEntry[]): void => {
            if (!node.name) return;
            const description = this.descriptions.createDescription(node, node.name, document);
            for (const [scope, prefix] of scopes) {
                symbols.add(scope, prefix ? renamedDescription(description, prefix + node.name) : description);
            }
        };
        const addService = (service: Service | Network, scopes: readonly ScopeEntry[]): void => {
            add(service, scopes);
            if (isKinesis(service) && service.name) {
                for (const consumer of service.consumers) add(consumer, scopes.map(([scope, prefix]) => [scope, `${prefix}${service.name}.`] as const));
            }
        };
        /** The members of a region, or of `in region x { ... }` (`name` is the region's, undefined if the parser lost it). */
        const addMembers = (holder: Region | RegionPart, name: string | undefined): void => {
            // A region the parser recovered without its name is visible only from inside: no `undefined.edge`.
            const named = (scopes: readonly ScopeEntry[]) => (name ? scopes : scopes.slice(0, -1));
            const inRegion = named([[holder, ''], [top, `${name}.`]]);
            if (isRegion(holder)) for (const az of holder.azs) add(az, inRegion);
            for (const router of holder.routers) add(router, inRegion);
            for (const service of holder.services) addService(service, inRegion);
            for (const cell of holder.cells) {
                add(cell, inRegion);
                const inCell = named([[cell, ''], [holder, `${cell.name}.`], [top, `${name}.${cell.name}.`]]);
                for (const service of cell.services) addService(service, inCell);
            }
        };
        for (const region of top.regions) {
            add(region, [[top, '']]);
            addMembers(region, region.name);
        }
        if (isSystem(top)) {
            for (const global of top.globals) {
                for (const service of global.services) add(service, [[top, '']]);
            }
        } else {
            for (const part of top.extensions) addMembers(part, part.region?.$refText || undefined);
        }
        for (const external of top.externals) add(external, [[top, '']]);
        return symbols;
    }
}
