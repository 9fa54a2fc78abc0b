import { CstUtils, GrammarUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import {
    isApiGateway, isAurora, isAutoScalingGroup, isCell, isEcs, isElastiCache, isKinesisConsumer, isLambda, isDynamoDb, isNatGateway, isRds, isRoute53,
    isS3, isSqs, isUses, isVpcEndpoint, isEventTarget, isStepFunctions, isStepTask,
    type Aurora, type AutoScalingGroup, type Ecs, type ElastiCache, type Lambda, type NatGateway, type Rds, type Route53, type S3, type Sqs, type Uses,
    type VpcEndpoint, type EventTarget, type StepTask,
} from '../generated/ast.js';
import { isFailureDestination, topologyOfNode, type TopologyAz } from '../model/topology.js';
import { azsWithoutNatGateway } from '../validation/network-validator.js';
import { isRuleId, RULES, type RuleId } from '../validation/rules.js';
import { spreadsOverAzsFirst } from '../validation/containers-validator.js';
import { suggestedReplicas } from '../validation/data-validator.js';
import { MIN_BACKUP_DAYS } from '../validation/database-validator.js';
import { integrationTimeout } from '../validation/edge-validator.js';
import { missingSubnetAzs, SUGGESTED_CONCURRENCY } from '../validation/lambda-validator.js';
import { smallestStableTasks, stableCountProperty } from '../validation/topology-validator.js';
import { SUGGESTED_TASK_RETRIES } from '../validation/workflow-validator.js';
import { sufficientTimeout } from '../validation/call-path-validator.js';
import { cellLossLimit, largestContainedFailure } from '../analysis/cell-waves.js';
import { standbyShortfalls } from '../validation/recovery-validator.js';
import { insertElementAfter, insertMembers, mergeInserts, removeMember, setProperty } from './member-edits.js';

/** One proposed fix: its title, its edits to the document, and whether it is the obvious choice. */
interface Fix {
    readonly title: string;
    readonly edits: TextEdit[];
    readonly preferred?: boolean;
}

/** How one rule's findings are fixed: find the element the diagnostic is about, then propose edits. */
interface RuleFix {
    fixesAt(document: LangiumDocument, diagnostic: Diagnostic): Fix[];
}

/** A fix for findings about elements that `guard` recognizes, e.g. a Lambda. */
function fixOn<N extends AstNode>(guard: (node: AstNode) => node is N, fix: (document: LangiumDocument, node: N) => Fix[]): RuleFix {
    return {
        fixesAt: (document, diagnostic) => {
            const node = elementAt(document, diagnostic, guard);
            return node ? fix(document, node) : [];
        },
    };
}

/** Quick fixes per rule: each finds the element the diagnostic is about and proposes edits that resolve it. */
const FIXES: { readonly [Rule in RuleId]?: RuleFix } = {
    'lambda-vpc-multi-az': fixOn(isLambda, (d, n) => addSubnets(n)),
    'lambda-reserved-concurrency': fixOn(isLambda,
        (d, n) => [preferred(`Reserve concurrency ${SUGGESTED_CONCURRENCY}`, insertMembers(d, n, [`concurrency ${SUGGESTED_CONCURRENCY}`]))]),
    'lambda-async-dlq': fixOn(isLambda, (d, n) => addDeadLetterQueue(d, n, '')),
    'lambda-deploy-needs-alias': fixOn(isLambda, (d, n) => [preferred('Add `versions alias live`', insertMembers(d, n, ['versions alias live']))]),
    'ecs-fargate-placement': fixOn(isEcs, removeFargatePlacement),
    'ecs-ec2-spread-az': fixOn(isEcs, spreadOverAzsFirst),
    'dynamodb-pitr': fixOn(isDynamoDb, (d, n) => [preferred('Turn on point-in-time recovery', setProperty(d, n, 'pitr', 'pitr', 'on'))]),
    'elasticache-replicas': fixOn(isElastiCache, (d, n) => {
        const replicas = suggestedReplicas(topologyOfNode(n).componentOf(n));
        return [preferred(`Set \`replicas ${replicas}\``, setProperty(d, n, 'replicas', 'replicas', String(replicas)))];
    }),
    'elasticache-multi-az': fixOn(isElastiCache, multiAzFailover),
    'elasticache-backups': fixOn(isElastiCache, (d, n) => [preferred('Keep snapshots for 15 days', insertMembers(d, n, ['snapshots retain 15d']))]),
    'kinesis-checkpoint': fixOn(isKinesisConsumer, (d, n) => [preferred('Turn on checkpointing', setProperty(d, n, 'checkpoint', 'checkpoint', 'on'))]),
    'sqs-dlq': fixOn(isSqs, (d, n) => addDeadLetterQueue(d, n, ' after 5')),
    'static-stability': fixOn((n): n is Ecs | AutoScalingGroup => isEcs(n) || isAutoScalingGroup(n), raiseTasks),
    'asg-multi-az': fixOn(isAutoScalingGroup, (d, n) => addAzs(d, n, missingAzs(n))),
    'asg-elb-health-check': fixOn(isAutoScalingGroup, (d, n) => [preferred('Replace instances that fail the load balancer\'s health checks', setProperty(d, n, 'healthCheck', 'health check', 'elb'))]),
    'nat-gateway-per-az': fixOn(isNatGateway, (d, n) => {
        const region = topologyOfNode(n).regionOf(n);
        return addAzs(d, n, region ? azsWithoutNatGateway(region) : []);
    }),
    'endpoint-placement': fixOn(isVpcEndpoint, removePlacement),
    'database-backups': fixOn(isDatabase, (d, n) => [preferred(`Keep backups ${MIN_BACKUP_DAYS} days`, setProperty(d, n, 'backupRetention', 'backup retain', `${MIN_BACKUP_DAYS}d`))]),
    'database-deletion-protection': fixOn(isDatabase, (d, n) => [preferred('Turn on deletion protection', setProperty(d, n, 'deletionProtection', 'deletion protection', 'on'))]),
    'rds-proxy': fixOn(isUses, (d, uses) => {
        const database = uses.target?.ref;
        return database && isDatabase(database) ? [preferred(`Put RDS Proxy in front of \`${database.name}\``, setProperty(d, database, 'proxy', 'proxy', 'on'))] : [];
    }),
    's3-versioning': fixOn(isS3, (d, n) => [preferred('Turn on versioning', setProperty(d, n, 'versioning', 'versioning', 'on'))]),
    's3-express-versioning': fixOn(isS3, removeVersioning),
    'eventbridge-target-dlq': fixOn(isEventTarget, addTargetDeadLetterQueue),
    'stepfunctions-task-retry': fixOn(isStepTask, addTaskRetries),
    'stepfunctions-express-exactly-once': fixOn(isStepFunctions, (d, n) => [preferred('Make it a Standard workflow (exactly-once execution)', setProperty(d, n, 'workflow', 'workflow', 'standard'))]),
    'apigateway-edge-multi-region': fixOn(isApiGateway, (d, n) => [preferred('Use a regional endpoint', setProperty(d, n, 'endpointType', 'endpoint', 'regional'))]),
    'apigateway-integration-timeout': fixOn(isUses, (d, uses) => {
        const lambda = uses.target?.ref;
        if (!isLambda(lambda) || !isApiGateway(uses.$container)) return [];
        const limit = `${integrationTimeout(uses.$container)}s`;
        return [preferred(`Set \`${lambda.name}\`'s timeout to ${limit}`, setProperty(d, lambda, 'timeout', 'timeout', limit))];
    }),
    'external-hard-path': fixOn(isUses, (d, uses) => {
        const end = uses.$cstNode?.range.end;
        return end ? [preferred('Make the call soft (degrade instead of failing)', { range: { start: end, end }, newText: ' soft' })] : [];
    }),
    'timeout-budget': fixOn(isLambda, (d, n) => {
        const topology = topologyOfNode(n);
        const component = topology.componentOf(n);
        const seconds = component?.kind === 'lambda' ? sufficientTimeout(topology, component) : undefined;
        return seconds === undefined ? [] : [preferred(`Set \`timeout ${seconds}s\``, setProperty(d, n, 'timeout', 'timeout', `${seconds}s`))];
    }),
    'retry-amplification': fixOn(isUses, removeRetries),
    'cell-shared-deployment': fixOn(isCell, (d, n) => {
        const topology = topologyOfNode(n);
        const cell = topology.cellOf(n);
        const limit = cellLossLimit(topology);
        if (!cell || limit === undefined) return [];
        const size = largestContainedFailure(cell, limit);
        return [preferred(`Deploy in waves of ${size}`, setProperty(d, n, 'waveSize', 'deploy waves of', String(size)))];
    }),
    'recovery-control-plane': fixOn((n): n is Route53 | Ecs | AutoScalingGroup => isRoute53(n) || isEcs(n) || isAutoScalingGroup(n), staticRecovery),
};

/** Drops `retries N` from a `uses` line: the call is tried once, and the layers around it do the retrying. */
function removeRetries(document: LangiumDocument, uses: Uses): Fix[] {
    const keyword = GrammarUtils.findNodeForKeyword(uses.$cstNode, 'retries');
    const value = GrammarUtils.findNodeForProperty(uses.$cstNode, 'retries');
    if (!keyword || !value) return [];
    const start = document.textDocument.positionAt(previousEnd(document, keyword.offset));
    return [preferred('Remove the retries of this call', { range: { start, end: value.range.end }, newText: '' })];
}

/** Health checks on a failover record; on a standby, the capacity its primary needs, running before the failover. */
function staticRecovery(document: LangiumDocument, node: Route53 | Ecs | AutoScalingGroup): Fix[] {
    if (isRoute53(node)) return node.health ? [] : [preferred('Add `health checks`', insertMembers(document, node, ['health checks']))];
    const topology = topologyOfNode(node);
    const shortfall = topology.components.flatMap(c => c.kind === 'route53' ? standbyShortfalls(topology, c) : []).find(s => s.standby.ast === node);
    if (!shortfall) return [];
    const count = stableCountProperty(shortfall.standby);
    return [preferred(`Run ${shortfall.needed} ${shortfall.standby.capacity?.unit ?? 'tasks'} in the standby`, setProperty(document, node, count, count, String(shortfall.needed)))];
}

function isDatabase(node: AstNode): node is Aurora | Rds {
    return isAurora(node) || isRds(node);
}

/** Rules with a quick fix; the registry's `fix` flags must match (a test checks). */
export const FIXABLE_RULES: readonly RuleId[] = RULES.map(rule => rule.id).filter(id => FIXES[id] !== undefined);

/** Quick fixes for Resil's rule findings (`CodeActionKind.QuickFix`, preferred when there is one obvious fix). */
export class ResilCodeActionProvider implements CodeActionProvider {
    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const ruleFix = typeof diagnostic.code === 'string' && isRuleId(diagnostic.code) ? FIXES[diagnostic.code] : undefined;
            for (const fix of ruleFix?.fixesAt(document, diagnostic) ?? []) {
                actions.push({
                    title: fix.title,
                    kind: CodeActionKind.QuickFix,
                    diagnostics: [diagnostic],
                    isPreferred: fix.preferred ?? false,
                    edit: { changes: { [document.uri.toString()]: mergeInserts(fix.edits) } },
                });
            }
        }
        return actions;
    }
}

