import type { TopologyComponent } from '../../model/topology.js';
import { monitoringLines } from './alarms.js';
import { arr, indent } from './code.js';
import { commentText, docCommentText, tsString } from './identifiers.js';
import { declareComponent } from './mappers/index.js';
import { declareCellEntry } from './mappers/router.js';
import { dnsRecords, recordsInto, recordsProp } from './mappers/route53.js';
import { declarationOrder } from './order.js';
import type { AppPlan, CellPlan, RegionPlan } from './plan.js';
import { EmitScope, isStateful } from './scope.js';
import { wireComponent } from './wiring.js';

export interface GeneratedModule {
    readonly path: string;
    readonly content: string;
}

/** The stacks of one cell: each replica deploys a data stack and a services stack of these classes. */
export interface CellStacks {
    readonly plan: CellPlan;
    readonly data: EmitScope;
    readonly services: EmitScope;
}

/** What the app file needs to know about a region's stacks: classes, modules, props and the DNS record props. */
export interface StackInfo {
    readonly plan: RegionPlan;
    readonly dnsProps: TopologyComponent[];
    /** The foundation stack (VPC, data outside cells) and the stateless services stack of the region. */
    readonly data: EmitScope;
    readonly services: EmitScope;
    readonly cells: readonly CellStacks[];
}

/**
 * Whether a scope declares nothing: only comments (a region whose services all sit in cells, a cell without
 * data). Its stack would hold no resource, so the app has no such stack (CloudFormation refuses an empty template).
 */
export function declaresNothing(scope: EmitScope): boolean {
    return [...scope.preamble, ...scope.declarations, ...scope.wiring].every(line => line.trim() === '' || line.trimStart().startsWith('//'));
}

/**
 * The stacks of one region: `lib/<region>-stack.ts` (stateless services, routers, DNS records),
 * `lib/<region>-data-stack.ts` (VPC and stateful resources outside cells), and for each cell
 * `lib/cells/<cell>-data.ts` and `lib/cells/<cell>.ts`, whose classes every replica instantiates. A stack only
 * takes resources from stacks deployed before it: data before services, the region before its cells.
 */
export function generateRegion(plan: AppPlan, region: RegionPlan): { files: GeneratedModule[]; info: StackInfo } {
    const info = declareRegion(plan, region);
    return { files: renderRegion(plan, info), info };
}

/**
 * Declares the components of a region in its scopes (nothing rendered yet): a later region's stack may still take a
 * value from these (a global endpoint's id), which adds to what they export.
 */
export function declareRegion(plan: AppPlan, region: RegionPlan): StackInfo {
    const data = new EmitScope(plan, region, 'region-data');
    const services = new EmitScope(plan, region, 'region', undefined, [data]);
    fill(region.region.components.filter(c => !c.cell), data, services);
    const cells = region.region.cells.map(cell => {
        const cellPlan = plan.cells.get(cell)!;
        const cellData = new EmitScope(plan, region, 'cell-data', cellPlan, [data]);
        const cellServices = new EmitScope(plan, region, 'cell', cellPlan, [cellData, services, data]);
        fill(cell.components, cellData, cellServices);
        declareCellEntry(cellPlan, cellServices);
        return { plan: cellPlan, data: cellData, services: cellServices };
    });
    const dnsProps = recordsInto(services);
    for (const route53 of dnsProps) services.declarations.push(...dnsRecords(route53, services));
    return { plan: region, dnsProps, data, services, cells };
}

/** The files of a region's stacks, rendered once every stack that takes from them is declared (they decide its exports). */
export function renderRegion(plan: AppPlan, info: StackInfo): GeneratedModule[] {
    const { plan: region, dnsProps, data, services, cells } = info;
    const files: GeneratedModule[] = [];
    const add = (scope: EmitScope, file: () => GeneratedModule) => {
        if (!declaresNothing(scope)) files.push(file());
    };
    add(services, () => ({ path: region.file, content: renderStack(services, region.className, regionHeader(plan, region, 'stateless services'), dnsProps) }));
    add(data, () => ({ path: region.data.file, content: renderStack(data, region.data.className, regionHeader(plan, region, 'VPC and stateful resources outside cells')) }));
    for (const cell of cells) {
        const what = `cell ${cell.plan.cell.name}[${cell.plan.cell.count}] of region ${region.region.name}`;
        const model = plan.trace(cell.plan.cell.ast);
        add(cell.data, () => ({ path: cell.plan.dataFile, content: renderStack(cell.data, cell.plan.dataClassName, { what: `${what}: the stateful resources of one replica (model: ${model})`, doc: `The data of one replica of cell ${cell.plan.cell.name}: \`lib/stacks.ts\` deploys ${cell.plan.cell.count}, each in its own stack.` }) }));
        add(cell.services, () => ({ path: cell.plan.file, content: renderStack(cell.services, cell.plan.className, { what: `${what}: the services of one replica (model: ${model})`, doc: `The services of one replica of cell ${cell.plan.cell.name}: \`lib/stacks.ts\` deploys ${cell.plan.cell.count}, each in its own stack, in waves.` }) }));
    }
    return files;
}

