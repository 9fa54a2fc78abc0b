/**
 * Resil's model in the synthesized templates, where CloudFormation cannot say it (as CDK's `aws:cdk:path` names the
 * construct of a resource): each resource that realises an element carries `Metadata: { "resil:element": ... }`, the
 * resources the generator adds for an element name it, and each stack's template metadata holds what only the system
 * says (requirements, scenarios, external services, AZ names). `resil import` reads it back (import/model-metadata.ts),
 * so that a design's app gives the same design, findings and blast radius.
 */
import { CstUtils, isLeafCstNode, type AstNode } from 'langium';
import type { TopologyComponent, Topology } from '../../model/topology.js';
import { durationText, parseDuration } from '../../util/durations.js';
import { LAMBDA_DEFAULT_TIMEOUT_SECONDS } from '../../validation/call-path-validator.js';
import { tsString } from './identifiers.js';
import { placedZoneId } from './scope.js';
import { seconds } from './values.js';

/** The metadata key of a resource (and of a stack's elements without a resource of their own). */
export const ELEMENT_KEY = 'resil:element';
/** The metadata key of a stack's template: the system's own statements. */
export const SYSTEM_KEY = 'resil:system';

/** A `uses`, `consumes` or `task` line as written: the template cannot say a call soft, asynchronous, retried or made by name. */
export interface ModelCall {
    readonly to: string;
    readonly statement: string;
}

/** What the design says of an element and its template cannot. */
export interface ElementRecord {
    readonly element: string;
    readonly kind: string;
    /** The model's name of its region (`use1`), which the region's code does not give. */
    readonly region?: string;
    /** `cell pay[8] in a, b, c` and its own lines (`deploy waves of 2`, `allow ...`): one per element of the cell. */
    readonly cell?: { readonly name: string; readonly header: string; readonly statements: readonly string[] };
    /** Members no resource property says: `entry`, `traffic 60%`, `sla 99.95%`, `needs 4`, `allow ...`. */
    readonly statements?: readonly string[];
    readonly calls?: readonly ModelCall[];
    /** A router, which the app implements as a function: its whole declaration. */
    readonly declaration?: string;
    /** `replica of`: the app may wire a replica by name, which no template reference says. */
    readonly replicaOf?: string;
    readonly placement?: readonly string[];
    /**
     * Durations the design writes in another unit than the largest whole one (`timeout 60s`), each after the word
     * before it: a template gives seconds, which the import writes in the largest whole unit (`1m`) unless told.
     */
    readonly durations?: readonly string[];
    /** Its place among the design's elements: the import writes them in the design's order, which a finding may name. */
    readonly order?: number;
    /**
     * Members the app states where the design leaves them to AWS's default (a function's timeout, which cdk-nag wants
     * explicit), as the import would write them: it leaves them out while the template gives that default.
     */
    readonly defaults?: readonly string[];
}

/** The system's statements: its title, requirements, scenarios, external services, and the AZ names of each region. */
export interface SystemRecord {
    readonly system: string;
    readonly title?: string;
    readonly statements: readonly string[];
    readonly regions: ReadonlyArray<{ readonly name: string; readonly code?: string; readonly azs: ReadonlyArray<readonly [name: string, zoneId: string | undefined]> }>;
}

const ORDERS = new WeakMap<Topology, Map<TopologyComponent, number>>();

/** Each component's place in the design (the topology lists them in declaration order), computed once per topology. */
function declarationOrder(topology: Topology, component: TopologyComponent): number | undefined {
    let order = ORDERS.get(topology);
    if (!order) ORDERS.set(topology, order = new Map(topology.components.map((c, i) => [c, i])));
    return order.get(component);
}

