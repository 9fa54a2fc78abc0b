import * as assert from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { AllowValidator } from '../../language/src/validation/allow-validator.js';
import { resilChecks } from '../../language/src/validation/resil-validator.js';
import { VALUE_RANGE_TYPES } from '../../language/src/validation/value-range-validator.js';
import { expectFindings, expectQuiet } from '../support/rule-checks.js';
import { build, inRegion, testServices } from '../support/services.js';

/** What a finding of `rule` says: its severity and the exact text it underlines. */
async function findings(text: string, rule: string): Promise<Array<{ severity: DiagnosticSeverity | undefined; text: string; message: string }>> {
    const document = await build(text);
    return (document.diagnostics ?? [])
        .filter(d => d.code === rule)
        .map(d => ({ severity: d.severity, text: document.textDocument.getText(d.range), message: d.message }));
}

async function assertFires(text: string, rule: string, underlined: string[], severity: DiagnosticSeverity = DiagnosticSeverity.Error): Promise<string[]> {
    const found = await findings(text, rule);
    assert.deepStrictEqual(found.map(f => f.text), underlined, JSON.stringify(found));
    for (const f of found) assert.strictEqual(f.severity, severity, f.message);
    return found.map(f => f.message);
}

async function assertQuiet(text: string, rule: string): Promise<void> {
    assert.deepStrictEqual(await findings(text, rule), []);
}

const QUEUES = `
    sqs q
    sns t
    kinesis k
    dynamodb table`;

