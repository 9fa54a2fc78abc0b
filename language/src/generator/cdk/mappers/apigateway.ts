import type { ComponentOf, TopologyComponent } from '../../../model/topology.js';
import { obj, type Entries } from '../code.js';
import { commentText, tsString } from '../identifiers.js';
import type { ComponentHandle, EmitScope } from '../scope.js';
import { notGenerated } from './targets.js';
import { httpRoute, integrates, restRoute, type ApiRoute } from './api-integrations.js';

type Api = ComponentOf<'apigateway'>;

/** The routes the mapper realises (one per integrated `uses` edge), and the user pool its authorizer trusts. */
interface Integrations {
    readonly routes: ApiRoute[];
    readonly pool?: ComponentHandle;
    readonly lines: string[];
}

/**
 * apigateway -> a REST API (`RestApi`) or an HTTP API (`HttpApi`) with the model's endpoint type, a stage throttled
 * as the model says, JSON access logs, and a route per target it `uses` (`/<target name>`, api-integrations.ts:
 * functions, queues, tables, state machines, load balancers, ECS and EKS services through a VPC link), behind a
 * Cognito authorizer when it `uses` a user pool. Its custom domain (which needs your certificate) is listed.
 */
export function declareApiGateway(component: Api, scope: EmitScope): void {
    const integrations = integrationsOf(component, scope);
    const lines = [scope.trace(component.ast, `apigateway ${component.ast.name}`), ...integrations.lines];
    if (component.ast.domain) {
        lines.push(notGenerated(scope, component.ast, `custom domain ${commentText(component.ast.domain)} of apigateway ${commentText(component.id)} (it needs an ACM certificate of your organisation: add a DomainName with it)`));
    }
    for (const stage of component.ast.stages.slice(1)) {
        lines.push(notGenerated(scope, stage, `stage ${commentText(stage.name)} of apigateway ${commentText(component.id)} (the app deploys the first stage; add a Stage per further one)`));
    }
    const { api, url } = component.ast.api === 'http' ? httpApi(component, scope, integrations, lines) : restApi(component, scope, integrations, lines);
    lines.push('');
    scope.declarations.push(...lines);
    scope.declare(component, { expr: api, endpoint: url });
}

function integrationsOf(component: Api, scope: EmitScope): Integrations {
    const routes: ApiRoute[] = [];
    const lines: string[] = [];
    let pool: ComponentHandle | undefined;
    for (const edge of component.outgoing.filter(e => e.kind === 'uses')) {
        const handle = scope.handle(edge.to);
        if (handle && integrates(component, edge.to)) routes.push({ edge, handle });
        else if (handle && edge.to.kind === 'cognito' && !pool) pool = handle;
        else lines.push(notGenerated(scope, edge.source, `integration with ${commentText(`${edge.to.kind} ${edge.to.id}`)} (${whyNot(component, edge.to)})`));
    }
    return { routes, pool, lines };
}

function whyNot(component: Api, to: TopologyComponent): string {
    if (to.cell) return 'services inside a cell are reached through its router';
    if (to.kind === 'dynamodb' && component.ast.api === 'http') return 'HTTP APIs have no DynamoDB integration: make it a REST API (`api rest`), or put a function in between';
    return 'API Gateway integrates functions, queues, tables, state machines, load balancers and ECS or EKS services of its region';
}

function accessLogs(component: Api, scope: EmitScope, lines: string[]): string {
    const logs = scope.mod('logs');
    const group = scope.variable(component.ast.name, 'AccessLogs');
    lines.push(`const ${group} = new ${logs}.LogGroup(this, '${scope.constructId(component.ast.name, 'AccessLogs')}', ${obj([['retention', `${logs}.RetentionDays.ONE_YEAR`]])});`);
    return group;
}

function throttleOf(component: Api): { rate: string; burst: string } | undefined {
    const throttle = component.ast.throttle;
    if (!throttle) return undefined;
    return { rate: String(Math.max(1, throttle.rate)), burst: String(Math.max(1, Math.round(throttle.burst ?? throttle.rate))) };
}

