import type { ComponentOf, TopologyAz, TopologyComponent } from '../../../model/topology.js';
import { arr, obj, type Entries } from '../code.js';
import { commentText, physicalName, tsString } from '../identifiers.js';
import type { EmitScope } from '../scope.js';
import { wholeDays } from '../values.js';

/**
 * aurora -> an Aurora `DatabaseCluster` whose writer sits in the model's first AZ and whose readers round-robin over
 * the AZs after it (as the topology counts them), with its backup retention and deletion protection. A cluster that
 * another region's cluster names (`replica of`) becomes the primary of a global database; the secondary joins it.
 * rds -> a `DatabaseInstance` (single-AZ in the first AZ, or Multi-AZ with its standby), or for `multi-az cluster`
 * a Multi-AZ DB cluster with two readable standbys.
 */

/** Non-default ports (cdk-nag AwsSolutions-RDS11): scanners probe the defaults. */
const PORTS = { mysql: 3307, mariadb: 3307, postgres: 5433 } as const;

/** CloudWatch log exports per engine (cdk-nag AwsSolutions-RDS16 for Aurora MySQL). */
const LOG_EXPORTS = { mysql: ['audit', 'error', 'general', 'slowquery'], mariadb: ['audit', 'error', 'general', 'slowquery'], postgres: ['postgresql'] } as const;

/** AWS keeps automated backups at most 35 days; the model's retention, else the 7 days the rules ask for. */
function retentionDays(text: string | undefined): number {
    return Math.min(35, wholeDays(text) ?? 7);
}

/** The name of the global database a primary cluster leads: both regions' stacks derive it alike. */
export function globalDatabaseName(scope: EmitScope, primary: TopologyComponent): string {
    return physicalName([scope.plan.systemName, primary.region?.name ?? '', primary.name, 'global'], 63);
}

function protection(scope: EmitScope, ast: ComponentOf<'aurora' | 'rds'>['ast']): Entries {
    return [
        ['storageEncrypted', 'true'],
        ['iamAuthentication', 'true'],
        ['deletionProtection', String(ast.deletionProtection === 'on')],
        ['removalPolicy', `${scope.core('RemovalPolicy')}.SNAPSHOT`],
    ];
}

/** What both mappers start from: the modules, the construct's variable, the engine (PostgreSQL unless said) and AZs. */
function start(component: ComponentOf<'aurora'> | ComponentOf<'rds'>, scope: EmitScope) {
    return {
        rds: scope.mod('rds'),
        ec2: scope.mod('ec2'),
        variable: scope.variable(component.ast.name),
        engine: component.ast.engine ?? ('postgres' as const),
        // Each AZ as an expression: its name, or for an AZ the model gives by id, the name of the subnet placed by that id.
        azNames: component.azs.map(az => scope.azName(az)).filter((n): n is string => n !== undefined),
    };
}

