import type { ValidationAcceptor } from 'langium';
import { isLambda, isSns, isSqs, type Consumes, type DeadLetter } from '../generated/ast.js';
import { parseDuration } from '../util/durations.js';
import { describeElement } from './reference-kind-validator.js';
import type { RuleReporter } from './rule-reporter.js';

/** SQS hides a received message for 30 s unless `visibility` says otherwise. */
const DEFAULT_VISIBILITY_SECONDS = 30;

/**
 * Designs that check clean but that AWS refuses when the stack deploys: `resil check` passed them, the generated app
 * synthesized, and CloudFormation then rejected it.
 * - `fifo-delivery`: an SNS FIFO topic delivers only to SQS queues; a standard topic cannot deliver to a FIFO
 *   queue; a dead-letter queue is FIFO exactly when its queue or topic is.
 * - `sqs-visibility-timeout`: Lambda refuses an SQS event source whose visibility timeout is shorter than the
 *   function's timeout.
 */
export class DeployAcceptanceValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkSubscription = (consumes: Consumes, accept: ValidationAcceptor): void => {
        const topic = consumes.target?.ref;
        if (!isSns(topic)) return;
        const subscriber = consumes.$container;
        if (topic.fifo && !isSqs(subscriber)) {
            this.reporter.report(accept, 'fifo-delivery',
                `${describeElement(subscriber)} subscribes to FIFO topic \`${topic.name}\`, and an SNS FIFO topic delivers only to SQS queues: CloudFormation rejects the subscription at deploy time. Put a FIFO queue between them (\`sqs ${topic.name}Queue { fifo consumes ${topic.name} }\`) and consume that queue.`,
                { node: consumes, property: 'target' });
        } else if (!topic.fifo && isSqs(subscriber) && subscriber.fifo) {
            this.reporter.report(accept, 'fifo-delivery',
                `FIFO queue \`${subscriber.name}\` subscribes to standard topic \`${topic.name}\`, and a standard topic cannot deliver to a FIFO queue: CloudFormation rejects the subscription at deploy time. Make the topic \`fifo\`, or the queue standard.`,
                { node: consumes, property: 'target' });
        }
    };

    readonly checkQueueReader = (consumes: Consumes, accept: ValidationAcceptor): void => {
        const queue = consumes.target?.ref;
        const reader = consumes.$container;
        if (!isSqs(queue) || !isLambda(reader) || reader.timeout === undefined) return;
        const timeout = parseDuration(reader.timeout).seconds;
        const visibility = queue.visibility === undefined ? DEFAULT_VISIBILITY_SECONDS : parseDuration(queue.visibility).seconds;
        if (timeout === undefined || visibility === undefined || timeout <= visibility) return;
        this.reporter.report(accept, 'sqs-visibility-timeout',
            `Lambda \`${reader.name}\` runs for up to ${reader.timeout}, longer than queue \`${queue.name}\` hides a message it reads (${queue.visibility === undefined ? 'the default visibility timeout of 30 s' : `visibility ${queue.visibility}`}): Lambda refuses the event source at deploy time, since another reader would get the message while the function still works on it. Set \`visibility\` on \`${queue.name}\` to at least ${reader.timeout} (AWS recommends six times the function timeout).`,
            { node: consumes, property: 'target' });
    };

    readonly checkDeadLetter = (dlq: DeadLetter, accept: ValidationAcceptor): void => {
        const target = dlq.target?.ref;
        const source = dlq.$container;
        if (!isSqs(target) || !(isSqs(source) || isSns(source)) || source.fifo === target.fifo) return;
        const kind = isSqs(source) ? 'queue' : 'topic';
        this.reporter.report(accept, 'fifo-delivery',
            `${source.fifo ? 'FIFO' : 'Standard'} ${kind} \`${source.name}\` has ${target.fifo ? 'FIFO' : 'standard'} dead-letter queue \`${target.name}\`: AWS requires the dead-letter queue of a ${source.fifo ? 'FIFO' : 'standard'} ${kind} to be ${source.fifo ? 'FIFO' : 'standard'} too, and rejects the ${isSqs(source) ? 'redrive policy' : 'subscriptions\' redrive policies'} at deploy time. ${target.fifo ? 'Remove `fifo` from' : 'Add `fifo` to'} \`${target.name}\`.`,
            { node: dlq, property: 'target' });
    };
}
