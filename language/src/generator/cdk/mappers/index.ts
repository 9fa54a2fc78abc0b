import type { ComponentOf, TopologyComponent } from '../../../model/topology.js';
import { unreachable } from '../../../util/exhaustive.js';
import { commentText } from '../identifiers.js';
import type { EmitScope } from '../scope.js';
import { declareAlb } from './alb.js';
import { declareAsg } from './asg.js';
import { declareDynamoDb } from './dynamodb.js';
import { declareEcs } from './ecs.js';
import { declareEks } from './eks.js';
import { declareElastiCache } from './elasticache.js';
import { declareKinesis, declareKinesisConsumer } from './kinesis.js';
import { declareLambda } from './lambda.js';
import { declareSns, declareSqs } from './messaging.js';
import { declareEndpoint, declareNat } from './network.js';

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
        case 'asg': return declareAsg(component, scope);
        case 'nat': return declareNat(component, scope);
        case 'endpoint': return declareEndpoint(component, scope);
        case 'route53': return; // global: its failover records go into the stacks of the regions they point at
        default: return unreachable(component);
    }
}

/** A router is application logic (which cells serve which customer), not an AWS resource: a comment says what it does. */
function declareRouter(component: ComponentOf<'router'>, scope: EmitScope): void {
    const ast = component.ast;
    const how = [
        ast.partitionKey !== undefined ? `partitions by ${commentText(JSON.stringify(ast.partitionKey), 60)}` : undefined,
        ast.shuffleShard !== undefined ? `gives each key ${ast.shuffleShard} cells (shuffle sharding)` : undefined,
    ].filter(Boolean).join(', ');
    scope.declarations.push(
        scope.trace(ast, `router ${ast.name} over ${ast.over?.$refText ?? ''}`),
        `// A router is code in its callers, not an AWS resource: it ${how || 'picks a cell per request'}.`,
        '',
    );
}
