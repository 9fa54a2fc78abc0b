/**
 * Random valid designs: a grammar-aware generator of whole `.resil` files that `resil check` reports without errors
 * (and, by construction, without warnings), for the CDK invariant (test/cdk/random-designs.test.ts, `npm run
 * fuzz:cdk`, the benchmark). Not mutations of the examples: each design is built from the language's elements.
 *
 * Design `index` of seed `s` is a pure function of (s, index), so `RESIL_FUZZ_SEED=s` replays a run. Regions (one to
 * three, their AZs with or without AZ ids), a cell with its router in some regions, Route 53 simple and failover
 * records, CloudFront over buckets, APIs and load balancers (an origin group over two regions), replicas in another
 * region (global tables, Aurora global databases, buckets), NAT gateways and VPC endpoints; every service kind comes from one entry of KINDS, and every edge kind (uses,
 * consumes, dlq, on-failure, replica of, failover, router) from those entries: a new kind is one entry.
 */
import { Random } from '../fuzz/random.js';

/** A service already declared in a scope, that later services may point at. */
interface Declared {
    readonly name: string;
    readonly kind: string;
    /** The qualified name from the system (`use1.q3`), for references from other scopes. */
    readonly id: string;
    readonly fifo?: boolean;
    /** A queue that other queues and topics may use as their dead-letter queue. */
    readonly deadLetter?: boolean;
    /** A queue's visibility timeout in seconds: a function reading it must not run longer (sqs-visibility-timeout). */
    readonly visibility?: number;
    /** A database's engine: its secondary in another region must run the same. */
    readonly engine?: string;
    /** A function's timeout in seconds: an API in front of it waits at most 29 s (apigateway-integration-timeout). */
    readonly timeout?: number;
    /** A private API: only a VPC reaches it, so it is no CloudFront origin (reference-kind). */
    readonly private?: boolean;
}

/** Where services are declared: a region, or a cell of one. */
interface Scope {
    readonly region: RegionPlan;
    readonly cell?: string;
    /** The AZs services of this scope are placed in (two or more, so no rule about one AZ fires). */
    readonly azs: readonly string[];
    readonly services: Declared[];
}

interface RegionPlan {
    readonly name: string;
    readonly code: string;
    readonly azs: readonly string[];
    readonly zoneIds: boolean;
}

/** What a kind's entry gets: the random source, the scope, and fresh names. */
interface Context {
    readonly random: Random;
    readonly scope: Scope;
    name(prefix: string): string;
    /** Declares a helper service first (a dead-letter queue...), so that a reference to it resolves and stays acyclic. */
    declare(kind: string, options?: { fifo?: boolean; deadLetter?: boolean }): Declared;
}

interface ServiceKind {
    readonly kind: string;
    /** How often it is picked among the kinds of its scope. */
    readonly weight: number;
    /** May it sit inside a cell (the generator passes only some kinds into cells)? */
    readonly inCells: boolean;
    /** The lines of the declaration (indented by the caller), with the edges it draws to services declared before. */
    emit(context: Context, name: string, options: { fifo?: boolean; deadLetter?: boolean }): { lines: string[]; fifo?: boolean; visibility?: number; engine?: string; timeout?: number; private?: boolean };
}

const place = (azs: readonly string[]) => `in ${azs.join(', ')}`;
const existing = (scope: Scope, ...kinds: string[]) => scope.services.filter(s => kinds.includes(s.kind));

/** A dead-letter queue of the same FIFO-ness, declared before its user (fifo-delivery). */
function deadLetterQueue(context: Context, fifo: boolean): Declared {
    const found = context.scope.services.find(s => s.kind === 'sqs' && s.deadLetter && Boolean(s.fifo) === fifo);
    return found ?? context.declare('sqs', { fifo, deadLetter: true });
}