describe('model validity rules', () => {

    describe('duplicate-name', () => {
        it('fires on the second of two elements with one name in a region', async () => {
            await assertFires(inRegion('    sqs q\n    sns q'), 'duplicate-name', ['q']);
        });
        it('fires on the second of two third parties with one name', async () => {
            const [message] = await assertFires('system s {\n  external pay "A" { sla 99.9% }\n  external pay "B" { sla 99.9% }\n}', 'duplicate-name', ['pay']);
            assert.match(message, /in the system: it is already declared on line 2\./);
        });
        it('stays quiet for equal names in different cells', async () => {
            await assertQuiet(inRegion('    cell x[2] { sqs q }\n    cell y[2] { sqs q }'), 'duplicate-name');
        });
    });

    describe('duplicate-property', () => {
        it('underlines the second assignment with its keyword', async () => {
            const [message] = await assertFires(inRegion('    lambda f {\n      concurrency 5\n      timeout 3s\n      concurrency 10\n    }'),
                'duplicate-property', ['concurrency 10']);
            assert.match(message, /already set on line 7/);
        });
        it('covers properties made of several keywords and nested nodes', async () => {
            await assertFires(inRegion('    sqs d\n    sqs q { dlq d dlq d after 3 }\n    elasticache e { snapshots retain 1d snapshots retain 2d }'),
                'duplicate-property', ['dlq d after 3', 'snapshots retain 2d']);
        });
        it('stays quiet for repeatable members and distinct properties', async () => {
            await assertQuiet(inRegion('    sqs q\n    lambda f { concurrency 5 timeout 3s uses q async uses q soft }'), 'duplicate-property');
        });
    });

    describe('empty-model', () => {
        it('fires on a file without a system', async () => {
            await assertFires('// nothing yet\n', 'empty-model', ['// nothing yet']);
        });
        it('stays quiet on a system', async () => {
            await assertQuiet('system T { }', 'empty-model');
        });
    });

    describe('unknown-rule', () => {
        it('suggests the closest rule id', async () => {
            const [message] = await assertFires(inRegion('    sqs q { allow sqs-dlk "because" }'), 'unknown-rule', ['sqs-dlk']);
            assert.match(message, /Did you mean 'sqs-dlq'/);
        });
        it('requires a reason', async () => {
            const [message] = await assertFires(inRegion('    sqs q { allow sqs-dlq }'), 'unknown-rule', ['sqs-dlq']);
            assert.match(message, /needs a reason/);
        });
        it('refuses to allow a syntax error', async () => {
            await assertFires(inRegion('    sqs q { allow syntax "x" }'), 'unknown-rule', ['syntax']);
        });
        it('stays quiet for a known rule with a reason', async () => {
            await assertQuiet(inRegion('    sqs q\n    lambda f { consumes q allow lambda-reserved-concurrency "tiny" }'), 'unknown-rule');
        });
    });

    describe('unused-allow', () => {
        it('fires when the allowed rule reports nothing for the element', async () => {
            await assertFires(inRegion('    lambda f { concurrency 5 allow lambda-reserved-concurrency "not needed" }'),
                'unused-allow', ['lambda-reserved-concurrency'], DiagnosticSeverity.Warning);
        });
        it('stays quiet when the allow silences a finding', async () => {
            const text = inRegion('    lambda f { allow lambda-reserved-concurrency "tiny" }');
            await assertQuiet(text, 'unused-allow');
            await assertQuiet(text, 'lambda-reserved-concurrency');
        });
    });

    describe('cell-az-subset', () => {
        it('fires on each AZ of a cell member that the cell is not in', async () => {
            await assertFires(inRegion('    cell p[2] in a, b {\n      ecs e in a, c { tasks 2 }\n      lambda f { vpc subnets b, c }\n    }'),
                'cell-az-subset', ['c', 'c']);
        });
        it('stays quiet inside the cell AZs and for cells without AZs', async () => {
            await assertQuiet(inRegion('    cell p[2] in a, b { ecs e in a, b { tasks 2 } }\n    cell r[2] { ecs e in c }'), 'cell-az-subset');
        });
    });

    describe('reference-kind', () => {
        const wrong: Array<[string, string, string]> = [
            ['dlq names a table', '    sqs x { dlq table }', 'table'],
            ['consumes names a table', '    lambda f { consumes table }', 'table'],
            ['on-failure names a stream', '    lambda f { on-failure k }', 'k'],
            ['over names a queue', '    router r over q', 'q'],
            ['replica of names a queue', '    dynamodb d replica of q', 'q'],
            ['replica of a table in the same region', '    dynamodb d replica of table', 'table'],
            ['uses names an AZ', '    lambda f { uses a }', 'a'],
            ['uses names a cell', '    cell p[2] { sqs z }\n    lambda f { uses p }', 'p'],
            ['a queue is its own dlq', '    sqs x { dlq x }', 'x'],
            ['an API calls a cache', '    elasticache c\n    apigateway api { uses c }', 'c'],
            ['an HTTP API calls a table', '    apigateway api {\n      api http\n      uses table\n    }', 'table'],
            ['an HTTP API calls a topic', '    apigateway api {\n      api http\n      uses t\n    }', 't'],
        ];
        for (const [what, members, underlined] of wrong) {
            it(`fires when ${what}`, async () => {
                await assertFires(inRegion(QUEUES + '\n' + members), 'reference-kind', [underlined]);
            });
        }
        it('fires when route53 fails over to a service that is no entry point', async () => {
            await assertFires(`system T {\n  global { route53 d { failover primary r.q secondary r.t } }\n  region r {${QUEUES}\n  }\n}`,
                'reference-kind', ['r.q', 'r.t']);
        });
        it('fires when CloudFront takes a private API as an origin or in its origin group', async () => {
            await assertFires(`system T {
  global {
    cloudfront cdn {
      uses r.inside
      origin group primary r.inside secondary r.open
    }
  }
  region r {
    apigateway inside { endpoint private }
    apigateway open { endpoint regional }
  }
}`, 'reference-kind', ['r.inside', 'r.inside']);
        });
        it('stays quiet when CloudFront takes regional APIs as origins', async () => {
            await assertQuiet(`system T {
  global {
    cloudfront cdn {
      uses r.open
      origin group primary r.open secondary s.open
    }
  }
  region r {
    apigateway open { endpoint regional }
  }
  region s {
    apigateway open
  }
}`, 'reference-kind');
        });
        it('fires when a scenario indexes something that is not a cell', async () => {
            await assertFires(`system T {\n  region r {${QUEUES}\n  }\n  scenario s { fail r.q[0] }\n}`, 'reference-kind', ['r.q']);
        });
        it('stays quiet for references of the right kinds', async () => {
            await assertQuiet(`system T {
  global { route53 d { failover primary r.lb secondary s.lb } }
  region r {
    az a
    az b
    alb lb in a, b
    sqs q { dlq t }
    sns t
    kinesis k { consumer c { on-failure q } }
    lambda f { consumes q consumes t consumes k on-failure t uses rt uses table }
    apigateway rest { uses table uses t uses q uses f }
    apigateway http {
      api http
      uses q
      uses k
      uses f
    }
    dynamodb table
    router rt over cell1
    cell cell1[2] { sqs z }
  }
  region s {
    az a
    az b
    alb lb in a, b
    dynamodb table replica of r.table
  }
  scenario x { fail r.cell1[1].z, r.cell1, r.a }
}`, 'reference-kind');
        });
    });

    describe('value-range', () => {
        const wrong: Array<[string, string, string]> = [
            ['retries above 2', '    lambda f { invoke async retries 3 }', '3'],
            ['a percentage above 100', '    sqs q { sla 100.5% }', '100.5%'],
            ['needs above tasks', '    ecs e { tasks 2 needs 3 }', '3'],
            ['min above max', '    eks k { nodegroup g { min 3 max 2 } }', '3'],
            ['replicas above 5', '    elasticache c { replicas 6 }', '6'],
            ['zero shards', '    kinesis s { shards 0 }', '0'],
            ['a fractional task count', '    ecs e { tasks 2.5 }', '2.5'],
            ['an unknown duration unit', '    lambda f { timeout 10sec }', '10sec'],
            ['a lambda timeout above 15 minutes', '    lambda f { timeout 16m }', '16m'],
            ['a cell without replicas', '    cell p[0] { sqs q }', '0'],
            ['a cell with more replicas than a design may have', '    cell p[5000] { sqs q }', '5000'],
            ['shuffle shard not below the cell count', '    cell p[3] { sqs q }\n    router r over p { shuffle shard 3 }', '3'],
        ];
        for (const [what, members, underlined] of wrong) {
            it(`fires on ${what}`, async () => {
                await assertFires(inRegion(members), 'value-range', [underlined]);
            });
        }
        it('fires on a replica index beyond the cell count', async () => {
            await assertFires('system T {\n  region r { cell p[2] { sqs q } }\n  scenario s { fail r.p[2] }\n}', 'value-range', ['2']);
        });
        it('names the unknown unit and the known ones', async () => {
            const [message] = await findings(inRegion('    sqs q { visibility 30sec }'), 'value-range');
            assert.match(message.message, /'sec'.*ms, s, m, h, d/);
        });
        it('stays quiet on values at their limits', async () => {
            await assertQuiet(inRegion(`    lambda f { invoke async retries 2 timeout 15m concurrency 1 memory 128 sla 100% }
    ecs e { tasks 3 needs 3 capacity min 1 max 1 }
    elasticache c { replicas 5 shards 1 snapshots retain 35d }
    kinesis s { shards 1 retention 24h }
    cell p[3] { sqs q { visibility 12h retention 14d } }
    router r over p { shuffle shard 2 }`), 'value-range');
        });
        it('checks the values of every AST type that has limits', () => {
            const services = testServices();
            const checks = new Map(Object.entries(resilChecks(services, new AllowValidator(services.validation.RuleReporter))));
            const unchecked = VALUE_RANGE_TYPES.filter(type => ![checks.get(type)].flat().some(check => check?.name === 'checkValues'));
            assert.deepStrictEqual(unchecked, []);
        });
    });

    describe('dependency-cycle', () => {
        it('reports a cycle once, on the use of its first member, naming the cycle', async () => {
            const [message] = await expectFindings(inRegion('    lambda x { uses y }\n    lambda y { uses z }\n    lambda z { uses x }'),
                'dependency-cycle', 'error', ['y']);
            assert.match(message, /^Dependency cycle use1\.x → use1\.y → use1\.z → use1\.x: when any of them fails, all of them fail/);
            assert.match(message, /`soft` or `async`/);
        });
        it('starts the cycle at the member declared first, wherever the search enters it', async () => {
            const [message] = await expectFindings(inRegion('    lambda entryPoint { entry uses b }\n    lambda c { uses a }\n    lambda a { uses b }\n    lambda b { uses c }'),
                'dependency-cycle', 'error', ['a']);
            assert.match(message, /use1\.c → use1\.a → use1\.b → use1\.c:/);
        });
        it('reports a service that uses itself', async () => {
            const [message] = await expectFindings(inRegion('    lambda x { uses x }'), 'dependency-cycle', 'error', ['x']);
            assert.match(message, /^Dependency cycle use1\.x → use1\.x:/);
        });
        it('reports separate cycles separately', async () => {
            await expectFindings(inRegion('    lambda a { uses b }\n    lambda b { uses a }\n    lambda c { uses d }\n    lambda d { uses c }'),
                'dependency-cycle', 'error', ['b', 'd']);
        });
        it('reports cycles that share a member once, naming the members off the shortest cycle', async () => {
            const [message] = await expectFindings(inRegion('    lambda x { uses y uses z }\n    lambda y { uses x }\n    lambda z { uses w }\n    lambda w { uses x }'),
                'dependency-cycle', 'error', ['y']);
            assert.match(message, /use1\.x → use1\.y → use1\.x:.* With use1\.z and use1\.w, 4 services depend on each other in cycles\./);
        });
        it('lists the first ten members of a long cycle and counts the others', async () => {
            const members = Array.from({ length: 25 }, (_, i) => `    lambda m${i} { uses m${(i + 1) % 25} }`);
            const [message] = await expectFindings(inRegion(members.join('\n')), 'dependency-cycle', 'error', ['m1']);
            assert.match(message, /^Dependency cycle use1\.m0 → use1\.m1 → .* → use1\.m9 and 15 more, back to use1\.m0:/);
            assert.doesNotMatch(message, /m10/);
        });
        it('stays quiet when one use of the cycle is soft or async', async () => {
            await expectQuiet(inRegion('    lambda x { uses y }\n    lambda y { uses z async }\n    lambda z { uses x }\n    lambda w { uses x soft }\n    lambda v { uses w }'),
                'dependency-cycle');
        });
    });

    describe('alb-multi-az', () => {
        it('fires on an alb in one AZ', async () => {
            await assertFires(inRegion('    alb lb in b'), 'alb-multi-az', ['b']);
        });
        it('fires on an alb without AZs in a region of one AZ', async () => {
            await assertFires('system T { region r { az a alb lb } }', 'alb-multi-az', ['lb']);
        });
        it('stays quiet for two AZs, and for an alb inheriting its cell AZs', async () => {
            await assertQuiet(inRegion('    alb lb in a, c\n    cell p[2] in a, b { alb front }'), 'alb-multi-az');
        });
    });
});
