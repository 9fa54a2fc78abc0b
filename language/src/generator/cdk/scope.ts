import type { AstNode } from 'langium';
import type { ComponentKind, TopologyAz, TopologyComponent } from '../../model/topology.js';
import { arr, Imports, obj } from './code.js';
import { camelCase, commentText, NameSet, pascalCase, tsString } from './identifiers.js';
import type { AppPlan, CellPlan, RegionPlan } from './plan.js';
import { docSummary } from './trace.js';

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

/** A resource from outside a cell that the cell's services use: a prop of the cell construct. */
export interface CellInput {
    readonly component: TopologyComponent;
    readonly prop: string;
    readonly type: string;
}

/**
 * One body of generated code: a region stack's constructor or a cell construct's. It owns the imports of its file,
 * the names in use, the declared components, and the lazily declared shared resources (VPC, ECS cluster).
 */
export class EmitScope {
    readonly imports = new Imports();
    readonly preamble: string[] = [];
    readonly declarations: string[] = [];
    readonly wiring: string[] = [];
    readonly inputs: CellInput[] = [];
    private readonly variables = new NameSet();
    private readonly constructIds = new NameSet(['Vpc', 'Cluster', 'Zone']);
    private readonly physicalNames = new NameSet([], '-');
    private readonly handles = new Map<TopologyComponent, ComponentHandle>();
    private vpcExpr?: string;
    private clusterVar?: string;
    /** Set once a cell needs the region's VPC (it becomes a prop). */
    needsVpc = false;

    constructor(readonly plan: AppPlan, readonly region: RegionPlan, readonly cell?: CellPlan,
        /** For cells: the handles of the enclosing stack, to reach components outside the cell. */
        private readonly outer?: EmitScope) { }

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

    /** The prefix of the construct ids `Pay0`, `Pay1`... of a cell's replicas, none of them taken in this scope. */
    replicaConstructIds(name: string, count: number): string {
        return this.constructIds.claimNumbered(pascalCase(name), count);
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
        // The app's model test finds each element's resources by this mark (test/model-check.ts).
        const blank = this.declarations.length > 0 && this.declarations[this.declarations.length - 1] === '' ? this.declarations.pop() : undefined;
        this.declarations.push(`${handle.expr}.node.addMetadata('resil:element', ${tsString(component.id)});`);
        if (blank !== undefined) this.declarations.push(blank);
    }

    /**
     * How this scope reaches a component: its own declaration, or (in a cell) a prop that the stack passes in.
     * Undefined when it cannot: not declared yet, another region, a kind that is not a resource.
     */
    handle(component: TopologyComponent): ComponentHandle | undefined {
        const own = this.handles.get(component);
        if (own) return own;
        if (!this.outer || component.cell === this.cell?.cell || component.region !== this.region.region) return undefined;
        const outside = this.outer.handle(component);
        if (!outside?.propType) return undefined;
        let input = this.inputs.find(i => i.component === component);
        if (!input) {
            // The prop's type names a module the cell file must import too (`sqs.IQueue`).
            this.mod(outside.propType.slice(0, outside.propType.indexOf('.')) as ModuleAlias);
            input = { component, prop: this.variables.claim(camelCase(component.name)), type: outside.propType };
            this.inputs.push(input);
        }
        const expr = `props.${input.prop}`;
        return { ...outside, expr, grantee: undefined, addEnvironment: undefined, invokeTarget: outside.invokeTarget ? expr : undefined, endpoint: undefined };
    }

    /** The region's VPC: declared in the stack on first use, a prop of cell constructs. */
    vpc(): string {
        if (this.cell) {
            this.needsVpc = true;
            return 'props.vpc';
        }
        if (!this.vpcExpr) {
            const ec2 = this.mod('ec2');
            this.vpcExpr = 'vpc';
            this.preamble.push(
                this.trace(this.region.region.ast, `region ${this.region.region.name}: one VPC over the model's AZs, a NAT gateway in each so that no AZ depends on another`),
                `const vpc = new ${ec2}.Vpc(this, 'Vpc', ${obj([
                    ['ipAddresses', `${ec2}.IpAddresses.cidr('10.0.0.0/16')`],
                    ['availabilityZones', 'this.availabilityZones'],
                    ['natGateways', 'this.availabilityZones.length'],
                    ['subnetConfiguration', arr([
                        `{ name: 'public', subnetType: ${ec2}.SubnetType.PUBLIC, cidrMask: 24 }`,
                        `{ name: 'private', subnetType: ${ec2}.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 }`,
                    ])],
                    ['flowLogs', `{ all: { trafficType: ${ec2}.FlowLogTrafficType.ALL } }`],
                ])});`,
                this.acknowledge('this', [{ id: 'CloudFormation-Validate::W3010', reason: 'The AZs are the ones the design names: services are placed in them on purpose.' }]),
                '',
            );
        }
        return this.vpcExpr;
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

    /** The access helpers module (least-privilege grants without wildcards). */
    access(): string {
        return this.imports.namespace('access', this.cell ? '../access' : './access');
    }
}

/** Cell-construct prop types of resources a cell may use from its region. */
export function propTypeOf(kind: ComponentKind, scope: EmitScope): string | undefined {
    switch (kind) {
        case 'dynamodb': return `${scope.mod('dynamodb')}.ITableV2`;
        case 'sqs': return `${scope.mod('sqs')}.IQueue`;
        case 'sns': return `${scope.mod('sns')}.ITopic`;
        case 'kinesis': return `${scope.mod('kinesis')}.IStream`;
        case 'lambda': return `${scope.mod('lambda')}.IFunction`;
        default: return undefined;
    }
}
