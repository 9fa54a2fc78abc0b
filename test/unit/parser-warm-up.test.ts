import * as assert from 'node:assert/strict';
import { CstUtils, EmptyFileSystem, type AstNode } from 'langium';
import type { ChevrotainAnalysisInternals } from '../../language/src/parsing/deferred-parser-analysis.js';
import { ResilParser } from '../../language/src/parsing/resil-parser.js';
import { createResilServices } from '../../language/src/resil-module.js';
import { LANGUAGE_TOUR } from '../support/paths.js';

describe('the parser warmed up after the language server starts (server/src/parser-warm-up.ts)', () => {
    it('builds every lookahead function left to first use, one per step, and parses as before', () => {
        const services = createResilServices(EmptyFileSystem).Resil;
        const parser = services.parser.LangiumParser;
        assert.ok(parser instanceof ResilParser);
        const cache = (parser as unknown as { wrapper: ChevrotainAnalysisInternals }).wrapper.lookAheadFuncsCache;
        assert.ok(cache instanceof Map && cache.size > 100);
        const deferred = new Map(cache);
        const steps = parser.buildDeferredAnalysis();
        let count = 0;
        while (!steps.next().done) count++;
        assert.equal(count, deferred.size, 'one step per lookahead function');
        assert.deepEqual([...deferred].filter(([key, fn]) => cache.get(key) === fn).map(([key]) => key), [], 'each replaced by the function built');
        assert.equal([...parser.buildDeferredAnalysis()].length, 0, 'nothing left to build');
        const shape = (root: AstNode) => CstUtils.streamCst(root.$cstNode!).map(node => `${node.offset} ${node.length} ${node.astNode.$type}`).toArray();
        assert.deepEqual(shape(parser.parse(LANGUAGE_TOUR).value), shape(createResilServices(EmptyFileSystem).Resil.parser.LangiumParser.parse(LANGUAGE_TOUR).value), 'as a parser building them on first use');
    });
});
