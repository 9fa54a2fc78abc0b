import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { CstUtils, EmptyFileSystem, type AstNode, type LangiumCoreServices } from 'langium';
import { NonTerminal, serializeGrammar, type IProduction, type Rule } from 'chevrotain';
import { saveGrammarRecording, useGrammarRecording, type ChevrotainRecordingInternals } from '../../language/src/parsing/grammar-recording.js';
import { createResilServices } from '../../language/src/resil-module.js';
import { LANGUAGE_TOUR, repoPath } from '../support/paths.js';
import { inRegion } from '../support/services.js';

// language/src/parsing/grammar-recording.ts gives Chevrotain's parser a saved recording of its grammar instead of
// letting it record: these tests fail if the parser still records, or if a replayed parser parses differently.

interface RecordingParser extends ChevrotainRecordingInternals {
    topLevelRuleRecord(name: string, impl: () => void): Rule;
}

const chevrotainOf = (services: LangiumCoreServices) => (services.parser.LangiumParser as unknown as { wrapper: RecordingParser }).wrapper;

/** A parser built with `recording` available, and how many rules its Chevrotain parser recorded itself. */
function parserWith(recording: string | undefined): { services: LangiumCoreServices; recorded: number } {
    const services = createResilServices(EmptyFileSystem).Resil;
    // Count the rules Chevrotain records while this parser is built (the recording mode is on its prototype chain).
    const prototype = recordingPrototype();
    const original = prototype.topLevelRuleRecord;
    let recorded = 0;
    prototype.topLevelRuleRecord = function (this: RecordingParser, name, impl) {
        recorded++;
        return original.call(this, name, impl);
    };
    useGrammarRecording(() => recording);
    try {
        void services.parser.LangiumParser;
    } finally {
        prototype.topLevelRuleRecord = original;
        useGrammarRecording(() => undefined);
    }
    return { services, recorded };
}

let prototypeWithRecording: RecordingParser | undefined;

function recordingPrototype(): RecordingParser {
    if (!prototypeWithRecording) {
        let owner = chevrotainOf(createResilServices(EmptyFileSystem).Resil) as object;
        while (!Object.hasOwn(owner, 'topLevelRuleRecord')) owner = Object.getPrototypeOf(owner) as object;
        prototypeWithRecording = owner as RecordingParser;
    }
    return prototypeWithRecording;
}

/** The AST of a text as JSON, with its errors. */
function parsed(services: LangiumCoreServices, text: string): string {
    const result = services.parser.LangiumParser.parse<AstNode>(text);
    const errors = [...result.lexerErrors.map(e => `${e.offset} ${e.message}`), ...result.parserErrors.map(e => `${e.token.startOffset} ${e.message}`)];
    // References as written (resolving them needs a document); the CST as its nodes' places and types.
    const ast = JSON.stringify(result.value, (key, value: unknown) => key.startsWith('$') && key !== '$type' ? undefined
        : value && typeof value === 'object' && '$refText' in value ? (value as { $refText: string }).$refText : value);
    const cst = CstUtils.streamCst(result.value.$cstNode!).map(node => `${node.offset} ${node.length} ${node.astNode.$type}`).toArray();
    return JSON.stringify([ast, cst, errors]);
}

const EXAMPLES = fs.readdirSync(repoPath('examples')).filter(name => name.endsWith('.resil')).map(name => fs.readFileSync(repoPath('examples', name), 'utf8'));
const BROKEN = inRegion('    lambda f {\n      uses 42 42\n    }\n    sqs q {\n      dlq }\n    lambda g { uses f }');

describe('the grammar recording the CLI replays', () => {
    const plain = parserWith(undefined);
    const recording = saveGrammarRecording(chevrotainOf(plain.services));

    it('replaces the recording of every rule, with the same productions', () => {
        assert.ok(plain.recorded > 50, `a parser without a recording records its ${plain.recorded} rules`);
        const replayed = parserWith(recording);
        assert.equal(replayed.recorded, 0, 'the parser recorded its grammar although a recording was given');
        const productions = (services: LangiumCoreServices) => {
            const parser = chevrotainOf(services);
            return JSON.stringify(serializeGrammar(parser.definedRulesNames!.map(name => parser.gastProductionsCache![name])));
        };
        assert.equal(productions(replayed.services), productions(plain.services));
        // Each rule's calls lead to the rules themselves, as Chevrotain's resolving phase would have set them.
        const calls: NonTerminal[] = [];
        const visit = (production: IProduction) => {
            // A call's `definition` is its rule's: not walked into.
            if (production instanceof NonTerminal) calls.push(production);
            else if ('definition' in production) (production.definition as IProduction[]).forEach(visit);
        };
        const replayedParser = chevrotainOf(replayed.services);
        Object.values(replayedParser.gastProductionsCache!).forEach(visit);
        assert.ok(calls.length > 100, `${calls.length} calls`);
        for (const call of calls) assert.equal(call.referencedRule, replayedParser.gastProductionsCache![call.nonTerminalName], call.nonTerminalName);
        assert.equal(saveGrammarRecording(chevrotainOf(replayed.services)), recording);
    });

    it('parses every example, the tour and a broken design as the recording parser does', () => {
        const replayed = parserWith(recording).services;
        for (const text of [...EXAMPLES, LANGUAGE_TOUR, BROKEN]) assert.equal(parsed(replayed, text), parsed(plain.services, text));
        assert.ok(EXAMPLES.length > 5);
    });

    it('is not used when it does not fit the grammar: the parser records', () => {
        for (const misfit of [recording.replace('"Model\u200b"', '"Modèle\u200b"'), recording.replace('{"token":"ID"}', '{"token":"NOPE"}'), '{"rules":[]}', 'not json']) {
            assert.notEqual(misfit, recording);
            const fallback = parserWith(misfit);
            assert.equal(fallback.recorded, plain.recorded, 'a recording that does not fit was used');
            assert.equal(parsed(fallback.services, LANGUAGE_TOUR), parsed(plain.services, LANGUAGE_TOUR));
        }
    });
});
