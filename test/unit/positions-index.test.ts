import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstUtils, CstUtils, GrammarUtils, type AstNode } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { propertyNode } from '../../language/src/validation/property-node.js';
import { leafAtOffset, TextOffsets } from '../../language/src/workspace/text-offsets.js';
import { REPO_ROOT } from '../support/paths.js';
import { build } from '../support/services.js';

const TOUR = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'language-tour.resil'), 'utf8');
/** A design the parser recovers from: nodes without names, composites with hidden or missing children. */
const BROKEN = 'system S {\n  region r "us-east-1" {\n    az a "use1-az1"\n    lambda { timeout }\n    ecs e { tasks many\n  }\n}\n';

describe('positions found through an index (findings, diagnostic ranges)', () => {
    it('gives every position of a text the offset its text document gives, with or without carriage returns', () => {
        for (const text of [TOUR, 'a\nbc\n\n d', 'a\r\nbc\rd\n', '', '\n\n']) {
            const document = TextDocument.create('file:///t.resil', 'resil', 1, text);
            const offsets = new TextOffsets(document);
            const lines = text.split(/\r\n|\r|\n/).length;
            for (let line = -1; line <= lines + 1; line++) {
                for (const character of [-1, 0, 1, 2, 5, 40, 1000]) {
                    const position = { line, character };
                    assert.strictEqual(offsets.offsetAt(position), document.offsetAt(position), `${JSON.stringify(text.slice(0, 12))} ${line}:${character}`);
                }
            }
        }
    });

    it('finds the leaf at every offset that Langium finds', async () => {
        for (const text of [TOUR, BROKEN]) {
            const root = (await build(text)).parseResult.value.$cstNode!;
            for (let offset = -1; offset <= text.length + 1; offset++) {
                // Compared by identity: a failing deep comparison of two CST nodes would print the whole tree.
                assert.ok(leafAtOffset(root, offset) === CstUtils.findLeafNodeAtOffset(root, offset), `offset ${offset}`);
            }
        }
    });

    it('finds the node of every property, at every index, that Langium finds', async () => {
        let compared = 0;
        for (const text of [TOUR, BROKEN]) {
            const model = (await build(text)).parseResult.value;
            for (const node of AstUtils.streamAst(model)) {
                for (const property of [...Object.keys(node).filter(key => !key.startsWith('$')), 'nothing', '']) {
                    for (const index of [undefined, -1, 0, 1, 2, 7]) {
                        const expected = GrammarUtils.findNodeForProperty(node.$cstNode, property, index);
                        assert.ok(propertyNode(node.$cstNode, property, index) === expected, `${label(node)} ${property}[${index}]`);
                        if (expected) compared++;
                    }
                }
            }
        }
        assert.ok(compared > 1000, `only ${compared} nodes found`);
    });
});

function label(node: AstNode): string {
    return `${node.$type}@${node.$cstNode?.offset}`;
}
