import type { ComponentOf } from '../../../model/topology.js';
import { tableThrottleAlarm } from '../alarms.js';
import { arr, obj, type Entries } from '../code.js';
import { commentText, tsString } from '../identifiers.js';
import { REPLICA_TOKEN, replicatesAcrossRegions } from '../plan.js';
import type { EmitScope } from '../scope.js';
import { durationExpr, wholeDays } from '../values.js';
import { notGenerated } from './targets.js';

const SCHEDULES: Record<string, string> = {
    hourly: `{ minute: '0' }`,
    daily: `{ hour: '3', minute: '0' }`,
    weekly: `{ weekDay: 'SUN', hour: '3', minute: '0' }`,
    monthly: `{ day: '1', hour: '3', minute: '0' }`,
};

/**
 * dynamodb -> `TableV2` with point-in-time recovery and an AWS Backup plan. A table that other regions replicate
 * (`replica of`) lists those regions as replicas and gets a fixed name; the replica regions import it by that name.
 * In a cell, each replica has its own global table (its name holds the replica index): replica i of a standby cell
 * reads the replica of replica i's table in its region.
 */
export function declareDynamoDb(component: ComponentOf<'dynamodb'>, scope: EmitScope): void {
    const ast = component.ast;
    const dynamodb = scope.mod('dynamodb');
    const table = scope.variable(ast.name);
    const lines = [scope.trace(ast, `dynamodb ${ast.name}${ast.replicaOf ? ` replica of ${ast.replicaOf.$refText}` : ''}`)];
    const primary = component.outgoing.find(e => e.kind === 'replica-of')?.to;
    const primaryName = primary && replicatesAcrossRegions(component, primary) ? scope.plan.tableNames.get(primary) : undefined;

    if (primary && primaryName) {
        const primaryRegion = primary.region ? scope.plan.region(primary.region) : undefined;
        lines.push(
            `// A replica of ${commentText(primary.id)}: the global table in ${primaryRegion?.code ?? 'its region'} declares it; this stack reads its replica here by name.`,
            `const ${table} = ${dynamodb}.TableV2.fromTableName(this, '${scope.constructId(ast.name)}', ${tableNameExpr(primaryName)});`,
        );
    } else {
        if (primary) lines.push(notGenerated(scope, ast, `replica of ${commentText(primary.id)} (a replica must be of a table in another region, both outside cells or both in cells)`));
        lines.push(`const ${table} = new ${dynamodb}.TableV2(this, '${scope.constructId(ast.name)}', ${obj(tableEntries(component, scope))});`);
    }
    lines.push(...backupPlan(component, scope, table), ...tableThrottleAlarm(scope, ast.name, table), '');
    scope.declarations.push(...lines);
    scope.declare(component, { expr: table, propType: `${dynamodb}.ITableV2` });
}

/** The table name as code: a cell table's name takes the replica index of the stack (`props.replica`). */
function tableNameExpr(name: string): string {
    const at = name.indexOf(REPLICA_TOKEN);
    return at < 0 ? tsString(name) : `\`${name.slice(0, at)}\${props.replica}${name.slice(at + REPLICA_TOKEN.length)}\``;
}

function pitrSpec(pitr: string | undefined): string | undefined {
    return pitr === undefined ? undefined : `{ pointInTimeRecoveryEnabled: ${pitr === 'on'} }`;
}

function tableEntries(component: ComponentOf<'dynamodb'>, scope: EmitScope): Entries {
    const ast = component.ast;
    const dynamodb = scope.mod('dynamodb');
    const billing = ast.billing === 'provisioned'
        ? `${dynamodb}.Billing.provisioned(${obj([
            ['readCapacity', `${dynamodb}.Capacity.autoscaled({ maxCapacity: 100 })`],
            ['writeCapacity', `${dynamodb}.Capacity.autoscaled({ maxCapacity: 100 })`],
        ])})`
        : `${dynamodb}.Billing.onDemand()`;
    const replicas = component.incoming
        .filter(e => e.kind === 'replica-of')
        .filter(e => e.from.region && e.from.region !== component.region)
        .map(e => {
            const region = scope.plan.region(e.from.region!);
            return obj([['region', tsString(region.code)], ['pointInTimeRecoverySpecification', pitrSpec(e.from.kind === 'dynamodb' ? e.from.ast.pitr : undefined)]]);
        });
    const name = scope.plan.tableNames.get(component);
    return [
        ['tableName', name && tableNameExpr(name)],
        ['partitionKey', `{ name: 'pk', type: ${dynamodb}.AttributeType.STRING }`],
        ['sortKey', `{ name: 'sk', type: ${dynamodb}.AttributeType.STRING }`],
        ['billing', billing],
        ['pointInTimeRecoverySpecification', pitrSpec(ast.pitr)],
        ['deletionProtection', 'true'],
        ['removalPolicy', `${scope.core('RemovalPolicy')}.RETAIN`],
        ['replicas', replicas.length > 0 && arr(replicas)],
    ];
}

function backupPlan(component: ComponentOf<'dynamodb'>, scope: EmitScope, table: string): string[] {
    const ast = component.ast;
    if (!ast.backup) return [];
    const backup = scope.mod('backup');
    const events = scope.mod('events');
    const plan = scope.variable(ast.name, 'Backup');
    const days = wholeDays(ast.backup.retain) ?? 35;
    const rule = `new ${backup}.BackupPlanRule(${obj([
        ['ruleName', tsString(ast.backup.frequency)],
        ['scheduleExpression', `${events}.Schedule.cron(${SCHEDULES[ast.backup.frequency] ?? SCHEDULES.daily})`],
        ['deleteAfter', durationExpr(scope, days * 86400, 86400)],
    ])})`;
    return [
        `// backup ${ast.backup.frequency}${ast.backup.retain ? ` retain ${commentText(ast.backup.retain)}` : ''}: an AWS Backup plan over the table.`,
        `const ${plan} = new ${backup}.BackupPlan(this, '${scope.constructId(ast.name, 'Backup')}', { backupPlanRules: [${rule}] });`,
        `${plan}.addSelection('Table', { resources: [${backup}.BackupResource.fromArn(${table}.tableArn)] });`,
        scope.acknowledge(plan, ['backupServiceRole']),
    ];
}
