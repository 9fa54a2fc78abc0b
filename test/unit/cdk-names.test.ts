import * as assert from 'node:assert';
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { docCommentText, markdownText, NameSet } from '../../language/src/generator/cdk/identifiers.js';
import { getTopology } from '../../language/src/model/topology.js';
import { markdownHtml } from '../support/markup-safety.js';
import { build } from '../support/services.js';

type App = ReturnType<typeof generateCdkApp>;

async function appOf(text: string, sourceName = 'model.resil'): Promise<App> {
    const document = await build(text);
    return generateCdkApp(getTopology(document.parseResult.value), { sourceName });
}

function file(app: App, name: string): string {
    const found = app.files.find(f => f.path === name);
    assert.ok(found, `no ${name} in ${app.files.map(f => f.path).join(', ')}`);
    return found.content;
}

/** Names declared twice in one file: `const x`, `class X`, construct ids `(this, 'X'` or `(app, 'X'`. */
function declaredTwice(content: string): string[] {
    const declared = [
        ...[...content.matchAll(/\b(?:const|class|interface) ([A-Za-z_$][\w$]*)/g)].map(m => `name ${m[1]}`),
        ...[...content.matchAll(/\((?:this|app), '([^']*)'/g)].map(m => `id ${m[1]}`),
    ];
    return declared.filter((name, i) => declared.indexOf(name) !== i);
}

/** Markdown special characters left unescaped (after dropping every backslash escape). */
function unescapedMarkdown(text: string): string[] {
    return text.replace(/\\[\s\S]/g, '').match(/[`*_[\]<>|]/g) ?? [];
}

const INJECTIONS = [
    'evil<img src=x onerror=alert(1)>', 'a */ b /* c', '`code` *em* _em_ [link](javascript:alert(1))', '# heading | table |',
    '<script>alert(1)</script>', 'back\\slash\\`', '&lt;img src=x&gt;', 'line\nbreak\u2028',
];

describe('CDK generator: names told apart', () => {
    it('suffixes a name already handed out, with the separator of its kind', () => {
        const identifiers = new NameSet(['App']);
        assert.deepStrictEqual(['use1', 'use1', 'App', 'use1'].map(n => identifiers.claim(n)), ['use1', 'use12', 'App2', 'use13']);
        const files = new NameSet([], '-');
        assert.deepStrictEqual(['use-1', 'use-1', 'use-1-2'].map(n => files.claim(n)), ['use-1', 'use-1-2', 'use-1-2-2']);
    });

    it('gives regions named use_1, use-1 and Use1 their own stack, class, file, variable and construct id', async () => {
        const app = await appOf(`system T {
  region use_1 "us-east-1" { az a az b sqs q lambda f { concurrency 5 invoke sync } }
  region use-1 "us-west-2" { az a az b sqs q lambda f { concurrency 5 invoke sync } }
  region Use1 "eu-west-1" { az a az b sqs q lambda f { concurrency 5 invoke sync } }
}
`);
        const paths = app.files.map(f => f.path);
        assert.deepStrictEqual(paths.filter(p => p.endsWith('-stack.ts')).sort(), [
            'lib/use-1-2-data-stack.ts', 'lib/use-1-2-stack.ts', 'lib/use-1-data-stack.ts', 'lib/use-1-stack.ts', 'lib/use1-data-stack.ts', 'lib/use1-stack.ts',
        ]);
        assert.strictEqual(new Set(paths.map(p => p.toLowerCase())).size, paths.length, 'file names differ even on a case-insensitive file system');
        const stacks = file(app, 'lib/stacks.ts');
        assert.deepStrictEqual(declaredTwice(stacks), [], stacks);
        assert.match(stacks, /return \[use1DataStack, use1Stack, use12DataStack, use12Stack, use13DataStack, use13Stack\];/);
        const classes = [...stacks.matchAll(/import \{ (\w+) \} from '\.\/([\w-]+)'/g)].map(m => `${m[1]} ${m[2]}`);
        assert.deepStrictEqual(classes, [
            'Use1DataStack use-1-data-stack', 'Use1Stack use-1-stack', 'Use12DataStack use-1-2-data-stack', 'Use12Stack use-1-2-stack',
            'Use13DataStack use1-data-stack', 'Use13Stack use1-stack',
        ]);
    });

    it('keeps every name declared once per file when names sanitise alike or are the generated code\'s own', async () => {
        const app = await appOf(`system T {
  global {
    route53 dns_a { failover primary use1.edge secondary use1.edge2 }
    route53 dns-a { failover primary use1.edge2 secondary use1.edge }
  }
  region use1 "us-east-1" {
    az a az b
    alb edge in a, b
    alb edge2 in a, b
    lambda f { invoke sync concurrency 5 uses q_a uses q-a uses qA uses placeholders uses vpc }
    sqs q_a
    sqs q-a
    sqs qA
    sqs placeholders
    sqs vpc
    sqs cluster
    ecs api in a, b { tasks 2 }
    sqs api-task
    sqs pay1
    cell pay[3] in a, b { sqs props sqs scope sqs id }
    kinesis s { consumer c_1 in a, b { workers 2 } consumer c-1 in a, b { workers 2 } }
  }
}
`);
        // The model check is the same fixed text in every app, with locals per function: no name of the design reaches it.
        for (const { path, content } of app.files.filter(f => f.path.endsWith('.ts') && f.path !== 'test/model-check.ts')) {
            assert.deepStrictEqual(declaredTwice(content), [], `${path}:\n${content}`);
        }
        const stack = file(app, 'lib/use1-stack.ts');
        const stacks = file(app, 'lib/stacks.ts');
        // The cell holds only queues: each replica is a data stack of its own, and no services stack would hold anything.
        assert.match(stacks, /new Use1PayCellDataStack\(app, `TUse1-Pay\$\{replica\}-Data`/, 'each replica is a stack of its own');
        assert.ok(!/Use1PayCellStack\b/.test(stacks), stacks);
        assert.deepStrictEqual([...stack.matchAll(/addEnvironment\('(Q_A_QUEUE_URL[_\d]*)'/g)].map(m => m[1]), ['Q_A_QUEUE_URL', 'Q_A_QUEUE_URL_2', 'Q_A_QUEUE_URL_3']);
        assert.deepStrictEqual([...stack.matchAll(/streamConsumerName: '([^']*)'/g)].map(m => m[1]), ['c-1', 'c-1-2']);
        assert.match(file(app, 'lib/use1-data-stack.ts'), /const placeholdersResource = /);
        assert.match(stack, /import \* as placeholders from '\.\/placeholders';/);
        assert.match(stacks, /const dnsARecords = dnsRecordProps\(app, 'dnsA', /);
        assert.match(stacks, /const dnsA2Records = dnsRecordProps\(app, 'dnsA2', /);
    });
});

describe('CDK generator: design text and file names escaped for each kind of generated file', () => {
    it('makes Markdown text with no HTML tag and no unescaped Markdown', () => {
        for (const text of INJECTIONS) {
            const markdown = markdownText(text);
            assert.deepStrictEqual(markdownHtml(markdown), [], markdown);
            assert.deepStrictEqual(unescapedMarkdown(markdown), [], markdown);
            assert.ok(!/[\n\r\u2028]/.test(markdown), markdown);
        }
        assert.strictEqual(markdownText('evil<img src=x>.resil'), 'evil&lt;img src=x&gt;.resil');
        assert.strictEqual(markdownText('&lt;'), '&amp;lt;', 'an entity in the text stays text');
    });

    it('makes doc comment text that cannot end the comment', () => {
        for (const text of INJECTIONS) assert.ok(!docCommentText(text).includes('*/'), docCommentText(text));
    });

    it('escapes a hostile file name and title in the README, comments, doc comments, string literals and JSON', async () => {
        const sourceName = 'evil<img src=x onerror=alert(1)> `x` */ [a](b).resil';
        const title = '<script>alert(1)</script> */ `t` *b* \'q\' "d"';
        const app = await appOf(`system T "${title.replace(/"/g, '\\"')}" {
  global { route53 dns { failover primary r.edge secondary r.edge2 } }
  region r "not-a-region<img src=x onerror=alert(1)>" { az a az b alb edge in a, b alb edge2 in a, b }
}
`, sourceName);
        const readme = file(app, 'README.md');
        assert.deepStrictEqual(markdownHtml(readme), [], readme);
        assert.match(readme, /Generated by Resil from evil&lt;img src=x onerror=alert\\\(1\\\)&gt; \\`x\\` \\\*\/ \\\[a\\\]\\\(b\\\)\.resil: &lt;script&gt;/);
        assert.match(readme, /'not-a-region&lt;img src=x onerror=alert\\\(1\\\)&gt;' is not an AWS region code/);
        for (const { path, content } of app.files.filter(f => f.path.endsWith('.ts'))) {
            for (const line of content.split('\n')) {
                const doc = /\/\*\*(.*)\*\/\s*$/.exec(line);
                if (doc) assert.ok(!doc[1].includes('*/'), `${path}: a doc comment ends early: ${line}`);
                if (doc || /^\s*\/\//.test(line)) continue;
                assert.ok(!line.includes('<img') && !line.includes('<script>') || /'[^']*<(img|script)[^']*'/.test(line), `${path}: raw text outside a literal or comment: ${line}`);
            }
        }
        const stack = file(app, 'lib/r-stack.ts');
        assert.match(stack, /\/\*\* Hosted zone and record name of route53 dns \(model: evil<img src=x onerror=alert\(1\)> `x` \*\\\/ \[a\]\(b\)\.resil:2\)\. \*\//);
        assert.ok(!/\*\/ \[a\]/.test(file(app, 'bin/app.ts').split('\n').filter(l => !l.startsWith('//')).join('\n')));
        const description = (JSON.parse(file(app, 'package.json')) as { description: string }).description;
        assert.strictEqual(description, `CDK app generated by Resil from ${sourceName}`);
        assert.match(file(app, 'lib/stacks.ts'), /description: '<script>alert\(1\)<\/script> \*\/ `t` \*b\* \\'q\\' "d" \(generated by Resil\): region r, services'/);
    });
});
