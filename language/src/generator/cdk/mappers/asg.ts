import type { ComponentOf } from '../../../model/topology.js';
import { obj } from '../code.js';
import { tsString } from '../identifiers.js';
import type { EmitScope } from '../scope.js';
import { checkedValue, int } from '../values.js';

/**
 * asg -> an EC2 Auto Scaling group in the private subnets of the model's AZs (encrypted volumes, IMDSv2), sized as
 * the model says, replacing instances that fail their EC2 or (`health check elb`) load balancer health checks.
 * An alb that `uses` the group registers it as a target group.
 */
export function declareAsg(component: ComponentOf<'asg'>, scope: EmitScope): void {
    const ast = component.ast;
    const ec2 = scope.mod('ec2');
    const autoscaling = scope.mod('autoscaling');
    const group = scope.variable(ast.name);
    const min = int(ast.min ?? component.capacity?.total, 0, 10_000);
    const max = int(ast.max ?? ast.min ?? component.capacity?.total, 0, 10_000);
    const lines = [scope.trace(ast, `asg ${ast.name}`)];
    if (ast.needs !== undefined && component.capacity) {
        lines.push(`// ${component.capacity.total} instances over ${component.azs.length} AZs; the model needs ${ast.needs} at peak, also with one AZ down.`);
    }
    const healthChecks = ast.healthCheck === 'elb'
        ? `${autoscaling}.HealthChecks.withAdditionalChecks(${obj([['additionalTypes', `[${autoscaling}.AdditionalHealthCheckType.ELB]`], ['gracePeriod', `${scope.core('Duration')}.minutes(5)`]])})`
        : `${autoscaling}.HealthChecks.ec2()`;
    lines.push(`const ${group} = new ${autoscaling}.AutoScalingGroup(this, '${scope.constructId(ast.name)}', ${obj([
        ['vpc', scope.vpc()],
        ['vpcSubnets', component.azs.length > 0 && scope.subnets(component.azs)],
        ['instanceType', `new ${ec2}.InstanceType(${tsString(checkedValue(scope, 'EC2 instance type', ast.instanceType, component.id))})`],
        ['machineImage', `${ec2}.MachineImage.latestAmazonLinux2023()`],
        ['minCapacity', min],
        ['maxCapacity', max],
        ['desiredCapacity', ast.desired !== undefined && int(ast.desired, 0, 10_000)],
        ['healthChecks', healthChecks],
        ['requireImdsv2', 'true'],
        ['blockDevices', `[{ deviceName: '/dev/xvda', volume: ${autoscaling}.BlockDeviceVolume.ebs(30, { encrypted: true }) }]`],
    ])});`);
    lines.push(scope.acknowledge(group, [
        { id: 'AwsSolutions-AS3', reason: 'Scaling events are in the group\'s activity history; add notifications to a topic if your operations need them.' },
        ...(ast.desired !== undefined
            ? [{ id: 'Annotation::@aws-cdk/aws-autoscaling:desiredCapacitySet', reason: 'The model\'s `desired` count is the statically stable steady state: each deployment restores it on purpose.' }]
            : []),
    ]), '');
    scope.declarations.push(...lines);
    // The instances' code reads what they call from /etc/environment, which the user data writes at boot.
    scope.declare(component, {
        expr: group, grantee: group,
        addEnvironment: (key, value) => `${group}.addUserData(\`echo "${key}=\${${value}}" >> /etc/environment\`);`,
    });
}
