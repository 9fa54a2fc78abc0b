import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCdkApp, previewStack } from '../../language/src/generator/cdk/generate.js';
import { camelCase, commentText, fileSlug, pascalCase, tsString } from '../../language/src/generator/cdk/identifiers.js';
import { PINNED_VERSIONS, RECOMMENDED_FEATURE_FLAGS } from '../../language/src/generator/cdk/pinned.js';
import { ACKNOWLEDGMENTS } from '../../language/src/generator/cdk/support-files.js';
import { MANIFEST_FILE, OutputFolderError, writeGeneratedFiles } from '../../language/src/generator/output-folder.js';
import { exportCdk, previewCdk } from '../../language/src/lsp/cdk-requests.js';
import { CDK_DESIGN_HAS_ERRORS } from '../../language/src/protocol/index.js';
import { getTopology } from '../../language/src/model/topology.js';
import { build, inRegion, testServices } from '../support/services.js';

const require = createRequire(import.meta.url);
const HOSTILE = ['it\'s', 'say "hi"', '`${process.exit(1)}`', 'end */ start /*', 'line\nbreak\r\u2028\u2029', 'back\\slash', '\u0000\u001b'];

async function appOf(text: string) {
    const document = await build(text);
    return { topology: getTopology(document.parseResult.value), app: generateCdkApp(getTopology(document.parseResult.value), { sourceName: 'model.resil' }) };
}

function file(app: { files: readonly { path: string; content: string }[] }, name: string): string {
    const found = app.files.find(f => f.path === name);
    assert.ok(found, `no ${name} in ${app.files.map(f => f.path).join(', ')}`);
    return found.content;
}

describe('CDK generator: identifiers and escaping', () => {
    it('makes string literals that evaluate back to exactly the model text', () => {
        for (const text of HOSTILE) {
            const literal = tsString(text);
            assert.ok(!/[\n\r\u2028\u2029]/.test(literal), `a literal stays on one line: ${literal}`);
            assert.strictEqual(new Function(`return ${literal};`)(), text);
        }
    });

    it('flattens comment text so that it cannot end a line comment', () => {
        for (const text of HOSTILE) assert.ok(!/[\n\r\u2028\u2029\u0000]/.test(commentText(text)), JSON.stringify(commentText(text)));
    });

    it('makes identifiers, class names and file names from any name', () => {
        assert.strictEqual(camelCase('order-queue'), 'orderQueue');
        assert.strictEqual(camelCase('class'), 'classResource');
        assert.strictEqual(camelCase('vpc'), 'vpcResource');
        assert.strictEqual(pascalCase('use1'), 'Use1');
        assert.strictEqual(pascalCase('1st'), 'R1st');
        assert.strictEqual(pascalCase('`${x}`'), 'X');
        assert.strictEqual(fileSlug('../etc/passwd'), 'etc-passwd');
        assert.strictEqual(fileSlug('*/'), 'item');
    });
});

