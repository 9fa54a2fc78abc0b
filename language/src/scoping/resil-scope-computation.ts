import { AstUtils, DefaultScopeComputation, MultiMap, type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import { isAz, isCell, isKinesisConsumer, isRegion, isRouter, isService, type Model } from '../generated/ast.js';
import { isScopeContainer, namePath } from './qualified-names.js';

/** The nodes a reference can point at. */
export function isNameable(node: AstNode): boolean {
    return isRegion(node) || isAz(node) || isCell(node) || isRouter(node) || isService(node) || isKinesisConsumer(node);
}

/**
 * Every nameable element is visible in each enclosing scope (cell, region, system) under its name relative to
 * that scope: `ledger` in its cell, `payments.ledger` in its region, `use1.payments.ledger` in the system.
 * Nothing is exported across files: a `.resil` file describes one self-contained system.
 */
export class ResilScopeComputation extends DefaultScopeComputation {

    override async collectExportedSymbols(): Promise<AstNodeDescription[]> {
        return [];
    }

    override async collectLocalSymbols(document: LangiumDocument): Promise<LocalSymbols> {
        const model = document.parseResult.value as Model;
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        for (const node of AstUtils.streamAllContents(model)) {
            if (!isNameable(node)) continue;
            for (let scope = node.$container; scope; scope = scope.$container) {
                if (!isScopeContainer(scope)) continue;
                const segments = namePath(node, scope);
                if (segments.length > 0) {
                    symbols.add(scope, this.descriptions.createDescription(node, segments.join('.'), document));
                }
            }
        }
        return symbols;
    }
}
