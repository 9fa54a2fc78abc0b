import type { AstNode } from 'langium';
import type { ComponentKind, TopologyAz, TopologyComponent } from '../../model/topology.js';
import { arr, Imports, obj } from './code.js';
import { camelCase, commentText, NameSet, pascalCase, tsString } from './identifiers.js';
import type { AppPlan, CellPlan, RegionPlan } from './plan.js';
import { docSummary } from './trace.js';
import { natGatewayEntries } from './mappers/network.js';
import { elementRecord, tsValue } from './model-metadata.js';

/** The address range of every region's VPC: rules that let in the VPC's own traffic name it. */
export const VPC_CIDR = '10.0.0.0/16';

/** The aws-cdk-lib submodules the generated code imports, by the alias it uses for them. */
const MODULES = {
    ec2: 'aws-cdk-lib/aws-ec2', ecs: 'aws-cdk-lib/aws-ecs', eks: 'aws-cdk-lib/aws-eks-v2', iam: 'aws-cdk-lib/aws-iam',
    sqs: 'aws-cdk-lib/aws-sqs', sns: 'aws-cdk-lib/aws-sns', subscriptions: 'aws-cdk-lib/aws-sns-subscriptions',
    kinesis: 'aws-cdk-lib/aws-kinesis', dynamodb: 'aws-cdk-lib/aws-dynamodb', elasticache: 'aws-cdk-lib/aws-elasticache',
    lambda: 'aws-cdk-lib/aws-lambda', destinations: 'aws-cdk-lib/aws-lambda-destinations',
    eventSources: 'aws-cdk-lib/aws-lambda-event-sources', codedeploy: 'aws-cdk-lib/aws-codedeploy',
    backup: 'aws-cdk-lib/aws-backup', events: 'aws-cdk-lib/aws-events', elbv2: 'aws-cdk-lib/aws-elasticloadbalancingv2',
    elbv2Targets: 'aws-cdk-lib/aws-elasticloadbalancingv2-targets', route53: 'aws-cdk-lib/aws-route53',
    route53Targets: 'aws-cdk-lib/aws-route53-targets', autoscaling: 'aws-cdk-lib/aws-autoscaling', logs: 'aws-cdk-lib/aws-logs',
    ssm: 'aws-cdk-lib/aws-ssm',
    cloudwatch: 'aws-cdk-lib/aws-cloudwatch',
    eventsTargets: 'aws-cdk-lib/aws-events-targets', sfn: 'aws-cdk-lib/aws-stepfunctions', sfnTasks: 'aws-cdk-lib/aws-stepfunctions-tasks',
    rds: 'aws-cdk-lib/aws-rds', kms: 'aws-cdk-lib/aws-kms', s3: 'aws-cdk-lib/aws-s3', s3express: 'aws-cdk-lib/aws-s3express',
    servicediscovery: 'aws-cdk-lib/aws-servicediscovery',
    apigateway: 'aws-cdk-lib/aws-apigateway', apigatewayv2: 'aws-cdk-lib/aws-apigatewayv2',
    apigatewayv2Integrations: 'aws-cdk-lib/aws-apigatewayv2-integrations', apigatewayv2Authorizers: 'aws-cdk-lib/aws-apigatewayv2-authorizers',
    cognito: 'aws-cdk-lib/aws-cognito', cloudfront: 'aws-cdk-lib/aws-cloudfront', cloudfrontOrigins: 'aws-cdk-lib/aws-cloudfront-origins',
    wafv2: 'aws-cdk-lib/aws-wafv2', acm: 'aws-cdk-lib/aws-certificatemanager',
} as const;
export type ModuleAlias = keyof typeof MODULES;

/** How the rest of a scope reaches a declared component. */
export interface ComponentHandle {
    /** The expression naming the construct: `orders`, `props.orderQueue`. */
    readonly expr: string;
    /** Its type as a prop of a cell construct (`sqs.IQueue`); undefined when it cannot be passed in. */
    readonly propType?: string;
    /** The principal that gets permissions when this component uses others (a function, a task role). */
    readonly grantee?: string;
    /** The statement adding an environment variable to this component, if it has an environment. */
    readonly addEnvironment?: (key: string, value: string) => string;
    /** For callers: what to invoke (a lambda's alias), for caches: the endpoint address. */
    readonly invokeTarget?: string;
    readonly endpoint?: string;
    /** The dead-letter queue or topic of a queue or topic, for subscriptions. */
    readonly deadLetter?: string;
}

