import { apiIntegrationLimit } from '../../../model/api-integrations.js';
import type { ComponentOf, DependencyEdge, TopologyComponent } from '../../../model/topology.js';
import { obj, type Entries } from '../code.js';
import { commentText, tsString } from '../identifiers.js';
import { VPC_CIDR, type ComponentHandle, type EmitScope } from '../scope.js';
import { ec2TaskPorts } from './alb.js';

type Api = ComponentOf<'apigateway'>;

/** One `uses` edge of an API that becomes a route, with how the API's scope reaches its target. */
export interface ApiRoute {
    readonly edge: DependencyEdge;
    readonly handle: ComponentHandle;
}

/**
 * The kinds an API integrates, by API type: functions and routers (Lambda proxy), queues (SendMessage), state
 * machines (StartExecution, StartSyncExecution for a synchronous call to an Express workflow), load balancers (HTTP
 * proxy), ECS and EKS services (a VPC link to a Network Load Balancer in front of them), and for REST APIs tables
 * (PutItem and GetItem) where AWS has the integration (model/api-integrations.ts).
 */
export function integrates(api: Api, to: TopologyComponent): boolean {
    switch (to.kind) {
        case 'lambda': case 'router': case 'sqs': case 'stepfunctions': case 'alb': case 'ecs': case 'eks': return !to.cell;
        case 'dynamodb': return apiIntegrationLimit(api.ast.api, to.ast.$type) === undefined && !to.cell;
        default: return false;
    }
}

/** The route of a target: its model name. */
export function routeOf(edge: DependencyEdge): string {
    return edge.to.name.replace(/[^A-Za-z0-9._-]/g, '-');
}

/** The role API Gateway takes to call AWS services (SQS, DynamoDB, Step Functions) for one REST API: one per API. */
const SERVICE_ROLES = new WeakMap<EmitScope, Map<string, string>>();

function serviceRole(scope: EmitScope, api: string, lines: string[]): string {
    let roles = SERVICE_ROLES.get(scope);
    if (!roles) SERVICE_ROLES.set(scope, roles = new Map());
    let role = roles.get(api);
    if (!role) {
        const iam = scope.mod('iam');
        role = scope.variable(api, 'IntegrationRole');
        roles.set(api, role);
        lines.push(`// The role API Gateway takes to call the AWS services the API integrates: granted each one's action only.`,
            `const ${role} = new ${iam}.Role(${api}, 'IntegrationRole', { assumedBy: new ${iam}.ServicePrincipal('apigateway.amazonaws.com') });`);
    }
    return role;
}

/**
 * The methods of a REST API route: `auth` are the method options every method takes (its authorizer). Lambda and
 * proxies answer what their target answers; AWS service integrations answer 200 with the service's response.
 */
