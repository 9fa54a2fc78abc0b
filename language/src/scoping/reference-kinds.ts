import type { AstNode } from 'langium';
import {
    isAlb, isApiGateway, isAurora, isAz, isEventBridge, isRds, isS3, isCell, isCloudFront, isDynamoDb, isExternal, isKinesis, isKinesisConsumer, isRouter,
    isRegion, isService, isSns, isSqs,
} from '../generated/ast.js';
import { regionOf } from './qualified-names.js';

/**
 * What each reference of the language may name. Linking resolves any element by name; these are the elements that
 * make sense at each place (what completion offers there).
 */
export interface ReferenceKind {
    /** `target` may be named by the reference held in `property` of `container`. */
    accepts(target: AstNode, container: AstNode): boolean;
    /** In words, for messages: `an sqs queue or sns topic`. */
    readonly expected: string;
    /** A short noun for "No <noun> named 'x'": `queue or topic`. */
    readonly noun: string;
}

const isQueueOrTopic = (e: AstNode) => isSqs(e) || isSns(e);
const queueOrTopic: ReferenceKind = { accepts: isQueueOrTopic, expected: 'an sqs queue or sns topic', noun: 'queue or topic' };
const failoverTarget: ReferenceKind = {
    accepts: e => isAlb(e) || isApiGateway(e) || ((isService(e) || isRouter(e) || isCloudFront(e)) && e.entry),
    expected: 'an alb, an apigateway or a service marked `entry`',
    noun: 'alb, apigateway or entry service',
};

/** A copy (global database secondary, read replica, replicated bucket) names its source: same kind, another region. */
function sameKindElsewhere(guard: (e: AstNode) => boolean, expected: string, noun: string): ReferenceKind {
    return { accepts: (e, copy) => guard(e) && regionOf(e) !== regionOf(copy), expected, noun };
}

/** What a `uses` may call: a service, a router or a third party; never itself (cells are reached through their router). */
export const isCallable = (e: AstNode) => isService(e) || isRouter(e) || isExternal(e);
/** A CloudFront origin: a service of a region (a load balancer, a bucket, an API), never the distribution itself. */
const origin: ReferenceKind = { accepts: (e, distribution) => isService(e) && e !== distribution, expected: 'a service of a region (an alb, an s3 bucket, an apigateway)', noun: 'origin' };

const KINDS: Readonly<Record<string, ReferenceKind>> = {
    'Uses.target': {
        // A service never uses itself (nor a state machine in one of its tasks); cells are reached through their router.
        accepts: (e, uses) => isCallable(e) && e !== uses.$container && e !== uses.$container?.$container,
        expected: 'a service, router or external dependency',
        noun: 'service or router',
    },
    'Consumes.target': { accepts: e => isSqs(e) || isSns(e) || isKinesis(e), expected: 'an sqs queue, an sns topic or a kinesis stream', noun: 'queue, topic or stream' },
    'DeadLetter.target': { ...queueOrTopic, accepts: (e, dlq) => isQueueOrTopic(e) && e !== dlq.$container },
    'Lambda.onFailure': queueOrTopic,
    'KinesisConsumer.onFailure': queueOrTopic,
    'Router.over': { accepts: isCell, expected: 'a cell', noun: 'cell' },
    'Route53.primary': failoverTarget,
    'Route53.secondary': failoverTarget,
    'CloudFront.primary': origin,
    'CloudFront.secondary': origin,
    'DynamoDb.replicaOf': {
        // A global table keeps one replica per region.
        accepts: (e, table) => isDynamoDb(e) && regionOf(e) !== regionOf(table),
        expected: 'a dynamodb table in another region',
        noun: 'dynamodb table',
    },
    'Aurora.replicaOf': sameKindElsewhere(isAurora, 'an aurora cluster in another region', 'aurora cluster'),
    'Rds.replicaOf': sameKindElsewhere(isRds, 'an rds database in another region', 'rds database'),
    'S3.replicaOf': sameKindElsewhere(isS3, 'an s3 bucket in another region', 's3 bucket'),
    // A global endpoint fails over between the buses of two regions.
    'EventBridge.primary': { accepts: e => isEventBridge(e) && regionOf(e) !== undefined, expected: 'an eventbridge bus in a region', noun: 'eventbridge bus' },
    'EventBridge.secondary': { accepts: e => isEventBridge(e) && regionOf(e) !== undefined, expected: 'an eventbridge bus in a region', noun: 'eventbridge bus' },
    'EventTarget.target': {
        // A rule delivers to another service, never back to its own bus.
        accepts: (e, target) => (isService(e) || isRouter(e)) && e !== target.$container?.$container,
        expected: 'a service or router other than its bus',
        noun: 'service or router',
    },
    // EventBridge sends undeliverable events to a standard SQS queue.
    'EventTarget.dlq': { accepts: e => isSqs(e) && !e.fifo, expected: 'a standard sqs queue', noun: 'queue' },
    'FailTarget.element': { accepts: e => !isKinesisConsumer(e), expected: 'a region, AZ, cell, router or service', noun: 'element' },
    'FailTarget.member': { accepts: isService, expected: 'a service of the cell', noun: 'service' },
    // A view draws services: an AZ holds none of its own.
    'View.around': { accepts: e => !isAz(e), expected: 'a service, router, cell or region', noun: 'element' },
    'View.pathFrom': { accepts: e => !isAz(e), expected: 'a service (an entry point, usually)', noun: 'element' },
    'View.collapse': { accepts: e => isRegion(e) || isCell(e), expected: 'a region or a cell', noun: 'region or cell' },
};

const AZ: ReferenceKind = { accepts: isAz, expected: 'an AZ of the region', noun: 'AZ' };

/** The kind of element the reference in `property` of a `containerType` node names (AZ lists included). */
export function referenceKind(containerType: string, property: string): ReferenceKind | undefined {
    if (property === 'azs' || property === 'subnets') return AZ;
    return KINDS[`${containerType}.${property}`];
}
