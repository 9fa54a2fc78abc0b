import type { AstNode, ValidationAcceptor } from 'langium';
import {
    isCell, type AutoScalingGroup, type Cell, type Ecs, type FailTarget, type Capacity, type NodeGroup, type Router,
} from '../generated/ast.js';
import { DURATION_UNITS, parseDuration } from '../util/durations.js';
import { parseSizeGigabytes, SIZE_UNITS } from '../util/sizes.js';
import { MAX_CELL_REPLICAS } from '../model/topology.js';
import type { RuleReporter } from './rule-reporter.js';

/** An allowed range for a numeric property, with why it is limited (shown in the message). */
interface NumberRange {
    readonly min: number;
    readonly max?: number;
    readonly whole: boolean;
    readonly why: string;
}

/** An allowed range for a duration property, in seconds; `undefined` bounds only check the unit. */
interface DurationRange {
    readonly minSeconds?: number;
    readonly maxSeconds?: number;
    readonly why: string;
}

type Table<R> = Readonly<Record<string, Readonly<Record<string, R>>>>;

const HOUR = 3600;
const DAY = 24 * HOUR;
const PERCENT: NumberRange = { min: 0, max: 100, whole: false, why: 'a percentage' };
/** The percentages every service accepts (`Common` in the grammar): its availability and its share of the traffic. */
const SHARES = { sla: PERCENT, traffic: PERCENT };

/** Numeric properties per AST type. The limits are AWS's (Lambda, ElastiCache, SQS) or the model's own. */
const NUMBER_RANGES: Table<NumberRange> = {
    Lambda: {
        concurrency: { min: 1, whole: true, why: 'reserved concurrency 0 throttles every invocation' },
        retries: { min: 0, max: 2, whole: true, why: 'Lambda retries an asynchronous invocation at most twice' },
        memory: { min: 128, max: 10240, whole: true, why: 'Lambda memory is 128 to 10240 MB' },
        ...SHARES,
    },
    Deployment: { step: { min: 1, max: 99, whole: false, why: 'a canary or linear step shifts part of the traffic' } },
    Ecs: {
        tasks: { min: 1, whole: true, why: 'a service runs at least one task' },
        needs: { min: 0, whole: true, why: 'a task count' },
        ...SHARES,
    },
    Capacity: {
        min: { min: 0, whole: true, why: 'an instance count' },
        max: { min: 1, whole: true, why: 'an instance count' },
    },
    NodeGroup: {
        min: { min: 0, whole: true, why: 'a node count' },
        max: { min: 1, whole: true, why: 'a node count' },
        desired: { min: 0, whole: true, why: 'a node count' },
    },
    ElastiCache: {
        shards: { min: 1, max: 500, whole: true, why: 'a cluster has 1 to 500 shards' },
        replicas: { min: 0, max: 5, whole: true, why: 'ElastiCache allows 0 to 5 replicas per shard' },
        ...SHARES,
    },
    Kinesis: { shards: { min: 1, whole: true, why: 'a stream has at least one shard' }, ...SHARES },
    KinesisConsumer: { workers: { min: 1, whole: true, why: 'a consumer runs at least one worker' } },
    DeadLetter: { maxReceives: { min: 1, max: 1000, whole: true, why: 'SQS redrive allows 1 to 1000 receives' } },
    Cell: {
        count: { min: 1, max: MAX_CELL_REPLICAS, whole: true, why: `a cell has 1 to ${MAX_CELL_REPLICAS} replicas` },
        waveSize: { min: 1, whole: true, why: 'a deployment wave reaches at least one replica' },
    },
    Uses: { retries: { min: 0, max: 10, whole: true, why: 'a client retries a call 0 to 10 times' } },
    Router: { shuffleShard: { min: 1, whole: true, why: 'each customer is mapped to at least one cell' }, ...SHARES },
    FailTarget: { replica: { min: 0, whole: true, why: 'replicas are numbered from 0' } },
    AvailabilityRequirement: { target: PERCENT },
    BlastRadiusRequirement: { max: PERCENT },
    DynamoDb: { ...SHARES },
    Eks: { ...SHARES },
    Sqs: { ...SHARES },
    Sns: { ...SHARES },
    Alb: { ...SHARES, healthThreshold: { min: 2, max: 10, whole: true, why: 'a target group marks a target unhealthy after 2 to 10 failed checks' } },
    Route53: { ...SHARES, healthThreshold: { min: 1, max: 10, whole: true, why: 'a Route 53 health check fails after 1 to 10 failed checks' } },
    Aurora: { readers: { min: 0, max: 15, whole: true, why: 'an Aurora cluster has up to 15 readers' }, ...SHARES },
    Rds: { ...SHARES },
    S3: { ...SHARES },
    AutoScalingGroup: {
        min: { min: 0, whole: true, why: 'an instance count' },
        max: { min: 1, whole: true, why: 'an instance count' },
        desired: { min: 0, whole: true, why: 'an instance count' },
        needs: { min: 0, whole: true, why: 'an instance count' },
        ...SHARES,
    },
    NatGateway: { sla: PERCENT },
    VpcEndpoint: { sla: PERCENT },
    EventBridge: { ...SHARES },
    EventTarget: { retries: { min: 0, max: 185, whole: true, why: 'EventBridge retries a delivery 0 to 185 times' } },
    StepFunctions: { ...SHARES },
    ApiGateway: { ...SHARES },
    Throttle: {
        rate: { min: 1, whole: false, why: 'a throttle lets at least one request per second through' },
        burst: { min: 1, whole: true, why: 'the token bucket holds at least one request' },
    },
    ApiStage: { canary: { min: 1, max: 99, whole: false, why: 'a canary takes part of the stage\'s traffic' } },
    CloudFront: { ...SHARES },
    Cognito: { ...SHARES },
    External: { sla: PERCENT },
};