export function restRoute(component: Api, api: string, route: ApiRoute, auth: Entries, scope: EmitScope): string[] {
    const apigateway = scope.mod('apigateway');
    const { edge, handle } = route;
    const to = edge.to;
    const lines: string[] = [];
    const resource = `${api}.root.addResource(${tsString(routeOf(edge))})`;
    const options = (extra: Entries = []) => obj([...auth, ...extra], 0);
    const answered = (extra: Entries = []) => options([['methodResponses', `[{ statusCode: '200' }]`], ...extra]);
    const service = (name: string, action: Entries, template: string, role: string) => `new ${apigateway}.AwsIntegration(${obj([
        ['service', tsString(name)], ...action,
        ['options', obj([['credentialsRole', role], ...(name === 'sqs' ? [['requestParameters', `{ 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" }`] as const] : []),
            ['requestTemplates', `{ 'application/json': ${template} }`], ['integrationResponses', `[{ statusCode: '200' }]`]])],
    ])})`;
    switch (to.kind) {
        case 'lambda': case 'router':
            lines.push(`${resource}.addMethod('ANY', new ${apigateway}.LambdaIntegration(${handle.invokeTarget ?? handle.expr}), ${options()});`);
            break;
        case 'sqs': {
            const role = serviceRole(scope, api, lines);
            // A FIFO queue takes a group and a deduplication id with each message: the request's id, so nothing is merged.
            const fifo = to.ast.fifo ? '&MessageGroupId=$context.requestId&MessageDeduplicationId=$context.requestId' : '';
            lines.push(`${handle.expr}.grantSendMessages(${role});`,
                `${resource}.addMethod('POST', ${service('sqs', [['path', `\`\${${scope.core('Aws')}.ACCOUNT_ID}/\${${handle.expr}.queueName}\``], ['integrationHttpMethod', `'POST'`]],
                    tsString(`Action=SendMessage&MessageBody=$util.urlEncode($input.body)${fifo}`), role)}, ${answered()});`);
            break;
        }
        case 'dynamodb': {
            const role = serviceRole(scope, api, lines);
            const items = scope.variable(to.name, 'Items');
            lines.push(`${scope.access()}.readWriteTable(${role}, ${handle.expr});`,
                `// POST /${routeOf(edge)} puts the item of the body (DynamoDB JSON, with its key pk); GET /${routeOf(edge)}/{pk} gets one.`,
                `const ${items} = ${resource};`,
                `${items}.addMethod('POST', ${service('dynamodb', [['action', `'PutItem'`]], `\`{"TableName": "\${${handle.expr}.tableName}", "Item": $input.json('$')}\``, role)}, ${answered()});`,
                `${items}.addResource('{pk}').addMethod('GET', ${service('dynamodb', [['action', `'GetItem'`]],
                    `\`{"TableName": "\${${handle.expr}.tableName}", "Key": {"pk": {"S": "$util.escapeJavaScript($input.params('pk'))"}}}\``, role)}, ${answered([['requestParameters', `{ 'method.request.path.pk': true }`]])});`);
            break;
        }
        case 'stepfunctions': {
            const role = serviceRole(scope, api, lines);
            const sync = edge.sync && to.ast.workflow === 'express';
            lines.push(`${handle.expr}.${sync ? 'grantStartSyncExecution' : 'grantStartExecution'}(${role});`,
                `${resource}.addMethod('POST', ${service('states', [['action', tsString(sync ? 'StartSyncExecution' : 'StartExecution')]],
                    `\`{"stateMachineArn": "\${${handle.expr}.stateMachineArn}", "input": "$util.escapeJavaScript($input.json('$'))"}\``, role)}, ${answered()});`);
            break;
        }
        case 'alb':
            lines.push(`${resource}.addMethod('ANY', new ${apigateway}.HttpIntegration(\`http://\${${handle.expr}.loadBalancerDnsName}/\`, { httpMethod: 'ANY' }), ${options()});`);
            break;
        case 'ecs': case 'eks': {
            const nlb = networkLoadBalancer(component, to, handle, scope, lines);
            const link = scope.variable(component.name, `${to.name}Link`);
            lines.push(`const ${link} = new ${apigateway}.VpcLink(this, '${scope.constructId(component.name, `${to.name}Link`)}', { targets: [${nlb.balancer}] });`,
                `${resource}.addMethod('ANY', new ${apigateway}.Integration(${obj([
                    ['type', `${apigateway}.IntegrationType.HTTP_PROXY`], ['integrationHttpMethod', `'ANY'`],
                    ['uri', `\`http://\${${nlb.balancer}.loadBalancerDnsName}/\``],
                    ['options', obj([['connectionType', `${apigateway}.ConnectionType.VPC_LINK`], ['vpcLink', link]])],
                ])}), ${options()});`);
            break;
        }
        default:
            return [];
    }
    return lines;
}

/** The route of an HTTP API to a target: `authorizer` the user pool's, if any. */
export function httpRoute(component: Api, api: string, route: ApiRoute, authorizer: string | undefined, scope: EmitScope): string[] {
    const v2 = scope.mod('apigatewayv2');
    const integrations = scope.mod('apigatewayv2Integrations');
    const { edge, handle } = route;
    const to = edge.to;
    const id = `'${scope.constructId(to.name, 'Integration')}'`;
    const lines: string[] = [];
    let method = 'ANY';
    let integration: string;
    switch (to.kind) {
        case 'lambda': case 'router':
            integration = `new ${integrations}.HttpLambdaIntegration(${id}, ${handle.invokeTarget ?? handle.expr})`;
            break;
        case 'sqs': {
            method = 'POST';
            const fifo = to.ast.fifo
                ? `, parameterMapping: new ${v2}.ParameterMapping().custom('QueueUrl', ${handle.expr}.queueUrl).custom('MessageBody', '$request.body').custom('MessageGroupId', '$context.requestId').custom('MessageDeduplicationId', '$context.requestId')`
                : '';
            integration = `new ${integrations}.HttpSqsIntegration(${id}, { queue: ${handle.expr}${fifo} })`;
            break;
        }
        case 'stepfunctions': {
            method = 'POST';
            const sync = edge.sync && to.ast.workflow === 'express';
            integration = `new ${integrations}.HttpStepFunctionsIntegration(${id}, { stateMachine: ${handle.expr}, subtype: ${v2}.HttpIntegrationSubtype.${sync ? 'STEPFUNCTIONS_START_SYNC_EXECUTION' : 'STEPFUNCTIONS_START_EXECUTION'} })`;
            break;
        }
        case 'alb':
            integration = `new ${integrations}.HttpUrlIntegration(${id}, \`http://\${${handle.expr}.loadBalancerDnsName}/\`)`;
            break;
        case 'ecs': case 'eks': {
            const nlb = networkLoadBalancer(component, to, handle, scope, lines);
            // The integration creates the VPC link into the load balancer's VPC.
            integration = `new ${integrations}.HttpNlbIntegration(${id}, ${nlb.listener})`;
            break;
        }
        default:
            return [];
    }
    lines.push(`${api}.addRoutes(${obj([
        ['path', tsString(`/${routeOf(edge)}`)],
        ['methods', `[${v2}.HttpMethod.${method}]`],
        ['integration', integration],
        ['authorizer', authorizer],
    ])});`);
    return lines;
}

