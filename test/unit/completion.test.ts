import * as assert from 'node:assert';
import { expectCompletion } from 'langium/test';
import type { CompletionList } from 'vscode-languageserver';
import { RULES } from '../../language/src/validation/rules.js';
import { build, testServices } from '../support/services.js';

const complete = expectCompletion(testServices());

/** Completes at the `<|>` of `text` and checks the offered labels, in any order. */
async function expectLabels(text: string, expected: string[], filter: (label: string) => boolean = () => true): Promise<void> {
    await complete({
        text, index: 0, disposeAfterCheck: true,
        assert: (list: CompletionList) => assert.deepStrictEqual(list.items.map(i => i.label).filter(filter).sort(), [...expected].sort()),
    });
}

/** Completes at the `<|>` of a member of the design and checks that the keywords are among the labels. */
async function expectKeywords(member: string, keywords: readonly string[]): Promise<void> {
    await complete({
        text: design(member), index: 0, disposeAfterCheck: true,
        assert: list => {
            const labels = list.items.map(i => i.label);
            for (const keyword of keywords) assert.ok(labels.includes(keyword), `${keyword} in ${member}`);
        },
    });
}

/** A region with one of each kind that references can name, and a second region. */
function design(cursorLine: string, options: { global?: string } = {}): string {
    return `system T {
  ${options.global ?? ''}
  region use1 {
    az a
    az b
    sqs queue
    sns topic
    kinesis stream
    dynamodb orders
    alb edge in a, b
    ecs api in a, b { entry }
    ecs worker in a, b
    cell pay[2] in a, b {
      lambda authorize
      dynamodb ledger
    }
    router payRouter over pay
    ${cursorLine}
  }
  region usw2 {
    az c
    dynamodb orders
    alb edge in c
  }
}`;
}