function restApi(component: Api, scope: EmitScope, integrations: Integrations, lines: string[]): { api: string; url: string } {
    const ast = component.ast;
    const apigateway = scope.mod('apigateway');
    const api = scope.variable(ast.name);
    const group = accessLogs(component, scope, lines);
    const throttle = throttleOf(component);
    const stage = ast.stages[0];
    const endpoint = ast.endpointType === 'edge' ? 'EDGE' : ast.endpointType === 'private' ? 'PRIVATE' : 'REGIONAL';
    const policy = ast.endpointType === 'private' ? privatePolicy(scope) : undefined;
    lines.push(`const ${api} = new ${apigateway}.RestApi(this, '${scope.constructId(ast.name)}', ${obj([
        ['endpointConfiguration', `{ types: [${apigateway}.EndpointType.${endpoint}] }`],
        ['policy', policy],
        ['cloudWatchRole', 'true'],
        ['deployOptions', obj([
            ['stageName', tsString(stage?.name ?? 'prod')],
            ['throttlingRateLimit', throttle?.rate],
            ['throttlingBurstLimit', throttle?.burst],
            ['loggingLevel', `${apigateway}.MethodLoggingLevel.ERROR`],
            ['tracingEnabled', 'true'],
            ['accessLogDestination', `new ${apigateway}.LogGroupLogDestination(${group})`],
            ['accessLogFormat', `${apigateway}.AccessLogFormat.jsonWithStandardFields()`],
        ])],
    ])});`);
    if (stage?.canary !== undefined) {
        lines.push(`(${api}.deploymentStage.node.defaultChild as ${apigateway}.CfnStage).addPropertyOverride('CanarySetting', { PercentTraffic: ${Math.min(99, Math.max(1, stage.canary))} });`);
    }
    lines.push(`${api}.addRequestValidator('Validator', { validateRequestBody: true, validateRequestParameters: true });`);
    const authorizer = integrations.pool ? scope.variable(ast.name, 'Authorizer') : undefined;
    if (authorizer) {
        lines.push(`const ${authorizer} = new ${apigateway}.CognitoUserPoolsAuthorizer(${api}, 'Authorizer', { cognitoUserPools: [${integrations.pool!.expr}] });`);
    }
    const auth: Entries = authorizer ? [['authorizer', authorizer], ['authorizationType', `${apigateway}.AuthorizationType.COGNITO`]] : [];
    for (const route of integrations.routes) lines.push(...restRoute(component, api, route, auth, scope));
    if (integrations.routes.length === 0) {
        // A REST API deploys only with a method: it answers 503 until an integration is added.
        lines.push(`${api}.root.addMethod('ANY', new ${apigateway}.MockIntegration(${obj([
            ['requestTemplates', `{ 'application/json': '{"statusCode": 503}' }`],
            ['integrationResponses', `[{ statusCode: '503' }]`],
        ])}), ${obj([...auth, ['methodResponses', `[{ statusCode: '503' }]`]], 0)});`);
    }
    lines.push(scope.acknowledge(api, [
        { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]', reason: 'AWS-managed policy that only lets API Gateway write the API\'s logs to CloudWatch.' },
        { id: 'AwsSolutions-APIG3', reason: 'A WAFv2 web ACL is your organisation\'s: associate it with the stage.' },
        ...(authorizer ? [] : [
            { id: 'AwsSolutions-APIG4', reason: `The model gives ${commentText(component.id)} no user pool: add the authorizer its callers use (IAM, Lambda or Cognito).` },
            { id: 'AwsSolutions-COG4', reason: `The model gives ${commentText(component.id)} no user pool: add the authorizer its callers use (IAM, Lambda or Cognito).` },
        ]),
    ]));
    return { api, url: `${api}.url` };
}

