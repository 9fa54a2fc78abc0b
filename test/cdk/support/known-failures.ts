/**
 * KNOWN_INVARIANT_FAILURES: where today's generator breaks the CDK invariant, each with the defect of issue 13 it
 * belongs to. An entry excuses the findings it matches (step, check or rule id, message) in every generated app: the
 * examples, the fixtures and the random designs. Strike an entry when its defect is fixed; never weaken the check
 * (the app's test/model-check.ts, written from language/src/generator/cdk/model-check-module.ts) instead.
 */
export interface KnownFailure {
    /** model: the app's model check; cdk-nag and cfn-lint: their rule ids. */
    readonly step: 'model' | 'cdk-nag' | 'cfn-lint';
    readonly code: string;
    readonly message: RegExp;
    readonly defect: string;
}

export const KNOWN_INVARIANT_FAILURES: readonly KnownFailure[] = [
    { step: 'model', code: 'entry-internet-facing', message: /load balancer is internal/, defect: 'issue 13: ALBs internet-facing when reached from an entry (route53 www { uses euw1.edge } gives an internal ALB)' },
    { step: 'model', code: 'dns-record', message: /\(route53\) uses .*no Route 53 record points at it/, defect: 'issue 13: Route 53 simple records (route53 www { uses euw1.edge } generates no DNS record)' },
    { step: 'model', code: 'uses-service', message: /no resource relation realises it/, defect: 'issue 13: service-to-service `uses` is dropped with only a comment' },
    { step: 'model', code: 'uses', message: /\((eks|alb|router)\) uses .*no resource relation realises it/, defect: 'issue 13: service-to-service `uses` is dropped with only a comment (an EKS cluster that uses a data service)' },
    { step: 'model', code: 'uses-router', message: /its target has no resource in the app/, defect: 'issue 13: a real cell router (the router is a comment)' },
    { step: 'model', code: 'router', message: /no resource routes requests to the cell replicas/, defect: 'issue 13: a real cell router (the router is a comment; cell services have no target groups)' },
    { step: 'model', code: 'replica-of', message: /creates a table of its own instead of reading the replica/, defect: 'issue 13: standby cells with `replica of` create new empty tables and read those' },
    { step: 'model', code: 'property', message: /deploy-rolls-back-on-alarm/, defect: 'issue 13: CodeDeploy groups have no alarms, so a failed deployment does not roll the alias back' },
    {
        step: 'cdk-nag', code: 'Serverless-LambdaEventSourceMappingDestination', message: /KinesisEventSource/,
        defect: 'issue 13 (found by the random designs): a Lambda that consumes a Kinesis stream directly gets no on-failure destination for its event source; synthesis fails and resil check says nothing',
    },
    {
        step: 'cfn-lint', code: 'E3049', message: /HealthCheckPort/,
        defect: 'issue 13 (found by the random designs): the target group of an ECS-on-EC2 service (bridge mode, dynamic host port) health-checks a fixed port instead of traffic-port',
    },
];

/** The findings of one step that no known failure excuses: what fails the invariant. */
export function unexcused<V extends { code: string; message: string }>(violations: readonly V[], step: KnownFailure['step'] = 'model'): V[] {
    return violations.filter(v => !KNOWN_INVARIANT_FAILURES.some(k => k.step === step && k.code === v.code && k.message.test(v.message)));
}