/** `uses` lines to services of the scope declared before (no cycles), of the kinds given. */
function usesLines(context: Context, kinds: readonly string[], max: number): string[] {
    const candidates = existing(context.scope, ...kinds).filter(s => !s.deadLetter);
    const lines: string[] = [];
    for (const target of pickSome(context.random, candidates, max)) {
        const mode = ['sqs', 'sns', 'kinesis'].includes(target.kind) ? ' async' : context.random.chance(0.2) ? ' soft' : '';
        lines.push(`uses ${target.name}${mode}`);
    }
    return lines;
}

function pickSome<T>(random: Random, items: readonly T[], max: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    for (let n = random.between(0, Math.min(max, pool.length)); n > 0; n--) out.push(pool.splice(random.int(pool.length), 1)[0]);
    return out;
}

/** One entry per service kind: what it looks like, and which edges it may draw. */
export const KINDS: readonly ServiceKind[] = [
    {
        kind: 'dynamodb', weight: 3, inCells: true,
        emit: (c, name) => {
            const lines = ['pitr on', `backup ${c.random.pick(['hourly', 'daily', 'weekly'])} retain ${c.random.between(15, 35)}d`];
            if (c.random.chance(0.3)) lines.push('billing provisioned');
            return { lines: block(`dynamodb ${name}`, lines) };
        },
    },
    {
        kind: 'elasticache', weight: 1, inCells: false,
        emit: (c, name) => {
            // A node of each shard in every AZ of the scope: callers in any AZ find one there (az-independence).
            const replicas = c.scope.azs.length - 1;
            const lines = [`engine ${c.random.pick(['redis', 'valkey'])}`, `replicas ${replicas}`, 'multi-az on', 'failover auto', `snapshots retain ${c.random.between(15, 35)}d`];
            if (c.random.chance(0.4)) lines.push(`shards ${c.random.between(2, 3)}`);
            return { lines: block(`elasticache ${name} ${place(c.scope.azs)}`, lines) };
        },
    },
    {
        kind: 'sqs', weight: 3, inCells: true,
        emit: (c, name, options) => {
            const fifo = options.fifo ?? c.random.chance(0.2);
            const lines = fifo ? ['fifo'] : [];
            if (options.deadLetter) return { lines: block(`sqs ${name}`, lines), fifo };
            lines.push(`dlq ${deadLetterQueue(c, fifo).name} after ${c.random.between(2, 10)}`);
            const visibility = c.random.chance(0.3) ? c.random.between(30, 300) : 30;
            if (visibility !== 30) lines.push(`visibility ${visibility}s`);
            // A queue may subscribe to a topic of its FIFO-ness (a FIFO topic also delivers to standard queues).
            const topics = existing(c.scope, 'sns').filter(t => fifo ? t.fifo : true);
            if (topics.length > 0 && c.random.chance(0.4)) lines.push(`consumes ${c.random.pick(topics).name}`);
            return { lines: block(`sqs ${name}`, lines), fifo, visibility };
        },
    },
    {
        kind: 'sns', weight: 2, inCells: true,
        emit: (c, name) => {
            const fifo = c.random.chance(0.3);
            return { lines: block(`sns ${name}`, [...(fifo ? ['fifo'] : []), `dlq ${deadLetterQueue(c, fifo).name}`]), fifo };
        },
    },
    {
        kind: 'kinesis', weight: 1, inCells: false,
        emit: (c, name) => {
            const lines = [`shards ${c.random.between(1, 4)}`, `retention ${c.random.pick(['24h', '7d'])}`];
            if (c.random.chance(0.7)) {
                const failures = deadLetterQueue(c, false);
                lines.push(...block(`consumer ${c.name('reader')} ${place(c.scope.azs)}`, [
                    `workers ${c.random.between(2, 6)}`, 'checkpoint on', `on-failure ${failures.name}`,
                    ...usesLines(c, ['dynamodb', 'sqs', 'sns'], 1),
                ]));
            }
            return { lines: block(`kinesis ${name}`, lines) };
        },
    },
    {
        kind: 'lambda', weight: 4, inCells: true,
        emit: (c, name) => {
            // Queues and streams are read through event sources; a FIFO topic delivers only to queues (fifo-delivery).
            const sources = existing(c.scope, 'sqs', 'sns', 'kinesis').filter(s => !s.deadLetter && !(s.kind === 'sns' && s.fifo));
            const consumes = sources.length > 0 && c.random.chance(0.6) ? c.random.pick(sources) : undefined;
            const timeout = c.random.between(3, Math.min(60, consumes?.visibility ?? 60));
            const concurrency = c.random.between(5, 200);
            const lines = [`concurrency ${concurrency}`, `timeout ${timeout}s`, `memory ${c.random.pick([256, 512, 1024])}`];
            if (c.random.chance(0.4)) lines.push(`vpc subnets ${c.scope.azs.join(', ')}`);
            if (consumes) lines.push(`consumes ${consumes.name}`);
            // SNS invokes its subscribers asynchronously: they need a place for failed events like any async function.
            if (consumes?.kind === 'sns' || (!consumes && c.random.chance(0.5))) {
                lines.push(`invoke async retries ${c.random.between(0, 2)}`);
                if (c.random.chance(0.5)) lines.push(`dlq ${deadLetterQueue(c, false).name}`);
                else lines.push(`on-failure ${deadLetterQueue(c, false).name}`);
            } else {
                lines.push('invoke sync');
            }
            if (c.random.chance(0.3)) {
                lines.push('versions alias live', `deploy ${c.random.pick(['canary 10% every 5m', 'linear 20% every 2m', 'all-at-once'])}`);
            }
            // Under 100 concurrent executions a function opens few enough database connections to go without RDS Proxy (rds-proxy).
            lines.push(...usesLines(c, ['dynamodb', 'sqs', 'sns', 'kinesis', 'lambda', 'elasticache', 's3', ...(concurrency < 100 ? ['aurora', 'rds'] : [])], 3));
            return { lines: block(`lambda ${name}`, lines), timeout };
        },
    },
    {
        kind: 'cognito', weight: 1, inCells: false,
        emit: (c, name) => ({ lines: block(`cognito ${name}`, [`mfa ${c.random.pick(['on', 'off'])}`]) }),
    },
    {
        // Integrations with functions that answer within the API's integration timeout, behind a user pool at times.
        kind: 'apigateway', weight: 1, inCells: false,
        emit: (c, name) => {
            const rest = c.random.chance(0.6);
            const rate = c.random.between(50, 500);
            const lines = [`api ${rest ? 'rest' : 'http'}`, `throttle rate ${rate} burst ${rate * 2}`];
            const endpoint = rest ? c.random.pick(['regional', 'private']) : undefined;
            if (endpoint) lines.push(`endpoint ${endpoint}`);
            if (rest && c.random.chance(0.5)) lines.push(`stage live canary ${c.random.between(5, 20)}%`);
            const pools = existing(c.scope, 'cognito');
            if (pools.length > 0 && c.random.chance(0.6)) lines.push(`uses ${c.random.pick(pools).name}`);
            const functions = existing(c.scope, 'lambda').filter(f => (f.timeout ?? 0) <= 29);
            lines.push(...pickSome(c.random, functions, 2).map(f => `uses ${f.name}`));
            // Integrations with AWS services (HTTP APIs have no DynamoDB one) and services through a VPC link.
            const services = existing(c.scope, 'sqs', 'stepfunctions', 'ecs', 'eks', ...(rest ? ['dynamodb'] : [])).filter(s => !s.deadLetter);
            lines.push(...pickSome(c.random, services, 2).map(t => `uses ${t.name}${t.kind === 'sqs' || c.random.chance(0.3) ? ' async' : ''}`));
            return { lines: block(`apigateway ${name}`, lines), private: endpoint === 'private' };
        },
    },
    {
        kind: 'ecs', weight: 2, inCells: false,
        emit: (c, name) => {
            const ec2 = c.random.chance(0.4);
            const tasks = c.random.between(2, 4) * c.scope.azs.length;
            const lines = [`launch ${ec2 ? 'ec2' : 'fargate'}`, `tasks ${tasks}`, `needs ${tasks - Math.ceil(tasks / c.scope.azs.length)}`];
            if (ec2) lines.push('placement spread az, binpack memory', `capacity min ${c.scope.azs.length} max ${c.scope.azs.length * 3} instance "m6i.large"`);
            lines.push(...usesLines(c, ['dynamodb', 'sqs', 'sns', 'elasticache', 'lambda', 'aurora', 'rds', 's3'], 3));
            return { lines: block(`ecs ${name} ${place(c.scope.azs)}`, lines) };
        },
    },
    {
        kind: 'eks', weight: 1, inCells: false,
        emit: (c, name) => {
            const lines = ['version "1.32"', ...block(`nodegroup ${c.name('nodes')} ${place(c.scope.azs)}`, ['min 2', 'max 6', 'instance "m6i.large"'])];
            if (c.random.chance(0.5)) lines.push('autoscaler on');
            return { lines: block(`eks ${name}`, lines) };
        },
    },
    {
        kind: 'eventbridge', weight: 1, inCells: true,
        emit: (c, name) => {
            // Every target retries and keeps what it cannot deliver in a standard queue (eventbridge-target-dlq).
            const candidates = existing(c.scope, 'lambda', 'sqs', 'sns', 'stepfunctions').filter(s => !s.deadLetter && !s.fifo);
            const targets = pickSome(c.random, candidates, 2).map(t => `target ${t.name} retries ${c.random.between(0, 185)} max-age ${c.random.between(1, 24)}h dlq ${deadLetterQueue(c, false).name}`);
            const lines = c.random.chance(0.5) ? [`archive retain ${c.random.between(1, 90)}d`] : [];
            if (targets.length > 0) lines.push(...block(`rule ${c.name('rule')}`, targets));
            return { lines: block(`eventbridge ${name}`, lines) };
        },
    },
    {
        kind: 'stepfunctions', weight: 1, inCells: true,
        emit: (c, name) => {
            const candidates = existing(c.scope, 'lambda', 'sqs', 'sns', 'dynamodb', 'stepfunctions', 'eventbridge').filter(s => !s.deadLetter);
            const called = pickSome(c.random, candidates, 3);
            const tasks = called.map(t => {
                const timeout = c.random.chance(0.5) ? ` timeout ${c.random.between(5, 300)}s` : '';
                return `task ${c.name('step')} uses ${t.name} retries ${c.random.between(1, 5)}${timeout}${c.random.chance(0.3) ? ' catch' : ''}`;
            });
            // Express only where no task writes to a table or a FIFO queue or topic (stepfunctions-express-exactly-once).
            const express = called.every(t => t.kind !== 'dynamodb' && !t.fifo) && c.random.chance(0.3);
            return { lines: block(`stepfunctions ${name}`, [`workflow ${express ? 'express' : 'standard'}`, ...tasks]) };
        },
    },
    {
        kind: 'aurora', weight: 1, inCells: false,
        emit: (c, name) => {
            // The writer in the first AZ, a reader in each other one: losing any AZ fails over (database-spread).
            const engine = c.random.pick(['mysql', 'postgres']);
            const lines = [`engine ${engine}`, `readers ${c.scope.azs.length - 1}`, ...databaseProtection(c)];
            return { lines: block(`aurora ${name} ${place(c.scope.azs)}`, lines), engine };
        },
    },
    {
        kind: 'rds', weight: 1, inCells: false,
        emit: (c, name) => {
            const engine = c.random.pick(['mysql', 'postgres', 'mariadb']);
            // A Multi-AZ DB cluster needs three AZs and is not offered for MariaDB; else a standby in the second AZ.
            const multiAz = c.scope.azs.length >= 3 && engine !== 'mariadb' && c.random.chance(0.5) ? 'cluster' : 'on';
            return { lines: block(`rds ${name} ${place(c.scope.azs)}`, [`engine ${engine}`, `multi-az ${multiAz}`, ...databaseProtection(c)]), engine };
        },
    },
    {
        kind: 's3', weight: 1, inCells: false,
        emit: (c, name) => ({ lines: block(`s3 ${name}`, ['versioning on', ...(c.random.chance(0.3) ? ['object lock on'] : [])]) }),
    },
    {
        kind: 'asg', weight: 1, inCells: false,
        emit: (c, name) => {
            const azs = c.scope.azs.length;
            const desired = c.random.between(2, 4) * azs;
            const lines = [`instance "${c.random.pick(['m6i.large', 't3.medium', 'm7g.large'])}"`, `min ${azs}`, `desired ${desired}`, `max ${desired * 2}`,
                `needs ${desired - Math.ceil(desired / azs)}`, 'health check elb',
                ...usesLines(c, ['dynamodb', 'sqs', 'sns', 'elasticache', 'lambda', 'aurora', 'rds', 's3'], 3)];
            return { lines: block(`asg ${name} ${place(c.scope.azs)}`, lines) };
        },
    },
];

