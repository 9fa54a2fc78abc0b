import { durationText, type Member } from '../design.js';
import { booleanAt, numberAt, stringAt, type KindMapping } from '../mapping-context.js';
import { prop } from '../source.js';

/** Queues, topics, event buses and workflows. Their dead-letter queues, rules and tasks are edges (`edges.ts`). */

export const SQS: KindMapping = {
    kind: 'sqs',
    cloudformation: ['AWS::SQS::Queue'],
    terraform: ['aws_sqs_queue'],
    map(resource) {
        const members: Member[] = [];
        const visibility = numberAt(resource, prop('VisibilityTimeout', 'visibility_timeout_seconds'));
        if (visibility !== undefined) members.push(`visibility ${durationText(visibility)}`);
        const retention = numberAt(resource, prop('MessageRetentionPeriod', 'message_retention_seconds'));
        if (retention !== undefined) members.push(`retention ${durationText(retention)}`);
        if (booleanAt(resource, prop('FifoQueue', 'fifo_queue'))) members.push('fifo');
        return { members };
    },
};

export const SNS: KindMapping = {
    kind: 'sns',
    cloudformation: ['AWS::SNS::Topic'],
    terraform: ['aws_sns_topic'],
    map(resource) {
        return { members: booleanAt(resource, prop('FifoTopic', 'fifo_topic')) ? ['fifo'] : [] };
    },
};

export const EVENTBRIDGE: KindMapping = {
    kind: 'eventbridge',
    // A global endpoint is the language's eventbridge with a failover between the buses of two regions.
    cloudformation: ['AWS::Events::EventBus', 'AWS::Events::Endpoint'],
    terraform: ['aws_cloudwatch_event_bus'],
    map(resource, context) {
        const members: Member[] = [];
        const archives = context.referrers(resource.key, ['AWS::Events::Archive', 'aws_cloudwatch_event_archive'], prop('SourceArn', 'event_source_arn'));
        if (archives.length > 0) {
            const days = numberAt(archives[0], prop('RetentionDays', 'retention_days'));
            members.push(days !== undefined && days > 0 ? `archive retain ${days}d` : 'archive');
        }
        return { members };
    },
};

export const STEPFUNCTIONS: KindMapping = {
    kind: 'stepfunctions',
    cloudformation: ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'],
    terraform: ['aws_sfn_state_machine'],
    map(resource) {
        const type = (stringAt(resource, prop('StateMachineType', 'type')) ?? stringAt(resource, prop('Type', undefined)))?.toLowerCase();
        return { members: type === 'standard' || type === 'express' ? [`workflow ${type}`] : [] };
    },
};
