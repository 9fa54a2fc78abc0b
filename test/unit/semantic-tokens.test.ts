import * as assert from 'node:assert';
import { SemanticTokensDecoder } from 'langium/lsp';
import { LANGUAGE_TOUR } from '../support/paths.js';
import { build, inRegion, testServices } from '../support/services.js';

const services = testServices();

/** Each highlighted token as `text:type[.modifier...]`, in document order. */
async function highlighted(text: string): Promise<string[]> {
    const document = await build(text);
    const provider = services.lsp.SemanticTokenProvider!;
    const tokens = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
    const modifierNames = Object.entries(provider.tokenModifiers);
    return SemanticTokensDecoder.decode(tokens, provider.tokenTypes, document).map(token => {
        const modifiers = modifierNames.filter(([, bit]) => (token.tokenModifiers & bit) !== 0).map(([name]) => '.' + name);
        return `${token.text}:${token.tokenType}${modifiers.join('')}`;
    });
}

describe('semantic tokens', () => {
    it('marks declarations by element kind with the declaration modifier', async () => {
        const tokens = await highlighted(inRegion(`
    cell p[2] in a { lambda f }
    router r over p
    ecs api in a
    dynamodb t
    sqs q
    kinesis k { consumer w in a }
    alb lb in a, b`));
        for (const expected of ['T:namespace.declaration', 'use1:namespace.declaration', 'a:enumMember.declaration',
            'p:struct.declaration', 'f:function.declaration', 'r:type.declaration', 'api:class.declaration',
            't:variable.declaration', 'q:event.declaration', 'k:event.declaration', 'w:method.declaration',
            'lb:interface.declaration']) {
            assert.ok(tokens.includes(expected), `${expected} in ${tokens.join(' ')}`);
        }
    });

    it('highlights a reference as the kind it resolves to, segment by segment', async () => {
        const tokens = await highlighted(`system T {
  region use1 { az a
    cell p[2] in a { dynamodb ledger }
    lambda f { dlq q uses p.ledger vpc subnets a }
    sqs q
  }
  scenario s { fail use1.p[1], use1.a }
}`);
        const references = tokens.filter(t => !t.includes('.declaration'));
        assert.deepStrictEqual(references, [
            '2:number', 'a:enumMember',
            'q:event', 'p:struct', 'ledger:variable', 'a:enumMember',
            'use1:namespace', 'p:struct', '1:number', 'use1:namespace', 'a:enumMember',
        ]);
    });

    it('highlights known rule ids after allow, and numbers with units and percentages', async () => {
        const tokens = await highlighted(`system T {
  require availability 99.9%
  allow sqs-dlq "queue is drained by hand"
  allow no-such-rule "typo"
  region r { sqs q { visibility 30s dlq d after 5 } sqs d }
}`);
        assert.ok(tokens.includes('sqs-dlq:decorator'), tokens.join(' '));
        assert.ok(!tokens.some(t => t.startsWith('no-such-rule')), tokens.join(' '));
        for (const expected of ['99.9%:number', '30s:number', '5:number']) assert.ok(tokens.includes(expected), expected);
    });

    it('leaves unresolved references unhighlighted and does not fail on the tour', async () => {
        const tokens = await highlighted(inRegion('    lambda f { dlq nowhere }'));
        assert.ok(!tokens.some(t => t.startsWith('nowhere')));
        const tour = await highlighted(LANGUAGE_TOUR);
        assert.ok(tour.includes('usw2:namespace'));
        assert.ok(tour.includes('customerRouter:type'));
        assert.ok(tour.includes('10%:number'));
    });
});
