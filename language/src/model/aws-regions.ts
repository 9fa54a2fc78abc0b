/**
 * AWS's commercial regions and the AZ ids of their Availability Zones, from AWS's documentation:
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html (the AZ tables) and
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/az-ids.html (why AZ ids, not AZ names).
 * test/unit/aws-regions.test.ts fails when this table and the committed extract of that page
 * (test/fixtures/aws/availability-zones.md) disagree. Not listed: AWS GovCloud (US) and the China regions, which
 * that page does not cover.
 */
const REGION_TABLE: Readonly<Record<string, readonly [prefix: string, azNumbers: readonly number[]]>> = {
    'us-east-1': ['use1', [1, 2, 3, 4, 5, 6]],
    'us-east-2': ['use2', [1, 2, 3]],
    'us-west-1': ['usw1', [1, 2, 3]],
    'us-west-2': ['usw2', [1, 2, 3, 4]],
    'ca-central-1': ['cac1', [1, 2, 4]],
    'ca-west-1': ['caw1', [1, 2, 3]],
    'mx-central-1': ['mxc1', [1, 2, 3]],
    'af-south-1': ['afs1', [1, 2, 3]],
    'ap-east-1': ['ape1', [1, 2, 3]],
    'ap-east-2': ['ape2', [1, 2, 3]],
    'ap-northeast-1': ['apne1', [1, 2, 3, 4]],
    'ap-northeast-2': ['apne2', [1, 2, 3, 4]],
    'ap-northeast-3': ['apne3', [1, 2, 3]],
    'ap-south-1': ['aps1', [1, 2, 3]],
    'ap-south-2': ['aps2', [1, 2, 3]],
    'ap-southeast-1': ['apse1', [1, 2, 3]],
    'ap-southeast-2': ['apse2', [1, 2, 3]],
    'ap-southeast-3': ['apse3', [1, 2, 3]],
    'ap-southeast-4': ['apse4', [1, 2, 3]],
    'ap-southeast-5': ['apse5', [1, 2, 3]],
    'ap-southeast-6': ['apse6', [1, 2, 3]],
    'ap-southeast-7': ['apse7', [1, 2, 3]],
    'eu-central-1': ['euc1', [1, 2, 3]],
    'eu-central-2': ['euc2', [1, 2, 3]],
    'eu-north-1': ['eun1', [1, 2, 3]],
    'eu-south-1': ['eus1', [1, 2, 3]],
    'eu-south-2': ['eus2', [1, 2, 3]],
    'eu-west-1': ['euw1', [1, 2, 3]],
    'eu-west-2': ['euw2', [1, 2, 3, 4]],
    'eu-west-3': ['euw3', [1, 2, 3]],
    'il-central-1': ['ilc1', [1, 2, 3]],
    'me-central-1': ['mec1', [1, 2, 3]],
    'me-south-1': ['mes1', [1, 2, 3]],
    'sa-east-1': ['sae1', [1, 2, 3]],
};

export interface AwsRegion {
    /** `us-east-1`. */
    readonly code: string;
    /** What its AZ ids start with: `use1`. */
    readonly azIdPrefix: string;
    /** `use1-az1`, ...: the same physical AZ in every account. */
    readonly azIds: readonly string[];
}

export const AWS_REGIONS: readonly AwsRegion[] = Object.entries(REGION_TABLE).map(([code, [prefix, numbers]]) => ({
    code, azIdPrefix: prefix, azIds: numbers.map(n => `${prefix}-az${n}`),
}));

const BY_CODE = new Map(AWS_REGIONS.map(r => [r.code, r]));
const BY_AZ_ID = new Map(AWS_REGIONS.flatMap(r => r.azIds.map(id => [id, r] as const)));

export function awsRegion(code: string): AwsRegion | undefined {
    return BY_CODE.get(code);
}

/** The region an AZ id belongs to: `usw2-az1` -> us-west-2. */
export function regionOfAzId(azId: string): AwsRegion | undefined {
    return BY_AZ_ID.get(azId);
}

/**
 * The region whose AZ *name* this is (`us-east-1a`: a region code and a letter). AZ names are mapped to physical
 * AZs per account in the oldest regions, so a design names AZs by id.
 */
export function regionOfAzName(name: string): AwsRegion | undefined {
    const match = /^([a-z]{2}(?:-[a-z]+)+-\d+)[a-z]$/.exec(name);
    return match ? BY_CODE.get(match[1]) : undefined;
}
