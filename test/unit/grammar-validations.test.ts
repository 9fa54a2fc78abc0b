import * as assert from 'node:assert/strict';
import { createParser, DefaultLexer, EmptyFileSystem, LangiumParser, type LangiumCoreServices } from 'langium';
import { createResilServices } from '../../language/src/resil-module.js';

// langium-config.json generates the language in production mode: Chevrotain then skips its validations of the
// lexer and the grammar when the parser is built, which cost every CLI and server start about 0.3 s. They run here
// instead, on the grammar as generated, so that a grammar they would refuse fails the tests rather than nothing.

/** The same services, with Langium's development mode: Chevrotain validates what it builds. */
function developmentServices(services: LangiumCoreServices): LangiumCoreServices {
    const development = Object.create(services) as LangiumCoreServices;
    Object.defineProperty(development, 'LanguageMetaData', { value: { ...services.LanguageMetaData, mode: 'development' } });
    return development;
}

describe('grammar validations (skipped at start-up)', () => {
    const services = createResilServices(EmptyFileSystem).Resil;

    it('runs in production mode, without validations', () => {
        assert.equal(services.LanguageMetaData.mode, 'production');
    });

    it('passes Chevrotain\'s lexer validations', () => {
        assert.doesNotThrow(() => new DefaultLexer(developmentServices(services)));
    });

    it('passes Chevrotain\'s grammar validations', () => {
        const development = developmentServices(services);
        const parser = createParser(services.Grammar, new LangiumParser(development), services.parser.Lexer.definition);
        const wrapper = (parser as unknown as { wrapper: { skipValidations: boolean; definitionErrors: unknown[] } }).wrapper;
        assert.equal(wrapper.skipValidations, false);
        assert.doesNotThrow(() => parser.finalize());
        assert.deepEqual(wrapper.definitionErrors, []);
    });
});
