import type { PlacementConstraint, PlacementStrategy } from '../../../generated/ast.js';
import type { ComponentOf } from '../../../model/topology.js';
import { arr, obj, type Entries } from '../code.js';
import { tsString } from '../identifiers.js';
import type { EmitScope } from '../scope.js';
import { checkedValue, int } from '../values.js';
import { notGenerated } from './targets.js';

/**
 * ecs -> a task definition and a Fargate or EC2 service of the scope's cluster, its tasks in the model's AZs.
 * EC2 services keep the model's placement strategies and constraints and get an Auto Scaling group in the same AZs.
 */
export function declareEcs(component: ComponentOf<'ecs'>, scope: EmitScope): void {
    const ast = component.ast;
    const ecs = scope.mod('ecs');
    const cluster = scope.ecsCluster();
    const ec2Launch = ast.launch === 'ec2';
    const service = scope.variable(ast.name);
    const task = scope.variable(ast.name, 'Task');
    const container = scope.variable(ast.name, 'Container');
    const tasks = component.capacity?.total ?? ast.tasks;
    const lines = [scope.trace(ast, `ecs ${ast.name} (${ec2Launch ? 'EC2' : 'Fargate'})`)];
    if (ast.needs !== undefined && tasks !== undefined) {
        lines.push(`// ${tasks} tasks over ${component.azs.length} AZs; the model needs ${ast.needs} at peak, also with one AZ down.`);
    }
    lines.push(ec2Launch
        ? `const ${task} = new ${ecs}.Ec2TaskDefinition(this, '${scope.constructId(ast.name, 'Task')}');`
        : `const ${task} = new ${ecs}.FargateTaskDefinition(this, '${scope.constructId(ast.name, 'Task')}', { cpu: 512, memoryLimitMiB: 1024 });`);
    lines.push(`const ${container} = ${task}.addContainer('app', ${obj([
        ['image', `${scope.placeholders()}.containerImage()`],
        ['memoryLimitMiB', ec2Launch && '512'],
        ['portMappings', '[{ containerPort: 80 }]'],
        ['logging', `${ecs}.LogDrivers.awsLogs(${obj([['streamPrefix', tsString(ast.name)], ['logRetention', `${scope.mod('logs')}.RetentionDays.ONE_MONTH`]])})`],
    ])});`);
    const capacityProvider = ec2Launch ? scope.variable(ast.name, 'Capacity') : undefined;
    if (capacityProvider) lines.push(...capacity(component, scope, cluster, capacityProvider));
    const entries: Entries = [
        ['cluster', cluster],
        ['taskDefinition', task],
        ['desiredCount', int(tasks, 0, 5000)],
        ['minHealthyPercent', '100'],
        ['circuitBreaker', '{ rollback: true }'],
        ['vpcSubnets', !ec2Launch && component.azs.length > 0 && scope.subnets(component.azs)],
        ['capacityProviderStrategies', capacityProvider && `[{ capacityProvider: ${capacityProvider}.capacityProviderName, weight: 1 }]`],
        ['placementStrategies', ec2Launch && ast.placement.length > 0 && arr(ast.placement.map(p => strategy(p, ecs)))],
        ['placementConstraints', ec2Launch && ast.constraints.length > 0 && arr(ast.constraints.map(c => constraint(c, ecs)))],
    ];
    if (!ec2Launch && ast.placement.length + ast.constraints.length > 0) {
        lines.push(notGenerated(scope, ast, 'placement and constraint lines: Fargate places tasks itself, spread over the subnets\' AZs (they apply to launch ec2)'));
    }
    lines.push(`const ${service} = new ${ecs}.${ec2Launch ? 'Ec2Service' : 'FargateService'}(this, '${scope.constructId(ast.name)}', ${obj(entries)});`, '');
    scope.declarations.push(...lines);
    let environmentAcknowledged = false;
    scope.declare(component, {
        expr: service, grantee: `${task}.taskRole`,
        addEnvironment: (key, value) => {
            const statement = `${container}.addEnvironment('${key}', ${value});`;
            if (environmentAcknowledged) return statement;
            environmentAcknowledged = true;
            return `${statement}\n${scope.acknowledge(task, ['taskEnvironment'])}`;
        },
    });
}

/**
 * The EC2 instances of the service: an Auto Scaling group in the model's AZs (encrypted volumes, IMDSv2) behind a
 * capacity provider with managed draining, so ECS moves tasks off an instance before Auto Scaling removes it.
 */