export function elementRecord(component: TopologyComponent, topology?: Topology): ElementRecord {
    const ast = component.ast as unknown as Record<string, unknown>;
    const statements = [
        ast.entry === true ? 'entry' : undefined,
        typeof ast.traffic === 'number' ? `traffic ${ast.traffic}%` : undefined,
        typeof ast.sla === 'number' ? `sla ${ast.sla}%` : undefined,
        typeof ast.needs === 'number' ? `needs ${ast.needs}` : undefined,
        ...nodes(ast.allows).map(sourceText),
        // What the app leaves to the user or wires by name across regions: the Cluster Autoscaler, a global endpoint's buses.
        ast.autoscaler === 'on' ? 'autoscaler on' : undefined,
        component.kind === 'eventbridge' && refText(ast.primary) && refText(ast.secondary) ? `failover primary ${refText(ast.primary)} secondary ${refText(ast.secondary)}` : undefined,
    ].filter((s): s is string => s !== undefined && s !== '');
    const calls: ModelCall[] = [];
    for (const edge of component.outgoing) {
        // Whether a call is soft, asynchronous or retried, and calls made through code or by name: no template says it.
        if (edge.kind !== 'uses' && !(edge.kind === 'consumes' && edge.source.$type === 'Consumes')) continue;
        const node = edge.source as AstNode;
        const written = node.$container?.$type === 'StepTask' ? node.$container : node;
        calls.push({ to: edge.to.id, statement: sourceText(written) });
    }
    const cell = component.cell;
    const durations = spelledDurations(component.ast);
    const order = topology && declarationOrder(topology, component);
    const defaults = component.kind === 'lambda' && seconds(component.ast.timeout) === undefined ? [`timeout ${durationText(LAMBDA_DEFAULT_TIMEOUT_SECONDS)}`] : [];
    const replicaOf = component.outgoing.find(e => e.kind === 'replica-of')?.to.id;
    return {
        element: component.id,
        kind: component.kind,
        ...(component.region ? { region: component.region.name } : {}),
        ...(cell ? { cell: { name: cell.name, header: `cell ${cell.name}[${cell.count}]${cell.azs.length > 0 ? ` in ${cell.azs.map(a => a.name).join(', ')}` : ''}`, statements: [
            ...(cell.ast.waveSize !== undefined ? [`deploy waves of ${cell.ast.waveSize}`] : []), ...cell.ast.allows.map(sourceText)] } } : {}),
        ...(statements.length > 0 ? { statements } : {}),
        ...(calls.length > 0 ? { calls } : {}),
        ...(component.kind === 'router' ? { declaration: sourceText(component.ast) } : {}),
        ...(replicaOf !== undefined ? { replicaOf } : {}),
        // Where no resource property places it (a One Zone bucket): the AZ ids of the design.
        ...(component.azs.length > 0 && component.azs.every(a => placedZoneId(a) !== undefined) ? { placement: component.azs.map(a => placedZoneId(a)!) } : {}),
        ...(durations.length > 0 ? { durations } : {}),
        ...(order !== undefined ? { order } : {}),
        ...(defaults.length > 0 ? { defaults } : {}),
    };
}

/** `timeout 60s`: each duration of the element not written in its largest whole unit, with the word before it. */
function spelledDurations(ast: AstNode): string[] {
    const spelled: string[] = [];
    let previous: string | undefined;
    for (const node of ast.$cstNode ? CstUtils.streamCst(ast.$cstNode) : []) {
        if (!isLeafCstNode(node) || node.hidden) continue;
        const seconds = node.tokenType.name === 'DURATION' ? parseDuration(node.text).seconds : undefined;
        if (previous !== undefined && seconds !== undefined && durationText(seconds) !== node.text) spelled.push(`${previous} ${node.text}`);
        previous = node.text;
    }
    return [...new Set(spelled)];
}

export function systemRecord(topology: Topology): SystemRecord | undefined {
    const system = topology.system;
    if (!system) return undefined;
    return {
        system: system.name,
        ...(system.title !== undefined ? { title: system.title } : {}),
        statements: [...system.requirements, ...system.externals, ...system.allows, ...system.scenarios].map(sourceText),
        regions: topology.regions.map(r => ({ name: r.name, ...(r.code ? { code: r.code } : {}), azs: r.azs.map(a => [a.name, placedZoneId(a)] as const) })),
    };
}

