import type { ComponentOf, TopologyCell, TopologyComponent } from '../../../model/topology.js';
import { obj } from '../code.js';
import { commentText, markdownText, tsString } from '../identifiers.js';
import type { AppPlan, CellPlan } from '../plan.js';
import { forwardTo } from './alb.js';
import type { EmitScope } from '../scope.js';
import { functionAcknowledgments, newFunction } from './lambda.js';
import { notGenerated } from './targets.js';

/**
 * The cell router as running infrastructure. Each region's router is a small function behind the region's entry
 * load balancer: it reads the partition key of a request (a header or query parameter of that name), picks the
 * key's shuffle shard (k of the n cell replicas, by rendezvous hashing: stable when cells come and go) and
 * forwards the request to the first replica of the shard that answers. Each cell replica's stack registers its
 * entry (an internal load balancer in front of its front services) in SSM Parameter Store under the cell's path,
 * and the router reads that path: a cell replica comes and goes with its own stack, and no stack of the region
 * depends on a cell stack, so deploying a cell never touches the router.
 */
export function declareRouter(component: ComponentOf<'router'>, scope: EmitScope): void {
    const ast = component.ast;
    const cell = routedCell(component, scope);
    const lines = [scope.trace(ast, `router ${ast.name} over ${ast.over?.$refText ?? ''}`)];
    if (!cell) {
        lines.push(notGenerated(scope, ast, `router ${commentText(ast.name)} (it routes over a cell of its region)`), '');
        scope.declarations.push(...lines);
        return;
    }
    const cellPlan = scope.plan.cells.get(cell)!;
    const shard = Math.max(1, Math.min(cell.count, ast.shuffleShard ?? 1));
    const fn = scope.variable(ast.name, 'Router');
    const azs = scope.region.region.azs;
    const lambda = scope.mod('lambda');
    lines.push(
        `// Partition key ${commentText(ast.partitionKey ?? 'partition', 60)}: each key goes to ${shard} of the ${cell.count} replicas of cell ${commentText(cell.name)}${shard > 1 ? ' (shuffle sharding)' : ''},`,
        `// found under ${commentText(cellPlan.parameterPath)} in SSM Parameter Store, where each replica's stack registers its entry.`,
        newFunction(scope, fn, scope.constructId(ast.name, 'Router'), {
            memory: 512, timeoutSeconds: 30, azs, code: `${lambda}.Code.fromInline(${scope.imports.name('cellRouterCode', './cell-router')})`,
            extra: [['description', tsString(commentText(`Cell router ${ast.name}: ${shard} of ${cell.count} cells per ${ast.partitionKey ?? 'key'}`, 250))],
                ['environment', obj([
                    ['PARTITION_KEY', tsString(ast.partitionKey ?? 'partition')],
                    ['SHUFFLE_SHARD', tsString(String(shard))],
                    ['CELL_PARAMETERS', tsString(cellPlan.parameterPath)],
                ])]],
        }),
        `${fn}.addToRolePolicy(new ${scope.mod('iam')}.PolicyStatement(${obj([
            ['actions', `['ssm:GetParametersByPath']`],
            ['resources', `[this.formatArn({ service: 'ssm', resource: 'parameter', resourceName: ${tsString(cellPlan.parameterPath.slice(1))} })]`],
        ])}));`,
        scope.acknowledge(fn, [...functionAcknowledgments(azs.length > 0), {
            id: 'Serverless-LambdaDLQ',
            reason: `The load balancer invokes the router synchronously (model: ${scope.plan.trace(ast)}): errors return to the client, and a dead-letter queue only receives failed asynchronous invocations.`,
        }]),
        '',
    );
    scope.declarations.push(...lines);
    scope.declare(component, { expr: fn, invokeTarget: fn });
}

function routedCell(component: ComponentOf<'router'>, scope: EmitScope): TopologyCell | undefined {
    return scope.region.region.cells.find(c => c.routers.includes(component));
}

/**
 * The entry of one cell replica for the routers over its cell: the cell's own load balancer when a front service
 * is one, else an internal load balancer in front of its front ecs services and functions; its DNS name is
 * registered in SSM Parameter Store under the cell's path and the replica's index.
 */
