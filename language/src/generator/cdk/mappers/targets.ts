import type { AstNode } from 'langium';
import type { DependencyKind, TopologyComponent } from '../../../model/topology.js';
import type { ComponentHandle, EmitScope } from '../scope.js';

/** The first edge of a kind (`dlq`, `on-failure`...) out of a component, with how the scope reaches its target. */
export function edgeTarget(component: TopologyComponent, kind: DependencyKind, scope: EmitScope):
    { to: TopologyComponent; handle?: ComponentHandle } | undefined {
    const edge = component.outgoing.find(e => e.kind === kind);
    return edge ? { to: edge.to, handle: scope.handle(edge.to) } : undefined;
}

/**
 * What the model says (at `node`) but this scope cannot express: recorded on the plan, so the CLI lists it and the
 * app's README names it, and returned as the `// not generated: ...` comment that says so where the code would be.
 */
export function notGenerated(scope: EmitScope, node: AstNode, what: string): string {
    scope.plan.recordUnmapped(node, what);
    return `// not generated: ${what}`;
}

/** A stream event source's on-failure destination for a queue or topic this scope reaches; undefined for anything else. */
export function streamFailureDestination(target: { to: TopologyComponent; handle?: ComponentHandle } | undefined, scope: EmitScope): string | undefined {
    if (!target?.handle || (target.to.kind !== 'sqs' && target.to.kind !== 'sns')) return undefined;
    return `new ${scope.mod('eventSources')}.${target.to.kind === 'sqs' ? 'SqsDlq' : 'SnsDlq'}(${target.handle.expr})`;
}

/** The components whose `dlq` or `on-failure` points at this one: it holds their failed messages. */
export function deadLetterSources(component: TopologyComponent): TopologyComponent[] {
    return component.incoming.filter(e => e.kind === 'dlq' || e.kind === 'on-failure').map(e => e.from);
}