function capacity(component: ComponentOf<'ecs'>, scope: EmitScope, cluster: string, provider: string): string[] {
    const ast = component.ast;
    const ec2 = scope.mod('ec2');
    const ecs = scope.mod('ecs');
    const autoscaling = scope.mod('autoscaling');
    const group = scope.variable(ast.name, 'Instances');
    const cap = ast.capacity;
    const min = Math.max(component.azs.length, Math.round(cap?.min ?? component.azs.length));
    const max = Math.max(min, Math.round(cap?.max ?? min));
    const instanceType = `new ${ec2}.InstanceType(${tsString(checkedValue(scope, 'EC2 instance type', cap?.instanceType, component.id))})`;
    const machineImage = `${ecs}.EcsOptimizedImage.amazonLinux2023()`;
    const spot = cap?.spot ? spotLaunchTemplate(component, scope, instanceType, machineImage) : undefined;
    const lines = spot ? [...spot.lines] : [`// capacity: EC2 instances in the model's AZs.`];
    lines.push(
        `const ${group} = new ${autoscaling}.AutoScalingGroup(this, '${scope.constructId(ast.name, 'Instances')}', ${obj([
            ['vpc', scope.vpc()],
            ['vpcSubnets', component.azs.length > 0 && scope.subnets(component.azs)],
            ['instanceType', !spot && instanceType],
            ['machineImage', !spot && machineImage],
            ['mixedInstancesPolicy', spot && obj([
                ['launchTemplate', spot.template],
                ['instancesDistribution', obj([
                    ['onDemandPercentageAboveBaseCapacity', '0'],
                    ['spotAllocationStrategy', `${autoscaling}.SpotAllocationStrategy.PRICE_CAPACITY_OPTIMIZED`],
                ])],
            ])],
            ['minCapacity', String(min)],
            ['maxCapacity', String(max)],
            ['requireImdsv2', !spot && 'true'],
            ['blockDevices', !spot && `[{ deviceName: '/dev/xvda', volume: ${autoscaling}.BlockDeviceVolume.ebs(30, { encrypted: true }) }]`],
        ])});`,
        `const ${provider} = new ${ecs}.AsgCapacityProvider(this, '${scope.constructId(ast.name, 'Capacity')}', ${obj([
            // Spot instances get a two-minute interruption notice: managed draining moves their tasks off in time.
            ['autoScalingGroup', group], ['enableManagedDraining', 'true'], ['enableManagedTerminationProtection', 'false'],
        ])});`,
    );
    return [
        ...lines,
        `${cluster}.addAsgCapacityProvider(${provider});`,
        scope.part(group, component),
        scope.part(provider, component),
        // Bridge networking puts tasks behind the instances' security group: through the cluster's, callers reach them.
        `${cluster}.connections.addSecurityGroup(...${group}.connections.securityGroups);`,
        scope.acknowledge(group, ['ecsInstanceRole', 'ecsInstancePolicy', 'ecsInstanceDiscovery', 'autoScalingNotifications']),
        ...(spot ? [
            scope.acknowledge(spot.role, ['ecsInstancePolicy', 'ecsInstanceDiscovery']),
            scope.acknowledge(group, [{
                id: 'AwsSolutions-EC26',
                reason: `Its volumes are encrypted in launch template ${spot.template}, which the group runs through a mixed instances policy (cdk-nag reads only a group's direct launch template).`,
            }]),
        ] : []),
    ];
}

/**
 * `capacity ... spot`: the instances come from a launch template (an ECS-optimized image, IMDSv2, encrypted
 * volumes, its own role) that the group runs as spot only, on the pools least likely to be reclaimed.
 */
function spotLaunchTemplate(component: ComponentOf<'ecs'>, scope: EmitScope, instanceType: string, machineImage: string):
    { template: string; role: string; lines: string[] } {
    const ast = component.ast;
    const ec2 = scope.mod('ec2');
    const iam = scope.mod('iam');
    const template = scope.variable(ast.name, 'SpotTemplate');
    const role = scope.variable(ast.name, 'InstanceRole');
    return {
        template, role,
        lines: [
            `// capacity: spot EC2 instances in the model's AZs (model: ${scope.plan.trace(ast)}).`,
            `const ${role} = new ${iam}.Role(this, '${scope.constructId(ast.name, 'InstanceRole')}', { assumedBy: new ${iam}.ServicePrincipal('ec2.amazonaws.com') });`,
            `const ${template} = new ${ec2}.LaunchTemplate(this, '${scope.constructId(ast.name, 'SpotTemplate')}', ${obj([
                ['instanceType', instanceType],
                ['machineImage', machineImage],
                // The ECS agent's configuration is added to it when the group joins the cluster.
                ['userData', `${ec2}.UserData.forLinux()`],
                ['role', role],
                ['securityGroup', `new ${ec2}.SecurityGroup(this, '${scope.constructId(ast.name, 'InstancesSecurityGroup')}', { vpc: ${scope.vpc()} })`],
                ['requireImdsv2', 'true'],
                ['blockDevices', `[{ deviceName: '/dev/xvda', volume: ${ec2}.BlockDeviceVolume.ebs(30, { encrypted: true }) }]`],
            ])});`,
        ],
    };
}

function strategy(p: PlacementStrategy, ecs: string): string {
    if (p.kind === 'spread') {
        if (p.field === 'az') return `${ecs}.PlacementStrategy.spreadAcross(${ecs}.BuiltInAttributes.AVAILABILITY_ZONE)`;
        return `${ecs}.PlacementStrategy.spreadAcrossInstances()`;
    }
    if (p.kind === 'binpack') return p.field === 'cpu' ? `${ecs}.PlacementStrategy.packedByCpu()` : `${ecs}.PlacementStrategy.packedByMemory()`;
    return `${ecs}.PlacementStrategy.randomly()`;
}

function constraint(c: PlacementConstraint, ecs: string): string {
    if (c.kind === 'member-of') return `${ecs}.PlacementConstraint.memberOf(${tsString(c.expression ?? '')})`;
    return `${ecs}.PlacementConstraint.distinctInstances()`;
}