/** A private API answers only requests from the VPC: its resource policy says so (API Gateway refuses one without). */
function privatePolicy(scope: EmitScope): string {
    const iam = scope.mod('iam');
    return `new ${iam}.PolicyDocument({ statements: [new ${iam}.PolicyStatement(${obj([
        ['principals', `[new ${iam}.AnyPrincipal()]`],
        ['actions', `['execute-api:Invoke']`],
        ['resources', `['execute-api:/*']`],
        ['conditions', `{ StringEquals: { 'aws:SourceVpc': ${scope.vpc()}.vpcId } }`],
    ])})] })`;
}

/** The stage variable of each HTTP API (its custom domain maps to it): the API and its records share a stack. */
const HTTP_STAGES = new WeakMap<TopologyComponent, string>();

export function httpStageOf(component: TopologyComponent): string | undefined {
    return HTTP_STAGES.get(component);
}

function httpApi(component: Api, scope: EmitScope, integrations: Integrations, lines: string[]): { api: string; url: string } {
    const ast = component.ast;
    const v2 = scope.mod('apigatewayv2');
    const api = scope.variable(ast.name);
    const group = accessLogs(component, scope, lines);
    const throttle = throttleOf(component);
    const stage = scope.variable(ast.name, 'Stage');
    HTTP_STAGES.set(component, stage);
    lines.push(
        `const ${api} = new ${v2}.HttpApi(this, '${scope.constructId(ast.name)}', { createDefaultStage: false });`,
        `const ${stage} = ${api}.addStage('Stage', ${obj([
            ['stageName', tsString(ast.stages[0]?.name ?? '$default')],
            ['autoDeploy', 'true'],
            ['throttle', throttle && `{ rateLimit: ${throttle.rate}, burstLimit: ${throttle.burst} }`],
        ])});`,
        `(${stage}.node.defaultChild as ${v2}.CfnStage).accessLogSettings = ${obj([
            ['destinationArn', `${group}.logGroupArn`],
            ['format', `JSON.stringify({ requestId: '$context.requestId', ip: '$context.identity.sourceIp', requestTime: '$context.requestTime', httpMethod: '$context.httpMethod', routeKey: '$context.routeKey', status: '$context.status', protocol: '$context.protocol', responseLength: '$context.responseLength' })`],
        ])};`,
    );
    if (ast.stages[0]?.canary !== undefined) {
        lines.push(notGenerated(scope, ast.stages[0], `canary of stage ${commentText(ast.stages[0].name)} (HTTP APIs have no canary deployments: use a REST API, or shift traffic with the function's alias)`));
    }
    const pool = integrations.pool;
    const authorizer = pool && integrations.routes.length > 0 ? scope.variable(ast.name, 'Authorizer') : undefined;
    if (authorizer) {
        lines.push(`const ${authorizer} = new ${scope.mod('apigatewayv2Authorizers')}.HttpUserPoolAuthorizer('Authorizer', ${pool!.expr});`);
    } else if (pool) {
        // An HTTP API creates a route's authorizer only with the route: without one, the API's trust in the user pool
        // is declared as a JWT authorizer of its own, which the routes you add can name.
        const client = scope.variable(ast.name, 'Client');
        lines.push(`const ${client} = new ${scope.mod('cognito')}.UserPoolClient(this, '${scope.constructId(ast.name, 'Client')}', { userPool: ${pool.expr} });`,
            `new ${v2}.HttpAuthorizer(${api}, 'Authorizer', ${obj([
                ['httpApi', api], ['type', `${v2}.HttpAuthorizerType.JWT`], ['identitySource', `['$request.header.Authorization']`],
                ['jwtIssuer', `\`https://cognito-idp.\${this.region}.\${this.urlSuffix}/\${${pool.expr}.userPoolId}\``], ['jwtAudience', `[${client}.userPoolClientId]`],
            ])});`);
    }
    for (const route of integrations.routes) lines.push(...httpRoute(component, api, route, authorizer, scope));
    if (!authorizer && integrations.routes.length > 0) {
        lines.push(scope.acknowledge(api, [{ id: 'AwsSolutions-APIG4', reason: `The model gives ${commentText(component.id)} no user pool: add the authorizer its callers use (IAM, Lambda or Cognito).` }]));
    }
    return { api, url: `${stage}.url` };
}
