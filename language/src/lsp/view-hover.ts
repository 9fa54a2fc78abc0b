import type { AstNode } from 'langium';
import { buildDiagramModel } from '../diagram/diagram-model.js';
import { serviceCount } from '../diagram/diagram-types.js';
import { declaredPart } from '../diagram/diagram-view.js';
import { isView, type Model } from '../generated/ast.js';

/** Hover on a `view`: what it draws, counted from the diagram model that draws it. */
export function describeView(root: Model, node: AstNode): string | undefined {
    if (!isView(node)) return undefined;
    const diagram = buildDiagramModel(root);
    const declared = diagram.views?.[node.$container.views.indexOf(node)];
    if (!declared) return undefined;
    const services = serviceCount(declaredPart(diagram, declared).nodes);
    const parts = [
        declared.region && `region \`${declared.region}\``, declared.cell && `cell \`${declared.cell}\``,
        declared.around && `within ${declared.hops ?? 2} edges of \`${declared.around}\``, declared.pathFrom && `what \`${declared.pathFrom}\` depends on`,
    ].filter(Boolean);
    const collapsed = declared.collapsed.length > 0 ? `; collapses ${declared.collapsed.map(id => `\`${id}\``).join(', ')}` : '';
    return `**view** \`${declared.name}\`${declared.title ? ` (${declared.title})` : ''}: ${parts.join(' and ') || 'the whole design'}, ${services} service${services === 1 ? '' : 's'}${collapsed}`
        + '\n\nDraw it with **View** in the diagram\'s toolbar, or `resil diagram --view ' + declared.name + '`.';
}
