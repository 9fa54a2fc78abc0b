import * as assert from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { expectFormatting, parseDocument } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver';
import { layoutTokens } from '../../language/src/lsp/format-layout.js';
import { LANGUAGE_TOUR, repoPath } from '../support/paths.js';
import { testServices } from '../support/services.js';

const services = testServices();
const expectFormatted = expectFormatting(services);
const options = { insertSpaces: true, tabSize: 2 };

/** The text after applying the formatter's edits (whole document, or one range). */
async function format(text: string, range?: Range): Promise<string> {
    const document = await parseDocument(services, text);
    const textDocument = { uri: document.uri.toString() };
    const formatter = services.lsp.Formatter!;
    const edits = await (range
        ? formatter.formatDocumentRange(document, { options, textDocument, range })
        : formatter.formatDocument(document, { options, textDocument }));
    return TextDocument.applyEdits(document.textDocument, edits);
}

const withoutWhitespace = (text: string) => text.replace(/\s+/g, '');

const MESSY = `  // header
system   T   {
region use1 "us-east-1"{ az a
      az b
 az c      "id"
    /** doc
     * more
     */
    lambda   f{timeout 10s   concurrency 5
       uses   g   soft   // why soft
    versions alias live   deploy canary 10%
    }
  lambda g { timeout 3s concurrency 2 }
    cell p [ 2 ] in a ,b,c {
    sqs q {
    dlq d after 3 /* inline */ visibility 30s


}
sqs d


    }
}
scenario s { fail use1 . p [ 1 ] , use1.a }
}


`;

const MESSY_FORMATTED = `// header
system T {
  region use1 "us-east-1" {
    az a
    az b
    az c "id"
    /** doc
     * more
     */
    lambda f {
      timeout 10s
      concurrency 5
      uses g soft   // why soft
      versions alias live deploy canary 10%
    }
    lambda g { timeout 3s concurrency 2 }
    cell p[2] in a, b, c {
      sqs q {
        dlq d after 3 /* inline */
        visibility 30s
      }
      sqs d
    }
  }
  scenario s { fail use1.p[1], use1.a }
}
`;