/** The innermost element of the wanted kind at the start of the diagnostic's range. */
function elementAt<N extends AstNode>(document: LangiumDocument, diagnostic: Diagnostic, guard: (n: AstNode) => n is N): N | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
    for (let node: AstNode | undefined = leaf?.astNode; node; node = node.$container) {
        if (guard(node)) return node;
    }
    return undefined;
}

const preferred = (title: string, ...edits: TextEdit[]): Fix => ({ title, edits, preferred: true });

function addSubnets(lambda: Lambda): Fix[] {
    const missing = missingSubnetAzs(lambda);
    const last = GrammarUtils.findNodesForProperty(lambda.$cstNode, 'subnets').at(-1);
    if (missing.length === 0 || !last) return [];
    const names = missing.map(az => az.name).join(', ');
    return [preferred(`Add subnets in ${names}`, { range: { start: last.range.end, end: last.range.end }, newText: `, ${names}` })];
}

/** Names declared next to `node` (in its region or cell), so that a new element does not clash. */
function siblingNames(node: AstNode): Set<string> {
    const container = node.$container as unknown as Record<string, unknown>;
    const names = new Set<string>();
    for (const value of Object.values(container)) {
        if (!Array.isArray(value)) continue;
        for (const item of value) {
            const name = (item as { name?: unknown } | null)?.name;
            if (typeof name === 'string') names.add(name);
        }
    }
    return names;
}

