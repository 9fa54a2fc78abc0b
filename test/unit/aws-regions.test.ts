import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AWS_REGIONS, awsRegion, regionOfAzId, regionOfAzName } from '../../language/src/model/aws-regions.js';
import { REPO_ROOT } from '../support/paths.js';
import { expectFindings, expectQuiet } from '../support/rule-checks.js';

const EXTRACT = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'aws', 'availability-zones.md'), 'utf8');
const REGIONS_DOC = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'regions.md'), 'utf8');

/** Region code -> AZ ids, from the rows of the documentation's AZ tables (`| use1-az1 | us-east-1 | ... |`). */
function azIdsOfExtract(): Map<string, string[]> {
    const regions = new Map<string, string[]>();
    for (const line of EXTRACT.split('\n')) {
        const cells = line.split('|').map(c => c.replace('†', '').trim());
        if (cells.length < 4 || !/^[a-z]+\d+-az\d+$/.test(cells[1])) continue;
        const ids = regions.get(cells[2]) ?? [];
        ids.push(cells[1]);
        regions.set(cells[2], ids);
    }
    return regions;
}

describe('AWS regions and AZ ids', () => {
    it('the extract names its source and date', () => {
        assert.match(EXTRACT, /Source: https:\/\/docs\.aws\.amazon\.com\/global-infrastructure\/latest\/regions\/aws-availability-zones\.html/);
        assert.match(EXTRACT, /read \d{4}-\d{2}-\d{2}/);
    });

    it('the table holds exactly the regions and AZ ids of AWS\'s documentation', () => {
        const documented = azIdsOfExtract();
        assert.ok(documented.size >= 30, `the extract parses (${documented.size} regions)`);
        const table = new Map(AWS_REGIONS.map(r => [r.code, [...r.azIds]]));
        assert.deepStrictEqual([...table.keys()].sort(), [...documented.keys()].sort());
        for (const [code, ids] of documented) assert.deepStrictEqual(table.get(code), ids, code);
    });

    it('every AZ id starts with its region\'s prefix, and docs/regions.md lists the table', () => {
        for (const region of AWS_REGIONS) {
            for (const id of region.azIds) assert.ok(id.startsWith(`${region.azIdPrefix}-az`), id);
            assert.ok(REGIONS_DOC.includes(`| ${region.code} | ${region.azIdPrefix} | ${region.azIds.length} | ${region.azIds.join(', ')} |`), region.code);
        }
    });

    it('looks regions up by code, AZ id and AZ name', () => {
        assert.strictEqual(awsRegion('eu-west-1')?.azIdPrefix, 'euw1');
        assert.strictEqual(regionOfAzId('usw2-az4')?.code, 'us-west-2');
        assert.strictEqual(regionOfAzName('ap-southeast-2b')?.code, 'ap-southeast-2');
        assert.strictEqual(regionOfAzName('use1-az1'), undefined);
        assert.strictEqual(regionOfAzName('us-east-9a'), undefined);
    });
});

const design = (code: string, azs: string) => `system S {\n  region use1 "${code}" {\n${azs}\n  }\n}\n`;

describe('region-code', () => {
    it('reports a code that names no region, with the closest code', async () => {
        const [message] = await expectFindings(design('us-east1', '    az a "use1-az1"'), 'region-code', 'warning', ['"us-east1"']);
        assert.strictEqual(message, '"us-east1" is not the code of an AWS region (commercial partition), so region use1\'s AZ ids cannot be checked. Did you mean "us-east-1"?');
    });

    it('names the region an AZ id prefix given as the code belongs to', async () => {
        const [message] = await expectFindings(design('use1', '    az a'), 'region-code', 'warning', ['"use1"']);
        assert.match(message, /"use1" is the AZ id prefix of us-east-1; the region code is "us-east-1"\./);
    });

    it('stays quiet on a known code and on a region without one', async () => {
        await expectQuiet(design('eu-central-1', '    az a "euc1-az1"'), 'region-code');
        await expectQuiet('system S {\n  region use1 {\n    az a\n  }\n}\n', 'region-code');
    });
});

