import { type AstNode, type ValidationAcceptor } from 'langium';
import type { Cell, Eks, Kinesis, Model, Region, System } from '../generated/ast.js';
import type { RuleReporter } from './rule-reporter.js';

type Named = AstNode & { name: string };

/**
 * Names must be unique per namespace: the system (regions and global services), each region (AZs, cells,
 * routers, services), each cell, each kinesis stream's consumers, and the scenarios.
 */
export class NameValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkModelNotEmpty = (model: Model, accept: ValidationAcceptor): void => {
        const parsed = model.$document?.parseResult;
        // A text that could not be read (lexer errors: too large, too deep) has its own error already.
        if (!model.system && parsed?.parserErrors.length === 0 && parsed.lexerErrors.length === 0) {
            this.reporter.report(accept, 'empty-model', 'This file describes no system: start with `system Name { ... }`.', { node: model });
        }
    };

    readonly checkSystemNames = (system: System, accept: ValidationAcceptor): void => {
        this.checkUnique([...system.regions, ...system.globals.flatMap(g => g.services)], 'the system', accept);
        this.checkUnique(system.scenarios, 'the scenarios', accept);
    };

    readonly checkRegionNames = (region: Region, accept: ValidationAcceptor): void =>
        this.checkUnique([...region.azs, ...region.cells, ...region.routers, ...region.services], `region ${region.name}`, accept);

    readonly checkCellNames = (cell: Cell, accept: ValidationAcceptor): void => this.checkUnique(cell.services, `cell ${cell.name}`, accept);

    readonly checkStreamNames = (stream: Kinesis, accept: ValidationAcceptor): void =>
        this.checkUnique(stream.consumers, `stream ${stream.name}`, accept);

    readonly checkClusterNames = (cluster: Eks, accept: ValidationAcceptor): void =>
        this.checkUnique([...cluster.nodeGroups, ...cluster.fargateProfiles], `cluster ${cluster.name}`, accept);

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