/**
 * What a stack takes from a stack deployed before it (the region's VPC, a table of the cell's data stack): a prop
 * of its class, filled in `lib/stacks.ts` with a public field of the owning stack. CDK turns the reference into a
 * stack output and a deploy dependency; a stack never takes anything from one deployed after it: no cycle.
 */
export interface StackInput {
    readonly prop: string;
    readonly type: string;
    readonly owner: EmitScope;
    /** The owner's public field that holds it. */
    readonly field: string;
    /** What it is, for the prop's doc comment. */
    readonly what: string;
}

/** A public field of a stack that later stacks read. */
export interface StackExport {
    readonly field: string;
    readonly type: string;
    readonly value: string;
}

/**
 * Which stack a scope's code goes into: the region's foundation (VPC and data outside cells), the region's
 * stateless services, a cell replica's data or a cell replica's services; or the app's global edge (CloudFront), which
 * takes from the stacks of every region.
 */
export type StackRole = 'region-data' | 'region' | 'cell-data' | 'cell' | 'edge';

/** Stateful kinds deploy in data stacks, apart from the services that use them. */
/**
 * Which kinds deploy in the data (foundation) stacks, apart from the code that uses them: what holds data, and the
 * network of the VPC declared there (NAT gateways, endpoints). One entry per kind, so a new kind must choose.
 */
const STATEFUL: Record<ComponentKind, boolean> = {
    dynamodb: true, elasticache: true, kinesis: true, sqs: true, sns: true, aurora: true, rds: true, s3: true, nat: true, endpoint: true,
    lambda: false, ecs: false, eks: false, 'kinesis-consumer': false, alb: false, router: false, route53: false, asg: false,
    // A bus deploys beside the rules and targets it delivers to; a state machine beside the services its tasks call.
    eventbridge: false, stepfunctions: false,
    // A user pool holds the users' accounts: it deploys with the data and outlives the services that use it.
    cognito: true, apigateway: false, cloudfront: false, external: false,
};

export function isStateful(component: TopologyComponent): boolean {
    return STATEFUL[component.kind];
}

/** Fields of `Stack` that a generated public field must not shadow. */
const STACK_MEMBERS = ['node', 'account', 'region', 'partition', 'urlSuffix', 'stackId', 'stackName', 'tags', 'environment',
    'templateOptions', 'templateFile', 'artifactId', 'nested', 'dependencies', 'availabilityZones', 'notificationArns',
    'terminationProtection', 'synthesizer', 'resolve', 'toJsonString', 'replica'];

const FIELD_SUFFIX: Partial<Record<ComponentKind, string>> = { dynamodb: 'Table', sqs: 'Queue', sns: 'Topic', kinesis: 'Stream', lambda: 'Function' };

/**
 * One body of generated code: a stack's constructor. It owns the imports of its file, the names in use, the
 * declared components, the lazily declared shared resources (VPC, ECS cluster), what it takes from the stacks
 * before it (`inputs`) and what it gives to the stacks after it (`exports`).
 */
export class EmitScope {
    readonly imports = new Imports();
    readonly preamble: string[] = [];
    readonly declarations: string[] = [];
    readonly wiring: string[] = [];
    readonly inputs = new Map<string, StackInput>();
    readonly exports = new Map<string, StackExport>();
    private readonly variables = new NameSet();
    private readonly propNames = new NameSet(['replica', 'env', 'stackName', 'description', 'tags']);
    private readonly fieldNames = new NameSet(STACK_MEMBERS);
    private readonly constructIds = new NameSet(['Vpc', 'Cluster', 'Zone']);
    private readonly physicalNames = new NameSet([], '-');
    private readonly handles = new Map<TopologyComponent, ComponentHandle>();
    private vpcExpr?: string;
    private readonly zoneNames = new Map<TopologyAz, string>();
    private clusterVar?: string;

    constructor(readonly plan: AppPlan, readonly region: RegionPlan, readonly role: StackRole, readonly cell?: CellPlan,
        /** The scopes of stacks deployed before this one that it may take resources from, nearest first. */
        private readonly upstream: readonly EmitScope[] = []) { }

    mod(alias: ModuleAlias): string {
        return this.imports.namespace(alias, MODULES[alias]);
    }

