import type { ValidationChecks } from 'langium';
import type { ResilAstType } from '../generated/ast.js';
import type { ResilCoreServices } from '../resil-core-module.js';
import { AlbValidator } from './alb-validator.js';
import { AllowValidator } from './allow-validator.js';
import { AwsPlacementValidator } from './aws-placement-validator.js';
import { CallPathValidator } from './call-path-validator.js';
import { CellDeploymentValidator } from './cell-deployment-validator.js';
import { CellValidator } from './cell-validator.js';
import { ConfigValidator } from './config-validator.js';
import { ContainersValidator } from './containers-validator.js';
import { DataValidator } from './data-validator.js';
import { DatabaseValidator } from './database-validator.js';
import { DependencyCycleValidator } from './dependency-cycle-validator.js';
import { DeployAcceptanceValidator } from './deploy-acceptance-validator.js';
import { EdgeValidator } from './edge-validator.js';
import { LambdaValidator } from './lambda-validator.js';
import { NameValidator } from './name-validator.js';
import { NetworkValidator } from './network-validator.js';
import { PropertyValidator } from './property-validator.js';
import { RecoveryValidator } from './recovery-validator.js';
import { ReferenceKindValidator } from './reference-kind-validator.js';
import { RequirementsValidator } from './requirements-validator.js';
import { SharedFateValidator } from './shared-fate-validator.js';
import { StreamsValidator } from './streams-validator.js';
import { SystemChecks } from './system-checks.js';
import { TopologyValidator } from './topology-validator.js';
import { UnknownElementValidator } from './unknown-element-validator.js';
import { ValueRangeValidator } from './value-range-validator.js';
import { ViewValidator } from './view-validator.js';
import { WorkflowValidator } from './workflow-validator.js';

/**
 * Every check by the AST type it runs on, in one map: each concern (a validator module) contributes its checks,
 * and for each type they run in the order listed, which is the order their findings come out.
 */
