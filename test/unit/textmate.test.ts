import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import { AstUtils, GrammarAST } from 'langium';
import { LANGUAGE_TOUR, repoPath } from '../support/paths.js';
import { testServices } from '../support/services.js';

/**
 * Checks the hand-written TextMate grammar against the Langium grammar with a small matcher that follows the
 * TextMate rules this grammar relies on: at each position the pattern matching earliest wins, ties go to the
 * pattern listed first, `begin`/`end` patterns span until their end.
 */
interface Pattern {
    name?: string;
    match?: string;
    begin?: string;
    end?: string;
    include?: string;
    patterns?: Pattern[];
    captures?: Record<string, { name: string }>;
}

const grammarFile = repoPath('client', 'syntaxes', 'resil.tmLanguage.json');
const textMate = JSON.parse(readFileSync(grammarFile, 'utf8')) as { scopeName: string; patterns: Pattern[]; repository: Record<string, Pattern> };

function flatten(patterns: Pattern[]): Pattern[] {
    return patterns.flatMap(p => {
        if (p.include) return flatten(textMate.repository[p.include.slice(1)].patterns ?? [textMate.repository[p.include.slice(1)]]);
        return [p];
    });
}

interface ScopedToken { text: string; scope: string }

/** Splits `text` into scoped tokens (unscoped stretches, such as names and spaces, are left out). */
function tokenize(text: string): ScopedToken[] {
    const patterns = flatten(textMate.patterns);
    const tokens: ScopedToken[] = [];
    let position = 0;
    while (position < text.length) {
        let best: { index: number; match: RegExpExecArray; pattern: Pattern } | undefined;
        for (const pattern of patterns) {
            const regex = new RegExp(pattern.match ?? pattern.begin!, 'gm');
            regex.lastIndex = position;
            const match = regex.exec(text);
            if (match && match[0].length > 0 && (!best || match.index < best.index)) best = { index: match.index, match, pattern };
        }
        if (!best) break;
        const { match, pattern } = best;
        let end = match.index + match[0].length;
        if (pattern.begin) {
            const close = new RegExp(pattern.end!, 'gm');
            close.lastIndex = end;
            const closing = close.exec(text);
            end = closing ? closing.index + closing[0].length : text.length;
            tokens.push({ text: text.slice(match.index, end), scope: pattern.name! });
        } else if (pattern.captures) {
            for (const [group, capture] of Object.entries(pattern.captures)) {
                tokens.push({ text: match[Number(group)], scope: capture.name });
            }
        } else {
            tokens.push({ text: match[0], scope: pattern.name! });
        }
        position = end;
    }
    return tokens;
}

const scopeOf = (text: string, token: string) => tokenize(text).find(t => t.text === token)?.scope;

describe('TextMate grammar', () => {
    it('is the hand-written one, not the one langium generates', () => {
        assert.strictEqual(textMate.scopeName, 'source.resil');
        const config = readFileSync(repoPath('langium-config.json'), 'utf8');
        assert.ok(!config.includes('textMate'), 'langium-config.json would overwrite the grammar');
    });

    it('matches every keyword of the language grammar as a keyword', () => {
        const keywords = new Set(AstUtils.streamAllContents(testServices().Grammar).filter(GrammarAST.isKeyword).map(k => k.value));
        const unmatched = [...keywords].filter(keyword => {
            const [first] = tokenize(keyword);
            return !first || first.text !== keyword
                || !/^(keyword|storage|constant\.language|punctuation)\./.test(first.scope);
        });
        assert.deepStrictEqual(unmatched, [], 'keywords the TextMate grammar does not know');
    });

    it('scopes comments, strings, numbers with units and rule ids', () => {
        assert.strictEqual(scopeOf('/** Public DNS */ route53 dns', '/** Public DNS */'), 'comment.block.documentation.resil');
        assert.strictEqual(scopeOf('/* standby */', '/* standby */'), 'comment.block.resil');
        assert.strictEqual(scopeOf('needs 6   // at peak', '// at peak'), 'comment.line.double-slash.resil');
        assert.strictEqual(scopeOf('region use1 "us-east-1"', '"us-east-1"'), 'string.quoted.double.resil');
        assert.strictEqual(scopeOf('require availability 99.95%', '99.95%'), 'constant.numeric.percentage.resil');
        assert.strictEqual(scopeOf('retain 35d', '35d'), 'constant.numeric.duration.resil');
        assert.strictEqual(scopeOf('timeout 10sec', '10sec'), 'invalid.illegal.unit.resil');
        assert.strictEqual(scopeOf('tasks 9', '9'), 'constant.numeric.resil');
        assert.strictEqual(scopeOf('allow sqs-dlq "drained by hand"', 'sqs-dlq'), 'entity.name.tag.rule-id.resil');
        assert.strictEqual(scopeOf('lambda authorize {', 'authorize'), 'entity.name.function.resil');
        assert.strictEqual(scopeOf('cell payments[4] in a', 'payments'), 'entity.name.type.resil');
    });

    it('does not take a keyword inside a name or a number inside a name', () => {
        assert.strictEqual(scopeOf('uses my-sqs-queue', 'sqs'), undefined);
        assert.strictEqual(scopeOf('fail use1.a', '1'), undefined);
        assert.strictEqual(scopeOf('require survive cell-loss', 'cell'), undefined);
    });

    it('finds nothing invalid in the language tour', () => {
        assert.deepStrictEqual(tokenize(LANGUAGE_TOUR).filter(t => t.scope.startsWith('invalid')), []);
    });
});