export function declareCellEntry(cell: CellPlan, scope: EmitScope): void {
    if (cell.cell.routers.length === 0) return;
    const lines = [
        scope.trace(cell.cell.ast, `cell ${cell.cell.name}: its entry for the router${cell.cell.routers.length > 1 ? 's' : ''} ${cell.cell.routers.map(r => r.name).join(', ')}`),
    ];
    const fronts = cell.cell.frontComponents;
    const ownAlb = fronts.find(c => c.kind === 'alb');
    let address = ownAlb && scope.handle(ownAlb)?.endpoint;
    if (!address) {
        const elbv2 = scope.mod('elbv2');
        const ec2 = scope.mod('ec2');
        const entry = scope.variable('entry');
        const listener = scope.variable('entry', 'Listener');
        lines.push(
            `const ${entry} = new ${elbv2}.ApplicationLoadBalancer(this, '${scope.constructId('Entry')}', ${obj([
                ['vpc', scope.vpc()],
                ['internetFacing', 'false'],
                ['vpcSubnets', scope.subnets(cell.cell.azs)],
                ['dropInvalidHeaderFields', 'true'],
            ])});`,
            `// Only the region's routers call it: they sit in the same VPC.`,
            `${entry}.connections.allowFrom(${ec2}.Peer.ipv4(${scope.vpc()}.vpcCidrBlock), ${ec2}.Port.tcp(80), 'cell routers of the region');`,
            `const ${listener} = ${entry}.addListener('Http', { port: 80, open: false });`,
        );
        let routed = 0;
        for (const front of fronts) {
            const handle = scope.handle(front);
            if (!handle || !isRoutable(front)) {
                if (front.kind !== 'alb') lines.push(notGenerated(scope, front.ast, `entry target ${commentText(front.id)} (the cell entry forwards to ecs services and functions)`));
                continue;
            }
            lines.push(...forwardTo(scope, listener, entry, front, handle, routed, `/${front.name.replace(/[^A-Za-z0-9_-]/g, '')}/`));
            routed++;
        }
        if (routed === 0) lines.push(`${listener}.addAction('Default', { action: ${elbv2}.ListenerAction.fixedResponse(503) });`);
        lines.push(scope.acknowledge(entry, ['albAccessLogs', 'cacheVpcIngress']));
        // The entry is the routers' way into this replica: the design has no element of its own for it.
        lines.push(scope.part(entry, cell.cell.routers[0]));
        address = `${entry}.loadBalancerDnsName`;
    }
    lines.push(
        `new ${scope.mod('ssm')}.StringParameter(this, '${scope.constructId('RouterEntry')}', ${obj([
            ['parameterName', `\`${cell.parameterPath}/\${props.replica}\``],
            ['stringValue', address],
            ['description', tsString(commentText(`Where the routers of cell ${cell.cell.name} send the keys of this replica`, 200))],
        ])});`,
        '',
    );
    scope.declarations.push(...lines);
}

/** `lib/cell-router.ts`: the router function's code, inline (CloudFormation takes up to 4 KB). */
export const CELL_ROUTER_MODULE = `// The code of the cell routers: a function behind the region's entry load balancer. Generated by Resil.
// Edit freely: \`resil generate cdk\` keeps files you changed. CloudFormation takes inline code of up to 4 KB.
export const cellRouterCode = \`
const { SSMClient, GetParametersByPathCommand } = require('@aws-sdk/client-ssm');
const { createHash } = require('node:crypto');
const ssm = new SSMClient({});
const KEY = process.env.PARTITION_KEY;
const SHARD = Number(process.env.SHUFFLE_SHARD || '1');
const PATH = process.env.CELL_PARAMETERS;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
let cells = [];
let loadedAt = 0;

// The registered cell replicas, re-read every minute: a replica's stack registers and removes its entry.
async function registered() {
  if (Date.now() - loadedAt < 60000 && cells.length > 0) return cells;
  const found = [];
  let NextToken;
  do {
    const page = await ssm.send(new GetParametersByPathCommand({ Path: PATH, NextToken }));
    for (const p of page.Parameters || []) found.push({ replica: p.Name.slice(PATH.length + 1), host: p.Value });
    NextToken = page.NextToken;
  } while (NextToken);
  cells = found;
  loadedAt = Date.now();
  return cells;
}

// Shuffle sharding by rendezvous hashing: the SHARD replicas with the highest hash of (key, replica) serve the key.
function shardOf(key, all) {
  const rank = c => createHash('sha256').update(key + '/' + c.replica).digest().readUInt32BE(0);
  return all.map(c => ({ c, r: rank(c) })).sort((a, b) => b.r - a.r).slice(0, SHARD).map(x => x.c);
}

function reply(statusCode, text) {
  return { statusCode, headers: { 'content-type': 'text/plain' }, body: text, isBase64Encoded: false };
}

exports.handler = async (event) => {
  const headers = event.headers || {};
  const query = event.queryStringParameters || {};
  const key = headers[KEY.toLowerCase()] || (query[KEY] && decodeURIComponent(query[KEY]));
  if (!key) return reply(400, 'missing ' + KEY + ' (header or query parameter)');
  const shard = shardOf(key, await registered());
  const search = new URLSearchParams(query).toString();
  const forwarded = Object.fromEntries(Object.entries(headers).filter(([h]) => !['host', 'content-length', 'connection'].includes(h)));
  const body = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : undefined;
  for (const cell of shard) {
    let response;
    try {
      response = await fetch('http://' + cell.host + event.path + (search ? '?' + search : ''), {
        method: event.httpMethod, headers: forwarded, body, signal: AbortSignal.timeout(10000),
      });
    } catch (error) {
      // Another cell of the shard may take the request only if repeating it is safe.
      if (SAFE.has(event.httpMethod)) continue;
      return reply(502, 'cell ' + cell.replica + ' did not answer');
    }
    if (response.status >= 500 && SAFE.has(event.httpMethod) && cell !== shard[shard.length - 1]) continue;
    return {
      statusCode: response.status,
      headers: { 'content-type': response.headers.get('content-type') || 'application/octet-stream', 'x-cell': cell.replica },
      body: Buffer.from(await response.arrayBuffer()).toString('base64'),
      isBase64Encoded: true,
    };
  }
  return reply(503, 'no cell of this key is available');
};
\`;
`;

