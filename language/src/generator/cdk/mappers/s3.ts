import type { ComponentOf, TopologyComponent } from '../../../model/topology.js';
import { obj } from '../code.js';
import { commentText, physicalName, tsString } from '../identifiers.js';
import type { EmitScope } from '../scope.js';

/**
 * s3 -> a `Bucket` that blocks public access and refuses plain HTTP, versioned when the model says so or when it
 * takes part in replication (S3 requires versioning at both ends). A bucket that another region's bucket names
 * (`replica of`) replicates to it, with Replication Time Control when the replica asks for `rtc on`; the replica gets
 * a fixed name so that the source can name it. `storage one-zone` moves objects to S3 One Zone-IA; `storage express`
 * is an S3 Express One Zone directory bucket in the AZ the model names (by its zone id).
 */
export function declareS3(component: ComponentOf<'s3'>, scope: EmitScope): void {
    const ast = component.ast;
    if (ast.storage === 'express') return declareDirectoryBucket(component, scope);
    const s3 = scope.mod('s3');
    const bucket = scope.variable(ast.name);
    const primary = component.outgoing.find(e => e.kind === 'replica-of' && e.to.kind === 's3' && e.to.region !== component.region)?.to;
    const replicas = component.incoming
        .filter(e => e.kind === 'replica-of' && e.from.kind === 's3' && e.from.region && e.from.region !== component.region)
        .map(e => e.from as ComponentOf<'s3'>);
    const lines = [scope.trace(ast, `s3 ${ast.name}${ast.replicaOf ? ` replica of ${ast.replicaOf.$refText}` : ''}`)];
    const replicationRules = replicas.map((replica, i) => {
        const rtc = replica.ast.rtc === 'on' ? `${s3}.ReplicationTimeValue.FIFTEEN_MINUTES` : undefined;
        return obj([
            ['destination', `${s3}.Bucket.fromBucketAttributes(this, '${scope.constructId(replica.name, 'Replica')}', ${obj([
                ['bucketName', tsString(bucketName(scope, replica))], ['region', tsString(scope.plan.region(replica.region!).code)],
            ])})`],
            ['priority', String(i + 1)],
            ['deleteMarkerReplication', 'true'],
            ['replicationTimeControl', rtc],
            ['metrics', rtc],
        ]);
    });
    const versioned = ast.versioning === 'on' || primary !== undefined || replicas.length > 0;
    lines.push(`const ${bucket} = new ${s3}.Bucket(this, '${scope.constructId(ast.name)}', ${obj([
        ['bucketName', primary && tsString(bucketName(scope, component))],
        ['versioned', String(versioned)],
        ['objectLockEnabled', ast.objectLock === 'on' && 'true'],
        ['blockPublicAccess', `${s3}.BlockPublicAccess.BLOCK_ALL`],
        ['encryption', `${s3}.BucketEncryption.S3_MANAGED`],
        ['enforceSSL', 'true'],
        ['replicationRules', replicationRules.length > 0 && `[${replicationRules.join(', ')}]`],
        ['lifecycleRules', ast.storage === 'one-zone' && `[{ transitions: [{ storageClass: ${s3}.StorageClass.ONE_ZONE_INFREQUENT_ACCESS, transitionAfter: ${scope.core('Duration')}.days(30) }] }]`],
        ['removalPolicy', `${scope.core('RemovalPolicy')}.RETAIN`],
    ])});`);
    if (primary) lines.push(`// Replica of ${commentText(primary.id)}: the source bucket's replication rule names this bucket.`);
    lines.push(...readByCloudFront(component, bucket, scope));
    lines.push(scope.acknowledge(bucket, ['bucketAccessLogs']));
    if (replicas.length > 0) {
        // The replication role CDK creates reads every object version of this bucket and writes each replica bucket's objects.
        const reason = 'S3 replication reads every object version of the source and writes the objects of the replica: it needs the objects of both buckets.';
        lines.push(`${scope.access()}.acknowledgeObjectsOf(${bucket}, ${bucket}, ${tsString(reason)});`);
        for (const replica of replicas) {
            lines.push(scope.acknowledge(bucket, [{ id: `AwsSolutions-IAM5[Resource::arn:aws:s3:::${bucketName(scope, replica)}/*]`, reason }]));
        }
    }
    lines.push('');
    scope.declarations.push(...lines);
    scope.declare(component, { expr: bucket, propType: 's3.IBucket' });
}

