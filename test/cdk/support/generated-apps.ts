/**
 * Generated CDK apps for the tests of test/cdk: each design is generated into `.tmp/cdk/<name>` (inside the
 * repository, so aws-cdk-lib resolves from its node_modules), type-checked with one tsc over all of them, and
 * synthesized by `synth-apps.js` under tsx, with the context keys the apps need (hosted zones) or without them.
 * The apps of every fixture and example are built once per test run (`generatedApps`) and shared by the test files
 * that assert on them, so the minutes this takes are spent once.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
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
export const SYNTH_ENV = { ...process.env, CDK_VALIDATION: 'false', CDK_DISABLE_CLI_TELEMETRY: 'true' };

export interface GeneratedApp {
    readonly name: string;
    readonly dir: string;
    /** Context keys its synthesis needs (`wwwHostedZoneId`...). */
    readonly requiredContext: readonly string[];
    /** The design checks clean (no error, no warning): its app must not violate a resilience rule. */
    readonly resilient: boolean;
    /** `resil check` finds no error in the design: its app must realise the model and pass cfn-lint (the CDK invariant). */
    readonly valid: boolean;
}

export interface SynthesizedApp extends GeneratedApp {
    readonly result: SynthResult;
}

/** Writes the app of a design file into `.tmp/cdk/<name>`, replacing what was there. */
export async function generateApp(name: string, file: string): Promise<GeneratedApp> {
    return generateAppFromText(name, fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'), path.basename(file));
}

/** Writes the app of a design given as text into `.tmp/cdk/<name>`, replacing what was there. */
export async function generateAppFromText(name: string, text: string, sourceName = `${name}.resil`): Promise<GeneratedApp> {
    const document = await build(text);
    const severe = (document.diagnostics ?? []).filter(d => d.severity === 1 || d.severity === 2);
    const dir = path.join(WORK, name);
    fs.rmSync(dir, { recursive: true, force: true });
    const generated = generateCdkApp(getTopology(document.parseResult.value), { sourceName });
    writeGeneratedFiles(dir, generated.files, { generator: 'resil-cdk' });
    return { name, dir, requiredContext: generated.requiredContext, resilient: severe.length === 0, valid: !severe.some(d => d.severity === 1) };
}

/** Context values that let the apps synthesize: a made-up hosted zone and certificate for each key they need. */
export function testContext(keys: readonly string[]): Record<string, string> {
    const value = (key: string) => key.endsWith('HostedZoneId') ? 'Z0123456789TESTZONE'
        : key.endsWith('CertificateArn') ? 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000' : 'example.com';
    return Object.fromEntries(keys.map(key => [key, value(key)]));
}

/** What building an app needs: its name, its folder (under the work folder) and the context keys it needs. */
export type BuildableApp = Pick<GeneratedApp, 'name' | 'dir' | 'requiredContext'>;

/** Type-checks the apps (their bin, lib and test folders) with their own compiler options; rejects with tsc's report. */
export async function typeCheck(apps: readonly BuildableApp[], config = 'tsconfig.json', work = WORK): Promise<void> {
    const errors = await typeErrors(apps, config, work);
    if (errors.size > 0) throw new Error(`generated apps do not type-check:\n${[...errors.values()].flat().join('\n')}`);
}

/**
 * One tsc over the apps with their own compiler options: tsc's errors by app name (an error outside every app's
 * folder under ''); an empty map when all type-check.
 */
export async function typeErrors(apps: readonly BuildableApp[], config = 'tsconfig.json', work = WORK): Promise<Map<string, string[]>> {
    const options = JSON.parse(fs.readFileSync(path.join(apps[0].dir, 'tsconfig.json'), 'utf8')) as { include: string[] };
    options.include = apps.flatMap(a => ['bin', 'lib', 'test'].map(folder => `${path.relative(work, a.dir)}/${folder}/**/*.ts`));
    fs.writeFileSync(path.join(work, config), JSON.stringify(options));
    const output = await run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(work, config)], { cwd: REPO_ROOT, env: SYNTH_ENV, maxBuffer: 1 << 26 })
        .then(() => '', (error: { stdout?: string; message: string }) => error.stdout || error.message);
    const errors = new Map<string, string[]>();
    for (const line of output.split('\n').filter(l => l.trim() !== '')) {
        // tsc prints paths relative to the working folder; a continuation line belongs to the error above it.
        const app = apps.find(a => path.resolve(REPO_ROOT, line.split('(')[0]).startsWith(a.dir + path.sep));
        const key = app?.name ?? (/^\s/.test(line) ? [...errors.keys()].pop() ?? '' : '');
        errors.set(key, [...errors.get(key) ?? [], line]);
    }
    return errors;
}

