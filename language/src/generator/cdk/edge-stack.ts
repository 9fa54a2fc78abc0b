import type { ComponentOf } from '../../model/topology.js';
import { declareDistribution } from './mappers/cloudfront.js';
import type { AppPlan } from './plan.js';
import { renderStack, type GeneratedModule, type StackInfo } from './region-stack.js';
import { EmitScope } from './scope.js';

/** Where the edge stack deploys: CloudFront's web ACLs and certificates live in us-east-1, whatever the origins' regions. */
export const EDGE_REGION = 'us-east-1';

/**
 * The app's global edge: every CloudFront distribution of the design (with its web ACL) in one stack of us-east-1,
 * deployed after the regions' stacks. Its origins come from those stacks as props; CDK's cross-region references
 * (SSM parameters written by a custom resource in the origin's stack) carry those of other regions. Undefined when
 * the design has no distribution.
 */
export function fillEdge(plan: AppPlan, stacks: readonly StackInfo[]): EmitScope | undefined {
    const distributions = plan.topology.components.filter((c): c is ComponentOf<'cloudfront'> => c.kind === 'cloudfront');
    if (distributions.length === 0 || stacks.length === 0) return undefined;
    const upstream = stacks.flatMap(s => [s.services, s.data]);
    const scope = new EmitScope(plan, stacks[0].plan, 'edge', undefined, upstream);
    for (const distribution of distributions) declareDistribution(distribution, scope);
    return scope;
}

export function renderEdge(plan: AppPlan, scope: EmitScope): GeneratedModule {
    return {
        path: plan.edge.file,
        content: renderStack(scope, plan.edge.className, {
            what: `the global edge (${EDGE_REGION}): CloudFront distributions and their web ACLs`,
            doc: `The global edge in ${EDGE_REGION}: the CloudFront distributions of the design over the origins the regions' stacks pass in.`,
        }),
    };
}
