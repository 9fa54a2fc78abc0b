import { type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { Model, ResilAstType } from '../generated/ast.js';
import type { RuleReporter } from './rule-reporter.js';

type Named = AstNode & { name: string };

/**
 * Names must be unique per namespace: the system (regions and global services), each region (AZs, cells,
 * routers, services), each cell, each kinesis stream's consumers, and the scenarios.
 */
export class NameValidator {
    constructor(private readonly reporter: RuleReporter) { }

    checks(): ValidationChecks<ResilAstType> {
        return {
            Model: (model, accept) => this.checkModelNotEmpty(model, accept),
            System: (system, accept) => {
                this.checkUnique([...system.regions, ...system.globals.flatMap(g => g.services)], 'the system', accept);
                this.checkUnique(system.scenarios, 'the scenarios', accept);
            },
            Region: (region, accept) => this.checkUnique([...region.azs, ...region.cells, ...region.routers, ...region.services], `region ${region.name}`, accept),
            Cell: (cell, accept) => this.checkUnique(cell.services, `cell ${cell.name}`, accept),
            Kinesis: (stream, accept) => this.checkUnique(stream.consumers, `stream ${stream.name}`, accept),
            Eks: (cluster, accept) => this.checkUnique([...cluster.nodeGroups, ...cluster.fargateProfiles], `cluster ${cluster.name}`, accept),
        };
    }

    private checkModelNotEmpty(model: Model, accept: ValidationAcceptor): void {
        const parsed = model.$document?.parseResult;
        // A text that could not be read (lexer errors: too large, too deep) has its own error already.
        if (!model.system && parsed?.parserErrors.length === 0 && parsed.lexerErrors.length === 0) {
            this.reporter.report(accept, 'empty-model', 'This file describes no system: start with `system Name { ... }`.', { node: model });
        }
    }

    private checkUnique(nodes: readonly Named[], where: string, accept: ValidationAcceptor): void {
        const seen = new Map<string, Named>();
        for (const node of nodes) {
            if (!node.name) continue;
            const first = seen.get(node.name);
            if (first) {
                const line = (first.$cstNode?.range.start.line ?? 0) + 1;
                this.reporter.report(accept, 'duplicate-name',
                    `Duplicate name '${node.name}' in ${where}: it is already declared on line ${line}. Rename one of them.`,
                    { node, property: 'name' });
            } else {
                seen.set(node.name, node);
            }
        }
    }
}
