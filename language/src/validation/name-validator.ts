import { AstUtils, UriUtils, type AstNode, type ValidationAcceptor } from 'langium';
import { isRegion, isSystemPart, type Cell, type Eks, type Kinesis, type Model, type Region, type System } from '../generated/ast.js';
import { allFilesOf, systemFilesOf } from '../model/system-files.js';
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
        if (!model.system && !model.part && parsed?.parserErrors.length === 0 && parsed.lexerErrors.length === 0) {
            this.reporter.report(accept, 'empty-model', 'This file describes no system: start with `system Name { ... }`.', { node: model });
        }
    };

    /**
     * A system in several files: a region declared twice (in two files), two members of one region (its declaration
     * and the `in region` blocks naming it), two third parties. Within a file the checks below say it already.
     */
    readonly checkNamesAcrossFiles = (model: Model, accept: ValidationAcceptor): void => {
        const files = systemFilesOf(model);
        if (files.parts.length === 0) return;
        const tops = allFilesOf(files).flatMap(file => file.system ?? file.part ?? []);
        const regions = tops.flatMap(top => top.regions);
        this.checkUniqueAcrossFiles(regions, 'the system', accept);
        this.checkUniqueAcrossFiles(tops.flatMap(top => top.externals), 'the system', accept);
        const blocks = tops.flatMap(top => (isSystemPart(top) ? top.extensions : []));
        for (const region of regions) {
            const members = [region, ...blocks.filter(block => block.region?.$refText === region.name)]
                .flatMap(holder => [...(isRegion(holder) ? holder.azs : []), ...holder.cells, ...holder.routers, ...holder.services]);
            this.checkUniqueAcrossFiles(members, `region ${region.name}`, accept);
        }
    };

    readonly checkSystemNames = (system: System, accept: ValidationAcceptor): void => {
        this.checkUnique([...system.regions, ...system.globals.flatMap(g => g.services)], 'the system', accept);
        this.checkUnique(system.scenarios, 'the scenarios', accept);
        this.checkUnique(system.views, 'the views', accept);
    };

    readonly checkRegionNames = (region: Region, accept: ValidationAcceptor): void =>
        this.checkUnique([...region.azs, ...region.cells, ...region.routers, ...region.services], `region ${region.name}`, accept);

    readonly checkCellNames = (cell: Cell, accept: ValidationAcceptor): void => this.checkUnique(cell.services, `cell ${cell.name}`, accept);

    readonly checkStreamNames = (stream: Kinesis, accept: ValidationAcceptor): void =>
        this.checkUnique(stream.consumers, `stream ${stream.name}`, accept);

    readonly checkClusterNames = (cluster: Eks, accept: ValidationAcceptor): void =>
        this.checkUnique([...cluster.nodeGroups, ...cluster.fargateProfiles], `cluster ${cluster.name}`, accept);

    private checkUniqueAcrossFiles(nodes: readonly Named[], where: string, accept: ValidationAcceptor): void {
        const seen = new Map<string, Named>();
        for (const node of nodes) {
            if (!node.name) continue;
            const first = seen.get(node.name);
            if (!first) {
                seen.set(node.name, node);
                continue;
            }
            const firstFile = AstUtils.getDocument(first).uri;
            if (firstFile.toString() === AstUtils.getDocument(node).uri.toString()) continue;
            const line = (first.$cstNode?.range.start.line ?? 0) + 1;
            this.reporter.report(accept, 'duplicate-name',
                `Duplicate name '${node.name}' in ${where}: it is already declared in ${UriUtils.basename(firstFile)} on line ${line}. Rename one of them.`,
                { node, property: 'name' });
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