/** Duration properties per AST type. */
const DURATION_RANGES: Table<DurationRange> = {
    Lambda: { timeout: { minSeconds: 1, maxSeconds: 900, why: 'a Lambda runs for 1 s to 15 min' } },
    Deployment: { interval: { minSeconds: 60, why: 'traffic shifts at most once a minute' } },
    ElastiCache: { snapshotRetention: { minSeconds: DAY, maxSeconds: 35 * DAY, why: 'ElastiCache keeps snapshots 1 to 35 days' } },
    Kinesis: { retention: { minSeconds: 24 * HOUR, maxSeconds: 365 * DAY, why: 'a stream retains records 24 hours to 365 days' } },
    Sqs: {
        visibility: { minSeconds: 0, maxSeconds: 12 * HOUR, why: 'the SQS visibility timeout is 0 s to 12 h' },
        retention: { minSeconds: 60, maxSeconds: 14 * DAY, why: 'SQS retains messages 1 min to 14 days' },
    },
    Aurora: { backupRetention: { minSeconds: DAY, maxSeconds: 35 * DAY, why: 'Aurora keeps automated backups 1 to 35 days' } },
    Rds: { backupRetention: { minSeconds: DAY, maxSeconds: 35 * DAY, why: 'RDS keeps automated backups 1 to 35 days' } },
    BackupPlan: { retain: { minSeconds: DAY, why: 'backups are kept at least a day' } },
    Route53: {
        healthInterval: { minSeconds: 10, maxSeconds: 30, why: 'Route 53 checks every 10 s (fast) or 30 s (standard)' },
        ttl: { minSeconds: 0, maxSeconds: 2 * DAY, why: 'a DNS TTL of 0 s to 2 days' },
    },
    Alb: { healthInterval: { minSeconds: 5, maxSeconds: 300, why: 'a target group checks every 5 s to 300 s' } },
    RecoveryRequirement: { max: { minSeconds: 0, why: 'a recovery time or point' } },
    EventBridge: { archiveRetention: { minSeconds: DAY, why: 'an archive keeps events whole days (leave out `retain` to keep them indefinitely)' } },
    EventTarget: { maxAge: { minSeconds: 60, maxSeconds: DAY, why: 'EventBridge keeps retrying an event 1 min to 24 h' } },
    StepTask: { timeout: { minSeconds: 1, maxSeconds: 99999999, why: 'a task times out after 1 to 99999999 s' } },
};