/** Backups kept at least 7 days and deletion protection (database-backups, database-deletion-protection). */
function databaseProtection(c: Context): string[] {
    return [`backup retain ${c.random.between(7, 35)}d`, 'deletion protection on'];
}

/**
 * The region's way out of its VPC (region-level, never in a cell): a NAT gateway in every AZ (nat-gateway-per-az,
 * egress-cross-az) and VPC endpoints for some AWS services, one each (two interface endpoints of a service with
 * private DNS would claim the same name): gateway endpoints in no AZ (endpoint-placement), interface ones in each.
 */
function networkLines(random: Random, scope: Scope, name: (prefix: string) => string, kinds: Set<string>): string[] {
    const lines: string[] = [];
    if (random.chance(0.6)) {
        lines.push(`nat ${name('nat')} ${place(scope.azs)}`);
        kinds.add('nat');
    }
    for (const service of pickSome(random, ['s3', 'dynamodb', 'sqs', 'sns', 'kinesis', 'lambda'], 3)) {
        lines.push(`endpoint ${name('vpce')} for ${service}${service === 's3' || service === 'dynamodb' ? '' : ` ${place(scope.azs)}`}`);
        kinds.add('endpoint');
    }
    return lines;
}

const KIND_BY_NAME = new Map(KINDS.map(k => [k.kind, k]));

