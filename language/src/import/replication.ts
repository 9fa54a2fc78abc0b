import type { ImportedElement } from './design.js';
import { firstOwner, type EdgeContext } from './edge-context.js';
import { prop, stringValue } from './source.js';

/**
 * S3 replication as the source bucket's rules state it: each rule's destination, referenced or named by its ARN (a
 * replica in another region's stack cannot be referenced), and whether Replication Time Control bounds its lag,
 * which the language says on the replica (`rtc on`).
 */
export interface BucketReplication {
    /** Keys of the elements. */
    readonly source: string;
    readonly destination: string;
    readonly timeControl: boolean;
}

const BUCKETS = ['AWS::S3::Bucket', 'aws_s3_bucket'];
const BUCKET_ARN = /^arn:[\w-]+:s3:::([^/*]+)$/;

export function bucketReplications(context: EdgeContext): BucketReplication[] {
    const byName = new Map<string, string>();
    for (const bucket of context.ofTypes(BUCKETS)) {
        const name = stringValue(bucket.view.value(prop('BucketName', 'bucket')));
        const owner = context.owner(bucket.key);
        if (name !== undefined && owner !== undefined && !byName.has(name)) byName.set(name, owner);
    }
    const replications: BucketReplication[] = [];
    for (const config of context.ofTypes(['AWS::S3::Bucket', 'aws_s3_bucket_replication_configuration'])) {
        const source = config.type === 'AWS::S3::Bucket' ? context.owner(config.key) : firstOwner(context, config.view.references(prop(undefined, 'bucket')));
        const rules = config.view.value(prop('ReplicationConfiguration.Rules', 'rule'));
        const count = Array.isArray(rules) ? rules.length : rules !== undefined ? 1 : 0;
        for (let i = 0; source !== undefined && i < count; i++) {
            const at = (cfn: string, tf: string) => prop(`ReplicationConfiguration.Rules.${i}.${cfn}`, `rule.${i}.${tf}`);
            const bucket = at('Destination.Bucket', 'destination.bucket');
            const arn = BUCKET_ARN.exec(stringValue(config.view.value(bucket)) ?? '');
            const destination = firstOwner(context, config.view.references(bucket)) ?? (arn ? byName.get(arn[1]) : undefined);
            if (destination === undefined || destination === source) continue;
            const timeControl = stringValue(config.view.value(at('Destination.ReplicationTime.Status', 'destination.replication_time.status'))) === 'Enabled';
            replications.push({ source, destination, timeControl });
        }
    }
    return replications;
}

/** `rtc on` on each replica whose source's rule turns Replication Time Control on. */
export function withReplicationTimeControl(elements: ImportedElement[], replications: readonly BucketReplication[]): void {
    const timed = new Set(replications.filter(r => r.timeControl).map(r => r.destination));
    for (let i = 0; i < elements.length; i++) {
        const element = elements[i];
        if (element.kind === 's3' && timed.has(element.source.key) && !element.members.includes('rtc on')) {
            elements[i] = { ...element, members: [...element.members, 'rtc on'] };
        }
    }
}
