/**
 * Type-checks and synthesizes generated CDK apps that sit in one work folder inside the repository (so that
 * aws-cdk-lib resolves from its node_modules): one tsc over all apps, with the generated compiler options, and one
 * synth process (`synth-apps.ts`) under tsx. Returns each app's templates and cdk-nag violations.
 */
import * as assert from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../support/paths.js';
import type { SynthResult } from './synth-apps.js';

const run = promisify(execFile);
export const SYNTH_ENV = { ...process.env, CDK_VALIDATION: 'false', CDK_DISABLE_CLI_TELEMETRY: 'true' };

export async function buildApps(work: string, apps: ReadonlyArray<{ name: string; dir: string }>): Promise<Map<string, SynthResult>> {
    assert.ok(apps.length > 0, 'no app to build');
    const options = JSON.parse(fs.readFileSync(path.join(apps[0].dir, 'tsconfig.json'), 'utf8')) as { include: string[] };
    options.include = apps.flatMap(a => [`${path.relative(work, a.dir)}/bin/**/*.ts`, `${path.relative(work, a.dir)}/lib/**/*.ts`]);
    fs.writeFileSync(path.join(work, 'tsconfig.json'), JSON.stringify(options));
    const synthArgs = apps.flatMap(a => [a.dir, path.join(work, `${a.name}.synth.json`)]);
    await Promise.all([
        run('npx', ['tsc', '-p', path.join(work, 'tsconfig.json')], { cwd: REPO_ROOT, env: SYNTH_ENV, maxBuffer: 1 << 24 }).catch(error => {
            throw new Error(`generated apps do not type-check:\n${(error as { stdout?: string }).stdout ?? error}`);
        }),
        run(process.execPath, ['--import', 'tsx', 'out/test/cdk/support/synth-apps.js', ...synthArgs], { cwd: REPO_ROOT, env: SYNTH_ENV, maxBuffer: 1 << 26 }),
    ]);
    const results = new Map<string, SynthResult>();
    for (const a of apps) {
        const result = JSON.parse(fs.readFileSync(path.join(work, `${a.name}.synth.json`), 'utf8')) as SynthResult | { error: string };
        assert.ok(!('error' in result), `${a.name} does not synthesize: ${'error' in result ? result.error : ''}`);
        results.set(a.name, result);
    }
    return results;
}
