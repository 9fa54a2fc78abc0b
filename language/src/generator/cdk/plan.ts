import type { Topology, TopologyAz, TopologyCell, TopologyComponent, TopologyRegion } from '../../model/topology.js';
import { camelCase, fileSlug, NameSet, pascalCase, physicalName } from './identifiers.js';
import { modelLine, sourceNameOf } from './trace.js';
import { LongKeySet } from '../../util/long-key-map.js';
import type { AstNode } from 'langium';
import { deploymentWaves, type DeploymentWave } from './waves.js';
import type { EmitScope } from './scope.js';

/**
 * Decisions taken once for the whole app before any file is written: the AWS region code and AZ names of every
 * region, class and file names of stacks and cells, physical names of replicated tables. Every generated file
 * reads them from here so the files agree with each other.
 */

export interface RegionPlan {
    readonly region: TopologyRegion;
    /** The AWS region code; `codeAssumed` when the model gives none. */
    readonly code: string;
    readonly codeAssumed: boolean;
    /** `Use1Stack`, construct id `Use1`, file `lib/use1-stack.ts`, `const use1Stack` in `lib/stacks.ts`. */
    readonly className: string;
    readonly stackId: string;
    readonly slug: string;
    readonly file: string;
    readonly variable: string;
    /** The CloudFormation stack of the region's stateless services: `PaymentsUse1`. */
    readonly stackName: string;
    /**
     * The region's foundation stack: its VPC and its stateful resources outside cells (tables, caches, streams,
     * queues, topics), `Use1DataStack` in `lib/use1-data-stack.ts`, stack `PaymentsUse1-Data`.
     */
    readonly data: { readonly className: string; readonly file: string; readonly variable: string; readonly stackName: string };
    /** The AZ name (`us-east-1a`) of each model AZ. */
    readonly azNames: ReadonlyMap<TopologyAz, string>;
    /** What the stack's `availabilityZones` getter returns: the model's AZs in order. */
    readonly stackAzs: readonly string[];
}

/** The app's global stack: CloudFront, whose web ACLs AWS keeps in us-east-1, takes its origins from every region. */
export interface EdgePlan {
    readonly className: string;
    readonly file: string;
    readonly variable: string;
    readonly stackName: string;
}

/** One thing of the model the app does not carry: where it is written and what is missing, and why. */
export interface UnmappedElement {
    /** `checkout.resil:42`. */
    readonly where: string;
    /** The component it belongs to (`use1.api`), when it belongs to one. */
    readonly element?: string;
    readonly what: string;
}

/** `model.resil:12 use1.api: uses use1.orders (...)`: one line of the list, for the CLI and the README. */
export function unmappedText(item: UnmappedElement): string {
    return `${item.where} ${item.element ? `${item.element}: ` : ''}${item.what}`;
}

export interface CellPlan {
    readonly cell: TopologyCell;
    /** The stack class of one replica's stateless services: `PayCellStack`; `PayCellDataStack` for its data. */
    readonly className: string;
    readonly dataClassName: string;
    /** Relative to `lib/`: `cells/payments`. */
    readonly module: string;
    readonly file: string;
    /** The data stack class's module and file: `cells/payments-data`. */
    readonly dataModule: string;
    readonly dataFile: string;
    /** `use1PayCells` in `lib/stacks.ts`: the replicas' stacks. */
    readonly variable: string;
    /** Stack names of replica `i`: `${stackPrefix}${i}` and `${stackPrefix}${i}-Data` (`PaymentsUse1-Pay0`). */
    readonly stackPrefix: string;
    /** Where each replica registers its entry for the routers over the cell: `${parameterPath}/${i}`. */
    readonly parameterPath: string;
}

/** Where a cell table's physical name holds its replica index (see \`tableNameExpr\`). */
export const REPLICA_TOKEN = '{replica}';

const REGION_CODE = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$/;
const DEFAULT_REGION = 'us-east-1';

