import * as assert from 'node:assert/strict';
import { AbstractAstReflection } from 'langium';
import { IndexedAstReflection } from '../../language/src/cli/indexed-reflection.js';
import { ResilAstReflection } from '../../language/src/generated/ast.js';
import { createCliServices } from '../../language/src/cli/cli-services.js';

describe('the CLI\'s AST reflection', () => {
    it('lists the subtypes of every type as Langium\'s does, in the same order', () => {
        const ours = new IndexedAstReflection();
        const langium = new ResilAstReflection();
        const supertypes = langium.getAllTypes().flatMap(type => langium.getTypeMetaData(type).superTypes);
        const names = [...new Set([...langium.getAllTypes(), ...supertypes, 'AstNode', 'NoSuchType'])];
        assert.ok(names.length > 50);
        for (const name of names) {
            assert.deepEqual(ours.getAllSubTypes(name), AbstractAstReflection.prototype.getAllSubTypes.call(langium, name), name);
        }
        assert.ok(ours.getAllSubTypes('Service').length > 10, 'services are many');
    });

    it('is the one the CLI\'s services and validation checks use', () => {
        assert.ok(createCliServices().shared.AstReflection instanceof IndexedAstReflection);
    });
});
