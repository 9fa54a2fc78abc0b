/**
 * What a generated app's templates carry so that `resil import` gives its design back, where CloudFormation says it
 * otherwise or elsewhere: a duration in the design's unit, an EventBridge rule's design name, the AZ of a database
 * instance pinned through its subnet's AZ, and Replication Time Control, which the source bucket's rule turns on for
 * its replica. Each is read from templates without Resil's metadata too, where they say it.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { importInfrastructure } from '../../language/src/import/import-infrastructure.js';
import { getTopology } from '../../language/src/model/topology.js';
import { build } from '../support/services.js';

type Json = Record<string, unknown>;

const FUNCTION = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' } } };

/** Imports stacks (name -> region and template) as a cloud assembly; returns the design's text. */
function importStacks(stacks: Record<string, { region: string; template: Json }>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-round-trip-'));
    try {
        const artifacts: Json = {};
        for (const [name, { region, template }] of Object.entries(stacks)) {
            fs.writeFileSync(path.join(dir, `${name}.template.json`), JSON.stringify(template));
            artifacts[name] = { type: 'aws:cloudformation:stack', environment: `aws://1/${region}`, properties: { templateFile: `${name}.template.json` } };
        }
        fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '41.0.0', artifacts }));
        return importInfrastructure(dir).text;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

const importTemplate = (template: Json) => importStacks({ Shop: { region: 'us-east-1', template } });

async function generatedCode(design: string): Promise<string> {
    const document = await build(design);
    return generateCdkApp(getTopology(document.parseResult.value), { sourceName: 'model.resil' }).files
        .filter(f => f.path.startsWith('lib/')).map(f => f.content).join('\n');
}

const DESIGN = `system S {
  region use1 "us-east-1" {
    az a "use1-az1"
    az b "use1-az2"
    lambda place {
      timeout 60s
      uses orders
    }
    lambda publish { timeout 10s }
    lambda tally
    eventbridge bus {
      rule newOrder { target publish }
    }
    aurora orders in a {
      readers 1
    }
  }
}
`;

describe('generate cdk: what the templates carry for the import', () => {
    let code: string;
    before(async () => { code = await generatedCode(DESIGN); });

    it('records a duration the design writes in another unit than the largest whole one, after its word', () => {
        assert.match(code, /element: 'use1\.place', kind: 'lambda'.*, durations: \['timeout 60s'\]/);
        assert.doesNotMatch(code, /element: 'use1\.publish'.*durations/, 'timeout 10s is how the import writes 10 seconds');
    });

    it('gives a function without `timeout` Lambda\'s default of 3 s, which the analysis assumes, and records it as the app\'s', () => {
        assert.match(/new lambda\.Function\(this, 'Tally', \{[^;]*\}\);/.exec(code)?.[0] ?? code, /timeout: Duration\.seconds\(3\)/);
        assert.match(code, /element: 'use1\.tally', kind: 'lambda'.*, defaults: \['timeout 3s'\]/);
        assert.match(/new lambda\.Function\(this, 'Publish', \{[^;]*\}\);/.exec(code)?.[0] ?? '', /timeout: Duration\.seconds\(10\)/);
        assert.doesNotMatch(code, /element: 'use1\.publish'.*defaults/);
    });

    it('records each element\'s place in the design', () => {
        assert.match(code, /element: 'use1\.place', kind: 'lambda'.*, order: 0 \}\);$/m);
        assert.match(code, /element: 'use1\.publish', kind: 'lambda'.*, order: 1 \}\);$/m);
    });

    it('names each EventBridge rule in its metadata, as part of its bus (CDK names the resource)', () => {
        assert.match(code, /model\.modelPart\(\w+, 'use1\.bus', 'newOrder'\);/);
    });

    it('pins an Aurora instance in an AZ the design gives by id through the AZ of a subnet placed by that id', () => {
        const zone = /const (\w+) = \(vpc\.selectSubnets\(\{ subnetType: [\w.]+, availabilityZones: \['us-east-1a'\] \}\)\.subnets\[0\]\.node\.defaultChild as ec2\.CfnSubnet\)\.attrAvailabilityZone;/.exec(code);
        assert.ok(zone, code);
        assert.match(code, new RegExp(`ClusterInstance\\.provisioned\\('Writer', \\{\\s+instanceType: [^\\n]+\\n\\s+availabilityZone: ${zone[1]},`));
        assert.doesNotMatch(code, /availabilityZone: 'us-east-1a'/);
    });
});

