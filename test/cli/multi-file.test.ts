import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runResil } from '../support/cli.js';

const SINGLE = 'examples/cell-based.resil';
const SPLIT = 'examples/multi-file/cell-based';
const PART = `${SPLIT}/us-west-2.resil`;

/** A workspace of two systems in one folder tree, one of them in three files. */
function twoSystems(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-multi-'));
    const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
    };
    write('shop/shop.resil', 'system shop {\n  global { route53 dns { entry uses use1.edge } }\n}\n');
    write('shop/use1.resil', 'part of system shop\nregion use1 {\n  az a\n  az b\n  alb edge in a, b { uses api }\n}\n');
    write('shop/teams/orders.resil', 'part of system shop\nin region use1 {\n  ecs api in a { tasks 2 }\n}\n');
    write('blog/blog.resil', 'system blog {\n  region euw1 {\n    az a\n    lambda post { uses edge }\n  }\n}\n');
    return root;
}

describe('resil with a system across files', function () {
    this.timeout(120_000);

    it('checks a folder system by system, each finding in the file of its element', () => {
        const root = twoSystems();
        const result = runResil(['check', '.'], root);
        assert.equal(result.status, 2, result.stderr);
        const lines = result.stdout.trim().split('\n');
        assert.equal(lines.at(-1), '4 files checked: 2 errors, 3 warnings, 0 infos', result.stdout);
        assert.ok(lines.includes("blog/blog.resil:4:24 error unresolved-reference No service or router named 'edge' in scope."), 'system blog does not see shop\'s edge');
        assert.ok(lines.some(l => l.startsWith('shop/shop.resil:2:20 error single-az-dependency Entry point `dns` fails when use1.a fails')), result.stdout);
        assert.ok(lines.some(l => l.startsWith('shop/teams/orders.resil:3:14 warning ecs-multi-az ECS service `api` runs only in use1.a')), result.stdout);
        assert.ok(lines.some(l => l.startsWith('shop/use1.resil:5:22 warning az-independence `use1.edge` runs in use1.b but `use1.api` has no instance there')), result.stdout);
    });

    it('checks each system once, however many of its files are named, and with its other files when one is', () => {
        const named = runResil(['check', `${SPLIT}/payments.resil`, PART, `${SPLIT}/us-east-1.resil`]);
        const folder = runResil(['check', SPLIT]);
        assert.equal(named.status, 0, named.stderr);
        assert.match(named.stdout, /^4 files checked: 0 errors, 0 warnings, 2 infos$/m);
        assert.deepEqual(named.stdout.split('\n').sort(), folder.stdout.split('\n').sort());
    });

    it('sees the whole system from its main file or its folder: the blast radius of the single-file version', () => {
        const radius = (input: string) => {
            const result = runResil(['blast-radius', input, '--format', 'json']);
            assert.equal(result.status, 0, result.stderr);
            return JSON.parse(result.stdout) as unknown;
        };
        const single = radius(SINGLE);
        assert.deepEqual(radius(`${SPLIT}/payments.resil`), single);
        assert.deepEqual(radius(SPLIT), single);
        const scenario = (input: string) => runResil(['blast-radius', input, '--scenario', 'badDeploy']).stdout;
        assert.equal(scenario(SPLIT), scenario(SINGLE));
    });

    it('refuses a part alone, saying which system it belongs to and where that is', () => {
        for (const command of [['blast-radius'], ['report'], ['diagram', '-o', path.join(os.tmpdir(), 'resil-part.svg')], ['generate', 'cdk', '-o', path.join(os.tmpdir(), 'resil-part-cdk')]]) {
            const [name, ...rest] = command;
            const args = name === 'generate' ? ['generate', 'cdk', PART, ...rest.slice(1)] : [name, PART, ...rest];
            const result = runResil(args);
            assert.equal(result.status, 2, `${args.join(' ')}: ${result.stdout}`);
            assert.equal(result.stderr.trim(), `resil ${name}: ${PART} is part of system Payments, declared in ${SPLIT}/payments.resil: give that file, or its folder, to see the whole system`);
        }
    });

    it('says when a part\'s system is nowhere above it, and when a folder holds several systems', () => {
        const root = twoSystems();
        fs.mkdirSync(path.join(root, 'lost'));
        fs.writeFileSync(path.join(root, 'lost/part.resil'), 'part of system gone\nregion r { az a }\n');
        assert.equal(runResil(['blast-radius', 'lost/part.resil'], root).stderr.trim(),
            'resil blast-radius: lost/part.resil is part of system gone, but no file in its folder or a folder above it declares `system gone { ... }`');
        assert.equal(runResil(['blast-radius', '.'], root).stderr.trim(),
            'resil blast-radius: .: this folder holds 2 systems (blog/blog.resil, shop/shop.resil): give the file of one');
    });
});