export function declareAurora(component: ComponentOf<'aurora'>, scope: EmitScope): void {
    const ast = component.ast;
    const { rds, ec2, variable: cluster, engine, azNames } = start(component, scope);
    const readers = Math.max(0, Math.min(15, Math.round(ast.readers ?? 0)));
    const instanceType = `${ec2}.InstanceType.of(${ec2}.InstanceClass.R6G, ${ec2}.InstanceSize.LARGE)`;
    const instance = (id: string, az: string | undefined): string =>
        `${rds}.ClusterInstance.provisioned(${tsString(id)}, ${obj([['instanceType', instanceType], ['availabilityZone', az]])})`;
    const engineExpr = engine === 'mysql'
        ? `${rds}.DatabaseClusterEngine.auroraMysql({ version: ${rds}.AuroraMysqlEngineVersion.VER_3_08_2 })`
        : `${rds}.DatabaseClusterEngine.auroraPostgres({ version: ${rds}.AuroraPostgresEngineVersion.VER_16_6 })`;
    const primary = component.outgoing.find(e => e.kind === 'replica-of' && e.to.kind === 'aurora' && e.to.region !== component.region)?.to;
    const secondaries = component.incoming.filter(e => e.kind === 'replica-of' && e.from.region !== component.region);
    const lines = [scope.trace(ast, `aurora ${ast.name}${ast.replicaOf ? ` replica of ${ast.replicaOf.$refText}` : ''}`)];
    const key = primary ? scope.variable(ast.name, 'Key') : undefined;
    if (key) {
        // A secondary of an encrypted global database needs a key of its own region.
        lines.push(`const ${key} = new ${scope.mod('kms')}.Key(this, '${scope.constructId(ast.name, 'Key')}', { enableKeyRotation: true });`);
    }
    lines.push(`const ${cluster} = new ${rds}.DatabaseCluster(this, '${scope.constructId(ast.name)}', ${obj([
        ['engine', engineExpr],
        ['writer', instance('Writer', azNames[0])],
        ['readers', readers > 0 && arr(Array.from({ length: readers }, (_, i) => instance(`Reader${i + 1}`, azNames[(i + 1) % azNames.length])))],
        ['vpc', scope.vpc()],
        ['vpcSubnets', scope.subnets(subnetGroupAzs(component))],
        ['port', String(PORTS[engine])],
        ['backup', `{ retention: ${scope.core('Duration')}.days(${retentionDays(ast.backupRetention)}) }`],
        ...protection(scope, ast),
        ['storageEncryptionKey', key],
        ['cloudwatchLogsExports', arr(LOG_EXPORTS[engine].map(tsString))],
        // Aurora global databases do not support backtracking.
        ['backtrackWindow', engine === 'mysql' && !primary && secondaries.length === 0 ? `${scope.core('Duration')}.hours(24)` : undefined],
    ])});`);
    if (primary) {
        const cfn = scope.variable(ast.name, 'Cfn');
        const takeover = ast.failover === 'manual'
            ? '// detached and promoted by hand (rds remove-from-global-cluster: `failover manual`, the data not yet replicated is lost)'
            : '// through a managed failover (rds failover-global-cluster: the secondary becomes the writer, the old primary its secondary)';
        lines.push(
            `// The secondary of ${commentText(primary.id)}'s global database: it replicates the primary's storage and takes over`,
            takeover,
            '// when the design fails over to this region (its Route 53 failover).',
            `const ${cfn} = ${cluster}.node.defaultChild as ${rds}.CfnDBCluster;`,
            `${cfn}.globalClusterIdentifier = ${tsString(globalDatabaseName(scope, primary))};`,
            `${cfn}.addPropertyDeletionOverride('MasterUsername');`,
            `${cfn}.addPropertyDeletionOverride('MasterUserPassword');`,
        );
    } else if (secondaries.length > 0) {
        lines.push(
            `// The primary of a global database: ${commentText(secondaries.map(e => e.from.id).join(', '))} replicate it in their regions.`,
            `new ${rds}.CfnGlobalCluster(this, '${scope.constructId(ast.name, 'Global')}', ${obj([
                ['globalClusterIdentifier', tsString(globalDatabaseName(scope, component))],
                ['sourceDbClusterIdentifier', `${cluster}.clusterIdentifier`],
            ])});`,
        );
    }
    const global = primary !== undefined || secondaries.length > 0;
    lines.push(scope.acknowledge(cluster, engine === 'mysql' && global ? ['databaseSecretRotation', {
        id: 'AwsSolutions-RDS14',
        reason: `Aurora global databases do not support backtracking; point-in-time restore from backups remains (model: ${scope.plan.trace(ast)}).`,
    }] : ['databaseSecretRotation']), '');
    scope.declarations.push(...lines);
    scope.declare(component, { expr: cluster, endpoint: `${cluster}.clusterEndpoint.hostname` });
}