export class AppPlan {
    readonly sourceName: string;
    readonly systemName: string;
    readonly className: string;
    readonly regions = new Map<TopologyRegion, RegionPlan>();
    readonly cells = new Map<TopologyCell, CellPlan>();
    /** Physical names of tables that other regions replicate (they import them by name). */
    readonly tableNames = new Map<TopologyComponent, string>();
    /** Per route53 service: the stack prop with its records (`dnsRecords`) and the prefix of its context keys. */
    readonly dnsNames = new Map<TopologyComponent, { readonly prop: string; readonly contextKey: string }>();
    /** The global edge stack (CloudFront distributions and their web ACLs), in us-east-1: see edge-stack.ts. */
    readonly edge: EdgePlan;
    readonly warnings: string[] = [];
    /** The scope that declares each component in no region (a global endpoint, in its primary bus's stack). */
    readonly globalOwners = new Map<TopologyComponent, EmitScope>();
    /** The order in which the app's stacks deploy: foundations, regional services, then cells, canary first. */
    /** Its deployment waves; the stacks that turn out to declare nothing are dropped (`dropWaveStacks`). */
    waves: readonly DeploymentWave[];
    /** What the model says and the generator cannot express, in model order: `resil generate` and the README list it. */
    readonly unmapped: UnmappedElement[] = [];
    private readonly unmappedKeys = new Set<string>();

    constructor(readonly topology: Topology, sourceName?: string) {
        this.sourceName = sourceName ?? sourceNameOf(topology.model);
        this.systemName = topology.system?.name ?? 'system';
        this.className = pascalCase(this.systemName, 'System');
        // Names of different elements may sanitise alike (`use_1`, `use-1`, `Use1`): each kind of name is claimed
        // in a set of its own, so the generated app never declares one twice.
        const classNames = new NameSet(['App', 'Stack', 'Construct', 'Duration', 'Validations', 'ResilienceChecks']);
        const files = new NameSet(['app', 'stacks', 'nag', 'resilience-checks', 'acknowledgments', 'placeholders', 'access', 'dns', 'cell-router'], '-');
        const stackIds = new NameSet();
        const stackVariables = new NameSet(['app']);
        for (const region of topology.regions) {
            const slug = files.claim(fileSlug(region.name, 'region'));
            const dataSlug = files.claim(`${slug}-data`);
            const stackId = stackIds.claim(pascalCase(region.name, 'Region'));
            const className = classNames.claim(`${stackId}Stack`);
            const variable = stackVariables.claim(`${camelCase(stackId, 'region')}Stack`);
            const stackName = `${this.className}${stackId}`;
            const data = {
                className: classNames.claim(`${stackId}DataStack`), file: `lib/${dataSlug}-stack.ts`,
                variable: stackVariables.claim(`${camelCase(stackId, 'region')}DataStack`), stackName: `${stackName}-Data`,
            };
            const { code, assumed } = this.regionCode(region);
            const azNames = azNamesOf(region, code);
            this.regions.set(region, {
                region, code, codeAssumed: assumed, className, stackId, slug, file: `lib/${slug}-stack.ts`, variable, stackName, data, azNames,
                stackAzs: azNames.size > 0 ? [...new Set(azNames.values())] : [`${code}a`, `${code}b`, `${code}c`],
            });
            if (region.azs.length === 0) this.warnings.push(`region ${region.id} lists no AZ: its stack uses ${code}a, ${code}b and ${code}c`);
        }
        this.edge = {
            className: classNames.claim('EdgeStack'), file: `lib/${files.claim('edge')}-stack.ts`,
            variable: stackVariables.claim('edgeStack'), stackName: `${this.className}-Edge`,
        };
        const cellFiles = new NameSet([], '-');
        const cellIds = new Map<TopologyRegion, NameSet>();
        for (const cell of topology.cells) {
            const slug = cellFiles.claim(fileSlug(cell.name, 'cell'));
            const dataSlug = cellFiles.claim(`${slug}-data`);
            const base = pascalCase(cell.name, 'Cell');
            const region = this.region(cell.region);
            // Cells of the same name in two regions (a primary and its standby) have classes of their own.
            const className = classNames.claim(`${region.stackId}${base}CellStack`);
            const dataClassName = classNames.claim(`${region.stackId}${base}CellDataStack`);
            let ids = cellIds.get(cell.region);
            if (!ids) cellIds.set(cell.region, ids = new NameSet(['Data'], '-'));
            this.cells.set(cell, {
                cell, className, dataClassName, module: `cells/${slug}`, file: `lib/cells/${slug}.ts`,
                dataModule: `cells/${dataSlug}`, dataFile: `lib/cells/${dataSlug}.ts`,
                variable: stackVariables.claim(`${camelCase(region.stackId, 'region')}${base}Cells`),
                stackPrefix: `${region.stackName}-${ids.claim(base)}`,
                parameterPath: `/${fileSlug(this.systemName, 'system')}/${region.slug}/${slug}`,
            });
        }
        const dnsKeys = new NameSet();
        for (const route53 of topology.components.filter(c => c.kind === 'route53')) {
            const contextKey = dnsKeys.claim(camelCase(route53.name));
            this.dnsNames.set(route53, { prop: `${contextKey}Records`, contextKey });
        }
        const tableNames = new NameSet([], '-');
        for (const component of topology.components) {
            const primary = component.outgoing.find(e => e.kind === 'replica-of')?.to;
            if (!primary || !replicatesAcrossRegions(component, primary)) continue;
            if (component.cell && primary.cell && component.cell.count > primary.cell.count) {
                this.warnings.push(`${component.id} is a replica of ${primary.id}, but cell ${component.cell.id} has ${component.cell.count} replicas and ${primary.cell.id} only ${primary.cell.count}: replicas ${primary.cell.count} and up have no table to read until the primary cell grows`);
            }
            if (this.tableNames.has(primary)) continue;
            const region = primary.region?.name ?? '';
            // A table in a cell exists once per replica: replica i of a standby cell reads replica i's global table.
            this.tableNames.set(primary, tableNames.claim(primary.cell
                ? `${physicalName([this.systemName, region, primary.cell.name], 200)}-${REPLICA_TOKEN}-${physicalName([primary.name], 40)}`
                : physicalName([this.systemName, region, primary.name], 250)));
        }
        this.waves = deploymentWaves(this);
    }

