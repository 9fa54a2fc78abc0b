import type { ValidationAcceptor } from 'langium';
import { isSns, isSqs, type Consumes, type DeadLetter } from '../generated/ast.js';
import { describeElement } from './reference-kind-validator.js';
import type { RuleReporter } from './rule-reporter.js';

/**
 * `fifo-delivery`: FIFO topics and queues connected the way AWS refuses at deploy time. An SNS FIFO topic delivers
 * only to SQS queues; a standard topic cannot deliver to a FIFO queue; a dead-letter queue is FIFO exactly when its
 * queue or topic is. `resil check` passed these designs, and CloudFormation then rejected the stack.
 */
export class FifoValidator {
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