/** The README's section on the cell routers: how a request finds its cell, and what to change for real traffic. */
export function routersReadme(plan: AppPlan): string[] {
    const routers = plan.topology.components.filter(c => c.kind === 'router');
    if (routers.length === 0) return [];
    return [
        '## Cell routers',
        '',
        ...routers.map(r => {
            const cell = r.region?.cells.find(c => c.routers.includes(r));
            const shard = Math.max(1, Math.min(cell?.count ?? 1, r.ast.shuffleShard ?? 1));
            return `- ${markdownText(r.id)}: partition key \`${markdownText(r.ast.partitionKey ?? 'partition', 60)}\`, ${shard} of the ${cell?.count ?? 0} replicas of cell ${markdownText(cell?.name ?? '?')} per key.`;
        }),
        '',
        'A router is a function (`lib/cell-router.ts`, inline code) behind the region\'s entry load balancer. It reads the',
        'partition key from the header or query parameter of that name, picks the key\'s shuffle shard by rendezvous',
        'hashing (the replicas with the highest hash of key and replica: stable when replicas come and go) and forwards',
        'the request to the first replica of the shard that answers; only requests that are safe to repeat (GET, PUT,',
        'DELETE...) move on to the next replica of the shard. Each cell replica\'s stack registers its entry (an internal',
        'load balancer in front of its front services) in SSM Parameter Store under the cell\'s path, which the router',
        're-reads every minute: no stack of the region depends on a cell\'s stack, so a wave never touches the router.',
        'For heavy traffic, keep the assignment and move the forwarding into your service mesh or gateway; the function',
        'returns bodies of up to 1 MB (the limit of Lambda targets).',
        '',
    ];
}

/** The front services a cell entry forwards to (an alb front is the entry itself): what the routers reach in each replica. */
export function isRoutable(front: TopologyComponent): boolean {
    return front.kind === 'ecs' || front.kind === 'lambda' || front.kind === 'alb';
}