function freshName(node: AstNode, base: string): string {
    const taken = siblingNames(node);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    return name;
}

/**
 * A dead-letter queue for a Lambda or a queue: a new `sqs <name>Dlq` declared next to it, or (Lambda) one of the
 * queues that already serve as DLQs where it can reach them (its region, or its own cell).
 */
function addDeadLetterQueue(document: LangiumDocument, node: Lambda | Sqs, after: string): Fix[] {
    const name = freshName(node, `${node.name}Dlq`);
    const create: Fix = {
        title: `Create queue \`${name}\` and use it as the dead-letter queue`,
        edits: [insertMembers(document, node, [`dlq ${name}${after}`]), insertElementAfter(document, node, `sqs ${name}`)],
    };
    if (!isLambda(node)) return [{ ...create, preferred: true }];
    const topology = topologyOfNode(node);
    const self = topology.componentOf(node);
    const existing = topology.components
        .filter(c => c.kind === 'sqs' && c.region === self?.region && (!c.cell || c.cell === self?.cell) && isFailureDestination(c))
        .slice(0, 5)
        .map(queue => ({ title: `Use \`${queue.name}\` as the dead-letter queue`, edits: [insertMembers(document, node, [`dlq ${queue.name}`])] }));
    return [{ ...create, preferred: existing.length === 0 }, ...existing];
}

