import type { KindMapping } from '../mapping-context.js';
import { ASG, ECS, EKS, LAMBDA } from './compute.js';
import { AURORA, DYNAMODB, ELASTICACHE, KINESIS, RDS, S3 } from './data.js';
import { ALB, APIGATEWAY, CLOUDFRONT, COGNITO, ROUTE53 } from './front-doors.js';
import { EVENTBRIDGE, SQS, SNS, STEPFUNCTIONS } from './messaging.js';
import { ENDPOINT, NAT } from './network.js';

/** Every kind of the language and the CloudFormation and Terraform types it is made from: the one mapping table. */
export const KIND_MAPPINGS: readonly KindMapping[] = [
    LAMBDA, ECS, EKS, ASG,
    DYNAMODB, ELASTICACHE, KINESIS, AURORA, RDS, S3,
    SQS, SNS, EVENTBRIDGE, STEPFUNCTIONS,
    ALB, ROUTE53, APIGATEWAY, CLOUDFRONT, COGNITO,
    NAT, ENDPOINT,
];

const BY_TYPE = new Map(KIND_MAPPINGS.flatMap(m => [...m.cloudformation, ...m.terraform].map(type => [type, m] as const)));

export function mappingOf(type: string): KindMapping | undefined {
    return BY_TYPE.get(type);
}