/**
 * A private Network Load Balancer in front of a service, for the API's VPC link (REST VPC links take only NLBs): ECS
 * tasks register as its targets; an EKS cluster's pods register with its IP target group through the AWS Load
 * Balancer Controller (a TargetGroupBinding, in the cluster). The service lets in the VPC's addresses on port 80.
 */
function networkLoadBalancer(component: Api, to: TopologyComponent, handle: ComponentHandle, scope: EmitScope, lines: string[]): { balancer: string; listener: string } {
    const elbv2 = scope.mod('elbv2');
    const ec2 = scope.mod('ec2');
    const vpc = scope.vpc();
    const balancer = scope.variable(to.name, 'ApiBalancer');
    const listener = scope.variable(to.name, 'ApiListener');
    const why = tsString(`the VPC link of ${component.id} to ${to.id}`);
    lines.push(`// ${commentText(component.id)} reaches ${commentText(to.id)} through a VPC link to a private Network Load Balancer in front of it.`,
        `const ${balancer} = new ${elbv2}.NetworkLoadBalancer(this, '${scope.constructId(to.name, 'ApiBalancer')}', ${obj([
            ['vpc', vpc], ['internetFacing', 'false'], ['crossZoneEnabled', 'true'], ['vpcSubnets', scope.subnets(to.azs)],
        ])});`,
        `const ${listener} = ${balancer}.addListener('Tcp', { port: 80 });`,
        scope.acknowledge(balancer, [{ id: 'AwsSolutions-ELB2', reason: 'Access logs need a log bucket of your organisation: call logAccessLogs(bucket) on the load balancer.' }]));
    if (to.kind === 'ecs') {
        const bridge = to.ast.launch === 'ec2';
        // Tasks on EC2 (bridge networking) listen on a dynamic host port: the health check must follow the traffic there.
        lines.push(`${listener}.addTargets('${scope.constructId(to.name, 'ApiTargets')}', { port: 80, targets: [${handle.expr}]${bridge ? ", healthCheck: { port: 'traffic-port' }" : ''} });`,
            bridge
                ? `${scope.ecsCluster()}.connections.allowFrom(${ec2}.Peer.ipv4('${VPC_CIDR}'), ${ec2TaskPorts(ec2)}, ${why});`
                : `${handle.expr}.connections.allowFrom(${ec2}.Peer.ipv4('${VPC_CIDR}'), ${ec2}.Port.tcp(80), ${why});`);
    } else {
        lines.push(`// The pods of ${commentText(to.id)} register with this target group through a TargetGroupBinding (AWS Load Balancer Controller).`,
            `${listener}.addTargetGroups('${scope.constructId(to.name, 'ApiTargets')}', new ${elbv2}.NetworkTargetGroup(${handle.expr}, '${scope.constructId(component.name, 'Targets')}', ${obj([
                ['vpc', vpc], ['port', '80'], ['targetType', `${elbv2}.TargetType.IP`],
            ])}));`,
            `${handle.expr}.connections.allowFrom(${ec2}.Peer.ipv4('${VPC_CIDR}'), ${ec2}.Port.tcp(80), ${why});`);
    }
    return { balancer, listener };
}