    /** A named import from `aws-cdk-lib` (Duration, RemovalPolicy, Validations...). */
    core(name: string): string {
        return this.imports.name(name, 'aws-cdk-lib');
    }

    /** A fresh variable name for the component (or a derived construct: `suffix` `Task`, `Backup`...). */
    variable(name: string, suffix = ''): string {
        return this.variables.claim(camelCase(name) + suffix);
    }

    /** A construct id unique in this scope, from a model name. */
    constructId(name: string, suffix = ''): string {
        return this.constructIds.claim(pascalCase(name) + suffix);
    }

    /** A physical AWS name (a stream consumer's) unique in this scope, from a slug. */
    physicalName(slug: string): string {
        return this.physicalNames.claim(slug);
    }

    /** `// model: file.resil:42 kind name: doc summary` */
    trace(node: AstNode, what: string): string {
        const doc = docSummary(node);
        return `// model: ${this.plan.trace(node)} ${commentText(what, 100)}${doc ? `: ${doc}` : ''}`;
    }

    declare(component: TopologyComponent, handle: ComponentHandle): void {
        this.handles.set(component, handle);
        if (!component.region) this.plan.globalOwners.set(component, this);
        // The app's model test finds each element's resources by this mark (test/model-check.ts).
        const blank = this.declarations.length > 0 && this.declarations[this.declarations.length - 1] === '' ? this.declarations.pop() : undefined;
        this.declarations.push(this.element(handle.expr, component));
        if (blank !== undefined) this.declarations.push(blank);
    }

    /**
     * How this scope reaches a component: its own declaration, or a prop filled from the stack before it that
     * declares it. Undefined when it cannot: not declared yet, another region or cell, a kind that is not a resource.
     * A component in no region (a global endpoint) is reached from the stack that declares it, in whatever region:
     * that stack was generated first and deploys first (waves.ts, `regionsInDeployOrder`).
     */
    handle(component: TopologyComponent): ComponentHandle | undefined {
        const own = this.handles.get(component);
        if (own) return own;
        const global = component.region ? undefined : this.plan.globalOwners.get(component);
        // The edge stack takes its origins from any region's stacks (CDK's cross-region references carry them).
        if (component.region !== this.region.region && !global && this.role !== 'edge') return undefined;
        for (const owner of global ? [global] : this.upstream) {
            const outside = owner.handles.get(component);
            if (!outside) continue;
            const name = camelCase(component.name);
            const what = component.id;
            const input = (suffix: string, type: string, value: string) => this.input(owner, `${component.id}#${suffix}`, name + suffix, type, value, what);
            const expr = outside.propType ? input(FIELD_SUFFIX[component.kind] ?? '', outside.propType, outside.expr) : undefined;
            const endpoint = outside.endpoint ? input('Endpoint', 'string', outside.endpoint) : undefined;
            if (!expr && !endpoint) return undefined;
            return {
                expr: expr ?? endpoint!, propType: outside.propType, endpoint,
                invokeTarget: outside.invokeTarget && (outside.invokeTarget === outside.expr ? expr : outside.propType && input('Alias', outside.propType, outside.invokeTarget)),
                deadLetter: outside.deadLetter && input('DeadLetterQueue', `${this.mod('sqs')}.IQueue`, outside.deadLetter),
            };
        }
        return undefined;
    }

    /** `props.x`: something of a stack before this one, as a prop of this stack's class and a public field of its. */
    private input(owner: EmitScope, key: string, base: string, type: string, value: string, what: string): string {
        let input = this.inputs.get(key);
        if (!input) {
            // A prop's type names a module this file must import too (`sqs.IQueue`).
            const alias = type.includes('.') ? type.slice(0, type.indexOf('.')) as ModuleAlias : undefined;
            if (alias) {
                this.mod(alias);
                owner.mod(alias);
            }
            let exported = owner.exports.get(key);
            if (!exported) owner.exports.set(key, exported = { field: owner.fieldNames.claim(base), type, value });
            input = { prop: this.propNames.claim(base), type, owner, field: exported.field, what };
            this.inputs.set(key, input);
        }
        return `props.${input.prop}`;
    }

