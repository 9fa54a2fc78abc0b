/**
 * Generates, type-checks and synthesizes the CDK apps of Resil designs, once per test run: every fixture and
 * example goes into `.tmp/cdk/<name>` (inside the repository, so aws-cdk-lib resolves from its node_modules),
 * one tsc checks all apps, and one child process (synth-apps.ts) synthesizes them with cdk-nag. The test files
 * that assert on generated apps share the result, so the minutes this takes are spent once.
 */
import * as assert from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { generateCdkApp } from '../../../language/src/generator/cdk/generate.js';
import { writeGeneratedFiles } from '../../../language/src/generator/output-folder.js';
import { getTopology } from '../../../language/src/model/topology.js';
import { REPO_ROOT } from '../../support/paths.js';
import { build } from '../../support/services.js';
import type { SynthResult } from './synth-apps.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const { Template } = require('aws-cdk-lib/assertions') as typeof import('aws-cdk-lib/assertions');

export const WORK = path.join(REPO_ROOT, '.tmp', 'cdk');
export const CDK_ENV = { ...process.env, CDK_VALIDATION: 'false', CDK_DISABLE_CLI_TELEMETRY: 'true' };

export interface GeneratedApp {
    readonly name: string;
    readonly dir: string;
    /** The design checks clean (no error, no warning): its app must not violate a resilience rule. */
    readonly resilient: boolean;
    readonly result: SynthResult;
}

/** The designs whose apps the tests synthesize: the tour, the CDK fixtures and every example. */
function sources(): Array<{ name: string; file: string }> {
    const list = [
        { name: 'tour', file: 'test/fixtures/tour.resil' },
        ...['serverless', 'fragile', 'hostile', 'names', 'ops', 'minimal'].map(n => ({ name: n, file: `test/fixtures/cdk/${n}.resil` })),
    ];
    const examples = path.join(REPO_ROOT, 'examples');
    if (fs.existsSync(examples)) {
        for (const file of fs.readdirSync(examples).filter(f => f.endsWith('.resil')).sort()) {
            list.push({ name: `example-${path.basename(file, '.resil')}`, file: path.join('examples', file) });
        }
    }
    return list;
}

async function generateAll(): Promise<Map<string, GeneratedApp>> {
    fs.mkdirSync(WORK, { recursive: true });
    const pending: Array<{ name: string; dir: string; resilient: boolean }> = [];
    for (const { name, file } of sources()) {
        const document = await build(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'));
        const severe = (document.diagnostics ?? []).filter(d => d.severity === 1 || d.severity === 2);
        const dir = path.join(WORK, name);
        fs.rmSync(dir, { recursive: true, force: true });
        const generated = generateCdkApp(getTopology(document.parseResult.value), { sourceName: path.basename(file) });
        writeGeneratedFiles(dir, generated.files, { generator: 'resil-cdk' });
        pending.push({ name, dir, resilient: severe.length === 0 });
    }
    // One tsc over all apps (with the generated compiler options) is much cheaper than one per app.
    const options = JSON.parse(fs.readFileSync(path.join(WORK, 'tour', 'tsconfig.json'), 'utf8')) as { include: string[] };
    options.include = pending.flatMap(a => [`${a.name}/bin/**/*.ts`, `${a.name}/lib/**/*.ts`]);
    fs.writeFileSync(path.join(WORK, 'tsconfig.json'), JSON.stringify(options));
    const synthArgs = pending.flatMap(a => [a.dir, path.join(WORK, `${a.name}.synth.json`)]);
    await Promise.all([
        run('npx', ['tsc', '-p', path.join(WORK, 'tsconfig.json')], { cwd: REPO_ROOT, env: CDK_ENV, maxBuffer: 1 << 24 }).catch(error => {
            throw new Error(`generated apps do not type-check:\n${(error as { stdout?: string }).stdout ?? error}`);
        }),
        run(process.execPath, ['--import', 'tsx', 'out/test/cdk/support/synth-apps.js', ...synthArgs], { cwd: REPO_ROOT, env: CDK_ENV, maxBuffer: 1 << 26 }),
    ]);
    const apps = new Map<string, GeneratedApp>();
    for (const a of pending) {
        const result = JSON.parse(fs.readFileSync(path.join(WORK, `${a.name}.synth.json`), 'utf8')) as SynthResult | { error: string };
        assert.ok(!('error' in result), `${a.name} does not synthesize: ${'error' in result ? result.error : ''}`);
        apps.set(a.name, { ...a, result });
    }
    return apps;
}

let generated: Promise<Map<string, GeneratedApp>> | undefined;

/** Every app, generated and synthesized on the first call of the run. */
export function generatedApps(): Promise<Map<string, GeneratedApp>> {
    generated ??= generateAll();
    return generated;
}

/** One stack's template of a synthesized app, for `aws-cdk-lib/assertions`. */
export function templateOf(apps: ReadonlyMap<string, GeneratedApp>, name: string, stack: string) {
    const app = apps.get(name);
    assert.ok(app, `${name} was not synthesized`);
    const stacks = app.result.stacks;
    assert.ok(stacks[stack], `${name} has no stack ${stack}: ${Object.keys(stacks).join(', ')}`);
    return Template.fromJSON(stacks[stack] as Record<string, unknown>);
}