describe('az-id', () => {
    it('reports an AZ name given as an AZ id, and says why names differ per account', async () => {
        const [message] = await expectFindings(design('us-east-1', '    az a "us-east-1a"'), 'az-id', 'error', ['"us-east-1a"']);
        assert.match(message, /^"us-east-1a" is an AZ name, not an AZ id: AWS maps AZ names to physical AZs differently in each account/);
        assert.match(message, /Use its AZ id \(one of use1-az1, use1-az2, use1-az3, use1-az4, use1-az5, use1-az6; `aws ec2 describe-availability-zones --region us-east-1` shows which one is your us-east-1a\)\./);
    });

    it('reports an AZ id of another region, and one the region does not have', async () => {
        const messages = await expectFindings(design('us-east-1', '    az a "usw2-az1"\n    az b "use1-az9"'), 'az-id', 'error', ['"usw2-az1"', '"use1-az9"']);
        assert.deepStrictEqual(messages, [
            '"usw2-az1" is an AZ of us-west-2, but region use1 is us-east-1: use one of its AZ ids (use1-az1, use1-az2, use1-az3, use1-az4, use1-az5, use1-az6), or declare AZ a in a region for us-west-2.',
            '"use1-az9" is not an AZ id of us-east-1: the AZs of us-east-1 are use1-az1, use1-az2, use1-az3, use1-az4, use1-az5, use1-az6. Did you mean "use1-az1"?',
        ]);
    });

    it('says an empty code or id is empty, without quoting an empty name', async () => {
        const [code] = await expectFindings(design('', '    az a'), 'region-code', 'warning', ['""']);
        assert.strictEqual(code, 'The code of region use1 is empty, so region use1\'s AZ ids cannot be checked. Region codes look like "us-east-1" (docs/regions.md lists them).');
        const [id] = await expectFindings(design('eu-west-1', '    az a ""'), 'az-id', 'error', ['""']);
        assert.strictEqual(id, 'The AZ id of AZ a is empty: the AZs of eu-west-1 are euw1-az1, euw1-az2, euw1-az3.');
    });

    it('stays quiet on the region\'s own AZ ids', async () => {
        await expectQuiet(design('ca-central-1', '    az a "cac1-az1"\n    az b "cac1-az2"\n    az c "cac1-az4"'), 'az-id');
    });
});

describe('duplicate-az-id', () => {
    it('reports the second AZ with an id already used: one physical AZ counted as two', async () => {
        const [message] = await expectFindings(design('us-east-1', '    az a "use1-az1"\n    az b "use1-az2"\n    az c "use1-az1"'), 'duplicate-az-id', 'error', ['"use1-az1"']);
        assert.match(message, /^AZ c has the same AZ id "use1-az1" as AZ a: they are one physical AZ/);
    });

    it('stays quiet when every AZ has its own id', async () => {
        await expectQuiet(design('us-east-1', '    az a "use1-az1"\n    az b "use1-az2"'), 'duplicate-az-id');
    });
});

describe('az-count', () => {
    it('reports the first AZ beyond what the region has', async () => {
        const [message] = await expectFindings(design('us-west-1', '    az a\n    az b\n    az c\n    az d'), 'az-count', 'error', ['d']);
        assert.strictEqual(message, 'Region use1 declares 4 AZs, but us-west-1 has 3 (usw1-az1, usw1-az2, usw1-az3): AZ d cannot be a separate AZ. Remove it, or place its services in the AZs the region has.');
    });

    it('stays quiet up to the region\'s AZ count, and without a code', async () => {
        await expectQuiet(design('us-west-1', '    az a\n    az b\n    az c'), 'az-count');
        await expectQuiet('system S {\n  region x {\n    az a\n    az b\n    az c\n    az d\n  }\n}\n', 'az-count');
    });
});