export function declareRds(component: ComponentOf<'rds'>, scope: EmitScope): void {
    const ast = component.ast;
    const { rds, ec2, variable: database, engine, azNames } = start(component, scope);
    const lines = [scope.trace(ast, `rds ${ast.name}`)];
    const vpc = scope.vpc();
    const backupRetention = `${scope.core('Duration')}.days(${retentionDays(ast.backupRetention)})`;
    if (ast.multiAz === 'cluster' && engine !== 'mariadb') {
        // A Multi-AZ DB cluster (a writer and two readable standbys, one per AZ): CloudFormation only, no L2 construct.
        const subnets = scope.variable(ast.name, 'Subnets');
        const securityGroup = scope.variable(ast.name, 'SecurityGroup');
        lines.push(
            `const ${securityGroup} = new ${ec2}.SecurityGroup(this, '${scope.constructId(ast.name, 'SecurityGroup')}', ${obj([['vpc', vpc], ['allowAllOutbound', 'false']])});`,
            `const ${subnets} = new ${rds}.SubnetGroup(this, '${scope.constructId(ast.name, 'Subnets')}', ${obj([
                ['vpc', vpc], ['description', tsString(`Subnets of ${ast.name} in the model's AZs`)], ['vpcSubnets', scope.subnets(subnetGroupAzs(component))],
            ])});`,
            `const ${database} = new ${rds}.CfnDBCluster(this, '${scope.constructId(ast.name)}', ${obj([
                ['engine', tsString(engine)],
                ['dbClusterInstanceClass', tsString('db.m6gd.large')],
                ['allocatedStorage', '100'],
                ['storageType', tsString('io1')],
                ['iops', '1000'],
                ['masterUsername', tsString('admin_user')],
                ['manageMasterUserPassword', 'true'],
                ['port', String(PORTS[engine])],
                ['dbSubnetGroupName', `${subnets}.subnetGroupName`],
                ['vpcSecurityGroupIds', `[${securityGroup}.securityGroupId]`],
                ['backupRetentionPeriod', String(retentionDays(ast.backupRetention))],
                ['deletionProtection', String(ast.deletionProtection === 'on')],
                ['storageEncrypted', 'true'],
                ['enableCloudwatchLogsExports', arr(LOG_EXPORTS[engine].filter(l => l !== 'audit').map(tsString))],
            ])});`,
            `${database}.applyRemovalPolicy(${scope.core('RemovalPolicy')}.SNAPSHOT);`,
            scope.acknowledge(database, [{
                id: 'AwsSolutions-RDS6',
                reason: `Multi-AZ DB cluster ${ast.name}: CloudFormation takes EnableIAMDatabaseAuthentication for Aurora clusters only and refuses it here (model: ${scope.plan.trace(ast)}).`,
            }]),
            '',
        );
        scope.declarations.push(...lines);
        scope.declare(component, { expr: database, endpoint: `${database}.attrEndpointAddress` });
        return;
    }
    const engineExpr = engine === 'mysql' ? `${rds}.DatabaseInstanceEngine.mysql({ version: ${rds}.MysqlEngineVersion.VER_8_0_41 })`
        : engine === 'mariadb' ? `${rds}.DatabaseInstanceEngine.mariaDb({ version: ${rds}.MariaDbEngineVersion.VER_10_11_10 })`
            : `${rds}.DatabaseInstanceEngine.postgres({ version: ${rds}.PostgresEngineVersion.VER_16_6 })`;
    const multiAz = ast.multiAz === 'on' || ast.multiAz === 'cluster';
    lines.push(`const ${database} = new ${rds}.DatabaseInstance(this, '${scope.constructId(ast.name)}', ${obj([
        ['engine', engineExpr],
        ['instanceType', `${ec2}.InstanceType.of(${ec2}.InstanceClass.M6G, ${ec2}.InstanceSize.LARGE)`],
        ['vpc', vpc],
        ['vpcSubnets', scope.subnets(subnetGroupAzs(component))],
        ['multiAz', String(multiAz)],
        // Single-AZ: the instance sits in the model's AZ; Multi-AZ lets RDS put the standby in the other subnet's AZ.
        ['availabilityZone', !multiAz && azNames[0]],
        ['port', String(PORTS[engine])],
        ['backupRetention', backupRetention],
        ...protection(scope, ast),
        ['cloudwatchLogsExports', arr(LOG_EXPORTS[engine].filter(l => l !== 'audit').map(tsString))],
    ])});`);
    lines.push(scope.acknowledge(database, ['databaseSecretRotation']), '');
    scope.declarations.push(...lines);
    scope.declare(component, { expr: database, endpoint: `${database}.dbInstanceEndpointAddress` });
}

/**
 * The AZs of a database's subnet group: RDS refuses a group of fewer than two AZs, even for one instance, so a
 * database the model keeps in one AZ gets its region's AZs (its instances stay pinned to the model's AZ).
 */
function subnetGroupAzs(component: TopologyComponent): readonly TopologyAz[] {
    if (component.azs.length >= 2) return component.azs;
    return (component.region?.azs.length ?? 0) >= 2 ? component.region!.azs : component.azs;
}
