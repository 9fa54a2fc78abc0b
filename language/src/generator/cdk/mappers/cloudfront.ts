import type { ComponentOf, DependencyEdge, TopologyComponent } from '../../../model/topology.js';
import { arr, obj } from '../code.js';
import { commentText, pascalCase, tsString } from '../identifiers.js';
import type { EmitScope } from '../scope.js';
import { notGenerated } from './targets.js';

type Distribution = ComponentOf<'cloudfront'>;

/** The kinds a distribution takes as origins: buckets (through origin access control), load balancers and APIs. */
export function isOriginKind(kind: TopologyComponent['kind']): boolean {
    return kind === 's3' || kind === 'alb' || kind === 'apigateway';
}

/** An origin of the distribution: the variable holding it and whether its answers may be cached. */
interface Origin {
    readonly variable: string;
    readonly component: TopologyComponent;
    readonly cached: boolean;
}

/**
 * cloudfront -> a `Distribution` in the app's edge stack (us-east-1), whose origins are the model's `uses` edges: a
 * bucket through origin access control (its bucket policy lets CloudFront read it, s3.ts), an internet-facing load
 * balancer, or an API's stage. `origin group primary X secondary Y` is an origin group that fails over from X to Y
 * on errors and serves the default behavior; every other origin gets its own path (`/<name>/*`). `waf on`: a WAFv2
 * web ACL of scope CLOUDFRONT (AWS keeps those in us-east-1) with AWS's common rule set.
 */
export function declareDistribution(component: Distribution, scope: EmitScope): void {
    const ast = component.ast;
    const cloudfront = scope.mod('cloudfront');
    const lines = [scope.trace(ast, `cloudfront ${ast.name}`)];
    const origins = new Map<TopologyComponent, Origin>();
    for (const edge of component.outgoing.filter(e => e.kind === 'uses' || e.kind === 'failover')) {
        if (origins.has(edge.to)) continue;
        const origin = declareOrigin(component, edge, scope, lines);
        if (origin) origins.set(edge.to, origin);
    }
    const primary = ast.primary?.ref && component.outgoing.find(e => e.kind === 'failover' && e.to.ast === ast.primary?.ref)?.to;
    const secondary = ast.secondary?.ref && component.outgoing.find(e => e.kind === 'failover' && e.to.ast === ast.secondary?.ref)?.to;
    const group = primary && secondary ? [origins.get(primary), origins.get(secondary)] : [];
    let defaultOrigin: { expr: string; cached: boolean; failover: boolean } | undefined;
    if (group[0] && group[1]) {
        const variable = scope.variable(ast.name, 'OriginGroup');
        lines.push(`// origin group: requests fail over from ${commentText(group[0].component.id)} to ${commentText(group[1].component.id)} when it answers with an error or does not answer.`,
            `const ${variable} = new ${scope.mod('cloudfrontOrigins')}.OriginGroup(${obj([
                ['primaryOrigin', group[0].variable], ['fallbackOrigin', group[1].variable], ['fallbackStatusCodes', '[500, 502, 503, 504]'],
            ])});`);
        defaultOrigin = { expr: variable, cached: group[0].cached && group[1].cached, failover: true };
    } else if (primary || secondary) {
        lines.push(notGenerated(scope, ast, `origin group of cloudfront ${commentText(component.id)} (its primary and secondary must both be origins the distribution reaches: a bucket, a load balancer or an API outside cells)`));
    }
    const grouped = new Set([primary, secondary]);
    const rest = [...origins.values()].filter(o => !defaultOrigin || !grouped.has(o.component));
    if (!defaultOrigin && rest[0]) defaultOrigin = { expr: rest[0].variable, cached: rest[0].cached, failover: false };
    const behaviors = (defaultOrigin?.failover ? rest : rest.slice(1)).map(o => [tsString(`/${pathOf(o.component)}/*`), behavior(scope, o.variable, o.cached, false)] as const);
    const webAcl = ast.waf === 'on' ? webAclOf(component, scope, lines) : undefined;
    const distribution = scope.variable(ast.name);
    if (!defaultOrigin) {
        lines.push(notGenerated(scope, ast, `cloudfront ${commentText(component.id)} (it has no origin the app can point at: give it \`uses\` of a bucket, a load balancer or an API outside cells)`), '');
        scope.declarations.push(...lines);
        return;
    }
    lines.push(`const ${distribution} = new ${cloudfront}.Distribution(this, '${scope.constructId(ast.name)}', ${obj([
        ['comment', tsString(commentText(`cloudfront ${component.id} (${scope.plan.trace(ast)})`, 120))],
        ['defaultBehavior', behavior(scope, defaultOrigin.expr, defaultOrigin.cached, defaultOrigin.failover)],
        ['additionalBehaviors', behaviors.length > 0 && obj(behaviors, 0)],
        ['webAclId', webAcl && `${webAcl}.attrArn`],
        ['httpVersion', `${cloudfront}.HttpVersion.HTTP2_AND_3`],
        ['priceClass', `${cloudfront}.PriceClass.PRICE_CLASS_ALL`],
    ])});`);
    lines.push(scope.acknowledge(distribution, [
        { id: 'AwsSolutions-CFR1', reason: 'The design restricts no country: add geoRestriction where your organisation must.' },
        { id: 'AwsSolutions-CFR3', reason: 'Standard logs need a log bucket that accepts ACLs: point enableLogging at your organisation\'s log bucket.' },
        { id: 'AwsSolutions-CFR4', reason: 'The default *.cloudfront.net certificate allows TLS 1.0 viewers: give the distribution a custom domain with your ACM certificate and TLS 1.2.' },
        ...(webAcl ? [] : [{ id: 'AwsSolutions-CFR2', reason: `The model gives ${commentText(component.id)} no web ACL (\`waf on\` adds one).` }]),
    ]));
    lines.push('');
    scope.declarations.push(...lines);
    scope.declare(component, { expr: distribution, endpoint: `${distribution}.distributionDomainName` });
}