export function resilChecks(services: ResilCoreServices, allows: AllowValidator): ValidationChecks<ResilAstType> {
    const reporter = services.validation.RuleReporter;
    const names = new NameValidator(reporter);
    const properties = new PropertyValidator(reporter);
    const references = new ReferenceKindValidator(reporter);
    // `checkValues` runs on every type of VALUE_RANGE_TYPES (a test checks).
    const values = new ValueRangeValidator(reporter);
    const cells = new CellValidator(reporter);
    const albs = new AlbValidator(reporter);
    const unknown = new UnknownElementValidator(reporter, services.Grammar);
    const config = new ConfigValidator(reporter, services.config.RuleConfig);
    const lambdas = new LambdaValidator(reporter);
    const containers = new ContainersValidator(reporter);
    const data = new DataValidator(reporter);
    const databases = new DatabaseValidator(reporter);
    const streams = new StreamsValidator(reporter);
    const deployable = new DeployAcceptanceValidator(reporter);
    const topology = new TopologyValidator(reporter);
    const requirements = new RequirementsValidator(reporter);
    const cycles = new DependencyCycleValidator(reporter);
    const network = new NetworkValidator(reporter);
    const aws = new AwsPlacementValidator(reporter);
    const workflows = new WorkflowValidator(reporter);
    const sharedFate = new SharedFateValidator(reporter);
    const edge = new EdgeValidator(reporter);
    const callPaths = new CallPathValidator(reporter);
    const recovery = new RecoveryValidator(reporter);
    const deployments = new CellDeploymentValidator(reporter);
    const system = new SystemChecks(reporter);
    const views = new ViewValidator(reporter);
    return {
        Model: [names.checkModelNotEmpty, properties.checkDuplicates, config.checkConfigFile,
            ...[names.checkNamesAcrossFiles, topology.checkModel, cycles.checkCycles, network.checkModel, sharedFate.checkModel, callPaths.checkModel, recovery.checkModel]
                .map(check => system.once(check))],
        System: names.checkSystemNames,
        Region: [names.checkRegionNames, aws.checkRegion],
        Cell: [names.checkCellNames, values.checkValues, cells.checkAzSubset, deployments.checkWaves],
        Allow: allows.checkAllow,
        Uses: [references.checkUsesTarget, values.checkValues, databases.checkProxy, edge.checkIntegrationTimeout, edge.checkExternalPath],
        Consumes: [references.checkConsumesTarget, deployable.checkSubscription, deployable.checkQueueReader],
        DeadLetter: [references.checkDeadLetterTarget, values.checkValues, deployable.checkDeadLetter],
        FailTarget: [references.checkFailTarget, values.checkValues, values.checkReplicaIndex],
        SurviveRequirement: requirements.check,
        BlastRadiusRequirement: [values.checkValues, requirements.check],
        AvailabilityRequirement: [values.checkValues, requirements.check],
        RecoveryRequirement: [values.checkValues, requirements.check],
        Router: [references.checkRouterOver, values.checkValues, values.checkShuffleShard],
        Lambda: [
            references.checkOnFailure, values.checkValues,
            lambdas.checkVpcMultiAz, lambdas.checkReservedConcurrency, lambdas.checkAsyncDlq, lambdas.checkDeployAlias,
        ],
        Deployment: values.checkValues,
        Ecs: [values.checkValues, values.checkNeeds, containers.checkEcs],
        Capacity: [values.checkValues, values.checkCapacity],
        Eks: [names.checkClusterNames, values.checkValues, containers.checkEks],
        NodeGroup: [values.checkValues, values.checkNodeGroup],
        DynamoDb: [references.checkReplicaSource, values.checkValues, data.checkTable],
        BackupPlan: values.checkValues,
        ElastiCache: [values.checkValues, data.checkCache],
        Kinesis: [names.checkStreamNames, values.checkValues],
        KinesisConsumer: [references.checkOnFailure, values.checkValues, streams.checkConsumer],
        Sqs: [values.checkValues, streams.checkQueue],
        Sns: [values.checkValues, streams.checkTopic],
        Alb: [values.checkValues, albs.checkMultiAz],
        Route53: [references.checkFailoverTargets, values.checkValues],
        Aurora: [references.checkReplicaOf, values.checkValues, databases.checkDatabase],
        Rds: [references.checkReplicaOf, values.checkValues, databases.checkDatabase],
        S3: [references.checkReplicaOf, values.checkValues, databases.checkBucket],
        AutoScalingGroup: [values.checkValues, values.checkAsg, network.checkAsg],
        NatGateway: values.checkValues,
        VpcEndpoint: [values.checkValues, network.checkEndpoint],
        EventBridge: [references.checkEventBridge, values.checkValues, workflows.checkEventBridge],
        EventTarget: [references.checkEventTarget, values.checkValues, workflows.checkEventTarget],
        StepFunctions: [values.checkValues, workflows.checkStepFunctions],
        StepTask: [values.checkValues, workflows.checkTask],
        ApiGateway: [values.checkValues, edge.checkApi],
        Throttle: values.checkValues,
        ApiStage: values.checkValues,
        CloudFront: [references.checkOriginGroup, values.checkValues, edge.checkOrigins],
        Cognito: values.checkValues,
        External: values.checkValues,
        UnknownElement: unknown.report,
        View: [views.checkCollapse, views.checkView],
    };
}

/** Registers the checks of every concern, and what runs before and after them on each document. */
export function registerValidationChecks(services: ResilCoreServices): void {
    const registry = services.validation.ValidationRegistry;
    const reporter = services.validation.RuleReporter;
    const allows = new AllowValidator(reporter);
    // Each run of a document starts with no allow used (the same AST is validated again when settings change).
    registry.registerBeforeDocument(root => reporter.startDocument(root));
    registry.register(resilChecks(services, allows));
    // After every node check of the document: only then is it known which allows were used. Keep this the last
    // registration: a rule reported from a later after-document check would find its allow already called unused.
    allows.registerAfterDocument(registry);
}