/** Synthesizes the apps in one child process with `context` (as `cdk -c` would pass it): a result or an error per app. */
export async function synthesize(apps: readonly BuildableApp[], context: Record<string, string>, tag = '', work = WORK):
    Promise<Map<string, SynthResult | { error: string }>> {
    const out = (a: BuildableApp) => path.join(work, `${a.name}${tag}.synth.json`);
    const env = { ...SYNTH_ENV, CDK_CONTEXT_JSON: JSON.stringify(context) };
    await run(process.execPath, ['--import', 'tsx', 'out/test/cdk/support/synth-apps.js', ...apps.flatMap(a => [a.dir, out(a)])],
        { cwd: REPO_ROOT, env, maxBuffer: 1 << 26 });
    return new Map(apps.map(a => [a.name, JSON.parse(fs.readFileSync(out(a), 'utf8')) as SynthResult | { error: string }]));
}

/**
 * Type-checks and synthesizes the apps (with the context they need) at once: one tsc over all of them and one
 * synthesizing child process are much cheaper than one of each per app. Fails on the first app that does not
 * synthesize. The apps' folders must be under `work`, itself inside the repository (so that aws-cdk-lib resolves).
 */
export async function buildApps(apps: readonly BuildableApp[], config = 'tsconfig.json', work = WORK): Promise<Map<string, SynthResult>> {
    const [, results] = await Promise.all([
        typeCheck(apps, config, work),
        synthesize(apps, testContext(apps.flatMap(a => a.requiredContext)), '', work),
    ]);
    const built = new Map<string, SynthResult>();
    for (const [name, result] of results) {
        assert.ok(!('error' in result), `${name} does not synthesize: ${'error' in result ? result.error : ''}`);
        built.set(name, result);
    }
    return built;
}

/** Runs the app's own `bin/app.ts` as `npx tsx bin/app.ts` does (cdk-nag as a validation plugin), into its cdk.out. */
export async function runBinApp(app: GeneratedApp): Promise<void> {
    fs.rmSync(path.join(app.dir, 'cdk.out'), { recursive: true, force: true });
    await run(process.execPath, ['--import', 'tsx', 'bin/app.ts'], { cwd: app.dir, env: SYNTH_ENV, maxBuffer: 1 << 24 });
}

/** The designs whose apps the tests synthesize: the tour, the CDK fixtures and every example. */
function sources(): Array<{ name: string; file: string }> {
    const list = [
        { name: 'tour', file: 'test/fixtures/tour.resil' },
        ...['serverless', 'fragile', 'hostile', 'names', 'ops', 'minimal', 'data', 'network', 'edge', 'front'].map(n => ({ name: n, file: `test/fixtures/cdk/${n}.resil` })),
        { name: 'workflows', file: 'test/fixtures/workflows/clean.resil' },
    ];
    const examples = path.join(REPO_ROOT, 'examples');
    if (fs.existsSync(examples)) {
        for (const file of fs.readdirSync(examples).filter(f => f.endsWith('.resil')).sort()) {
            list.push({ name: `example-${path.basename(file, '.resil')}`, file: path.join('examples', file) });
        }
    }
    return list;
}

async function generateAll(): Promise<Map<string, SynthesizedApp>> {
    fs.mkdirSync(WORK, { recursive: true });
    const apps: GeneratedApp[] = [];
    for (const { name, file } of sources()) apps.push(await generateApp(name, file));
    const results = await buildApps(apps);
    return new Map(apps.map(a => [a.name, { ...a, result: results.get(a.name)! }]));
}

let generated: Promise<Map<string, SynthesizedApp>> | undefined;

/** Every app of the fixtures and examples, generated and synthesized on the first call of the run. */
export function generatedApps(): Promise<Map<string, SynthesizedApp>> {
    generated ??= generateAll();
    return generated;
}

/** One stack's template of a synthesized app, for `aws-cdk-lib/assertions`. */
export function templateOf(apps: ReadonlyMap<string, SynthesizedApp>, name: string, stack: string) {
    const app = apps.get(name);
    assert.ok(app, `${name} was not synthesized`);
    const stacks = app.result.stacks;
    assert.ok(stacks[stack], `${name} has no stack ${stack}: ${Object.keys(stacks).join(', ')}`);
    return Template.fromJSON(stacks[stack] as Record<string, unknown>);
}