function block(header: string, lines: readonly string[]): string[] {
    if (lines.length === 0) return [header];
    return [`${header} {`, ...lines.map(l => `  ${l}`), '}'];
}

const REGIONS: ReadonlyArray<readonly [string, string]> = [['use1', 'us-east-1'], ['usw2', 'us-west-2'], ['euw1', 'eu-west-1'], ['euc1', 'eu-central-1']];

export interface RandomDesign {
    readonly seed: number;
    readonly index: number;
    readonly text: string;
    /** Service kinds and edge kinds it has: a run proves its coverage. */
    readonly kinds: ReadonlySet<string>;
}

/** Design `index` of seed `seed`. */
export function randomDesign(seed: number, index: number): RandomDesign {
    const random = Random.forInput(seed, index);
    const kinds = new Set<string>();
    let counter = 0;
    const regionCount = random.between(1, 3);
    const regions: RegionPlan[] = REGIONS.slice(0, regionCount).map(([name, code]) => ({
        name, code, azs: ['a', 'b', 'c'].slice(0, random.between(2, 3)), zoneIds: random.chance(0.5),
    }));
    const out: string[] = [`/** Random design ${index} of seed ${seed} (test/support/random-design.ts). */`, `system Random${index} {`];
    const albs: Array<{ region: RegionPlan; name: string }> = [];
    const tables: Array<{ region: RegionPlan; name: string }> = [];
    /** Aurora clusters and buckets that a later region may replicate. */
    const copies: Array<{ region: RegionPlan; name: string; kind: string; engine?: string }> = [];
    const regionLines: string[][] = [];
    /** Buckets and APIs (not private ones) outside cells, which CloudFront may take as origins (with the load balancers). */
    const origins: Array<{ region: RegionPlan; name: string }> = [];

    for (const region of regions) {
        const lines: string[] = region.azs.map((az, i) => `az ${az}${region.zoneIds ? ` "${region.name}-az${i + 1}"` : ''}`);
        const scope: Scope = { region, azs: region.azs, services: [] };
        const emitScope = (target: Scope, count: number, allowed: (k: ServiceKind) => boolean, into: string[]) => {
            const context: Context = {
                random, scope: target,
                name: prefix => `${prefix}${++counter}`,
                declare: (kind, options = {}) => emitService(KIND_BY_NAME.get(kind)!, options),
            };
            const emitService = (kind: ServiceKind, options: { fifo?: boolean; deadLetter?: boolean }): Declared => {
                const name = context.name(kind.kind === 'dynamodb' ? 't' : kind.kind.slice(0, 3));
                const emitted = kind.emit(context, name, options);
                into.push(...emitted.lines);
                kinds.add(kind.kind);
                const declared: Declared = {
                    name, kind: kind.kind, id: [region.name, target.cell, name].filter(Boolean).join('.'), fifo: emitted.fifo, deadLetter: options.deadLetter,
                    visibility: emitted.visibility, engine: emitted.engine, timeout: emitted.timeout, private: emitted.private,
                };
                target.services.push(declared);
                return declared;
            };
            const pool = KINDS.filter(allowed);
            // Every kind once in a while, the others by weight: small designs still cover the grammar over a run.
            for (let i = 0; i < count; i++) emitService(weighted(random, pool), {});
            return emitService;
        };
        emitScope(scope, random.between(3, 8), () => true, lines);
        lines.push(...networkLines(random, scope, prefix => `${prefix}${++counter}`, kinds));
        // A global database secondary of an earlier region's Aurora cluster, a replica of an earlier region's bucket.
        const secondary = copies.filter(p => p.region !== region && p.kind === 'aurora');
        if (secondary.length > 0 && random.chance(0.5)) {
            const primary = random.pick(secondary);
            const name = `aur${++counter}`;
            lines.push(...block(`aurora ${name} ${place(region.azs)} replica of ${primary.region.name}.${primary.name}`,
                [`engine ${primary.engine}`, `readers ${region.azs.length - 1}`, 'backup retain 14d', 'deletion protection on']));
            kinds.add('replica-of');
        }
        const buckets = copies.filter(p => p.region !== region && p.kind === 's3');
        if (buckets.length > 0 && random.chance(0.5)) {
            const primary = random.pick(buckets);
            lines.push(...block(`s3 s3${++counter} replica of ${primary.region.name}.${primary.name}`, ['versioning on', ...(random.chance(0.5) ? ['rtc on'] : [])]));
            kinds.add('replica-of');
        }
        for (const copy of existing(scope, 'aurora', 's3')) copies.push({ region, name: copy.name, kind: copy.kind, engine: copy.engine });
        const ownTables = existing(scope, 'dynamodb');
        // A global-table replica of a table of an earlier region, which this region's services may use.
        if (tables.length > 0 && random.chance(0.7)) {
            const primary = random.pick(tables);
            const name = `t${++counter}`;
            lines.push(...block(`dynamodb ${name} replica of ${primary.region.name}.${primary.name}`, ['pitr on', 'backup daily retain 35d']));
            scope.services.push({ name, kind: 'dynamodb', id: `${region.name}.${name}` });
            kinds.add('replica-of');
            const readers = existing(scope, 'lambda');
            if (readers.length > 0) {
                // The standby reads its region's replica: a `uses` line added to one of the region's functions.
                const reader = random.pick(readers);
                const at = lines.findIndex(l => l === `lambda ${reader.name} {`);
                if (at >= 0) lines.splice(at + 1, 0, `  uses ${name}`);
            }
        }
        for (const table of ownTables) tables.push({ region, name: table.name });
        for (const origin of existing(scope, 's3', 'apigateway').filter(o => !o.private)) origins.push({ region, name: origin.name });

        // A cell behind a router, reached from the ALB.
        let router: string | undefined;
        if (random.chance(0.5)) {
            const cellName = `cell${++counter}`;
            const replicas = random.between(2, 4);
            const cellAzs = region.azs;
            const cellScope: Scope = { region, cell: cellName, azs: cellAzs, services: [] };
            const cellLines: string[] = [];
            emitScope(cellScope, random.between(1, 3), k => k.inCells, cellLines);
            lines.push(...block(`cell ${cellName}[${replicas}] ${place(cellAzs)}`, cellLines));
            router = `router${++counter}`;
            lines.push(...block(`router ${router} over ${cellName}`, ['partition by "customerId"', `shuffle shard ${random.between(1, replicas - 1)}`]));
            kinds.add('cell').add('router');
        }
        // The front: an ALB over the region's compute (and the router), an entry point.
        const targets = existing(scope, 'ecs', 'asg', 'lambda').filter(s => s.kind !== 'lambda' || random.chance(0.5));
        if (targets.length > 0 || router) {
            const alb = `alb${++counter}`;
            lines.push(...block(`alb ${alb} ${place(region.azs)}`, [
                ...(regions.length === 1 || random.chance(0.5) ? ['entry'] : []),
                ...pickSome(random, targets, 2).map(t => `uses ${t.name}`), ...(router ? [`uses ${router}`] : []),
            ]));
            albs.push({ region, name: alb });
            kinds.add('alb');
            // An API of the region may proxy to it.
            const api = existing(scope, 'apigateway')[0];
            const at = api ? lines.findIndex(l => l === `apigateway ${api.name} {`) : -1;
            if (at >= 0 && random.chance(0.5)) lines.splice(at + 1, 0, `  uses ${alb}`);
        }
        regionLines.push(block(`region ${region.name} "${region.code}"`, lines));
    }

    // Route 53: failover between two regions' ALBs, and simple records.
    const globals: string[] = [];
    const byRegion = [...new Map(albs.map(a => [a.region, a])).values()];
    if (byRegion.length >= 2 && random.chance(0.7)) {
        const first = random.int(byRegion.length);
        const primary = byRegion[first];
        const secondary = byRegion[(first + 1 + random.int(byRegion.length - 1)) % byRegion.length];
        globals.push(...block(`route53 dns${++counter}`, ['entry', 'health checks', `failover primary ${primary.region.name}.${primary.name} secondary ${secondary.region.name}.${secondary.name}`]));
        kinds.add('route53').add('failover');
    }
    if (albs.length > 0 && random.chance(0.5)) {
        const target = random.pick(albs);
        globals.push(...block(`route53 www${++counter}`, ['entry', `uses ${target.region.name}.${target.name}`]));
        kinds.add('route53');
    }
    // CloudFront over buckets, APIs and load balancers, with an origin group over two regions' load balancers.
    const candidates = [...origins, ...albs];
    if (candidates.length > 0 && random.chance(0.6)) {
        const lines = ['entry', ...(random.chance(0.5) ? ['waf on'] : [])];
        if (byRegion.length >= 2 && random.chance(0.6)) {
            const first = random.int(byRegion.length);
            const primary = byRegion[first];
            const secondary = byRegion[(first + 1 + random.int(byRegion.length - 1)) % byRegion.length];
            lines.push(`origin group primary ${primary.region.name}.${primary.name} secondary ${secondary.region.name}.${secondary.name}`);
            kinds.add('origin-group');
        }
        lines.push(...pickSome(random, candidates, 2).map(o => `uses ${o.region.name}.${o.name}`));
        if (lines.some(l => l.startsWith('uses') || l.startsWith('origin group'))) {
            globals.push(...block(`cloudfront cdn${++counter}`, lines));
            kinds.add('cloudfront');
        }
    }
    if (globals.length > 0) out.push(...block('global', globals).map(l => `  ${l}`));
    for (const lines of regionLines) out.push(...lines.map(l => `  ${l}`));
    out.push('}', '');
    return { seed, index, text: out.join('\n'), kinds };
}

function weighted(random: Random, kinds: readonly ServiceKind[]): ServiceKind {
    const total = kinds.reduce((sum, k) => sum + k.weight, 0);
    let pick = random.next() * total;
    for (const kind of kinds) {
        pick -= kind.weight;
        if (pick < 0) return kind;
    }
    return kinds[kinds.length - 1];
}
