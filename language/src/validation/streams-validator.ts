import type { ValidationAcceptor } from 'langium';
import type { KinesisConsumer, Sns, Sqs } from '../generated/ast.js';
import { isFailureDestination, occupiedAzs, topologyOfNode, type TopologyComponent } from '../model/topology.js';
import type { RuleReporter } from './rule-reporter.js';

/** Whether anything reads from this queue, topic or stream (`consumes`, or a kinesis consumer). */
function isConsumed(component: TopologyComponent | undefined): boolean {
    return component?.incoming.some(edge => edge.kind === 'consumes') ?? false;
}

/** Seed rules for streams and messaging: Kinesis consumers' checkpoints, redundancy and failure destinations; DLQs. */
export class StreamsValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkConsumer = (consumer: KinesisConsumer, accept: ValidationAcceptor): void => {
        const stream = consumer.$container.name;
        if (consumer.checkpoint !== 'on') {
            this.reporter.report(accept, 'kinesis-checkpoint',
                `Consumer \`${consumer.name}\` of stream \`${stream}\` does not checkpoint: when its record processor fails, the replacement re-reads the shard from the start or skips records. Add \`checkpoint on\`.`,
                consumer.checkpoint ? { node: consumer, property: 'checkpoint' } : { node: consumer, property: 'name' });
        }
        this.checkRedundancy(consumer, accept);
        if (!consumer.onFailure) {
            this.reporter.report(accept, 'kinesis-failure-destination',
                `Consumer \`${consumer.name}\` of stream \`${stream}\` has no \`on-failure\` destination: a batch that keeps failing blocks its shard until the records expire, then they are lost. Add \`on-failure <queue>\`.`,
                { node: consumer, property: 'name' });
        }
    };

    private checkRedundancy(consumer: KinesisConsumer, accept: ValidationAcceptor): void {
        const workers = consumer.workers ?? 1;
        if (workers < 2) {
            this.reporter.report(accept, 'kinesis-consumer-redundancy',
                `Consumer \`${consumer.name}\` has 1 worker: when it or its instance fails, the stream is not processed until a replacement starts. Set \`workers 2\` or more, spread over AZs.`,
                consumer.workers === undefined ? { node: consumer, property: 'name' } : { node: consumer, property: 'workers' });
            return;
        }
        const component = topologyOfNode(consumer).componentOf(consumer);
        const azs = component ? occupiedAzs(component) : [];
        if (azs.length === 1) {
            this.reporter.report(accept, 'kinesis-consumer-redundancy',
                `The ${workers} workers of consumer \`${consumer.name}\` all sit in ${azs[0].id}: an outage of that AZ stops the processing. Place the consumer in 2 or more AZs.`,
                consumer.azs.length > 0 ? { node: consumer, property: 'azs' } : { node: consumer, property: 'name' });
        }
    }

    readonly checkQueue = (queue: Sqs, accept: ValidationAcceptor): void => {
        if (queue.dlq) return;
        const component = topologyOfNode(queue).componentOf(queue);
        if (!component || !isConsumed(component) || isFailureDestination(component)) return;
        this.reporter.report(accept, 'sqs-dlq',
            `Queue \`${queue.name}\` is consumed but has no \`dlq\`: a message its consumer cannot process (a poison message) is retried until it expires and blocks or slows the queue. Add \`dlq ${queue.name}Dlq after 5\` and declare that queue.`,
            { node: queue, property: 'name' });
    };

    readonly checkTopic = (topic: Sns, accept: ValidationAcceptor): void => {
        if (topic.dlq || !isConsumed(topologyOfNode(topic).componentOf(topic))) return;
        this.reporter.report(accept, 'sns-dlq',
            `Topic \`${topic.name}\` has subscribers but no \`dlq\`: a message SNS cannot deliver after its retries is dropped. Add \`dlq <queue>\`.`,
            { node: topic, property: 'name' });
    };
}