describe('formatting', () => {
    it('leaves the language tour unchanged', async () => {
        await expectFormatted({ before: LANGUAGE_TOUR, after: LANGUAGE_TOUR, options, disposeAfterCheck: true });
    });

    it('leaves every example unchanged', async () => {
        const folder = repoPath('examples');
        const examples = readdirSync(folder).filter(name => name.endsWith('.resil'));
        assert.ok(examples.length >= 5, examples.join(', '));
        for (const name of examples) {
            const text = readFileSync(repoPath('examples', name), 'utf8');
            assert.strictEqual(await format(text), text, `${name} is not formatted`);
        }
    });

    it('leaves the multi-file example unchanged: a part\'s members stay on lines of their own', async () => {
        const folder = repoPath('examples', 'multi-file', 'cell-based');
        for (const name of readdirSync(folder).filter(f => f.endsWith('.resil'))) {
            const text = readFileSync(repoPath('examples', 'multi-file', 'cell-based', name), 'utf8');
            assert.strictEqual(await format(text), text, `${name} is not formatted`);
        }
        assert.strictEqual(await format('part of system shop\nregion use1 { az a } in region usw2 { sqs q }\n'),
            'part of system shop\nregion use1 { az a }\nin region usw2 { sqs q }\n');
    });

    it('re-indents the language tour when all its indentation is lost', async () => {
        // Continuation lines of the header doc comment (` * ...`) are comment text: keep them as they are.
        const flat = LANGUAGE_TOUR.split('\n').map(line => line.startsWith(' *') ? line : line.trimStart()).join('\n');
        assert.notStrictEqual(flat, LANGUAGE_TOUR);
        assert.strictEqual(await format(flat), LANGUAGE_TOUR);
    });

    it('indents, spaces and breaks a badly laid-out document', async () => {
        await expectFormatted({ before: MESSY, after: MESSY_FORMATTED, options, disposeAfterCheck: true });
    });

    it('is idempotent', async () => {
        const once = await format(MESSY);
        assert.strictEqual(await format(once), once);
    });

    it('puts one member per line in a multi-line body and keeps a one-line body on its line', async () => {
        const before = 'system T {\n  region r {\n    az a\n    ecs api in a { launch fargate tasks 2 }\n    sqs q { visibility 30s\n      retention 4d }\n  }\n}\n';
        const after = 'system T {\n  region r {\n    az a\n    ecs api in a { launch fargate tasks 2 }\n    sqs q {\n      visibility 30s\n      retention 4d\n    }\n  }\n}\n';
        assert.strictEqual(await format(before), after);
    });

    it('lays out the multi-word members of Aurora, RDS and S3 one per line, each on one line', async () => {
        const before = 'system T {\n  region r {\n    az a\n    az b\n    aurora db   in a,b replica  of x.db { readers 1\n backup   retain 7d deletion\n protection on }\n    s3 files { object   lock on\n storage one-zone }\n  }\n}\n';
        const after = 'system T {\n  region r {\n    az a\n    az b\n    aurora db in a, b replica of x.db {\n      readers 1\n      backup retain 7d\n      deletion protection on\n    }\n    s3 files {\n      object lock on\n      storage one-zone\n    }\n  }\n}\n';
        assert.strictEqual(await format(before), after);
    });

    it('lays out Auto Scaling groups, NAT gateways and endpoints like any element', async () => {
        const before = 'system T {\n  region r {\n    az a\n    az b\n    asg web in a ,b{min 3   health   check elb\n  uses q}\n    sqs q\n    nat   egress in a,b\n    endpoint queues   for sqs in  a , b\n  }\n}\n';
        const after = 'system T {\n  region r {\n    az a\n    az b\n    asg web in a, b {\n      min 3\n      health check elb\n      uses q\n    }\n    sqs q\n    nat egress in a, b\n    endpoint queues for sqs in a, b\n  }\n}\n';
        assert.strictEqual(await format(before), after);
    });

    it('keeps the line breaks of an element it cannot read (a misspelt keyword)', async () => {
        const before = 'system T {\n  region r {\n      lamda f {   timeout 3s\n  concurrency 2 }\n  sqs q\n  }\n}\n';
        const after = 'system T {\n  region r {\n    lamda f { timeout 3s\n      concurrency 2 }\n    sqs q\n  }\n}\n';
        assert.strictEqual(await format(before), after);
    });

    it('moves the continuation lines of a block comment with it', async () => {
        const before = 'system T {\n        /**\n         * The region.\n         */\n  region r\n  {\n  }\n}\n';
        const after = 'system T {\n  /**\n   * The region.\n   */\n  region r {\n  }\n}\n';
        assert.strictEqual(await format(before), after);
    });

    it('does not touch a document with a syntax error', async () => {
        const broken = 'system T {\n      region r {\n  lambda f { timeout 10s\n   sqs q {   visibility   30s }\n}\n}\n';
        assert.strictEqual(await format(broken), broken);
    });

    it('formats a range above a syntax error and keeps every character of the text', async () => {
        const broken = 'system T {\n      region r   {\n   az a\n  lambda f { timeout 10s\n      sqs q\n}\n}\n';
        const range = { start: { line: 0, character: 0 }, end: { line: 2, character: 7 } };
        const result = await format(broken, range);
        assert.strictEqual(result, 'system T {\n  region r {\n    az a\n  lambda f { timeout 10s\n      sqs q\n}\n}\n');
        assert.strictEqual(withoutWhitespace(result), withoutWhitespace(broken));
    });

    it('never replaces a gap between tokens that holds text the lexer rejected', () => {
        const text = 'az a   @   az b';
        const tokens = [[0, 'az'], [3, 'a'], [11, 'az'], [14, 'b']].map(([offset, image]) =>
            ({ offset: offset as number, end: (offset as number) + (image as string).length, image: image as string, memberStart: image === 'az' }));
        const edits = layoutTokens(text, tokens);
        assert.deepStrictEqual(edits.filter(edit => edit.start < 11 && edit.end > 4), []);
    });
});