/** A record as TypeScript: every string a quoted literal, so that no text of the design is ever code. */
export function tsValue(value: unknown): string {
    if (typeof value === 'string') return tsString(value);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value === undefined || value === null) return 'undefined';
    if (Array.isArray(value)) return `[${value.map(tsValue).join(', ')}]`;
    return `{ ${Object.entries(value).map(([key, v]) => `${key}: ${tsValue(v)}`).join(', ')} }`;
}

function refText(value: unknown): string | undefined {
    return typeof value === 'object' && value !== null && '$refText' in value && typeof value.$refText === 'string' ? value.$refText : undefined;
}

function nodes(value: unknown): AstNode[] {
    return Array.isArray(value) ? value.filter((v): v is AstNode => typeof v === 'object' && v !== null && '$type' in v) : [];
}

/** The statement as the design writes it (a comment after it is not part of it). */
function sourceText(node: AstNode): string {
    return (node.$cstNode?.text ?? '').trim();
}

/** `lib/model-metadata.ts` of the app: the one helper that writes the model into the templates. */
export const MODEL_METADATA_MODULE = `// The design in the templates, where CloudFormation has no word for it (as CDK's aws:cdk:path names constructs):
// each resource that realises an element of the design carries Metadata "resil:element", so that 'resil import'
// gives the design back: its names, cells, soft uses, entry points, requirements.
// Generated by Resil. Edit freely: 'resil generate cdk' keeps files you changed.
import { CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

const ELEMENT = '${ELEMENT_KEY}';

/** An element of the design: its qualified name, its kind, and what the design says that no resource property does. */
export interface ModelElement {
  readonly element: string;
  readonly kind: string;
  readonly [fact: string]: unknown;
}

type Mark = { readonly element?: string; readonly partOf?: string; readonly name?: string; readonly support?: string };

/**
 * The construct realises the element: its main resource carries the element, its other resources are parts of it.
 * An element the stack reads by name (a replica table another stack declares) has no resource: the stack names it.
 */
export function modelElement(construct: IConstruct, element: ModelElement, replica?: number): void {
  construct.node.addMetadata(ELEMENT, element.element);
  const record = replica === undefined ? element : { ...element, replica };
  const resources = construct.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c));
  const child = construct.node.defaultChild;
  const main = child !== undefined && CfnResource.isCfnResource(child) ? child : resources[0];
  if (main === undefined) {
    const holder = Stack.of(construct);
    const metadata = holder.templateOptions.metadata ?? {};
    holder.templateOptions.metadata = { ...metadata, [ELEMENT]: [...(metadata[ELEMENT] as unknown[] | undefined) ?? [], record] };
    return;
  }
  main.addMetadata(ELEMENT, record);
  for (const resource of resources) if (resource !== main) mark(resource, { partOf: element.element });
}

/**
 * Resources the app adds for an element (its dead-letter queue, the function that runs it): parts of it. A part the
 * design names (an EventBridge rule, which CDK names after its construct) carries the design's name.
 */
export function modelPart(construct: IConstruct, element: string, name?: string): void {
  for (const part of construct.node.findAll()) if (CfnResource.isCfnResource(part)) mark(part, name === undefined ? { partOf: element } : { partOf: element, name });
}

/** Resources the app adds for no element of the design (the VPC, its NAT gateways where the design names none). */
export function modelSupport(construct: IConstruct, why: string): void {
  for (const added of construct.node.findAll()) if (CfnResource.isCfnResource(added)) mark(added, { support: why });
}

/** The system's own statements (requirements, scenarios, external services), in the template of each stack. */
export function modelSystem(app: IConstruct, system: object): void {
  for (const stack of app.node.findAll().filter((c): c is Stack => Stack.isStack(c))) {
    stack.templateOptions.metadata = { ...stack.templateOptions.metadata, '${SYSTEM_KEY}': system };
  }
}

/** An element's own resource stays its own, a part stays part of the first element that claims it; support gives way. */
function mark(target: CfnResource, what: Mark): void {
  const current = target.getMetadata(ELEMENT) as Mark | undefined;
  if (current?.element !== undefined || current?.partOf !== undefined) return;
  target.addMetadata(ELEMENT, what);
}
`;