    /** The region's VPC: declared in the region's foundation stack, a prop of every later stack. */
    vpc(): string {
        if (this.role !== 'region-data') {
            const foundation = this.upstream.find(s => s.role === 'region-data');
            if (!foundation) throw new Error(`no foundation scope for ${this.region.region.id}`);
            return this.input(foundation, 'vpc', 'vpc', `${this.mod('ec2')}.IVpc`, foundation.vpc(), `the VPC of region ${this.region.region.id}`);
        }
        if (!this.vpcExpr) {
            const ec2 = this.mod('ec2');
            this.vpcExpr = 'vpc';
            this.preamble.push(
                this.trace(this.region.region.ast, `region ${this.region.region.name}: one VPC over the model's AZs, with the model's NAT gateways (else one in each AZ, so that no AZ depends on another)`),
                `const vpc = new ${ec2}.Vpc(this, 'Vpc', ${obj([
                    ['ipAddresses', `${ec2}.IpAddresses.cidr('${VPC_CIDR}')`],
                    ['availabilityZones', 'this.availabilityZones'],
                    ...natGatewayEntries(this),
                    ['subnetConfiguration', arr([
                        `{ name: 'public', subnetType: ${ec2}.SubnetType.PUBLIC, cidrMask: 24 }`,
                        `{ name: 'private', subnetType: ${ec2}.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 }`,
                    ])],
                    ['flowLogs', `{ all: { trafficType: ${ec2}.FlowLogTrafficType.ALL } }`],
                ])});`,
                this.acknowledge('this', [{ id: 'CloudFormation-Validate::W3010', reason: 'The AZs are the ones the design names: services are placed in them on purpose.' }]),
                `${this.model()}.modelSupport(vpc, 'the VPC of the region: its NAT gateways are a nat element only where the design names one');`,
                ...placeSubnetsByZoneId(this, this.zoneIds()),
                '',
            );
        }
        return this.vpcExpr;
    }

    /** AZ name (as the stack lists it) -> the model's AZ id, for the AZs whose id the model gives in a valid form. */
    zoneIds(): Map<string, string> {
        const ids = new Map<string, string>();
        for (const az of this.region.region.azs) {
            const name = this.region.azNames.get(az);
            const zoneId = placedZoneId(az);
            if (name && zoneId) ids.set(name, zoneId);
        }
        return ids;
    }

    /**
     * A model AZ's name for properties that take one (ElastiCache): the stack's name, or, when the model gives the
     * AZ's id, the name AWS gave the subnet placed by that id (read at deploy time: the names of ids differ by account).
     */
    azName(az: TopologyAz): string | undefined {
        const name = this.region.azNames.get(az);
        if (!name || !this.zoneIds().has(name)) return name && tsString(name);
        let variable = this.zoneNames.get(az);
        if (!variable) {
            const ec2 = this.mod('ec2');
            variable = this.variable(`zone-${az.name}`);
            this.zoneNames.set(az, variable);
            this.preamble.push(
                `// AZ ${commentText(az.name)} is ${commentText(az.zoneId ?? '')} in every account; its name differs, so it is read from a subnet placed there.`,
                `const ${variable} = (${this.vpc()}.selectSubnets(${this.subnets([az])}).subnets[0].node.defaultChild as ${ec2}.CfnSubnet).attrAvailabilityZone;`,
                '',
            );
        }
        return variable;
    }

    /** `{ subnetType: ..., availabilityZones: [...] }`: the subnets of the VPC in the given model AZs. */
    subnets(azs: readonly TopologyAz[], type: 'private' | 'public' = 'private'): string {
        const ec2 = this.mod('ec2');
        const subnetType = type === 'public' ? `${ec2}.SubnetType.PUBLIC` : `${ec2}.SubnetType.PRIVATE_WITH_EGRESS`;
        return obj([['subnetType', subnetType], ['availabilityZones', this.azList(azs)]]);
    }

    /** `['us-east-1a', 'us-east-1b']`: AZ names of model AZs. */
    azList(azs: readonly TopologyAz[]): string {
        const names = azs.map(az => this.region.azNames.get(az)).filter((n): n is string => n !== undefined);
        return arr((names.length > 0 ? names : this.region.stackAzs).map(tsString));
    }

