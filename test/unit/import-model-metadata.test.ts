/**
 * The import of templates that state the design in Resil's own metadata (`resil:element` on resources, `resil:system`
 * on the template, as a generated CDK app writes them), and of a state machine's definition: what each says comes
 * back, and a template without the metadata imports as before.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importInfrastructure } from '../../language/src/import/import-infrastructure.js';
import { getTopology } from '../../language/src/model/topology.js';
import { build } from '../support/services.js';

type Json = Record<string, unknown>;

const FUNCTION = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' } } };

/** Two functions, a table and a queue; the metadata names them, marks a dead-letter queue and a NAT gateway. */
function shopTemplate(withMetadata: boolean): Json {
    const meta = (value: unknown) => (withMetadata ? { Metadata: { 'resil:element': value } } : {});
    return {
        ...(withMetadata ? {
            Metadata: {
                'resil:system': {
                    system: 'Shop', title: 'A shop',
                    statements: ['require survive az-loss', 'external payments "Card payments" {\n  sla 99.9%\n}'],
                    regions: [{ name: 'use1', code: 'us-east-1', azs: [['a', 'use1-az1'], ['b', 'use1-az2']] }],
                },
            },
        } : {}),
        Resources: {
            OrdersTable1A2B3C4D: { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST' }, ...meta({ element: 'use1.orders', kind: 'dynamodb', region: 'use1' }) },
            CheckoutFunctionABCD: {
                ...FUNCTION,
                Properties: { ...FUNCTION.Properties, Environment: { Variables: { ORDERS: { Ref: 'OrdersTable1A2B3C4D' } } }, DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': ['CheckoutDeadLetters99', 'Arn'] } } },
                ...meta({
                    element: 'use1.checkout', kind: 'lambda', region: 'use1', statements: ['entry'],
                    calls: [{ to: 'use1.orders', statement: 'uses orders soft' }, { to: 'payments', statement: 'uses payments soft retries 2' }],
                }),
            },
            CheckoutDeadLetters99: { Type: 'AWS::SQS::Queue', Properties: {}, ...meta({ partOf: 'use1.checkout' }) },
            StrayNatGateway: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: 'subnet-1' }, ...meta({ support: 'the VPC of the region' }) },
        },
    };
}

function importTemplate(template: Json): { text: string; file: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-model-meta-'));
    const file = path.join(dir, 'shop.template.json');
    fs.writeFileSync(file, JSON.stringify(template));
    const manifest = { version: '41.0.0', artifacts: { Shop: { type: 'aws:cloudformation:stack', environment: 'aws://1/us-east-1', properties: { templateFile: 'shop.template.json' } } } };
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    return { text: importInfrastructure(dir).text, file };
}

async function topologyOfText(text: string) {
    const document = await build(text);
    const errors = (document.diagnostics ?? []).filter(d => d.severity === 1).map(d => d.message);
    const topology = getTopology(document.parseResult.value);
    const edges = topology.edges.map(e => `${e.from.id} -${e.kind}${e.hard ? '' : '(soft)'}-> ${e.to.id}`).sort();
    return { topology, errors, edges, elements: topology.components.map(c => `${c.kind} ${c.id}`).sort() };
}

describe('import: the design a generated app states in its templates (resil:element, resil:system)', () => {
    it('gives back the names, entry points, soft and external calls and the system\'s statements; folds parts, leaves out the app\'s support', async () => {
        const { text } = importTemplate(shopTemplate(true));
        const design = await topologyOfText(text);
        assert.deepStrictEqual(design.errors, [], text);
        assert.deepStrictEqual(design.elements, ['dynamodb use1.orders', 'external payments', 'lambda use1.checkout'], text);
        assert.deepStrictEqual(design.edges, ['use1.checkout -uses(soft)-> payments', 'use1.checkout -uses(soft)-> use1.orders'], text);
        assert.deepStrictEqual(design.topology.entryPoints.map(c => c.id), ['use1.checkout']);
        assert.match(text, /^system Shop "A shop" \{$/m);
        assert.match(text, /require survive az-loss/);
        assert.match(text, /az a "use1-az1"/);
        assert.match(text, /AWS::SQS::Queue: part of use1\.checkout as the generated app builds it: CheckoutDeadLetters99/);
        assert.match(text, /AWS::EC2::NatGateway: the generated app adds it for no element of the design/);
    });

    it('imports the same resources without the metadata as before: names from logical ids, the dead-letter queue an element, edges hard', async () => {
        const { text } = importTemplate(shopTemplate(false));
        const design = await topologyOfText(text);
        assert.deepStrictEqual(design.elements, ['dynamodb use1.ordersTable', 'lambda use1.checkoutFunctionABCD', 'nat use1.strayNatGateway', 'sqs use1.checkoutDeadLetters99'], text);
        assert.deepStrictEqual(design.edges, ['use1.checkoutFunctionABCD -dlq(soft)-> use1.checkoutDeadLetters99', 'use1.checkoutFunctionABCD -uses-> use1.ordersTable'], text);
        assert.ok(!design.topology.components.some(c => c.explicitEntry), text);
        assert.match(text, /^system \w+ "Imported from /m);
    });
});

describe('import: a state machine\'s definition', () => {
    it('makes each resource a task of DefinitionString (Fn::Sub) or Definition calls a task of the machine', async () => {
        const template = {
            Resources: {
                Charge: FUNCTION,
                Ledger: { Type: 'AWS::DynamoDB::Table', Properties: {} },
                Notify: { Type: 'AWS::SNS::Topic', Properties: {} },
                Checkout: {
                    Type: 'AWS::StepFunctions::StateMachine',
                    Properties: {
                        DefinitionString: {
                            'Fn::Sub': JSON.stringify({ StartAt: 'Charge', States: { Charge: { Type: 'Task', Resource: '${Charge.Arn}', Next: 'Save' },
                                Save: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: '${Ledger}' }, End: true } } }),
                        },
                    },
                },
                Refund: {
                    Type: 'AWS::StepFunctions::StateMachine',
                    Properties: {
                        Definition: { StartAt: 'Tell', States: { Tell: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: { TopicArn: { Ref: 'Notify' } }, End: true } } },
                    },
                },
            },
        };
        const { text } = importTemplate(template);
        const design = await topologyOfText(text);
        assert.deepStrictEqual(design.errors, [], text);
        assert.deepStrictEqual(design.edges.filter(e => e.includes('checkout') || e.includes('refund')),
            ['use1.checkout -uses-> use1.charge', 'use1.checkout -uses-> use1.ledger', 'use1.refund -uses-> use1.notify'], text);
        assert.match(text, /stepfunctions checkout \{/);
    });
});
