import { awsRegion } from '../model/aws-regions.js';
import { cutText } from '../util/sanitise.js';
import type { ZoneToken } from './availability-zones.js';
import { GLOBAL_KINDS, type ElementKind, type ImportedDesign, type ImportedEdge, type ImportedElement, type Member } from './design.js';
import { designSpelling } from './model-metadata.js';
import { camelName } from './names.js';

/**
 * Writes an imported design as `.resil` text: the resources not mapped at the top with their reasons, then `global`
 * and one block per region with its AZs; every element with a comment naming the resource it came from and the
 * hints of what the code does not say. The caller runs the language's formatter over it.
 */

export interface PrintOptions {
    readonly systemName: string;
    /** The input as the user named it, for the header. */
    readonly input: string;
    /** The region of stacks whose code does not say it (`--region`). */
    readonly defaultRegion?: string;
}

/** Kinds whose AZs follow their name (`alb web in a, b`). A function names its subnets in its body instead. */
const PLACED_KINDS: ReadonlySet<ElementKind> = new Set(['ecs', 'elasticache', 'alb', 'aurora', 'rds', 's3', 'asg', 'nat', 'endpoint']);
const REPLICA_KINDS: ReadonlySet<ElementKind> = new Set(['dynamodb', 'aurora', 'rds', 's3']);
const DLQ_KINDS: ReadonlySet<ElementKind> = new Set(['lambda', 'sqs', 'sns']);
const NO_CALLS: ReadonlySet<ElementKind> = new Set(['nat', 'endpoint']);

export function printDesign(design: ImportedDesign, options: PrintOptions): string {
    const names = elementNames(design.elements);
    const regionKey = (element: ImportedElement) => (element.model ? element.model.region
        : GLOBAL_KINDS.has(element.kind) ? undefined : regionName(element.region ?? options.defaultRegion));
    const byKey = new Map(design.elements.map(e => [e.source.key, e]));
    const reference = (from: ImportedElement, toKey: string) => {
        const to = byKey.get(toKey)!;
        const toRegion = regionKey(to);
        if (to.model && (to.model.cell || from.model?.cell) && (toRegion !== regionKey(from) || to.model.cell?.name !== from.model?.cell?.name)) {
            return to.model.cell && toRegion === regionKey(from) ? `${to.model.cell.name}.${names.get(toKey)}` : to.model.element;
        }
        return toRegion === undefined || toRegion === regionKey(from) ? names.get(toKey)! : `${toRegion}.${names.get(toKey)}`;
    };
    const edgesFrom = new Map<string, ImportedEdge[]>();
    for (const edge of design.edges) {
        const list = edgesFrom.get(edge.from);
        if (list) list.push(edge);
        else edgesFrom.set(edge.from, [edge]);
    }

    const lines: string[] = [];
    lines.push(...header(design, options));
    const system = design.system;
    lines.push(system ? `system ${system.system}${system.title !== undefined ? ` ${JSON.stringify(system.title)}` : ''} {`
        : `system ${camelName(options.systemName)} ${JSON.stringify(`Imported from ${commentText(options.input)}`)} {`);
    if (system) lines.push(...system.statements);
    const print = (element: ImportedElement, zones: ReadonlyMap<ZoneToken, string>) =>
        printElement(element, zones, names, edgesFrom.get(element.source.key) ?? [], reference, byKey, design);
    const global = design.elements.filter(e => regionKey(e) === undefined);
    if (global.length > 0) {
        lines.push('', 'global {');
        for (const element of global) lines.push(...print(element, new Map()));
        lines.push('}');
    }
    const regions = new Map<string, ImportedElement[]>();
    for (const element of design.elements) {
        const key = regionKey(element);
        if (key === undefined) continue;
        const list = regions.get(key);
        if (list) list.push(element);
        else regions.set(key, [element]);
    }
    for (const [key, elements] of regions) {
        const code = elements[0].region ?? options.defaultRegion;
        lines.push('', `region ${key}${code ? ` ${JSON.stringify(code)}` : ''} {`);
        const zones = zoneNames(elements, system?.regions.find(r => r.name === key)?.azs ?? []);
        for (const [token, name] of zones) {
            lines.push(token.startsWith('id:') ? `az ${name} ${JSON.stringify(token.slice(3))}`
                : token.startsWith('name:') ? `az ${name} // ${token.slice(5)}: an AZ name, which each account maps to its own physical AZ`
                    : `az ${name} // the account's AZ number ${Number(token.slice(6)) + 1} in the region (Fn::GetAZs)`);
        }
        const cells = new Map<string, ImportedElement[]>();
        for (const element of elements) {
            const cell = element.model?.cell;
            if (!cell) lines.push(...print(element, zones));
            else cells.set(cell.name, [...cells.get(cell.name) ?? [], element]);
        }
        for (const members of cells.values()) {
            const cell = members[0].model!.cell!;
            lines.push('', `${cell.header} {`, ...cell.statements);
            for (const element of members) lines.push(...print(element, zones));
            lines.push('}');
        }
        lines.push('}');
    }
    lines.push('}');
    return lines.join('\n') + '\n';
}