/** A rule target's dead-letter queue: a new `sqs <bus>Dlq` declared after the bus, or a standard queue already used as one. */
function addTargetDeadLetterQueue(document: LangiumDocument, target: EventTarget): Fix[] {
    const bus = target.$container.$container;
    const end = target.$cstNode?.range.end;
    if (!end) return [];
    const append = (queue: string): TextEdit => ({ range: { start: end, end }, newText: ` dlq ${queue}` });
    const name = freshName(bus, `${bus.name}Dlq`);
    const topology = topologyOfNode(bus);
    const self = topology.componentOf(bus);
    const existing = topology.components
        .filter(c => c.kind === 'sqs' && !c.ast.fifo && c.region === self?.region && (!c.cell || c.cell === self?.cell) && isFailureDestination(c))
        .slice(0, 5)
        .map(queue => ({ title: `Use \`${queue.name}\` as the dead-letter queue`, edits: [append(queue.name)] }));
    const create: Fix = {
        title: `Create queue \`${name}\` and use it as the dead-letter queue`,
        edits: [append(name), insertElementAfter(document, bus, `sqs ${name}`)],
        preferred: existing.length === 0,
    };
    return [create, ...existing];
}

/** `retries 3` on a task: the value replaced when it is 0, else appended to the task's line. */
function addTaskRetries(document: LangiumDocument, task: StepTask): Fix[] {
    const title = `Retry the task ${SUGGESTED_TASK_RETRIES} times`;
    // A task's retries are its call's (`task t uses x retries 3`): they follow the call, before `timeout` or `catch`.
    const retries = GrammarUtils.findNodeForProperty(task.call.$cstNode, 'retries');
    if (retries) return [preferred(title, { range: retries.range, newText: String(SUGGESTED_TASK_RETRIES) })];
    const end = task.call.$cstNode?.range.end;
    return end ? [preferred(title, { range: { start: end, end }, newText: ` retries ${SUGGESTED_TASK_RETRIES}` })] : [];
}

/** `versioning on` on a directory bucket, which cannot be versioned. */
function removeVersioning(document: LangiumDocument, bucket: S3): Fix[] {
    const keyword = GrammarUtils.findNodeForKeyword(bucket.$cstNode, 'versioning');
    const value = GrammarUtils.findNodeForProperty(bucket.$cstNode, 'versioning');
    return keyword && value ? [preferred('Remove `versioning on` (S3 Express cannot version)', removeMember(document, keyword, value))] : [];
}

function removeFargatePlacement(document: LangiumDocument, ecs: Ecs): Fix[] {
    const edits: TextEdit[] = [];
    const placement = GrammarUtils.findNodeForKeyword(ecs.$cstNode, 'placement');
    const strategies = GrammarUtils.findNodesForProperty(ecs.$cstNode, 'placement');
    if (placement && strategies.length > 0) edits.push(removeMember(document, placement, strategies.at(-1)!));
    const keywords = GrammarUtils.findNodesForKeyword(ecs.$cstNode, 'constraint');
    GrammarUtils.findNodesForProperty(ecs.$cstNode, 'constraints').forEach((constraint, i) => {
        if (keywords[i]) edits.push(removeMember(document, keywords[i], constraint));
    });
    return edits.length > 0 ? [preferred('Remove placement and constraints (Fargate does not support them)', ...edits)] : [];
}

