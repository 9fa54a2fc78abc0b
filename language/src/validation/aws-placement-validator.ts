import type { ValidationAcceptor } from 'langium';
import type { Az, Region } from '../generated/ast.js';
import { AWS_REGIONS, awsRegion, regionOfAzId, regionOfAzName, type AwsRegion } from '../model/aws-regions.js';
import { closestNames } from '../util/closest-names.js';
import type { RuleReporter } from './rule-reporter.js';

const REGION_CODES = AWS_REGIONS.map(r => r.code);

/**
 * Region codes and AZ ids against AWS's table (`model/aws-regions.ts`): the simulation treats each declared AZ as
 * one physical AZ, which holds only if each has its own AZ id, of its region.
 */
export class AwsPlacementValidator {
    constructor(private readonly reporter: RuleReporter) { }

    readonly checkRegion = (region: Region, accept: ValidationAcceptor): void => {
        const aws = region.code === undefined ? undefined : this.checkRegionCode(region, region.code, accept);
        const seen = new Map<string, Az>();
        for (const az of region.azs) {
            if (az.zoneId === undefined) continue;
            this.checkAzId(region, az, az.zoneId, aws, accept);
            const first = seen.get(az.zoneId);
            if (first) {
                this.reporter.report(accept, 'duplicate-az-id',
                    `AZ ${az.name} has the same AZ id "${az.zoneId}" as AZ ${first.name}: they are one physical AZ, so the simulation would take the loss of that AZ for two independent failures and find the design surviving it. Give each AZ its own id.`,
                    { node: az, property: 'zoneId' });
            } else {
                seen.set(az.zoneId, az);
            }
        }
        if (aws && region.azs.length > aws.azIds.length) {
            const extra = region.azs[aws.azIds.length];
            this.reporter.report(accept, 'az-count',
                `Region ${region.name} declares ${region.azs.length} AZs, but ${aws.code} has ${aws.azIds.length} (${aws.azIds.join(', ')}): AZ ${extra.name} cannot be a separate AZ. Remove it, or place its services in the AZs the region has.`,
                { node: extra, property: 'name' });
        }
    };

    /** The region of the table the code names, after reporting a code that names none. */
    private checkRegionCode(region: Region, code: string, accept: ValidationAcceptor): AwsRegion | undefined {
        const aws = awsRegion(code);
        if (aws) return aws;
        const byPrefix = AWS_REGIONS.find(r => r.azIdPrefix === code);
        const suggestions = byPrefix ? [byPrefix.code] : closestNames(code, REGION_CODES, 1);
        const hint = byPrefix
            ? ` "${code}" is the AZ id prefix of ${byPrefix.code}; the region code is "${byPrefix.code}".`
            : suggestions.length > 0 ? ` Did you mean "${suggestions[0]}"?` : ' Region codes look like "us-east-1" (docs/regions.md lists them).';
        const what = code === '' ? `The code of region ${region.name} is empty` : `"${code}" is not the code of an AWS region (commercial partition)`;
        this.reporter.report(accept, 'region-code',
            `${what}, so region ${region.name}'s AZ ids cannot be checked.${hint}`,
            { node: region, property: 'code' });
        return undefined;
    }

    private checkAzId(region: Region, az: Az, id: string, aws: AwsRegion | undefined, accept: ValidationAcceptor): void {
        const named = regionOfAzName(id);
        if (named) {
            this.reporter.report(accept, 'az-id',
                `"${id}" is an AZ name, not an AZ id: AWS maps AZ names to physical AZs differently in each account, so "${id}" in yours may be another AZ than in the account that runs the design. Use its AZ id (one of ${named.azIds.join(', ')}; \`aws ec2 describe-availability-zones --region ${named.code}\` shows which one is your ${id}).`,
                { node: az, property: 'zoneId' });
            return;
        }
        const owner = regionOfAzId(id);
        if (owner && aws && owner !== aws) {
            this.reporter.report(accept, 'az-id',
                `"${id}" is an AZ of ${owner.code}, but region ${region.name} is ${aws.code}: use one of its AZ ids (${aws.azIds.join(', ')}), or declare AZ ${az.name} in a region for ${owner.code}.`,
                { node: az, property: 'zoneId' });
        } else if (!owner && aws) {
            const suggestions = closestNames(id, aws.azIds, 1);
            const hint = suggestions.length > 0 ? ` Did you mean "${suggestions[0]}"?` : '';
            const what = id === '' ? `The AZ id of AZ ${az.name} is empty` : `"${id}" is not an AZ id of ${aws.code}`;
            this.reporter.report(accept, 'az-id',
                `${what}: the AZs of ${aws.code} are ${aws.azIds.join(', ')}.${hint}`,
                { node: az, property: 'zoneId' });
        }
    }
}