/** A table's ranges per AST type as lists, made once: the checks run on most nodes of a design. */
function entriesByType<R>(table: Table<R>): ReadonlyMap<string, ReadonlyArray<readonly [string, R]>> {
    return new Map(Object.entries(table).map(([type, ranges]) => [type, Object.entries(ranges)]));
}

const NUMBER_RANGE_ENTRIES = entriesByType(NUMBER_RANGES);
const DURATION_RANGE_ENTRIES = entriesByType(DURATION_RANGES);

/** The AST types with numbers or durations to check: `checkValues` must run on each (resil-validator.ts). */
export const VALUE_RANGE_TYPES: readonly string[] = [...new Set([...Object.keys(NUMBER_RANGES), ...Object.keys(DURATION_RANGES)])];

/**
 * `value-range`: numbers, percentages and durations inside their limits, durations with a known unit, and the
 * relations between properties (`needs` <= `tasks`, `min` <= `max`, `shuffle shard` < cells, replica indexes).
 */
export class ValueRangeValidator {
    constructor(private readonly reporter: RuleReporter) { }

    /** Numbers and durations of the AST types in `NUMBER_RANGES` and `DURATION_RANGES`. */
    readonly checkValues = (node: AstNode, accept: ValidationAcceptor): void => {
        this.checkNumbers(node, accept);
        this.checkDurations(node, accept);
        this.checkSize(node, accept);
    };

    readonly checkCapacity = (capacity: Capacity, accept: ValidationAcceptor): void => this.checkMinMax(capacity, accept, 'instances');

    readonly checkNodeGroup = (group: NodeGroup, accept: ValidationAcceptor): void => {
        this.checkMinMax(group, accept, 'nodes');
        this.checkDesired(group, accept);
    };

    readonly checkAsg = (asg: AutoScalingGroup, accept: ValidationAcceptor): void => {
        this.checkMinMax(asg, accept, 'instances');
        this.checkDesired(asg, accept);
        const steady = asg.desired ?? asg.min;
        if (asg.needs === undefined || steady === undefined || asg.needs <= steady) return;
        const property = asg.desired !== undefined ? 'desired' : 'min';
        this.reporter.report(accept, 'value-range',
            `needs ${asg.needs} is more than ${property} ${steady}: the group could never carry its peak load. Raise ${property} to at least ${asg.needs}.`,
            { node: asg, property: 'needs' });
    };

    private checkNumbers(node: AstNode, accept: ValidationAcceptor): void {
        for (const [property, range] of NUMBER_RANGE_ENTRIES.get(node.$type) ?? []) {
            const value = (node as unknown as Record<string, unknown>)[property];
            if (typeof value !== 'number') continue;
            const problem = rangeProblem(value, range);
            if (problem) {
                this.reporter.report(accept, 'value-range', `${problem}: ${range.why}.`, { node, property });
            }
        }
    }

    /** `size 2TB` on a data store: a number of MB, GB, TB or PB. */
    private checkSize(node: AstNode, accept: ValidationAcceptor): void {
        const size = (node as { size?: unknown }).size;
        if (typeof size !== 'string' || parseSizeGigabytes(size) !== undefined) return;
        this.reporter.report(accept, 'value-range', `Unknown size '${size}': use a number of ${SIZE_UNITS.join(', ')} (for example 500GB).`, { node, property: 'size' as never });
    }