function spreadOverAzsFirst(document: LangiumDocument, ecs: Ecs): Fix[] {
    if (spreadsOverAzsFirst(ecs)) return [];
    const strategies = GrammarUtils.findNodesForProperty(ecs.$cstNode, 'placement');
    if (strategies.length === 0) return [preferred('Add `placement spread az`', insertMembers(document, ecs, ['placement spread az']))];
    const edits: TextEdit[] = [{ range: { start: strategies[0].range.start, end: strategies[0].range.start }, newText: 'spread az, ' }];
    // A later `spread az` would now be a duplicate: drop it with the comma before it.
    ecs.placement.forEach((strategy, i) => {
        if (i > 0 && strategy.kind === 'spread' && strategy.field === 'az') {
            edits.push({ range: { start: strategies[i - 1].range.end, end: strategies[i].range.end }, newText: '' });
        }
    });
    return [preferred('Put `spread az` first', ...edits)];
}

function multiAzFailover(document: LangiumDocument, cache: ElastiCache): Fix[] {
    const edits: TextEdit[] = [];
    const missing: string[] = [];
    const multiAz = GrammarUtils.findNodeForProperty(cache.$cstNode, 'multiAz');
    const failover = GrammarUtils.findNodeForProperty(cache.$cstNode, 'failover');
    if (multiAz) { if (cache.multiAz !== 'on') edits.push({ range: multiAz.range, newText: 'on' }); } else missing.push('multi-az on');
    if (failover) { if (cache.failover !== 'auto') edits.push({ range: failover.range, newText: 'auto' }); } else missing.push('failover auto');
    if (missing.length > 0) edits.push(insertMembers(document, cache, missing));
    return [preferred('Turn on Multi-AZ with automatic failover', ...edits)];
}

function raiseTasks(document: LangiumDocument, service: Ecs | AutoScalingGroup): Fix[] {
    const component = topologyOfNode(service).componentOf(service);
    const needs = component?.capacity?.needs;
    const tasks = needs === undefined ? undefined : smallestStableTasks(needs, component!.azs.length);
    if (tasks === undefined) return [];
    const count = stableCountProperty(component!);
    return [preferred(`Raise \`${count}\` to ${tasks}`, setProperty(document, service, count, count, String(tasks)))];
}

/** The region's (or cell's) AZs an element's `in` list leaves out. */
function missingAzs(node: AutoScalingGroup): TopologyAz[] {
    const component = topologyOfNode(node).componentOf(node);
    const available = component?.cell?.azs ?? component?.region?.azs ?? [];
    return available.filter(az => !component?.azs.includes(az));
}

/** Appends AZs to an element's `in` list, or gives it one. */
function addAzs(document: LangiumDocument, node: AutoScalingGroup | NatGateway, azs: readonly TopologyAz[]): Fix[] {
    if (azs.length === 0) return [];
    const names = azs.map(az => az.name).join(', ');
    const last = GrammarUtils.findNodesForProperty(node.$cstNode, 'azs').at(-1);
    const name = GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
    const after = last ?? name;
    if (!after) return [];
    const own = topologyOfNode(node).componentOf(node)?.azs.map(az => az.name) ?? [];
    const text = last ? `, ${names}` : ` in ${[...own, ...azs.map(az => az.name)].join(', ')}`;
    return [preferred(`Place it in ${names} too`, { range: { start: after.range.end, end: after.range.end }, newText: text })];
}

/** Removes an `in` list (a gateway endpoint is in no AZ). */
function removePlacement(document: LangiumDocument, endpoint: VpcEndpoint): Fix[] {
    const refs = GrammarUtils.findNodesForProperty(endpoint.$cstNode, 'azs');
    const inKeyword = GrammarUtils.findNodeForKeyword(endpoint.$cstNode, 'in');
    const last = refs.at(-1);
    if (!inKeyword || !last) return [];
    const start = previousEnd(document, inKeyword.offset);
    return [preferred('Remove the `in` list', { range: { start: document.textDocument.positionAt(start), end: last.range.end }, newText: '' })];
}

/** The offset just after the last non-blank character before `offset`. */
function previousEnd(document: LangiumDocument, offset: number): number {
    const text = document.textDocument.getText();
    let at = offset;
    while (at > 0 && /\s/.test(text[at - 1])) at--;
    return at;
}
