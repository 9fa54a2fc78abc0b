import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstUtils, type ReferenceInfo } from 'langium';
import { isFailTarget, isUses, type FailTarget, type Uses } from '../../language/src/generated/ast.js';
import { qualifiedName } from '../../language/src/scoping/qualified-names.js';
import { SUGGESTION_CANDIDATE_BUDGET } from '../../language/src/validation/resil-document-validator.js';
import { walkReferences } from '../../language/src/util/ast-walk.js';
import { CancellationToken } from '../../language/src/util/cancellation.js';
import { REPO_ROOT } from '../support/paths.js';
import { build, diagnostics } from '../support/services.js';

/** Every `uses` line of the document, as `from -> qualified name of the target`. */
async function usesTargets(text: string): Promise<string[]> {
    const document = await build(text);
    assert.deepStrictEqual((document.diagnostics ?? []).filter(d => d.code === 'unresolved-reference' || d.code === 'syntax').map(d => d.message), []);
    return AstUtils.streamAst(document.parseResult.value).filter(isUses)
        .map((u: Uses) => `${qualifiedName(u.$container)} -> ${u.target.ref ? qualifiedName(u.target.ref) : '?'}`).toArray();
}

const TWO_REGIONS = `system T {
  global { route53 dns { uses use1.edge } }
  region use1 {
    az a
    az b
    sqs orders
    alb edge in a, b { uses orders }
    router rt over payments
    cell payments[3] in a, b {
      sqs orders
      lambda authorize { uses orders uses ledger }
      dynamodb ledger
    }
    lambda report { uses payments.ledger uses usw2.orders }
  }
  region usw2 {
    az a
    sqs orders
    lambda sync { uses use1.payments.ledger uses orders }
  }
  scenario s { fail use1.payments[1].authorize, use1.payments[2], use1.a, usw2 }
}`;

describe('linking', () => {
    it('resolves from the innermost scope outward: a cell sees its own orders before the region\'s', async () => {
        const targets = await usesTargets(TWO_REGIONS);
        assert.ok(targets.includes('use1.payments.authorize -> use1.payments.orders'), targets.join('\n'));
        assert.ok(targets.includes('use1.payments.authorize -> use1.payments.ledger'));
        assert.ok(targets.includes('use1.edge -> use1.orders'));
    });

    it('resolves qualified names across cells and regions', async () => {
        const targets = await usesTargets(TWO_REGIONS);
        assert.ok(targets.includes('dns -> use1.edge'));
        assert.ok(targets.includes('use1.report -> use1.payments.ledger'));
        assert.ok(targets.includes('use1.report -> usw2.orders'));
        assert.ok(targets.includes('usw2.sync -> use1.payments.ledger'));
        assert.ok(targets.includes('usw2.sync -> usw2.orders'));
    });

    it('resolves cell replicas and their services in scenarios', async () => {
        const document = await build(TWO_REGIONS);
        const targets = AstUtils.streamAst(document.parseResult.value).filter(isFailTarget).map((t: FailTarget) =>
            `${t.element.ref ? qualifiedName(t.element.ref) : '?'}${t.replica !== undefined ? `[${t.replica}]` : ''}${t.member ? '.' + (t.member.ref ? qualifiedName(t.member.ref) : '?') : ''}`).toArray();
        assert.deepStrictEqual(targets, ['use1.payments[1].use1.payments.authorize', 'use1.payments[2]', 'use1.a', 'usw2']);
    });

    it('reports a replica member that is not in the cell', async () => {
        const found = await diagnostics(TWO_REGIONS.replace('use1.payments[1].authorize', 'use1.payments[1].report'), 'unresolved-reference');
        assert.deepStrictEqual(found.map(d => d.message), ["No service named 'report' in scope."]);
    });

    it('resolves AZ references only within the element\'s own region', async () => {
        const found = await diagnostics(`system T {
  region use1 { az a az b ecs e in a, b, x }
  region usw2 { az x }
}`, 'unresolved-reference');
        assert.deepStrictEqual(found.map(d => d.message), ["No AZ named 'x' in region use1. Did you mean 'a' or 'b'?"]);
    });

    it('does not resolve a name of another region without qualification', async () => {
        const found = await diagnostics(`system T {
  region use1 { lambda f { uses audit } }
  region usw2 { sqs audit }
}`, 'unresolved-reference');
        assert.deepStrictEqual(found.map(d => d.message), ["No service or router named 'audit' in scope. Did you mean 'usw2.audit'?"]);
    });

    it('suggests only names of the kind the reference accepts', async () => {
        const found = await diagnostics(`system T {
  region r { sqs orderz sqs ordersQ dynamodb orders lambda f { dlq orderq } }
}`, 'unresolved-reference');
        assert.strictEqual(found.length, 1);
        assert.match(found[0].message, /No queue or topic named 'orderq'/);
        assert.match(found[0].message, /'orderz'/);
        assert.doesNotMatch(found[0].message, /'orders'/);
    });

    it('suggests qualified names for qualified references', async () => {
        const [found] = await diagnostics(TWO_REGIONS.replace('uses usw2.orders', 'uses usw2.ordrs'), 'unresolved-reference');
        assert.match(found.message, /Did you mean 'usw2.orders'/);
        assert.doesNotMatch(found.message, /use1/);
    });

    it('reports only the unresolved cell, not the member after it', async () => {
        const found = await diagnostics(TWO_REGIONS.replace('use1.payments[1].authorize', 'use1.nope[1].authorize'), 'unresolved-reference');
        assert.deepStrictEqual(found.map(d => d.message), ["No element named 'use1.nope' in scope."]);
    });

    it('stops suggesting once a document has compared its budget of names, so many unresolved references stay linear', async () => {
        // 1,200 queues and 1,200 lambdas that each use a misspelt queue: every lookup sees about 2,400 names, so the
        // budget of SUGGESTION_CANDIDATE_BUDGET comparisons runs out after a few hundred references.
        const count = 1200;
        const members = Array.from({ length: count }, (_, i) => `    sqs queue${i}\n    lambda f${i} { uses queuex${i} async }`).join('\n');
        const found = await diagnostics(`system T {\n  region r {\n${members}\n  }\n}`, 'unresolved-reference');
        assert.strictEqual(found.length, count);
        assert.match(found[0].message, /^No service or router named 'queuex0' in scope\. Did you mean 'queue0'/);
        assert.strictEqual(found[count - 1].message, `No service or router named 'queuex${count - 1}' in scope.`);
        assert.ok(count * 2 * count > SUGGESTION_CANDIDATE_BUDGET, 'the design must exceed the budget for this test to mean anything');
    });

    it('links the references of every node in the order of Langium\'s streamAst and streamReferences', async () => {
        const tour = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'language-tour.resil'), 'utf8');
        const document = await build(tour);
        const root = document.parseResult.value;
        const label = (info: ReferenceInfo) => `${info.container.$type}@${info.container.$cstNode?.offset}.${info.property}[${info.index}] ${info.reference.$refText}`;
        const expected = AstUtils.streamAst(root).flatMap(node => AstUtils.streamReferences(node)).toArray();
        const visited: ReferenceInfo[] = [];
        await walkReferences(root, CancellationToken.None, info => visited.push(info));
        assert.ok(expected.length > 100, `only ${expected.length} references`);
        assert.deepStrictEqual(visited.map(label), expected.map(label));
        assert.ok(visited.every((info, i) => info.reference === expected[i].reference));
        assert.deepStrictEqual(document.references.map(r => r.$refText), expected.map(info => info.reference.$refText));
    });
});