describe('import: what the templates say of the design elsewhere than its element', () => {
    const lambda = (timeout: number, metadata?: Json) => ({
        Resources: { PlaceFunction: { ...FUNCTION, Properties: { ...FUNCTION.Properties, Timeout: timeout }, ...(metadata ? { Metadata: { 'resil:element': metadata } } : {}) } },
    });
    const place = { element: 'use1.place', kind: 'lambda', region: 'use1', durations: ['timeout 60s'] };

    it('writes a duration as the design did when the template gives the same seconds, else in the largest whole unit', () => {
        assert.match(importTemplate(lambda(60, place)), /^\s*timeout 60s$/m);
        assert.match(importTemplate(lambda(120, place)), /^\s*timeout 2m$/m, 'the template changed: its value stands');
        assert.match(importTemplate(lambda(60)), /^\s*timeout 1m$/m, 'without metadata');
    });

    it('leaves out what the app states only as AWS\'s default, while the template gives that default', () => {
        const tally = { element: 'use1.tally', kind: 'lambda', region: 'use1', defaults: ['timeout 3s'] };
        assert.doesNotMatch(importTemplate(lambda(3, tally)), /timeout/);
        assert.match(importTemplate(lambda(5, tally)), /^\s*timeout 5s$/m);
        assert.match(importTemplate(lambda(3)), /^\s*timeout 3s$/m, 'without metadata');
    });

    it('writes the elements in the design\'s order where the templates state it, else in the templates\' order', () => {
        const functions = (orders: readonly number[] | undefined): Json => ({
            Resources: Object.fromEntries(['Second', 'First'].map((name, i) => [`${name}Function`, {
                ...FUNCTION, ...(orders ? { Metadata: { 'resil:element': { element: `use1.${name.toLowerCase()}`, kind: 'lambda', region: 'use1', order: orders[i] } } } : {}),
            }])),
        });
        const names = (text: string) => [...text.matchAll(/^\s*lambda (\w+)/gm)].map(m => m[1]);
        assert.deepStrictEqual(names(importTemplate(functions([1, 0]))), ['first', 'second']);
        assert.deepStrictEqual(names(importTemplate(functions(undefined))), ['secondFunction', 'firstFunction']);
    });

    const busAndRule = (ruleMetadata?: Json): Json => ({
        Resources: {
            Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'orders' }, Metadata: { 'resil:element': { element: 'use1.bus', kind: 'eventbridge', region: 'use1' } } },
            BusNewOrderRule4229FE84: {
                Type: 'AWS::Events::Rule',
                Properties: { EventBusName: { Ref: 'Bus' }, EventPattern: { source: ['shop'] }, Targets: [{ Id: 'Target0', Arn: { 'Fn::GetAtt': ['Publish', 'Arn'] } }] },
                ...(ruleMetadata ? { Metadata: { 'resil:element': ruleMetadata } } : {}),
            },
            Publish: { ...FUNCTION, Metadata: { 'resil:element': { element: 'use1.publish', kind: 'lambda', region: 'use1' } } },
        },
    });

    it('names an EventBridge rule as its metadata does, else after the resource', () => {
        assert.match(importTemplate(busAndRule({ partOf: 'use1.bus', name: 'newOrder' })), /rule newOrder \{\s+target publish\s+\}/);
        assert.match(importTemplate(busAndRule()), /rule busNewOrderRule4229FE84 \{/);
    });

    /** An Aurora cluster whose instances take their AZ from subnets placed by AZ id. */
    const cluster = (instanceSubnets: readonly string[]): Json => {
        const subnet = (id: string) => ({ Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24', AvailabilityZoneId: id } });
        const instances = Object.fromEntries(instanceSubnets.map((s, i) => [`OrdersInstance${i}`, {
            Type: 'AWS::RDS::DBInstance',
            Properties: { DBClusterIdentifier: { Ref: 'Orders' }, DBInstanceClass: 'db.r6g.large', Engine: 'aurora-postgresql', AvailabilityZone: { 'Fn::GetAtt': [s, 'AvailabilityZone'] } },
        }]));
        return {
            Resources: {
                SubnetA: subnet('use1-az1'), SubnetB: subnet('use1-az2'), SubnetC: subnet('use1-az4'),
                Group: { Type: 'AWS::RDS::DBSubnetGroup', Properties: { DBSubnetGroupDescription: 'x', SubnetIds: [{ Ref: 'SubnetA' }, { Ref: 'SubnetB' }, { Ref: 'SubnetC' }] } },
                Orders: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql', DBSubnetGroupName: { Ref: 'Group' } } },
                ...instances,
            },
        };
    };

    it('places an Aurora cluster in the AZs of its instances pinned by a subnet\'s AZ, with the subnet group\'s others where the round-robin keeps them', async () => {
        const single = importTemplate(cluster(['SubnetA', 'SubnetA']));
        assert.match(single, /aurora orders in a \{/, single);
        const topology = getTopology((await build(single)).parseResult.value);
        assert.deepStrictEqual(topology.components.find(c => c.kind === 'aurora')?.azs.map(a => a.zoneId), ['use1-az1']);
        assert.match(importTemplate(cluster(['SubnetA', 'SubnetB'])), /aurora orders in a, b, c \{/);
        assert.match(importTemplate(cluster(['SubnetB', 'SubnetA', 'SubnetB'])), /aurora orders in b, a \{/, 'a third instance back in b: the wider list would put it in c');
    });

    it('reads a replica bucket named by ARN in another stack, and its source rule\'s Replication Time Control as its `rtc on`', () => {
        const source = {
            Resources: {
                Tickets: {
                    Type: 'AWS::S3::Bucket',
                    Properties: {
                        VersioningConfiguration: { Status: 'Enabled' },
                        ReplicationConfiguration: {
                            Role: 'arn:aws:iam::1:role/r',
                            Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::shop-tickets-copy', ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } } } }],
                        },
                    },
                },
            },
        };
        const replica = { Resources: { TicketsCopy: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'shop-tickets-copy', VersioningConfiguration: { Status: 'Enabled' } } } } };
        const text = importStacks({ Primary: { region: 'eu-west-1', template: source }, Standby: { region: 'eu-central-1', template: replica } });
        assert.match(text, /s3 ticketsCopy replica of euw1\.tickets \{\s+versioning on\s+rtc on\s+\}/, text);
    });
});