    private checkDurations(node: AstNode, accept: ValidationAcceptor): void {
        for (const [property, range] of DURATION_RANGE_ENTRIES.get(node.$type) ?? []) {
            const text = (node as unknown as Record<string, unknown>)[property];
            if (typeof text !== 'string') continue;
            const duration = parseDuration(text);
            if (duration.seconds === undefined) {
                this.reporter.report(accept, 'value-range',
                    `Unknown duration unit '${duration.unit}' in '${text}': use ${DURATION_UNITS.join(', ')} (for example ${duration.value}s).`,
                    { node, property });
            } else if ((range.minSeconds !== undefined && duration.seconds < range.minSeconds)
                || (range.maxSeconds !== undefined && duration.seconds > range.maxSeconds)) {
                this.reporter.report(accept, 'value-range', `${text} is out of range: ${range.why}.`, { node, property });
            }
        }
    }

    readonly checkNeeds = (ecs: Ecs, accept: ValidationAcceptor): void => {
        if (ecs.needs === undefined || ecs.tasks === undefined || ecs.needs <= ecs.tasks) return;
        this.reporter.report(accept, 'value-range',
            `needs ${ecs.needs} is more than tasks ${ecs.tasks}: the service could never carry its peak load. Raise tasks to at least ${ecs.needs}.`,
            { node: ecs, property: 'needs' });
    };

    private checkMinMax(node: { min?: number; max?: number } & AstNode, accept: ValidationAcceptor, unit: string): void {
        if (node.min === undefined || node.max === undefined || node.min <= node.max) return;
        this.reporter.report(accept, 'value-range', `min ${node.min} is more than max ${node.max} ${unit}: swap them or raise max.`,
            { node, property: 'min' });
    }

    private checkDesired(group: NodeGroup | AutoScalingGroup, accept: ValidationAcceptor): void {
        if (group.desired === undefined) return;
        const low = group.min ?? 0;
        const high = group.max ?? Infinity;
        if (group.desired >= low && group.desired <= high) return;
        this.reporter.report(accept, 'value-range', `desired ${group.desired} is outside min ${low} .. max ${group.max ?? 'unbounded'}: the autoscaler would change it at once.`,
            { node: group, property: 'desired' });
    }

    readonly checkShuffleShard = (router: Router, accept: ValidationAcceptor): void => {
        const cell = router.over?.ref;
        if (router.shuffleShard === undefined || !isCell(cell) || !(cell.count >= 1)) return;
        if (router.shuffleShard < cell.count) return;
        this.reporter.report(accept, 'value-range',
            `shuffle shard ${router.shuffleShard} must be less than the ${cell.count} replicas of cell ${cell.name}: otherwise every customer uses every cell and one bad cell reaches all of them.`,
            { node: router, property: 'shuffleShard' });
    };

    readonly checkReplicaIndex = (target: FailTarget, accept: ValidationAcceptor): void => {
        const cell = target.element?.ref;
        if (target.replica === undefined || !isCell(cell) || !Number.isInteger(target.replica)) return;
        if (target.replica < cellCount(cell)) return;
        this.reporter.report(accept, 'value-range',
            `Cell ${cell.name} has ${cellCount(cell)} replicas, numbered 0 to ${cellCount(cell) - 1}: there is no replica ${target.replica}.`,
            { node: target, property: 'replica' });
    };
}

function cellCount(cell: Cell): number {
    return Number.isInteger(cell.count) && cell.count > 0 ? cell.count : 0;
}

function rangeProblem(value: number, range: NumberRange): string | undefined {
    // Digits beyond what a double holds read as Infinity: say so rather than print "Infinity".
    if (!Number.isFinite(value)) return 'the number is too large to compute with';
    if (range.whole && !Number.isInteger(value)) return `${value} must be a whole number`;
    if (value < range.min) return `${value} is below the minimum of ${range.min}`;
    if (range.max !== undefined && value > range.max) return `${value} is above the maximum of ${range.max}`;
    return undefined;
}
