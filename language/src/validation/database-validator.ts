import type { ValidationAcceptor } from 'langium';
import type { Aurora, Rds, S3, Uses } from '../generated/ast.js';
import { occupiedAzs, rdsInstances, topologyOfNode, type TopologyComponent } from '../model/topology.js';
import { parseDuration } from '../util/durations.js';
import { andList } from '../util/wording.js';
import type { RuleReporter } from './rule-reporter.js';

/** The shortest automated-backup retention the rules accept: a week of restore points (AWS's default is one day). */
export const MIN_BACKUP_DAYS = 7;

/**
 * A Lambda whose reserved concurrency reaches this (or that has none, and so may scale to the account's limit) opens
 * enough connections at once to exhaust a database's connection slots without RDS Proxy to pool them.
 */
export const PROXY_CONCURRENCY = 100;

type Database = Aurora | Rds;

/**
 * Rules for Aurora, RDS and S3, from AWS guidance: instances over several AZs, automated backups, deletion
 * protection, a copy in another region when the design must survive a region, RDS Proxy in front of Lambda, S3
 * versioning on a data path (and none on an S3 Express bucket, which cannot be versioned).
 */
export class DatabaseValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkDatabase = (database: Database, accept: ValidationAcceptor): void => {
        const component = topologyOfNode(database).componentOf(database);
        if (component) this.checkSpread(database, component, accept);
        this.checkBackups(database, accept);
        if (database.deletionProtection !== 'on') {
            this.reporter.report(accept, 'database-deletion-protection',
                `${describe(database)} has no deletion protection: one mistaken \`delete\` (a stack teardown, an operator, a script) removes the database and its automated backups. Add \`deletion protection on\`.`,
                database.deletionProtection ? { node: database, property: 'deletionProtection' } : { node: database, property: 'name' });
        }
        if (component) this.checkRegionCopy(database, component, accept);
    };

    readonly checkBucket = (bucket: S3, accept: ValidationAcceptor): void => {
        if (bucket.storage === 'express') {
            // A directory bucket has no versioning to turn on: s3-versioning's fix does not exist for it.
            if (bucket.versioning === 'on') {
                this.reporter.report(accept, 's3-express-versioning',
                    `S3 bucket \`${bucket.name}\` is an S3 Express One Zone directory bucket, which S3 cannot version: no earlier version of an object exists to restore, and the generated app has nothing to turn on. Remove \`versioning on\`, and keep what the bucket holds rebuildable from a versioned bucket or a table.`,
                    { node: bucket, property: 'versioning' });
            }
            return;
        }
        const component = topologyOfNode(bucket).componentOf(bucket);
        const readers = component?.incoming.filter(e => e.kind === 'uses').map(e => `\`${e.from.id}\``) ?? [];
        if (bucket.versioning !== 'on' && readers.length > 0) {
            this.reporter.report(accept, 's3-versioning',
                `S3 bucket \`${bucket.name}\` is on the data path of ${andList(readers)} without versioning: an overwrite or delete (a bug, a faulty deploy, ransomware) destroys the only copy of an object. Add \`versioning on\`.`,
                bucket.versioning ? { node: bucket, property: 'versioning' } : { node: bucket, property: 'name' });
        }
    };

    /** `rds-proxy`: on the `uses` line of a Lambda that may open more connections at once than a database holds. */
    readonly checkProxy = (uses: Uses, accept: ValidationAcceptor): void => {
        const caller = uses.$container;
        const target = uses.target?.ref;
        if (caller.$type !== 'Lambda' || (target?.$type !== 'Aurora' && target?.$type !== 'Rds') || target.proxy === 'on') return;
        const concurrency = caller.concurrency;
        if (concurrency !== undefined && concurrency < PROXY_CONCURRENCY) return;
        const scale = concurrency === undefined ? 'no reserved concurrency (it may scale to the account\'s limit)' : `a concurrency of ${concurrency}`;
        this.reporter.report(accept, 'rds-proxy',
            `Lambda \`${caller.name}\` has ${scale} and calls ${describe(target)} without RDS Proxy: a burst opens a connection per instance, exhausts the database's connections and fails every caller (a connection storm). Add \`proxy on\` to \`${target.name}\` to pool them.`,
            { node: uses });
    };

    /** `database-spread`: a cluster or Multi-AZ deployment must have instances in two AZs to fail over. */
    private checkSpread(database: Database, component: TopologyComponent, accept: ValidationAcceptor): void {
        const occupied = occupiedAzs(component);
        const multi = database.$type === 'Aurora' || rdsInstances(database) > 1;
        if (!multi || occupied.length === 0 || occupied.length >= 2) return;
        const how = database.$type === 'Aurora'
            ? (database.readers ?? 0) > 0 ? 'list a second AZ for its readers' : component.azs.length > 1 ? 'add `readers 1`' : 'add `readers 1` and list a second AZ'
            : 'list a second AZ for its standby';
        this.reporter.report(accept, 'database-spread',
            `${describe(database)} has all its instances in ${occupied[0].id}: when that AZ fails, no instance elsewhere can take over and the database stops. To fail over, ${how}.`,
            database.azs.length > 0 ? { node: database, property: 'azs' } : { node: database, property: 'name' });
    }

    private checkBackups(database: Database, accept: ValidationAcceptor): void {
        const retention = database.backupRetention;
        const seconds = retention === undefined ? undefined : parseDuration(retention).seconds;
        if (seconds !== undefined && seconds >= MIN_BACKUP_DAYS * 86400) return;
        if (retention !== undefined && seconds === undefined) return; // an unknown unit: value-range reports it
        const what = retention === undefined ? 'sets no backup retention (AWS keeps one day)' : `keeps backups only ${retention}`;
        this.reporter.report(accept, 'database-backups',
            `${describe(database)} ${what}: a corruption or bad write noticed later than that cannot be restored. Keep at least ${MIN_BACKUP_DAYS} days: \`backup retain ${MIN_BACKUP_DAYS}d\`.`,
            retention === undefined ? { node: database, property: 'name' } : { node: database, property: 'backupRetention' });
    }

    /** `database-region-replica`: with `require survive region-loss`, a primary database needs a copy in another region. */
    private checkRegionCopy(database: Database, component: TopologyComponent, accept: ValidationAcceptor): void {
        const system = topologyOfNode(database).system;
        const required = system?.requirements.some(r => r.$type === 'SurviveRequirement' && r.loss === 'region-loss');
        if (!required) return;
        const replicated = [...component.outgoing, ...component.incoming]
            .some(e => e.kind === 'replica-of' && e.from.region !== e.to.region);
        if (replicated) return;
        const copy = database.$type === 'Aurora' ? `a secondary cluster in another region (\`aurora ${database.name} replica of ${component.id}\`, an Aurora global database)`
            : `a cross-region read replica (\`rds ${database.name} replica of ${component.id}\` in another region)`;
        this.reporter.report(accept, 'database-region-replica',
            `The design must survive a region loss, but ${describe(database)} has no copy outside ${component.region?.id ?? 'its region'}: losing the region loses its data and every service that needs it. Add ${copy}.`,
            { node: database, property: 'name' });
    }
}

function describe(database: Database): string {
    return database.$type === 'Aurora' ? `Aurora cluster \`${database.name}\`` : `RDS database \`${database.name}\``;
}
