/**
 * Type-checks and synthesizes many generated apps at once: one tsc over all of them (with the generated compiler
 * options) and one synthesizing child process are much cheaper than one of each per app. Shared by the example
 * apps (cdk-apps.test.ts) and the random designs (random-designs.test.ts, `npm run fuzz:cdk`, the benchmark).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../support/paths.js';
import type { SynthResult } from './synth-apps.js';

const run = promisify(execFile);

/** No CloudFormation validator during synth (seconds of CPU per app), no telemetry. */
export const SYNTH_ENV = { ...process.env, CDK_VALIDATION: 'false', CDK_DISABLE_CLI_TELEMETRY: 'true' };

/** The apps' folders must be under `work`, itself inside the repository (so that aws-cdk-lib resolves). */
export async function typecheckAndSynth(work: string, apps: ReadonlyArray<{ name: string; dir: string }>): Promise<Map<string, SynthResult>> {
    const first = apps[0];
    const options = JSON.parse(fs.readFileSync(path.join(first.dir, 'tsconfig.json'), 'utf8')) as { include: string[] };
    options.include = apps.flatMap(a => ['bin', 'lib', 'test'].map(folder => `${path.relative(work, a.dir)}/${folder}/**/*.ts`));
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
        if ('error' in result) throw new Error(`${a.name} does not synthesize: ${result.error}`);
        results.set(a.name, result);
    }
    return results;
}
