import type { ImportedEdge } from './design.js';
import { ASYNC_TARGETS, owners, type EdgeContext, type EdgeReader } from './edge-context.js';
import { prop, type PropertyName, type SourceResource } from './source.js';

/**
 * Uses the code implies without stating a call: an environment variable that names another resource, an IAM policy
 * that lets the element's role reach it. Each edge says which, in a comment: the code grants or configures, it does
 * not prove a call, and whether a failure of the target fails the caller (`soft`) it cannot say at all.
 */

function inferredUses(context: EdgeContext, from: string, targets: readonly string[], why: string): ImportedEdge[] {
    return targets.filter(target => target !== from).map(target => ({
        relation: 'uses' as const, from, to: target, async: ASYNC_TARGETS.has(context.kindOf(target) ?? 'lambda'), inferred: why,
    }));
}

/** Per environment variable: `TABLE_NAME: !Ref Orders`. */
function variableUses(context: EdgeContext, from: string, resource: SourceResource, variables: PropertyName): ImportedEdge[] {
    const names = resource.view.value(variables);
    const keys = names && typeof names === 'object' && !Array.isArray(names) ? Object.keys(names) : [];
    return keys.flatMap(name => inferredUses(context, from,
        owners(context, resource.view.references(prop(variables.cfn && `${variables.cfn}.${name}`, variables.tf && `${variables.tf}.${name}`))),
        `inferred from the environment variable ${name}`));
}

const environmentVariables: EdgeReader = context => [
    ...context.ofTypes(['AWS::Lambda::Function', 'AWS::Serverless::Function', 'aws_lambda_function'])
        .flatMap(fn => variableUses(context, fn.key, fn, prop('Environment.Variables', 'environment.variables'))),
    ...context.ofTypes(['AWS::ECS::Service', 'aws_ecs_service']).flatMap(service => {
        const definitions = service.view.references(prop('TaskDefinition', 'task_definition')).map(key => context.resource(key)).filter((r): r is SourceResource => r !== undefined);
        return definitions.flatMap(definition => inferredUses(context, service.key,
            owners(context, definition.view.references(prop('ContainerDefinitions.Environment', 'container_definitions'))),
            `inferred from the environment of task definition ${definition.id}`));
    }),
];

const ROLE_POLICIES: Array<[types: string[], roles: PropertyName, document: PropertyName]> = [
    [['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'], prop('Roles', undefined), prop('PolicyDocument', undefined)],
    [['aws_iam_role_policy'], prop(undefined, 'role'), prop(undefined, 'policy')],
];

/** The roles each element acts as: a function's role, an ECS task's role, a group's instance profile. */
function principalRoles(context: EdgeContext): Map<string, string[]> {
    const elementsOfRole = new Map<string, string[]>();
    const add = (roles: readonly string[], element: string) => {
        for (const role of roles) elementsOfRole.set(role, [...(elementsOfRole.get(role) ?? []), element]);
    };
    for (const fn of context.ofTypes(['AWS::Lambda::Function', 'AWS::Serverless::Function', 'aws_lambda_function'])) {
        add(fn.view.references(prop('Role', 'role')), fn.key);
    }
    for (const service of context.ofTypes(['AWS::ECS::Service', 'aws_ecs_service'])) {
        for (const key of service.view.references(prop('TaskDefinition', 'task_definition'))) {
            const definition = context.resource(key);
            if (definition) add(definition.view.references(prop('TaskRoleArn', 'task_role_arn')), service.key);
        }
    }
    for (const group of context.ofTypes(['AWS::AutoScaling::AutoScalingGroup', 'aws_autoscaling_group'])) {
        const templates = group.view.references(prop('LaunchTemplate.LaunchTemplateId', 'launch_template.id')).map(key => context.resource(key));
        const profiles = templates.flatMap(t => t?.view.references(prop('LaunchTemplateData.IamInstanceProfile', 'iam_instance_profile')) ?? []);
        add(profiles.flatMap(key => context.resource(key)?.view.references(prop('Roles', 'role')) ?? []), group.key);
    }
    return elementsOfRole;
}

const policyUses: EdgeReader = context => {
    const elementsOfRole = principalRoles(context);
    const edges: ImportedEdge[] = [];
    const grant = (roles: readonly string[], targets: readonly string[], policy: SourceResource) => {
        for (const role of roles) for (const element of elementsOfRole.get(role) ?? []) {
            edges.push(...inferredUses(context, element, targets, `inferred from the IAM policy ${policy.id}`));
        }
    };
    for (const [types, roles, document] of ROLE_POLICIES) {
        for (const policy of context.ofTypes(types)) grant(policy.view.references(roles), owners(context, policy.view.references(document)), policy);
    }
    for (const role of context.ofTypes(['AWS::IAM::Role', 'aws_iam_role'])) {
        grant([role.key], owners(context, role.view.references(prop('Policies', 'inline_policy'))), role);
    }
    return edges;
};

export const INFERRED_EDGE_READERS: readonly EdgeReader[] = [environmentVariables, policyUses];
