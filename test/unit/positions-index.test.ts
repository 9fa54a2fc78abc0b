import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import { propertyNode } from '../../language/src/validation/property-node.js';
import { REPO_ROOT } from '../support/paths.js';
import { build } from '../support/services.js';

const TOUR = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'language-tour.resil'), 'utf8');
/** A design the parser recovers from: nodes without names, composites with hidden or missing children. */
const BROKEN = 'system S {\n  region r "us-east-1" {\n    az a "use1-az1"\n    lambda { timeout }\n    ecs e { tasks many\n  }\n}\n';

describe('positions found through an index (findings, diagnostic ranges)', () => {
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
