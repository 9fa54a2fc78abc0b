import * as assert from 'node:assert/strict';
import { CstUtils, DefaultValueConverter, EmptyFileSystem, type CstNode, type GrammarAST, type ValueType } from 'langium';
import { createResilServices } from '../../language/src/resil-module.js';
import { ResilValueConverter } from '../../language/src/parsing/resil-value-converter.js';
import { loadCorpus } from '../fuzz/corpus.js';
import { LANGUAGE_TOUR } from '../support/paths.js';

/** Langium's converter with Resil's numbers: what ResilValueConverter gives, worked out anew at every value. */
class ReferenceConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'PERCENT') return Number(input.slice(0, -1));
        if (rule.name === 'NUMBER') return Number(input);
        return super.runConverter(rule, input, cstNode);
    }
}

describe('the value converter (ResilValueConverter)', () => {
    it('converts every value of the corpus as Langium\'s converter with Resil\'s numbers does', () => {
        const services = createResilServices(EmptyFileSystem).Resil;
        const ours = new ResilValueConverter();
        const reference = new ReferenceConverter();
        let converted = 0;
        for (const text of [LANGUAGE_TOUR, ...loadCorpus()]) {
            const root = services.parser.LangiumParser.parse(text).value.$cstNode!;
            for (const node of CstUtils.streamCst(root)) {
                const input = node.text;
                const expected = reference.convert(input, node);
                assert.deepEqual(ours.convert(input, node), expected, `${input} at ${node.offset}`);
                if (expected !== input) converted++;
            }
        }
        // Numbers, percentages and strings are among them: values that conversion changes.
        assert.ok(converted > 500, `${converted} values changed by conversion`);
    });

    it('is the parser\'s, which converts percentages to numbers and keeps durations as written', () => {
        const services = createResilServices(EmptyFileSystem).Resil;
        assert.ok(services.parser.ValueConverter instanceof ResilValueConverter);
        const root = services.parser.LangiumParser.parse(LANGUAGE_TOUR).value.$cstNode!;
        const leaves = CstUtils.flattenCst(root).toArray();
        const percent = leaves.find(leaf => /%$/.test(leaf.text))!;
        const duration = leaves.find(leaf => /^[0-9]+[a-z]+$/.test(leaf.text))!;
        assert.equal(services.parser.ValueConverter.convert(percent.text, percent), Number(percent.text.slice(0, -1)));
        assert.equal(services.parser.ValueConverter.convert(duration.text, duration), duration.text);
    });
});