/**
 * A bucket that a CloudFront distribution `uses` lets CloudFront read its objects on behalf of the account's
 * distributions (origin access control). The distribution sits in the edge stack, deployed after this one: naming
 * it here would make each stack wait for the other, so the policy names the account's distributions instead.
 */
function readByCloudFront(component: ComponentOf<'s3'>, bucket: string, scope: EmitScope): string[] {
    const distributions = component.incoming.filter(e => e.from.kind === 'cloudfront' && (e.kind === 'uses' || e.kind === 'failover')).map(e => e.from.id);
    if (distributions.length === 0) return [];
    const iam = scope.mod('iam');
    const aws = scope.core('Aws');
    return [
        `// Read by cloudfront ${commentText([...new Set(distributions)].join(', '))} through origin access control.`,
        `${bucket}.addToResourcePolicy(new ${iam}.PolicyStatement(${obj([
            ['principals', `[new ${iam}.ServicePrincipal('cloudfront.amazonaws.com')]`],
            ['actions', `['s3:GetObject']`],
            ['resources', `[${bucket}.arnForObjects('*')]`],
            ['conditions', `{ ArnLike: { 'AWS:SourceArn': \`arn:\${${aws}.PARTITION}:cloudfront::\${${aws}.ACCOUNT_ID}:distribution/*\` } }`],
        ])}));`,
    ];
}

/**
 * What a caller of a bucket gets: read and write on a general purpose bucket, a session on a directory bucket (S3
 * Express authorizes each request through `CreateSession`), and the statement's expression for the bucket's name.
 */
export function bucketAccess(bucket: ComponentOf<'s3'>, expr: string, grantee: string, scope: EmitScope): { grant: string; name: string } {
    if (bucket.ast.storage !== 'express') return { grant: `${scope.access()}.readWriteObjects(${grantee}, ${expr});`, name: `${expr}.bucketName` };
    return {
        grant: `${scope.mod('iam')}.Grant.addToPrincipal({ grantee: ${grantee}, actions: ['s3express:CreateSession'], resourceArns: [${expr}.attrArn] });`,
        name: `${expr}.ref`,
    };
}

/** The fixed name of a replica bucket, which its source's stack in another region names. */
function bucketName(scope: EmitScope, bucket: TopologyComponent): string {
    return physicalName([scope.plan.systemName, bucket.region?.name ?? '', bucket.name], 63).toLowerCase();
}

/** S3 Express One Zone: a directory bucket named `<base>--<zone id>--x-s3` in one AZ. */
function declareDirectoryBucket(component: ComponentOf<'s3'>, scope: EmitScope): void {
    const ast = component.ast;
    const zoneId = component.azs[0]?.zoneId;
    const lines = [scope.trace(ast, `s3 ${ast.name} (S3 Express One Zone)`)];
    if (!zoneId) {
        lines.push(`// not generated: a directory bucket needs the zone id of its AZ (\`az ${commentText(component.azs[0]?.name ?? 'a')} "use1-az4"\`).`, '');
        scope.declarations.push(...lines);
        return;
    }
    const bucket = scope.variable(ast.name);
    const name = `${physicalName([scope.plan.systemName, ast.name], 40).toLowerCase()}--${zoneId}--x-s3`;
    lines.push(`const ${bucket} = new ${scope.mod('s3express')}.CfnDirectoryBucket(this, '${scope.constructId(ast.name)}', ${obj([
        ['bucketName', tsString(name)], ['dataRedundancy', `'SingleAvailabilityZone'`], ['locationName', tsString(zoneId)],
    ])});`, '');
    scope.declarations.push(...lines);
    // Declared in a data stack, a directory bucket reaches its callers as a prop: its type names what they use.
    scope.declare(component, { expr: bucket, propType: `${scope.mod('s3express')}.CfnDirectoryBucket` });
}