describe('CDK generator: the app', () => {
    it('pins the versions this repository installs and its recommended feature flags', () => {
        for (const [name, version] of Object.entries(PINNED_VERSIONS)) {
            assert.strictEqual(version, require(`${name}/package.json`).version, name);
        }
        assert.deepStrictEqual(RECOMMENDED_FEATURE_FLAGS, require('aws-cdk-lib/recommended-feature-flags.json'));
        const { app } = { app: generateCdkApp(getTopology({ $type: 'Model' } as never)) };
        const pkg = JSON.parse(file(app, 'package.json'));
        assert.strictEqual(pkg.dependencies['aws-cdk-lib'], PINNED_VERSIONS['aws-cdk-lib']);
        const cdk = JSON.parse(file(app, 'cdk.json'));
        assert.strictEqual(cdk.app, 'npx tsx bin/app.ts');
        assert.deepStrictEqual(cdk.context, RECOMMENDED_FEATURE_FLAGS);
    });

    it('writes a data and a services stack per region and per cell replica, with fixed AZs, traced to the model', async () => {
        const { app } = await appOf(inRegion(`
    cell shop[3] in a, b {
      lambda handler { vpc subnets a, b concurrency 5 invoke sync uses items }
      dynamodb items { pitr on }
    }`));
        // Every service of the region sits in the cell: the region has a foundation (its VPC) and no services stack.
        assert.ok(!app.files.some(f => f.path === 'lib/use1-stack.ts'), 'a region whose services all sit in cells has no services stack');
        assert.ok(!/Use1Stack|use1Stack/.test(file(app, 'lib/stacks.ts')), file(app, 'lib/stacks.ts'));
        assert.match(file(app, 'lib/use1-data-stack.ts'), /override get availabilityZones\(\): string\[\] \{\n\s+return \['us-east-1a', 'us-east-1b', 'us-east-1c'\];/);
        const stacks = file(app, 'lib/stacks.ts');
        assert.match(stacks, /Array\.from\(\{ length: 3 \}, \(_, replica\) => \{\n\s+const data = new Use1ShopCellDataStack\(app, `TUse1-Shop\$\{replica\}-Data`/);
        assert.match(stacks, /const services = new Use1ShopCellStack\(app, `TUse1-Shop\$\{replica\}`, \{[^}]*vpc: use1DataStack\.vpc,\n\s+itemsTable: data\.itemsTable,/);
        assert.ok(!/fromLookup|Vpc\.lookup/.test(app.files.map(f => f.content).join('\n')), 'never a lookup');
        assert.deepStrictEqual(app.waves.map(w => w.name), ['foundation', 'canary', 'cells-1', 'cells-2'], 'the waves leave out the stack the app does not have');
        assert.ok(!app.waves.some(w => w.stacks.includes('TUse1')), JSON.stringify(app.waves));
        const cell = file(app, 'lib/cells/shop.ts');
        assert.match(cell, /\/\/ model: model\.resil:\d+ lambda handler/);
        assert.match(cell, /reservedConcurrentExecutions: 5/);
        assert.match(cell, /availabilityZones: \['us-east-1a', 'us-east-1b'\]/);
        assert.match(file(app, 'lib/cells/shop-data.ts'), /pointInTimeRecoverySpecification: \{ pointInTimeRecoveryEnabled: true \}/);
    });

    it('gives every acknowledgment a reason', async () => {
        for (const ack of ACKNOWLEDGMENTS) assert.ok(ack.reason.length > 20, ack.name);
        const { app } = await appOf(inRegion(`
    lambda f { invoke sync concurrency 1 }
    sqs q { dlq d }
    sqs d`));
        const stack = file(app, 'lib/use1-stack.ts') + file(app, 'lib/use1-data-stack.ts');
        const inline = [...stack.matchAll(/\{\s*id: '([^']+)',\s*reason: '([^']*)'/g)];
        assert.ok(inline.length >= 3, stack);
        for (const [, id, reason] of inline) assert.ok(reason.length > 20, `${id} has no reason`);
    });

    it('records every element it cannot map, with its model line: each `not generated` or `not wired` comment is listed', async () => {
        const { app } = await appOf(inRegion(`
    ecs api in a, b { launch ec2 capacity min 2 max 4 spot uses web }
    ecs web in a, b { launch fargate }
    lambda f { invoke async dlq t concurrency 2 }
    dynamodb t`));
        const comments = app.files.flatMap(f => f.content.split('\n')).filter(l => /\/\/ not (generated|wired):/.test(l));
        assert.ok(comments.length >= 1, 'the design has elements the generator cannot map');
        const listed = app.unmapped.map(u => u.what);
        for (const comment of comments) {
            const what = comment.replace(/^\s*\/\/ not (generated|wired): /, '');
            assert.ok(listed.includes(what), `${what} is not in ${JSON.stringify(listed)}`);
        }
        assert.ok(app.unmapped.some(u => u.element === 'use1.f' && /^dead-letter target use1\.t/.test(u.what) && /^model\.resil:\d+$/.test(u.where)), JSON.stringify(app.unmapped));
        assert.match(file(app, 'README.md'), /## Not generated\n/);
    });

    it('writes the model\'s expectations and marks each element\'s construct, for the app\'s own model test', async () => {
        const { app } = await appOf(`system S {
  global { route53 dns { entry health checks failover primary east.edge secondary west.edge } }
  region east "us-east-1" { az a az b
    alb edge in a, b { uses api }
    lambda api { concurrency 5 invoke sync uses orders }
    dynamodb orders { pitr on }
    sqs jobs { dlq dead after 3 }
    sqs dead
  }
  region west "us-west-2" { az a az b
    alb edge in a, b
    dynamodb orders replica of east.orders { pitr on }
  }
}`);
        const expectations = JSON.parse(file(app, 'test/model-expectations.json'));
        const edge = (kind: string, from: string, to: string) => expectations.edges.find((e: { kind: string; from: string; to: string }) => e.kind === kind && e.from === from && e.to === to);
        assert.deepStrictEqual(edge('failover', 'dns', 'east.edge'), { kind: 'failover', from: 'dns', to: 'east.edge', line: 'model.resil:2', role: 'PRIMARY' });
        assert.strictEqual(edge('failover', 'dns', 'west.edge').role, 'SECONDARY');
        assert.strictEqual(edge('dlq', 'east.jobs', 'east.dead').maxReceives, 3);
        assert.ok(edge('uses', 'east.api', 'east.orders') && edge('uses', 'east.edge', 'east.api') && edge('replica-of', 'west.orders', 'east.orders'));
        assert.deepStrictEqual(expectations.entryPoints.map((e: { element: string }) => e.element), ['dns']);
        assert.deepStrictEqual(expectations.elements.find((e: { id: string }) => e.id === 'west.orders'), { id: 'west.orders', kind: 'dynamodb', tableName: 's-east-orders' });
        assert.deepStrictEqual(expectations.properties.filter((p: { element: string }) => p.element === 'east.api').map((p: { property: string; value: unknown }) => [p.property, p.value]), [['reserved-concurrency', 5]]);
        assert.match(file(app, 'lib/east-data-stack.ts'), /model\.modelElement\(orders, \{ element: 'east\.orders', kind: 'dynamodb', region: 'east', order: 2 \}\);/);
        assert.match(file(app, 'lib/west-data-stack.ts'), /model\.modelElement\(orders, \{ element: 'west\.orders', kind: 'dynamodb', region: 'west', replicaOf: 'east\.orders', order: 6 \}\);/);
        assert.strictEqual(JSON.parse(file(app, 'package.json')).scripts.test, 'tsx --test test/model.test.ts');
        assert.match(file(app, 'test/model-check.ts'), /export function checkModel\(expectations: ModelExpectations, app: App\): ModelViolation\[\]/);
    });

    it('warns about what it had to assume, and previews a stack without writing anything', async () => {
        const { topology, app } = await appOf('system S { region west { az a lambda f } }');
        assert.ok(app.warnings.some(w => w.includes('gives no AWS region code')), app.warnings.join('\n'));
        assert.strictEqual(previewStack(topology, topology.regions[0], { sourceName: 'model.resil' }).content, file(app, 'lib/west-stack.ts'));
    });
});

describe('CDK generator: the output folder', () => {
    let dir: string;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-out-')); });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const files = [{ path: 'a.txt', content: 'one' }, { path: 'lib/b.ts', content: 'two' }];
    const write = (target = dir, force = false, list = files) => writeGeneratedFiles(target, list, { generator: 'test', force });

    it('writes into an empty folder, keeps a manifest, and reports unchanged files on regeneration', () => {
        assert.deepStrictEqual(write().written, ['a.txt', 'lib/b.ts']);
        assert.ok(fs.existsSync(path.join(dir, MANIFEST_FILE)));
        assert.deepStrictEqual(write().unchanged, ['a.txt', 'lib/b.ts']);
        const report = write(dir, false, [{ path: 'a.txt', content: 'new' }, files[1]]);
        assert.deepStrictEqual(report.written, ['a.txt'], 'an unmodified generated file is updated');
    });

    it('never overwrites or deletes files the user changed or added', () => {
        write();
        fs.writeFileSync(path.join(dir, 'a.txt'), 'mine');
        fs.writeFileSync(path.join(dir, 'notes.md'), 'my notes');
        const report = write(dir, false, [{ path: 'a.txt', content: 'new' }, { path: 'notes.md', content: 'generated' }]);
        assert.deepStrictEqual(report.skipped.map(s => s.path), ['a.txt', 'notes.md']);
        assert.strictEqual(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), 'mine');
        assert.strictEqual(fs.readFileSync(path.join(dir, 'notes.md'), 'utf8'), 'my notes');
        assert.ok(fs.existsSync(path.join(dir, 'lib/b.ts')), 'files no longer generated stay');
    });

    it('refuses a non-empty folder it did not create unless forced, and keeps what is there', () => {
        fs.writeFileSync(path.join(dir, 'a.txt'), 'theirs');
        assert.throws(() => write(), OutputFolderError);
        const report = write(dir, true);
        assert.deepStrictEqual(report.skipped.map(s => s.path), ['a.txt']);
        assert.strictEqual(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), 'theirs');
    });

    it('writes nothing outside the folder: no parent paths, no symbolic links', () => {
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-outside-'));
        try {
            write();
            fs.symlinkSync(outside, path.join(dir, 'linked'));
            const report = write(dir, false, [{ path: '../escape.txt', content: 'x' }, { path: 'linked/evil.ts', content: 'x' }, { path: '/etc/x', content: 'x' }]);
            assert.deepStrictEqual(report.written, []);
            assert.strictEqual(report.skipped.length, 3);
            assert.deepStrictEqual(fs.readdirSync(outside), []);
            assert.ok(!fs.existsSync(path.join(path.dirname(dir), 'escape.txt')));
        } finally {
            fs.rmSync(outside, { recursive: true, force: true });
        }
    });
});

describe('CDK generator: language server requests', () => {
    const design = `system S {
  region east "us-east-1" { az a az b sqs q lambda f { concurrency 5 invoke sync } }
  region west "us-west-2" { az a az b
    lambda r { concurrency 5 invoke sync }
  }
}`;

    it('previews the stack of the region under the cursor and exports the app into a folder', async () => {
        const document = await build(design);
        const uri = document.uri.toString();
        const shared = testServices().shared;
        const preview = await previewCdk(shared, { uri, position: { line: 3, character: 6 } });
        assert.strictEqual(preview.region, 'west');
        assert.match(preview.content, /export class WestStack extends Stack/);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-export-'));
        try {
            const result = await exportCdk(shared, { uri, folder: dir, position: { line: 1, character: 4 } });
            assert.strictEqual(result.stackFile, path.join(fs.realpathSync(dir), 'lib', 'east-stack.ts'));
            assert.ok(fs.existsSync(result.stackFile!));
            await assert.rejects(exportCdk(shared, { uri, folder: 'relative' }));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it('refuses to export a design with errors, listing them, unless the user confirms (as the CLI without --force)', async () => {
        const document = await build(`system S {
  region east "us-east-1" { az a az b
    lambda f { concurrency 5 invoke sync uses t }
    dynamodb t { pitr on pitr off }
  }
}`);
        const uri = document.uri.toString();
        const shared = testServices().shared;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-export-'));
        try {
            await assert.rejects(exportCdk(shared, { uri, folder: path.join(dir, 'app') }), (error: { code?: number; message: string }) => {
                assert.strictEqual(error.code, CDK_DESIGN_HAS_ERRORS);
                assert.match(error.message, /has an error: .*export anyway\.\n\S+\.resil:4:\d+ \S+: /);
                return true;
            });
            assert.ok(!fs.existsSync(path.join(dir, 'app')), 'nothing is written');
            const result = await exportCdk(shared, { uri, folder: path.join(dir, 'app'), withErrors: true });
            assert.ok(result.written.includes('lib/stacks.ts'), result.written.join(', '));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