    /** Leaves stacks the app does not have out of the waves (and waves left with none). */
    dropWaveStacks(names: readonly string[]): void {
        // Stack names hold the region's name, which may be long: a plain Set would be quadratic in their number.
        const dropped = new LongKeySet(names);
        this.waves = this.waves.map(w => ({ ...w, stacks: w.stacks.filter(s => !dropped.has(s)) })).filter(w => w.stacks.length > 0);
    }

    region(region: TopologyRegion): RegionPlan {
        const plan = this.regions.get(region);
        if (!plan) throw new Error(`no plan for region ${region.id}`);
        return plan;
    }

    dnsName(route53: TopologyComponent): { readonly prop: string; readonly contextKey: string } {
        const names = this.dnsNames.get(route53);
        if (!names) throw new Error(`no names for route53 ${route53.id}`);
        return names;
    }

    /** Records an element or property of the model (at `node`) that the generated app does not carry; once each. */
    recordUnmapped(node: AstNode, what: string): void {
        const where = this.trace(node);
        const element = this.topology.componentOf(node)?.id;
        const key = `${where} ${element} ${what}`;
        if (this.unmappedKeys.has(key)) return;
        this.unmappedKeys.add(key);
        this.unmapped.push({ where, element, what });
    }

    /** `checkout.resil:42`, for `// model:` comments. */
    trace(node: AstNode): string {
        return modelLine(node, this.sourceName);
    }

    private regionCode(region: TopologyRegion): { code: string; assumed: boolean } {
        if (region.code && REGION_CODE.test(region.code)) return { code: region.code, assumed: false };
        if (REGION_CODE.test(region.name)) return { code: region.name, assumed: false };
        this.warnings.push(region.code
            ? `region ${region.id}: '${region.code}' is not an AWS region code: its stack is deployed to ${DEFAULT_REGION}`
            : `region ${region.id} gives no AWS region code (region ${region.name} "us-east-1" { ... }): its stack is deployed to ${DEFAULT_REGION}`);
        return { code: DEFAULT_REGION, assumed: true };
    }
}

/**
 * A dynamodb table that is a `replica of` a table in another region, both outside cells or both in cells: the
 * primary becomes a global table with a fixed name, and the replica's scope reads it by that name.
 */
export function replicatesAcrossRegions(replica: TopologyComponent, primary: TopologyComponent): boolean {
    return primary.kind === 'dynamodb' && primary.region !== replica.region && !replica.cell === !primary.cell;
}

/**
 * AZ names for the model's AZs. AZ ids (`use1-az1`) map to names (`us-east-1a`) differently in every account, so
 * a generated app can only pick names: a one-letter AZ name is kept (`az b` -> `us-east-1b`), else the AZ's
 * position gives the letter. Where the model gives AZ ids, these names only label subnets placed by id (scope.ts).
 */
function azNamesOf(region: TopologyRegion, code: string): Map<TopologyAz, string> {
    const names = new Map<TopologyAz, string>();
    const used = new Set<string>();
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    region.azs.forEach((az, index) => {
        let letter = /^[a-z]$/.test(az.name) ? az.name : letters[index % letters.length];
        if (used.has(letter)) letter = [...letters].find(l => !used.has(l)) ?? letter;
        used.add(letter);
        names.set(az, `${code}${letter}`);
    });
    return names;
}
