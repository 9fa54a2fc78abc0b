import type { ValidationAcceptor } from 'langium';
import type { Cell } from '../generated/ast.js';
import { formatShare } from '../analysis/availability.js';
import { cellLossLimit, largestContainedFailure, shareDownOf } from '../analysis/cell-waves.js';
import { topologyOfNode } from '../model/topology.js';
import type { RuleReporter } from './rule-reporter.js';

/**
 * `cell-shared-deployment`: a cell's replicas contain a bad change only if it reaches them a few at a time. With
 * `require blast-radius cell-loss` set, a cell that declares no `deploy waves of N`, or waves larger than the
 * requirement lets fail together, shares its fate through its deployments.
 */
export class CellDeploymentValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkWaves = (ast: Cell, accept: ValidationAcceptor): void => {
        const topology = topologyOfNode(ast);
        const limit = cellLossLimit(topology);
        const cell = topology.cellOf(ast);
        if (limit === undefined || !cell || cell.ast !== ast || cell.count < 2) return;
        const safe = largestContainedFailure(cell, limit);
        const requirement = `\`require blast-radius cell-loss <= ${formatShare(limit)}\``;
        const declared = ast.waveSize;
        if (declared === undefined) {
            this.reporter.report(accept, 'cell-shared-deployment',
                `Cell ${cell.id} declares no \`deploy waves\`: a deployment that reaches ${cell.count === 2 ? 'both replicas' : `all ${cell.count} replicas`} at once fails every one of them with one bad change (${formatShare(shareDownOf(cell, cell.count))} of its customers), whatever ${requirement} says. Deploy it in waves of at most ${safe} replica${safe === 1 ? '' : 's'} (\`deploy waves of ${safe}\`; \`resil generate cdk\` orders its stacks that way).`,
                { node: ast, property: 'name' });
            return;
        }
        if (!Number.isInteger(declared) || declared <= safe) return;
        this.reporter.report(accept, 'cell-shared-deployment',
            `Cell ${cell.id} deploys ${declared} replicas at a time: one bad change fails a whole wave (${formatShare(shareDownOf(cell, declared))} of its customers), more than ${requirement} allows. Deploy it in waves of at most ${safe} (\`deploy waves of ${safe}\`).`,
            { node: ast, property: 'waveSize' });
    };
}
