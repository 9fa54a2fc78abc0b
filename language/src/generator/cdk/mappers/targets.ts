import type { DependencyKind, TopologyComponent } from '../../../model/topology.js';
import type { ComponentHandle, EmitScope } from '../scope.js';

/** The first edge of a kind (`dlq`, `on-failure`...) out of a component, with how the scope reaches its target. */
export function edgeTarget(component: TopologyComponent, kind: DependencyKind, scope: EmitScope):
    { to: TopologyComponent; handle?: ComponentHandle } | undefined {
    const edge = component.outgoing.find(e => e.kind === kind);
    return edge ? { to: edge.to, handle: scope.handle(edge.to) } : undefined;
}

/** `// not generated: ...`: what the model says but this scope cannot express, so the reader knows. */
export function notGenerated(what: string): string {
    return `// not generated: ${what}`;
}

/** The components whose `dlq` or `on-failure` points at this one: it holds their failed messages. */
export function deadLetterSources(component: TopologyComponent): TopologyComponent[] {
    return component.incoming.filter(e => e.kind === 'dlq' || e.kind === 'on-failure').map(e => e.from);
}