/** The stacks of a region's scopes that declare nothing (by the names the waves use): the app leaves them out. */
export function emptyStackNames(info: StackInfo): string[] {
    const names: string[] = [];
    if (declaresNothing(info.data)) names.push(info.plan.data.stackName);
    if (declaresNothing(info.services)) names.push(info.plan.stackName);
    for (const cell of info.cells) {
        const replicas = Array.from({ length: Math.max(0, Math.min(1000, cell.plan.cell.count)) }, (_, i) => `${cell.plan.stackPrefix}${i}`);
        if (declaresNothing(cell.data)) names.push(...replicas.map(r => `${r}-Data`));
        if (declaresNothing(cell.services)) names.push(...replicas);
    }
    return names;
}

/** Declares and wires components: stateful ones in the data scope, the others in the services scope. */
function fill(components: readonly TopologyComponent[], data: EmitScope, services: EmitScope): void {
    const stateful = components.filter(isStateful);
    const stateless = components.filter(c => !isStateful(c));
    for (const component of declarationOrder(stateful)) declareComponent(component, data);
    for (const component of declarationOrder(stateless)) declareComponent(component, services);
    for (const component of stateful) wireComponent(component, data);
    for (const component of stateless) wireComponent(component, services);
}

function regionHeader(plan: AppPlan, region: RegionPlan, what: string): { what: string; doc: string } {
    return {
        what: `region ${region.region.name} (${region.code}), ${what}: model ${plan.trace(region.region.ast)}`,
        doc: `Region ${region.region.name} (${region.code}): its ${what}.`,
    };
}

function body(scope: EmitScope): string[] {
    const lines = [...scope.preamble, ...scope.declarations];
    if (scope.wiring.length > 0) lines.push('// What the model\'s `uses` and `consumes` lines need at runtime: permissions, names, event sources.', ...scope.wiring);
    if (scope.exports.size > 0) {
        lines.push('// What the stacks deployed after this one take from it (CDK passes them on as stack outputs).', ...[...scope.exports.values()].map(e => `this.${e.field} = ${e.value};`));
    }
    lines.push(...monitoringLines(scope));
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
}

function header(plan: AppPlan, what: string): string[] {
    return [
        `// ${commentText(what, 200)}`,
        `// Generated by Resil from ${commentText(plan.sourceName, 80)}. Edit freely: \`resil generate cdk\` keeps files you changed.`,
    ];
}

/** A stack class with its props (what it takes from earlier stacks) and public fields (what later stacks take). */
export function renderStack(scope: EmitScope, className: string, about: { what: string; doc: string }, dnsProps: readonly TopologyComponent[] = []): string {
    const stackProps = scope.imports.type('StackProps', 'aws-cdk-lib');
    scope.imports.name('Stack', 'aws-cdk-lib');
    scope.imports.type('Construct', 'constructs');
    if (dnsProps.length > 0) scope.imports.type('DnsRecordProps', './dns');
    const region = scope.region;
    const propLines: string[] = [];
    if (scope.cell) propLines.push('  /** Which replica of the cell this stack is: 0, 1, ... (names and registrations carry it). */', '  readonly replica: number;');
    for (const input of scope.inputs.values()) {
        propLines.push(`  /** ${docCommentText(`${input.what}, from an earlier stack.`)} */`, `  readonly ${input.prop}: ${input.type};`);
    }
    for (const route53 of dnsProps) {
        propLines.push(`  /** ${docCommentText(`Hosted zone and record name of route53 ${route53.name} (model: ${scope.plan.trace(route53.ast)}).`)} */`,
            `  readonly ${recordsProp(scope.plan, route53)}: DnsRecordProps;`);
    }
    const propsType = propLines.length > 0 ? `${className}Props` : stackProps;
    const lines = [...header(scope.plan, about.what), ...scope.imports.render(), ''];
    const edge = scope.role === 'edge';
    if (region.codeAssumed && !scope.cell && !edge) lines.push(`// The model gives no AWS region code for ${commentText(region.region.name)}: ${region.code} is assumed.`, '');
    if (propLines.length > 0) lines.push(`export interface ${propsType} extends ${stackProps} {`, ...propLines, '}', '');
    const fields = [...scope.exports.values()].map(e => `  readonly ${e.field}: ${e.type};`);
    lines.push(
        `/** ${docCommentText(about.doc, 300)} */`,
        `export class ${className} extends Stack {`,
        ...fields,
        ...(fields.length > 0 ? [''] : []),
        `  constructor(scope: Construct, id: string, props: ${propsType}) {`,
        '    super(scope, id, props);',
        '',
        indent(body(scope).join('\n'), '    '),
        '  }',
        ...(edge ? [] : availabilityZonesGetter(region)),
        '}',
        '',
    );
    return lines.join('\n');
}

/** A region's stacks list the model's AZs: fixed, so that synthesis never looks them up. */
function availabilityZonesGetter(region: RegionPlan): string[] {
    const azComments = region.region.azs.map(az => `${az.name} -> ${region.azNames.get(az)}${az.zoneId ? ` (zone id ${az.zoneId})` : ''}`);
    return [
        '',
        `  // The model's AZs${azComments.length > 0 ? `: ${commentText(azComments.join(', '), 200)}` : ''}.`,
        '  // AZ names map to AZ ids differently in each account: subnets of AZs given by id are placed by that id.',
        '  // Fixed here so that synthesis never looks them up.',
        '  override get availabilityZones(): string[] {',
        `    return ${arr(region.stackAzs.map(tsString))};`,
        '  }',
    ];
}