    /** The ECS cluster of this scope (one per stack, one per cell replica: cells share nothing). */
    ecsCluster(): string {
        if (!this.clusterVar) {
            const ecs = this.mod('ecs');
            this.clusterVar = this.variables.claim('cluster');
            this.preamble.push(
                `// The ECS cluster of the ${this.cell ? 'cell replica (cells share nothing)' : 'region'}; its services say where their tasks run.`,
                `const ${this.clusterVar} = new ${ecs}.Cluster(this, 'Cluster', ${obj([['vpc', this.vpc()], ['containerInsightsV2', `${ecs}.ContainerInsights.ENABLED`]])});`,
                '',
            );
        }
        return this.clusterVar;
    }

    /** `Validations.of(x).acknowledge(...)`: every acknowledgment carries its reason. */
    acknowledge(target: string, acks: ReadonlyArray<{ id: string; reason: string } | string>): string {
        const rendered = acks.map(a => (typeof a === 'string' ? `acks.${a}` : obj([['id', tsString(a.id)], ['reason', tsString(a.reason)]], 0)));
        if (acks.some(a => typeof a === 'string')) this.imports.namespace('acks', this.cell ? '../acknowledgments' : './acknowledgments');
        const args = rendered.join(', ');
        return args.length < 70 && !args.includes('\n')
            ? `${this.core('Validations')}.of(${target}).acknowledge(${args});`
            : `${this.core('Validations')}.of(${target}).acknowledge(\n${rendered.map(r => `  ${r.replace(/\n/g, '\n  ')},`).join('\n')}\n);`;
    }

    /** The placeholders module (function code, container image) that the user replaces with their own. */
    placeholders(): string {
        return this.imports.namespace('placeholders', this.cell ? '../placeholders' : './placeholders');
    }

    /** Marks the construct as the component's in the templates' metadata: `import` gives the design back from it. */
    element(expr: string, component: TopologyComponent): string {
        return `${this.model()}.modelElement(${expr}, ${tsValue(elementRecord(component, this.plan.topology))}${this.cell ? ', props.replica' : ''});`;
    }

    /** Marks what the app adds for a component (its dead-letter queue, the function that runs it, a rule it names) as part of it. */
    part(expr: string, component: TopologyComponent, name?: string): string {
        return `${this.model()}.modelPart(${expr}, ${tsString(component.id)}${name === undefined ? '' : `, ${tsString(name)}`});`;
    }

    /** The module that writes the design into the templates' metadata (`import` reads it back). */
    private model(): string {
        return this.imports.namespace('model', this.cell ? '../model-metadata' : './model-metadata');
    }

    /** The access helpers module (least-privilege grants without wildcards). */
    access(): string {
        return this.imports.namespace('access', this.cell ? '../access' : './access');
    }
}

/** `use1-az1`, `apne1-az4`, `usw2-lax1-az1` (Local Zones): what AWS calls an AZ id. */
const ZONE_ID = /^[a-z]{2,5}[0-9]+(-[a-z]+[0-9]+)?-az[0-9]+$/;

/** The AZ id subnets of an AZ are placed by: the model's, when given in a valid form (else they go by name). */
export function placedZoneId(az: TopologyAz): string | undefined {
    return az.zoneId && ZONE_ID.test(az.zoneId) ? az.zoneId : undefined;
}

/**
 * AZ ids name the same physical AZ in every account, AZ names do not: each subnet of an AZ the model gives by id is
 * placed by `AvailabilityZoneId` (the VPC construct only knows names, so its subnets are changed after the fact).
 * The stack's AZ names stay as labels that pick subnets; nothing is looked up at synthesis.
 */
function placeSubnetsByZoneId(scope: EmitScope, ids: ReadonlyMap<string, string>): string[] {
    if (ids.size === 0) return [];
    const ec2 = scope.mod('ec2');
    return [
        `// The model gives AZ ids: each subnet is placed by its AZ's id, whatever name that AZ has in the account.`,
        `const zoneIds: Record<string, string> = ${obj([...ids].map(([name, id]) => [tsString(name), tsString(id)] as const))};`,
        `for (const subnet of [...vpc.publicSubnets, ...vpc.privateSubnets]) {`,
        `  const zoneId = zoneIds[subnet.availabilityZone];`,
        `  if (zoneId === undefined) continue;`,
        `  const cfnSubnet = subnet.node.defaultChild as ${ec2}.CfnSubnet;`,
        `  cfnSubnet.addPropertyDeletionOverride('AvailabilityZone');`,
        `  cfnSubnet.addPropertyOverride('AvailabilityZoneId', zoneId);`,
        `}`,
    ];
}
