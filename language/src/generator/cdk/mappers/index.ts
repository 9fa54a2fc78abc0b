import type { TopologyComponent } from '../../../model/topology.js';
import { unreachable } from '../../../util/exhaustive.js';
import type { EmitScope } from '../scope.js';
import { declareAlb } from './alb.js';
import { declareAurora, declareRds } from './databases.js';
import { declareAsg } from './asg.js';
import { declareDynamoDb } from './dynamodb.js';
import { declareEcs } from './ecs.js';
import { declareEks } from './eks.js';
import { declareElastiCache } from './elasticache.js';
import { declareKinesis, declareKinesisConsumer } from './kinesis.js';
import { declareLambda } from './lambda.js';
import { declareSns, declareSqs } from './messaging.js';
import { declareRouter } from './router.js';
import { declareS3 } from './s3.js';
import { declareEventBridge, declareStepFunctions } from './events.js';
import { declareEndpoint, declareNat } from './network.js';
import { declareApiGateway } from './apigateway.js';
import { declareCognito } from './cognito.js';

/** Declares one component of a region or cell in its scope, with the mapper of its service family. */
export function declareComponent(component: TopologyComponent, scope: EmitScope): void {
    switch (component.kind) {
        case 'lambda': return declareLambda(component, scope);
        case 'ecs': return declareEcs(component, scope);
        case 'eks': return declareEks(component, scope);
        case 'dynamodb': return declareDynamoDb(component, scope);
        case 'elasticache': return declareElastiCache(component, scope);
        case 'kinesis': return declareKinesis(component, scope);
        case 'kinesis-consumer': return declareKinesisConsumer(component, scope);
        case 'sqs': return declareSqs(component, scope);
        case 'sns': return declareSns(component, scope);
        case 'alb': return declareAlb(component, scope);
        case 'router': return declareRouter(component, scope);
        case 'aurora': return declareAurora(component, scope);
        case 'rds': return declareRds(component, scope);
        case 's3': return declareS3(component, scope);
        case 'asg': return declareAsg(component, scope);
        case 'nat': return declareNat(component, scope);
        case 'endpoint': return declareEndpoint(component, scope);
        case 'eventbridge': return declareEventBridge(component, scope);
        case 'stepfunctions': return declareStepFunctions(component, scope);
        case 'route53': return; // global: its failover records go into the stacks of the regions they point at
        case 'apigateway': return declareApiGateway(component, scope);
        case 'cognito': return declareCognito(component, scope);
        case 'cloudfront': return; // global: declared in the app's edge stack (edge-stack.ts)
        case 'external': return; // outside AWS: nothing to deploy; its callers' egress is the VPC's NAT gateways
        default: return unreachable(component);
    }
}