describe('completion', () => {
    it('offers queues and topics after dlq and on-failure', async () => {
        await expectLabels(design('sqs jobs { dlq <|> }'), ['queue', 'topic']);
        await expectLabels(design('lambda f { on-failure <|> }'), ['queue', 'topic']);
        await expectLabels(design('kinesis k { consumer w in a { on-failure <|> } }'), ['queue', 'topic']);
    });

    it('does not offer a queue as its own dead-letter queue', async () => {
        await expectLabels(design('sqs jobs').replace('sqs queue', 'sqs queue { dlq <|> }'), ['jobs', 'topic']);
    });

    it('offers queues, topics and streams after consumes', async () => {
        await expectLabels(design('lambda f { consumes <|> }'), ['queue', 'topic', 'stream']);
    });

    it('offers the AZs of the element\'s own region after in and vpc subnets', async () => {
        await expectLabels(design('ecs e in <|>'), ['a', 'b']);
        await expectLabels(design('lambda f { vpc subnets a, <|> }'), ['a', 'b']);
    });

    it('offers cells after over', async () => {
        await expectLabels(design('router r over <|>'), ['pay']);
    });

    it('offers albs and entry services after failover primary and secondary, qualified', async () => {
        const global = 'global { route53 dns { failover primary <|> secondary usw2.edge } }';
        await expectLabels(design('', { global }), ['use1.edge', 'use1.api', 'usw2.edge']);
        await expectLabels(design('', { global: 'global { route53 dns { failover primary use1.edge secondary <|> } }' }),
            ['use1.edge', 'use1.api', 'usw2.edge']);
    });

    it('offers dynamodb tables of other regions after replica of', async () => {
        await expectLabels(design('').replace('dynamodb orders\n    alb edge in c', 'dynamodb orders replica of <|>\n    alb edge in c'), ['use1.orders', 'use1.pay.ledger']);
    });

    it('offers services and routers after uses, not cells, AZs or the element itself', async () => {
        await expectLabels(design('ecs self in a { uses <|> }'),
            ['queue', 'topic', 'stream', 'orders', 'edge', 'api', 'worker', 'payRouter', 'pay.authorize', 'pay.ledger',
                'usw2.orders', 'usw2.edge']);
    });

    it('names elements by the shortest name that resolves to them at the cursor', async () => {
        // Inside the cell its own table is `ledger`; the region's table is `orders`, the other region's is qualified.
        await expectLabels(design('').replace('dynamodb ledger', 'dynamodb ledger\n      lambda g { uses <|> }'),
            ['ledger', 'authorize', 'orders', 'edge', 'usw2.orders', 'usw2.edge'],
            label => ['ledger', 'authorize', 'orders', 'edge', 'usw2.orders', 'usw2.edge', 'pay.ledger', 'use1.orders'].includes(label));
    });

    it('offers the names under the qualifier the user typed', async () => {
        await expectLabels(design('lambda f { uses usw2.<|> }'), ['usw2.orders', 'usw2.edge']);
    });

    it('offers every qualified name and every cell replica after fail', async () => {
        const text = design('').replace(/\n}$/, '\n  scenario s { fail <|> }\n}');
        await complete({
            text, index: 0, disposeAfterCheck: true,
            assert: list => {
                const labels = list.items.map(i => i.label);
                for (const expected of ['use1', 'use1.a', 'use1.queue', 'use1.pay', 'use1.pay[0]', 'use1.pay[1]', 'use1.pay.ledger', 'usw2.orders']) {
                    assert.ok(labels.includes(expected), `${expected} in ${labels.join(' ')}`);
                }
                assert.ok(!labels.includes('use1.pay[2]'), 'a cell of 2 replicas has replicas 0 and 1');
            },
        });
    });

    it('offers the rule ids with their titles after allow', async () => {
        await complete({
            text: design('sqs jobs { allow <|> }'), index: 0, disposeAfterCheck: true,
            assert: list => {
                assert.deepStrictEqual(list.items.map(i => i.label).sort(), RULES.map(r => r.id).sort());
                assert.strictEqual(list.items.find(i => i.label === 'sqs-dlq')?.detail, RULES.find(r => r.id === 'sqs-dlq')!.title);
            },
        });
    });

    it('offers clusters of their own kind in other regions after an Aurora, RDS or S3 `replica of`', async () => {
        const text = (member: string) => design('aurora db in a, b\n    rds rdb in a\n    s3 files').replace('alb edge in c', `alb edge in c\n    ${member}`);
        await expectLabels(text('aurora db2 in c replica of <|>'), ['use1.db']);
        await expectLabels(text('rds rdb2 in c replica of <|>'), ['use1.rdb']);
        await expectLabels(text('s3 files2 replica of <|>'), ['use1.files']);
    });

    it('offers the members of an Aurora cluster, an RDS database and an S3 bucket', async () => {
        await expectKeywords('aurora db in a, b { <|> }', ['engine', 'readers', 'backup', 'deletion', 'proxy', 'failover', 'uses']);
        await expectKeywords('rds db in a, b { <|> }', ['engine', 'multi-az', 'backup', 'deletion', 'proxy']);
        await expectKeywords('s3 files { <|> }', ['versioning', 'object', 'storage', 'rtc']);
        await expectKeywords('s3 files { storage <|> }', ['standard', 'one-zone', 'express']);
    });

    it('offers the members of an EventBridge bus and a state machine, and standard queues after a target\'s dlq', async () => {
        await expectKeywords('<|>', ['eventbridge', 'stepfunctions']);
        await expectKeywords('eventbridge bus { <|> }', ['rule', 'archive', 'uses', 'sla']);
        await expectKeywords('eventbridge bus { rule r { target queue <|> } }', ['retries', 'max-age', 'dlq', 'target']);
        await expectKeywords('stepfunctions saga { <|> }', ['workflow', 'task', 'uses']);
        await expectKeywords('stepfunctions saga { workflow <|> }', ['standard', 'express']);
        await expectKeywords('stepfunctions saga { task t uses api <|> }', ['retries', 'timeout', 'catch', 'soft', 'async']);
        await expectLabels(design('eventbridge bus { rule r { target api dlq <|> } }'), ['queue']);
    });

    it('still offers keywords', async () => {
        await complete({
            text: design('lambda f { <|> }'), index: 0, disposeAfterCheck: true,
            assert: list => {
                const labels = list.items.map(i => i.label);
                for (const keyword of ['timeout', 'concurrency', 'uses', 'dlq', 'allow']) assert.ok(labels.includes(keyword), keyword);
            },
        });
    });

    it('offers the Auto Scaling and network keywords: the kinds in a region, the endpoint services, the group\'s properties', async () => {
        const labels = async (text: string): Promise<string[]> => {
            let found: string[] = [];
            await complete({ text, index: 0, disposeAfterCheck: true, assert: list => { found = list.items.map(i => i.label); } });
            return found;
        };
        const inRegionLabels = await labels(design('<|>'));
        for (const keyword of ['asg', 'nat', 'endpoint']) assert.ok(inRegionLabels.includes(keyword), keyword);
        assert.deepStrictEqual((await labels(design('endpoint e for <|>'))).sort(), ['dynamodb', 'events', 'kinesis', 'lambda', 's3', 'sns', 'sqs', 'states']);
        const groupLabels = await labels(design('asg web in a, b { <|> }'));
        for (const keyword of ['min', 'max', 'desired', 'needs', 'instance', 'health', 'uses']) assert.ok(groupLabels.includes(keyword), keyword);
        assert.deepStrictEqual((await labels(design('asg web in a, b { health check <|> }'))).sort(), ['ec2', 'elb']);
    });

    it('offers nothing, and throws nothing, when recovery puts the cursor in a node the reference does not belong to', async () => {
        // Found by the fuzzer: after a broken `failover` line, completion asked for `in` AZs on the `global` block.
        const document = await build('system T {\n  global {\n    route53 dns { failover primary x edge </*\n  }\n}\n');
        const global = document.parseResult.value.system!.globals[0];
        const provider = testServices().lsp.CompletionProvider as unknown as {
            getReferenceCandidates(refInfo: object, context: object): { toArray(): unknown[] };
        };
        const refInfo = { container: global, property: 'azs', reference: { $refText: '' } };
        const context = { textDocument: document.textDocument, tokenOffset: 0, offset: 0 };
        assert.deepStrictEqual(provider.getReferenceCandidates(refInfo, context).toArray(), []);
    });
});

describe('completion of AWS region codes and AZ ids', () => {
    const onlyQuoted = (label: string) => label.startsWith('"');

    it('offers every AWS region code after a region\'s name', async () => {
        await complete({
            text: 'system T {\n  region use1 <|>\n}', index: 0, disposeAfterCheck: true,
            assert: (list: CompletionList) => {
                const labels = list.items.map(i => i.label).filter(onlyQuoted);
                assert.ok(labels.includes('"us-east-1"') && labels.includes('"eu-west-1"') && labels.includes('"ap-southeast-7"'), labels.join(' '));
            },
        });
    });

    it('offers the AZ ids of the region\'s code after an AZ\'s name', async () => {
        await expectLabels('system T {\n  region w "eu-west-1" {\n    sqs q { visibility 30s }\n    az a <|>\n  }\n}', ['"euw1-az1"', '"euw1-az2"', '"euw1-az3"'], onlyQuoted);
    });

    it('offers no AZ id in a region without a known code', async () => {
        await expectLabels('system T {\n  region w {\n    az a <|>\n  }\n}', [], onlyQuoted);
        await expectLabels('system T {\n  region e "eu-west-1" {\n  }\n  region w {\n    az a <|>\n  }\n}', [], onlyQuoted);
    });
});
