import { AstUtils, type ValidationAcceptor } from 'langium';
import { buildDiagramModel } from '../diagram/diagram-model.js';
import { serviceCount } from '../diagram/diagram-types.js';
import { declaredPart } from '../diagram/diagram-view.js';
import { isCell, isModel, isRegion, type View } from '../generated/ast.js';
import { describeElement } from './reference-kind-validator.js';
import type { RuleReporter } from './rule-reporter.js';

/**
 * `empty-view`: a `view` that selects nothing draws the whole design under another name, and one whose selectors
 * keep no service in common draws an empty diagram; either way the name promises a part of the design it does not
 * show. Computed from the diagram model that draws the view, so the check and the drawing agree.
 */
export class ViewValidator {
    constructor(private readonly reporter: RuleReporter) { }

    /** `reference-kind`: only regions and cells have a content to hide. */
    readonly checkCollapse = (view: View, accept: ValidationAcceptor): void => {
        view.collapse.forEach((ref, index) => {
            const target = ref.ref;
            if (!target || isRegion(target) || isCell(target)) return;
            this.reporter.report(accept, 'reference-kind',
                `\`collapse\` draws a region or a cell as one box, and ${describeElement(target)} is neither; name the region or cell that holds it, or drop it.`,
                { node: view, property: 'collapse', index });
        });
    };

    readonly checkView = (view: View, accept: ValidationAcceptor): void => {
        const references = [view.region, view.cell, view.around, view.pathFrom];
        const given = references.filter(ref => ref !== undefined);
        // A view whose name the parser could not read (a syntax error) is still checked.
        const called = view.name ? `View ${view.name}` : 'This view';
        if (given.length === 0 && view.collapse.length === 0) {
            this.reporter.report(accept, 'empty-view',
                `${called} selects nothing: it draws the whole design, as the diagram does without it. Give it a \`region\`, a \`cell\`, \`around SERVICE\`, \`path from ENTRY\` or \`collapse\`.`,
                { node: view, property: 'name' });
            return;
        }
        if (given.some(ref => !ref.ref)) return; // unresolved-reference says which name
        const model = AstUtils.getContainerOfType(view, isModel);
        if (!model) return;
        const diagram = buildDiagramModel(model);
        // The diagram model lists the system's views in source order.
        const declared = diagram.views?.[view.$container.views.indexOf(view)];
        if (!declared || serviceCount(declaredPart(diagram, declared).nodes) > 0) return;
        const what = [
            view.region && `region ${view.region.$refText}`, view.cell && `cell ${view.cell.$refText}`,
            view.around && `around ${view.around.$refText}`, view.pathFrom && `path from ${view.pathFrom.$refText}`,
        ].filter(Boolean);
        this.reporter.report(accept, 'empty-view',
            what.length > 1
                ? `${called} draws no service: no service is in all of ${what.join(', ')}. Drop one of them, or name parts that overlap.`
                : `${called} draws no service: ${what[0]} holds none (an AZ has no services of its own). Name a region, a cell or a service.`,
            { node: view, property: 'name' });
    };
}
