import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runResil } from '../support/cli.js';

/** `resil generate cdk` never leaves the user to find out later what it did not do. */
describe('generate cdk: never silent (built binary)', function () {
    this.timeout(120_000);
    let dir: string;
    before(() => { dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'resil-generate-'))); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, content: string) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, content);
        return file;
    };
    const region = (members: string) => `system S {\n  region use1 "us-east-1" {\n    az a\n    az b\n${members}\n  }\n}\n`;

    it('refuses a design with errors: exit 2, the errors printed, nothing written (it used to pick one of two duplicated values)', () => {
        const file = write('duplicated.resil', region('    lambda f {\n      entry\n      invoke sync\n      concurrency 5\n      concurrency 50\n    }'));
        const out = path.join(dir, 'refused');
        const refused = runResil(['generate', 'cdk', file, '-o', out], dir);
        assert.strictEqual(refused.status, 2, refused.stdout + refused.stderr);
        assert.match(refused.stderr, /duplicated\.resil has an error: fix it first \(`resil check`\), or generate anyway with --force/);
        assert.match(refused.stderr, /duplicated\.resil:\d+:\d+ error duplicate-property /);
        assert.ok(!fs.existsSync(out), 'nothing is written');

        const forced = runResil(['generate', 'cdk', file, '-o', out, '--force'], dir);
        assert.strictEqual(forced.status, 0, forced.stderr);
        assert.ok(fs.existsSync(path.join(out, 'lib', 'use1-stack.ts')));
    });

    it('lists what the app cannot carry on stderr and in its README; --strict makes that exit 1', () => {
        const file = write('unmapped.resil', region(
            '    eks platform {\n      entry\n      autoscaler on\n      nodegroup workers in a, b { min 2 max 4 }\n    }'));
        const loose = runResil(['generate', 'cdk', file, '-o', path.join(dir, 'loose')], dir);
        assert.strictEqual(loose.status, 0, loose.stderr);
        const listed = loose.stderr.trimEnd().split('\n');
        assert.match(listed[0], /^not generated: unmapped\.resil:\d+ use1\.platform: autoscaler on: the Cluster Autoscaler \(or Karpenter\) is installed in the cluster with kubectl or Helm; its node groups scale between their min and max$/);
        assert.match(listed[1], /^not generated: unmapped\.resil:\d+ use1\.platform: a way in for entry eks use1\.platform \(its tasks run in private subnets: put an alb in front of it/);
        const readme = fs.readFileSync(path.join(dir, 'loose', 'README.md'), 'utf8');
        assert.match(readme, /## Not generated\n\n.*\n\n- unmapped\.resil:\d+ use1\.platform: autoscaler on/);
        assert.strictEqual(readme.split('\n').filter(l => l.startsWith('- unmapped.resil:')).length, listed.length, 'the README lists the same elements');

        const strict = runResil(['generate', 'cdk', file, '-o', path.join(dir, 'strict'), '--strict'], dir);
        assert.strictEqual(strict.status, 1);
        assert.match(strict.stderr, /--strict: the app does not carry 2 elements of the design \(listed above and in its README\)\n$/);

        const clean = write('clean.resil', region('    dynamodb orders {\n      entry\n      pitr on\n      backup daily retain 35d\n    }'));
        const quiet = runResil(['generate', 'cdk', clean, '-o', path.join(dir, 'clean'), '--strict'], dir);
        assert.deepStrictEqual([quiet.status, quiet.stderr], [0, '']);
    });
});
