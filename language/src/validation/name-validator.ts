import { AstUtils, UriUtils, type AstNode, type ValidationAcceptor } from 'langium';
import { isRegion, isSystem, isSystemPart, type Cell, type Eks, type Kinesis, type Model, type Region, type System } from '../generated/ast.js';
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
     * A system in several files: a region declared twice, two members of one region (its declaration and the
     * `in region` blocks naming it, in one file or several), two third parties. A pair inside one system file or one
     * region declaration is left to the checks below, which say it already.
     */
    readonly checkNamesAcrossFiles = (model: Model, accept: ValidationAcceptor): void => {
        const files = systemFilesOf(model);
        if (files.parts.length === 0) return;
        const tops = allFilesOf(files).flatMap(file => file.system ?? file.part ?? []);
        const regions = tops.flatMap(top => top.regions);
        const systemMembers = tops.flatMap(top => [...top.regions, ...top.externals, ...(isSystem(top) ? top.globals.flatMap(g => g.services) : [])]);
        this.checkUniqueAcrossFiles(systemMembers, 'the system', accept, (a, b) => isSystem(topOf(a)) && topOf(a) === topOf(b));
        const blocks = tops.flatMap(top => (isSystemPart(top) ? top.extensions : []));
        for (const region of regions) {
            const members = [region, ...blocks.filter(block => block.region?.$refText === region.name)]
                .flatMap(holder => [...(isRegion(holder) ? holder.azs : []), ...holder.cells, ...holder.routers, ...holder.services]);
            this.checkUniqueAcrossFiles(members, `region ${region.name}`, accept, (a, b) => isRegion(a.$container) && a.$container === b.$container);
        }
    };

    readonly checkSystemNames = (system: System, accept: ValidationAcceptor): void => {
        this.checkUnique([...system.regions, ...system.globals.flatMap(g => g.services), ...system.externals], 'the system', accept);
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

    /** `checkedTogether` tells the pairs another check reports already. */
    private checkUniqueAcrossFiles(nodes: readonly Named[], where: string, accept: ValidationAcceptor,
        checkedTogether: (first: Named, second: Named) => boolean): void {
        const seen = new Map<string, Named>();
        for (const node of nodes) {
            if (!node.name) continue;
            const first = seen.get(node.name);
            if (!first) {
                seen.set(node.name, node);
            } else if (!checkedTogether(first, node)) {
                const firstFile = AstUtils.getDocument(first).uri;
                const sameFile = firstFile.toString() === AstUtils.getDocument(node).uri.toString();
                this.reportDuplicate(node, first, where, sameFile ? '' : ` in ${UriUtils.basename(firstFile)}`, accept);
            }
        }
    }

    private checkUnique(nodes: readonly Named[], where: string, accept: ValidationAcceptor): void {
        const seen = new Map<string, Named>();
        for (const node of nodes) {
            if (!node.name) continue;
            const first = seen.get(node.name);
            if (first) this.reportDuplicate(node, first, where, '', accept);
            else seen.set(node.name, node);
        }
    }

    private reportDuplicate(node: Named, first: Named, where: string, inFile: string, accept: ValidationAcceptor): void {
        const line = (first.$cstNode?.range.start.line ?? 0) + 1;
        this.reporter.report(accept, 'duplicate-name',
            `Duplicate name '${node.name}' in ${where}: it is already declared${inFile} on line ${line}. Rename one of them.`,
            { node, property: 'name' });
    }
}

/** The system or the part a node belongs to. */
function topOf(node: AstNode): AstNode | undefined {
    return AstUtils.getContainerOfType(node, n => isSystem(n) || isSystemPart(n));
}