/** The path prefix of an origin that does not serve the default behavior: its model name. */
function pathOf(component: TopologyComponent): string {
    return component.name.replace(/[^A-Za-z0-9_-]/g, '-');
}

/**
 * A behavior: HTTPS for viewers; a bucket's answers cached, an API's or a load balancer's passed through uncached
 * with every method. Origin failover only retries GET, HEAD and OPTIONS: CloudFront allows no more on an origin group.
 */
function behavior(scope: EmitScope, origin: string, cached: boolean, failover: boolean): string {
    const cloudfront = scope.mod('cloudfront');
    return obj([
        ['origin', origin],
        ['viewerProtocolPolicy', `${cloudfront}.ViewerProtocolPolicy.REDIRECT_TO_HTTPS`],
        ['allowedMethods', `${cloudfront}.AllowedMethods.${cached || failover ? 'ALLOW_GET_HEAD_OPTIONS' : 'ALLOW_ALL'}`],
        ['cachePolicy', `${cloudfront}.CachePolicy.${cached ? 'CACHING_OPTIMIZED' : 'CACHING_DISABLED'}`],
        ['originRequestPolicy', !cached && `${cloudfront}.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER`],
    ], 0);
}

/** One origin of a `uses` or `failover` edge, declared in `lines`; undefined (and listed) when the app cannot reach it. */
function declareOrigin(component: Distribution, edge: DependencyEdge, scope: EmitScope, lines: string[]): Origin | undefined {
    const to = edge.to;
    const handle = to.cell ? undefined : scope.handle(to);
    const origins = scope.mod('cloudfrontOrigins');
    const variable = scope.variable(to.name, 'Origin');
    if (handle && to.kind === 's3' && to.ast.storage !== 'express') {
        // The bucket is imported by its attributes: the policy that lets this distribution read it lives with the
        // bucket (s3.ts), so that the bucket's stack never depends on this one.
        const s3 = scope.mod('s3');
        lines.push(`const ${variable} = ${origins}.S3BucketOrigin.withOriginAccessControl(${s3}.Bucket.fromBucketAttributes(this, '${scope.constructId(to.name, 'Origin')}', ${obj([
            ['bucketArn', `${handle.expr}.bucketArn`], ['bucketRegionalDomainName', `${handle.expr}.bucketRegionalDomainName`],
        ])}), ${obj([['originAccessLevels', `[${scope.mod('cloudfront')}.AccessLevel.READ]`]])});`,
        `${scope.core('Annotations')}.of(this).acknowledgeWarning('@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac', ${tsString(`The policy of ${commentText(to.id)} lets CloudFront read it (its own stack).`)});`);
        return { variable, component: to, cached: true };
    }
    if (handle && to.kind === 'alb') {
        // The load balancer's listener speaks HTTP (the design gives it no certificate).
        lines.push(`const ${variable} = new ${origins}.LoadBalancerV2Origin(${handle.expr}, { protocolPolicy: ${scope.mod('cloudfront')}.OriginProtocolPolicy.HTTP_ONLY });`);
        lines.push(scope.acknowledge('this', [{ id: 'AwsSolutions-CFR5', reason: `The listener of ${commentText(to.id)} speaks HTTP: give it an HTTPS listener with your certificate and set protocolPolicy HTTPS_ONLY.` }]));
        return { variable, component: to, cached: false };
    }
    if (handle?.endpoint && to.kind === 'apigateway') {
        const core = (name: string) => scope.core(name);
        const stage = to.ast.stages[0]?.name ?? (to.ast.api === 'http' ? '$default' : 'prod');
        lines.push(`// The API's stage URL is https://<id>.execute-api.<region>.amazonaws.com/<stage>/: its host is the origin, its stage the origin path.`,
            `const ${variable} = new ${origins}.HttpOrigin(${core('Fn')}.select(2, ${core('Fn')}.split('/', ${handle.endpoint})), ${obj([
                ['originPath', stage !== '$default' && tsString(`/${stage}`)],
                ['protocolPolicy', `${scope.mod('cloudfront')}.OriginProtocolPolicy.HTTPS_ONLY`],
            ])});`);
        return { variable, component: to, cached: false };
    }
    const why = to.cell ? 'services inside a cell are reached through its router' : isOriginKind(to.kind) ? 'no resource of the app to point at' : 'CloudFront origins here are buckets, load balancers and APIs';
    lines.push(notGenerated(scope, edge.source, `origin ${commentText(`${to.kind} ${to.id}`)} of cloudfront ${commentText(component.id)} (${why})`));
    return undefined;
}

/** A WAFv2 web ACL for CloudFront: allows by default, blocks what AWS's common rule set matches, with metrics. */
function webAclOf(component: Distribution, scope: EmitScope, lines: string[]): string {
    const wafv2 = scope.mod('wafv2');
    const acl = scope.variable(component.name, 'WebAcl');
    const metric = `${pascalCase(component.name)}WebAcl`;
    const visibility = (name: string) => obj([['cloudWatchMetricsEnabled', 'true'], ['metricName', tsString(name)], ['sampledRequestsEnabled', 'true']]);
    lines.push(`const ${acl} = new ${wafv2}.CfnWebACL(this, '${scope.constructId(component.name, 'WebAcl')}', ${obj([
        ['scope', `'CLOUDFRONT'`],
        ['defaultAction', '{ allow: {} }'],
        ['visibilityConfig', visibility(metric)],
        ['rules', arr([obj([
            ['name', `'AWSManagedRulesCommonRuleSet'`],
            ['priority', '0'],
            ['overrideAction', '{ none: {} }'],
            ['statement', `{ managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } }`],
            ['visibilityConfig', visibility(`${metric}Common`)],
        ])])],
    ])});`);
    return acl;
}