function header(design: ImportedDesign, options: PrintOptions): string[] {
    const lines = [`// Imported by \`resil import\` from ${commentText(options.input)}. Review it: what the code does not say is left out.`];
    lines.push(design.system
        ? '// Its templates state the design in their metadata (resil:element, resil:system): its names, cells, calls, entry points and requirements come from there.'
        : '// Not in the code, so not here: `entry` points, `needs` (the capacity that must survive), `soft` uses, requirements.');
    for (const note of design.notes) lines.push(`// ${commentText(note)}`);
    if (design.skipped.length > 0) {
        lines.push(`// Not mapped (${design.skipped.length} resource${design.skipped.length === 1 ? '' : 's'}):`);
        const byReason = new Map<string, string[]>();
        for (const { resource, reason } of design.skipped) {
            const key = `${resource.type || '(no type)'}: ${reason}`;
            const ids = byReason.get(key);
            if (ids) ids.push(resource.id);
            else byReason.set(key, [resource.id]);
        }
        for (const [reason, ids] of byReason) {
            lines.push(`//   ${commentText(reason)}: ${commentText(cutText(ids.join(', '), 300))}`);
        }
    }
    return lines;
}

/** Text inside a `//` comment stays on its line. */
function commentText(text: string): string {
    return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

function regionName(code: string | undefined): string {
    if (code === undefined) return 'main';
    return awsRegion(code)?.azIdPrefix ?? camelName(code);
}

const RESERVED_NAMES: ReadonlySet<string> = new Set([
    'system', 'global', 'region', 'az', 'cell', 'router', 'scenario', 'external', 'require', 'allow', 'consumer', 'nodegroup',
    'lambda', 'ecs', 'eks', 'dynamodb', 'elasticache', 'kinesis', 'sqs', 'sns', 'alb', 'route53', 'aurora', 'rds', 's3', 'asg',
    'nat', 'endpoint', 'eventbridge', 'stepfunctions', 'apigateway', 'cloudfront', 'cognito', 'uses', 'consumes', 'task', 'rule',
    'target', 'stage', 'origin', 'entry', 'traffic', 'sla', 'dlq', 'in', 'replica', 'of', 'failover', 'health',
]);

/** Unique names over the design: two resources that suggest the same name get a number. */
function elementNames(elements: readonly ImportedElement[]): Map<string, string> {
    const names = new Map<string, string>();
    // A name that is a keyword starting a member (`alb`, `route53`) would read as that member.
    const used = new Set<string>([...RESERVED_NAMES]);
    // The design's own names, where the templates state them: unique in their region or cell.
    for (const element of elements) if (element.model) names.set(element.source.key, element.model.element.split('.').pop()!);
    for (const element of elements) {
        if (element.model) continue;
        const suggested = RESERVED_NAMES.has(element.suggestedName.toLowerCase()) ? `${element.suggestedName}1` : element.suggestedName;
        let name = suggested;
        for (let n = 2; used.has(name.toLowerCase()); n++) name = `${suggested}${n}`;
        used.add(name.toLowerCase());
        names.set(element.source.key, name);
    }
    return names;
}

/** The region's AZs, named by letter: an AZ id by its number's order, an AZ name by its letter, an index by its place. */
function zoneNames(elements: readonly ImportedElement[], declared: ReadonlyArray<readonly [string, string | undefined]>): Map<ZoneToken, string> {
    const tokens = new Set<ZoneToken>(declared.filter(([, id]) => id !== undefined).map(([, id]) => `id:${id}` as ZoneToken));
    for (const element of elements) {
        for (const zone of element.zones) tokens.add(zone);
        for (const member of element.members) if (typeof member !== 'string') member.zones.forEach(z => tokens.add(z));
    }
    const letter = (i: number) => (i < 26 ? String.fromCharCode(97 + i) : `az${i + 1}`);
    const names = new Map<ZoneToken, string>();
    const used = new Set<string>();
    const take = (token: ZoneToken, preferred: string) => {
        if (names.has(token)) return;
        let name = preferred;
        for (let i = 0; used.has(name); i++) name = letter(i);
        used.add(name);
        names.set(token, name);
    };
    const sorted = [...tokens].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    // The design's AZ names, where the templates state them.
    for (const [name, id] of declared) if (id !== undefined && tokens.has(`id:${id}` as ZoneToken)) take(`id:${id}` as ZoneToken, name);
    for (const token of sorted.filter(t => t.startsWith('name:'))) take(token, token.slice(-1));
    for (const token of sorted.filter(t => t.startsWith('index:'))) take(token, letter(Number(token.slice(6))));
    for (const token of sorted.filter(t => t.startsWith('id:'))) take(token, letter(0));
    return new Map(sorted.map(t => [t, names.get(t)!]));
}

function printElement(element: ImportedElement, zones: ReadonlyMap<ZoneToken, string>, names: ReadonlyMap<string, string>,
    allEdges: readonly ImportedEdge[], reference: (from: ImportedElement, to: string) => string, byKey: ReadonlyMap<string, ImportedElement>,
    design: ImportedDesign): string[] {
    const zoneList = (list: readonly ZoneToken[]) => list.map(z => zones.get(z)).filter((z): z is string => z !== undefined).join(', ');
    const ref = (key: string) => reference(element, key);
    const model = element.model;
    const source = element.source.stack.format === 'terraform' ? `${element.source.id}` : `${element.source.id} (${element.source.type})`;
    const from = `// from ${commentText(source)} in ${commentText(element.source.stack.file)}`;
    if (model?.declaration !== undefined) return ['', from, model.declaration];
    if (model?.kind === 'kinesis-consumer') return [];
    // A call as the design writes it (soft, asynchronous, retried, made by name) replaces the edges read to its target.
    // Where the templates state the element's calls, a use inferred from an environment variable or a policy is superseded.
    const edges = allEdges.filter(edge => !(CALLS.has(edge.relation) && model?.calls.some(c => c.to === byKey.get(edge.to)?.model?.element))
        && !(model && edge.inferred !== undefined));
    const calls = (model?.calls ?? []).filter(call => stated(design, call.to));
    const replicaOf = edges.find(e => e.relation === 'replica-of');
    const head = [element.kind, names.get(element.source.key)!];
    if (element.header) head.push(element.header);
    const placedIn = PLACED_KINDS.has(element.kind) ? zoneList(element.zones) : '';
    if (element.kind === 'dynamodb' && replicaOf) head.push(`replica of ${ref(replicaOf.to)}`);
    if (placedIn) head.push(`in ${placedIn}`);
    if (element.kind !== 'dynamodb' && replicaOf && REPLICA_KINDS.has(element.kind)) head.push(`replica of ${ref(replicaOf.to)}`);

    // What the app states only because AWS's default is not written otherwise (a function's timeout) is not the design's.
    const body: string[] = element.members.map(member => designSpelling(memberText(member, zoneList), model)).filter(line => line && !model?.defaults.includes(line));
    const ruleTargets = new Map<string, string[]>();
    for (const edge of edges) {
        const inferred = edge.inferred ? ` // ${commentText(edge.inferred)}` : '';
        switch (edge.relation) {
            case 'uses':
                if (!NO_CALLS.has(element.kind)) body.push(`uses ${ref(edge.to)}${edge.async ? ' async' : ''}${inferred}`);
                break;
            case 'consumes':
                if (!NO_CALLS.has(element.kind)) body.push(`consumes ${ref(edge.to)}`);
                break;
            case 'dlq':
                if (DLQ_KINDS.has(element.kind) && !body.some(line => line.startsWith('dlq '))) body.push(`dlq ${ref(edge.to)}${edge.after !== undefined ? ` after ${edge.after}` : ''}`);
                break;
            case 'on-failure':
                if (element.kind === 'lambda' && !body.some(line => line.startsWith('on-failure '))) body.push(`on-failure ${ref(edge.to)}`);
                break;
            case 'failover':
                if (element.kind === 'route53') body.push(`failover primary ${ref(edge.to)} secondary ${ref(edge.secondary!)}`);
                break;
            case 'origin-group':
                if (element.kind === 'cloudfront') body.push(`origin group primary ${ref(edge.to)} secondary ${ref(edge.secondary!)}`);
                break;
            case 'task':
                if (element.kind === 'stepfunctions') {
                    const async = ['sqs', 'sns', 'eventbridge'].includes(byKey.get(edge.to)?.kind ?? '') ? ' async' : '';
                    body.push(`task ${names.get(edge.to)} uses ${ref(edge.to)}${async}`);
                }
                break;
            case 'rule-target': {
                if (element.kind !== 'eventbridge') break;
                const options = [edge.retries !== undefined ? `retries ${edge.retries}` : '', edge.maxAge ? `max-age ${edge.maxAge}` : '',
                    edge.deadLetter && byKey.has(edge.deadLetter) ? `dlq ${ref(edge.deadLetter)}` : ''].filter(Boolean);
                const rule = camelName(edge.label ?? 'rule');
                ruleTargets.set(rule, [...(ruleTargets.get(rule) ?? []), designSpelling(`target ${ref(edge.to)}${options.length > 0 ? ` ${options.join(' ')}` : ''}`, model)]);
                break;
            }
            case 'replica-of':
                break;
        }
    }
    for (const [rule, targets] of ruleTargets) body.push(`rule ${rule} {`, ...targets, '}');
    body.push(...(model?.statements ?? []), ...calls.map(c => c.statement));
    if (element.kind === 'kinesis') body.push(...streamConsumers(element, design, zoneList, reference));
    const lines = ['', from];
    for (const hint of element.hints) lines.push(`// hint: ${commentText(hint)}`);
    if (body.length === 0) return [...lines, head.join(' ')];
    return [...lines, `${head.join(' ')} {`, ...body, '}'];
}

const CALLS: ReadonlySet<string> = new Set(['uses', 'task', 'consumes']);

/** An element the templates state (a call to anything else would be made up): one of theirs, or an external service. */
function stated(design: ImportedDesign, element: string): boolean {
    return design.elements.some(e => e.model?.element === element)
        || (design.system?.statements.some(s => new RegExp(`^external\\s+${element.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(s)) ?? false);
}

/** The stream's consumers, which the app runs as functions reading it: `consumer name in a, b { ... }`. */
function streamConsumers(stream: ImportedElement, design: ImportedDesign, zoneList: (zones: readonly ZoneToken[]) => string,
    reference: (from: ImportedElement, to: string) => string): string[] {
    const lines: string[] = [];
    for (const consumer of design.elements) {
        const model = consumer.model;
        if (model?.kind !== 'kinesis-consumer') continue;
        const edges = design.edges.filter(e => e.from === consumer.source.key);
        if (!edges.some(e => e.relation === 'consumes' && e.to === stream.source.key)) continue;
        const zones = zoneList(consumer.members.flatMap(m => (typeof m !== 'string' && m.before === 'vpc subnets' ? m.zones : [])));
        const called = new Set(model.calls.map(c => c.to));
        const body = [
            ...consumer.members.filter((m): m is string => typeof m === 'string').map(m => designSpelling(m, model)),
            ...edges.filter(e => e.relation === 'on-failure').map(e => `on-failure ${reference(consumer, e.to)}`),
            ...edges.filter(e => e.relation === 'uses' && !called.has(design.elements.find(t => t.source.key === e.to)?.model?.element ?? '')).map(e => `uses ${reference(consumer, e.to)}`),
            ...model.statements, ...model.calls.filter(c => stated(design, c.to)).map(c => c.statement),
        ];
        const head = `consumer ${model.element.split('.').pop()}${zones ? ` in ${zones}` : ''}`;
        lines.push(body.length > 0 ? `${head} {` : head, ...(body.length > 0 ? [...body, '}'] : []));
    }
    return lines;
}

function memberText(member: Member, zoneList: (zones: readonly ZoneToken[]) => string): string {
    if (typeof member === 'string') return member;
    const zones = zoneList(member.zones);
    if (member.before === 'vpc subnets' && zones === '') return '';
    return [member.before, zones ? (member.before.startsWith('vpc') ? zones : `in ${zones}`) : '', member.after ?? ''].filter(Boolean).join(' ');
}
