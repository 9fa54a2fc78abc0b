/**
 * The CDK invariant on random valid designs: every design that `resil check` reports without errors generates an
 * app that type-checks, synthesizes offline, passes cdk-nag (AwsSolutions, Serverless and Resil's pack) and cfn-lint
 * (errors fail; warnings only with an acknowledged reason), and realises the model (the app's own model check).
 * Used by test/cdk/random-designs.test.ts (20 designs in `npm test`), `npm run fuzz:cdk` (200) and the benchmark.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { writeGeneratedFiles } from '../../language/src/generator/output-folder.js';
import { getTopology } from '../../language/src/model/topology.js';
import { synthesize, testContext, typeErrors, type BuildableApp } from '../cdk/support/generated-apps.js';
import type { SynthResult } from '../cdk/support/synth-apps.js';
import { unexcused } from '../cdk/support/known-failures.js';
import { REPO_ROOT } from './paths.js';
import { randomDesign } from './random-design.js';
import { build } from './services.js';

const run = promisify(execFile);

/**
 * cfn-lint warnings that the generated templates carry by design, each with its reason. An error is never
 * acknowledged: CloudFormation would reject the stack.
 */
export const CFN_LINT_ACKNOWLEDGED: ReadonlyArray<{ readonly rule: string; readonly reason: string }> = [
    { rule: 'W3010', reason: 'The AZs are the ones the design names: services are placed in them on purpose (the same acknowledgment the stacks give cdk-nag).' },
    { rule: 'W3005', reason: 'CDK adds DependsOn for ordering that CloudFormation could also infer from a reference; it is harmless.' },
];

export interface InvariantViolation {
    readonly design: number;
    /** checks, tsc, synth, cdk-nag, cfn-lint or model: which step of the invariant failed. */
    readonly step: string;
    readonly message: string;
}

export interface InvariantReport {
    readonly seed: number;
    readonly designs: number;
    readonly services: number;
    readonly kinds: ReadonlySet<string>;
    readonly violations: readonly InvariantViolation[];
    /** `RESIL_FUZZ_SEED=<seed> ...`: how to replay the run. */
    readonly replay: string;
}

/**
 * Designs per batch: each batch is one tsc, one synthesizing process and one cfn-lint run (whose start-up costs are
 * shared by its designs), and few enough apps that tsc stays well inside its default heap.
 */
const DESIGNS_PER_BATCH = 20;

export interface InvariantOptions {
    /** Child processes at a time (tsc, synth, cfn-lint of different batches): the machine's cores by default. */
    readonly parallel?: number;
    readonly designsPerBatch?: number;
    /** Told a line as each batch's step ends: a run of hundreds of designs shows where it is. */
    readonly progress?: (line: string) => void;
}

/** A generated app of a random design, with the index of that design. */
type DesignApp = BuildableApp & { readonly index: number };

/**
 * Generates `count` random designs of `seed` into `work` (inside the repository) and holds the invariant on each.
 * The designs go in batches through tsc, synthesis (with cdk-nag and the model check) and cfn-lint, as many child
 * processes at a time as there are cores; a failure of one app is that design's violation, never the run's end.
 */
export async function holdInvariant(seed: number, count: number, work: string, options: InvariantOptions = {}): Promise<InvariantReport> {
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    const violations: InvariantViolation[] = [];
    const kinds = new Set<string>();
    const apps: DesignApp[] = [];
    let services = 0;
    for (let index = 0; index < count; index++) {
        const design = randomDesign(seed, index);
        design.kinds.forEach(k => kinds.add(k));
        const name = `design-${index}`;
        fs.writeFileSync(path.join(work, `${name}.resil`), design.text);
        const document = await build(design.text);
        const errors = (document.diagnostics ?? []).filter(d => d.severity === 1);
        for (const e of errors) violations.push({ design: index, step: 'checks', message: `${name}.resil:${e.range.start.line + 1} ${String(e.code)} ${e.message}` });
        if (errors.length > 0) continue;
        const topology = getTopology(document.parseResult.value);
        services += topology.components.length;
        const dir = path.join(work, name);
        const generated = generateCdkApp(topology, { sourceName: `${name}.resil` });
        writeGeneratedFiles(dir, generated.files, { generator: 'resil-cdk' });
        apps.push({ name, dir, index, requiredContext: generated.requiredContext });
    }
    const size = options.designsPerBatch ?? DESIGNS_PER_BATCH;
    const batches = Array.from({ length: Math.ceil(apps.length / size) }, (_, b) => apps.slice(b * size, (b + 1) * size));
    const inSlot = slots(options.parallel ?? os.availableParallelism());
    const tell = (batch: number, step: string, found: readonly InvariantViolation[]) =>
        options.progress?.(`batch ${batch + 1}/${batches.length} ${step}: ${found.length} violation(s)`);
    await Promise.all(batches.flatMap((batch, b) => [
        inSlot(() => typeCheckDesigns(batch, `tsconfig.batch-${b}.json`, work)).then(found => { violations.push(...found); tell(b, 'tsc', found); }),
        inSlot(() => synthesizeDesigns(batch, `.batch-${b}`, work)).then(async ({ found, templates }) => {
            violations.push(...found);
            tell(b, 'synth, cdk-nag, model check', found);
            const linted = await inSlot(() => cfnLint(templates));
            violations.push(...linted);
            tell(b, 'cfn-lint', linted);
        }),
    ]));
    violations.sort((a, b) => a.design - b.design);
    return {
        seed, designs: count, services, kinds, violations,
        replay: `RESIL_FUZZ_SEED=${seed} RESIL_CDK_DESIGNS=${count} npm run fuzz:cdk`,
    };
}

/** A runner of async tasks that lets at most `limit` of them run at once, the others waiting in order. */
function slots(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
    let running = 0;
    const waiting: Array<() => void> = [];
    return async task => {
        if (running < limit) running++;
        else await new Promise<void>(resolve => waiting.push(resolve)); // the slot is handed over by the task that ends
        try {
            return await task();
        } finally {
            const next = waiting.shift();
            if (next) next();
            else running--;
        }
    };
}

/** One tsc over a batch: its errors as violations of the designs they are in. */
async function typeCheckDesigns(batch: readonly DesignApp[], config: string, work: string): Promise<InvariantViolation[]> {
    const errors = await typeErrors(batch, config, work);
    return [...errors].map(([name, lines]) => ({
        design: batch.find(a => a.name === name)?.index ?? -1, step: 'tsc', message: lines.slice(0, 20).join('\n'),
    }));
}

/** Synthesizes a batch in one child process: cdk-nag's and the model check's violations, and the templates cfn-lint is to read. */
async function synthesizeDesigns(batch: readonly DesignApp[], tag: string, work: string):
    Promise<{ found: InvariantViolation[]; templates: Array<{ file: string; index: number }> }> {
    const found: InvariantViolation[] = [];
    const templates: Array<{ file: string; index: number }> = [];
    const results = await synthesize(batch, testContext(batch.flatMap(a => a.requiredContext)), tag, work).catch((error: Error) => {
        found.push(...batch.map(app => ({ design: app.index, step: 'synth', message: `the synthesizing process failed: ${error.message}` })));
        return new Map<string, SynthResult | { error: string }>();
    });
    for (const app of batch) {
        const result = results.get(app.name);
        if (!result) continue;
        if ('error' in result) {
            found.push({ design: app.index, step: 'synth', message: result.error });
            continue;
        }
        const nag = result.violations.map(v => ({ code: v.rule, message: `${v.rule} (${v.severity}) on ${v.resources.join(', ')}` }));
        for (const v of unexcused(nag, 'cdk-nag')) found.push({ design: app.index, step: 'cdk-nag', message: v.message });
        for (const v of unexcused(result.modelViolations)) found.push({ design: app.index, step: 'model', message: `${v.code}: ${v.message}` });
        for (const [stack, template] of Object.entries(result.stacks)) {
            const file = path.join(work, `${app.name}.${stack}.template.json`);
            fs.writeFileSync(file, JSON.stringify(template));
            templates.push({ file, index: app.index });
        }
    }
    return { found, templates };
}

interface CfnLintMatch {
    readonly Rule: { readonly Id: string };
    readonly Level: string;
    readonly Message: string;
    readonly Filename: string;
    readonly Location: { readonly Path?: readonly unknown[] };
}

/** One cfn-lint run over every template; errors and unacknowledged warnings are violations. */
export async function cfnLint(templates: ReadonlyArray<{ file: string; index: number }>): Promise<InvariantViolation[]> {
    if (templates.length === 0) return [];
    const acknowledged = new Set(CFN_LINT_ACKNOWLEDGED.map(a => a.rule));
    let output: string;
    try {
        output = (await run('cfn-lint', ['--format', 'json', '--', ...templates.map(t => t.file)], { cwd: REPO_ROOT, maxBuffer: 1 << 26 })).stdout;
    } catch (error) {
        const failed = error as { code?: unknown; stdout?: string; stderr?: string };
        if (failed.code === 'ENOENT') return [{ design: -1, step: 'cfn-lint', message: 'cfn-lint is not installed (pip install cfn-lint): the invariant needs it' }];
        // cfn-lint's exit code is a bit set: 2, 4 and 8 say it found errors, warnings or notes; 1 that it failed itself.
        if (typeof failed.code !== 'number' || (failed.code & 1) === 1 || !failed.stdout) {
            return [{ design: -1, step: 'cfn-lint', message: `cfn-lint failed (exit ${String(failed.code)}): ${String(failed.stderr ?? error).slice(0, 2000)}` }];
        }
        output = failed.stdout;
    }
    const matches = JSON.parse(output || '[]') as CfnLintMatch[];
    const findings = matches
        .filter(m => m.Level === 'Error' || !acknowledged.has(m.Rule.Id))
        .map(m => ({
            design: templates.find(t => path.resolve(REPO_ROOT, m.Filename) === t.file)?.index ?? -1,
            step: 'cfn-lint',
            code: m.Rule.Id,
            message: `${m.Rule.Id} (${m.Level}) ${m.Message} at ${(m.Location.Path ?? []).join('/')}`,
        }));
    return unexcused(findings, 'cfn-lint').map(({ design, step, message }) => ({ design, step, message }));
}

/** The report in a few lines, with the replay command. */
export function describeInvariant(report: InvariantReport): string {
    const lines = [
        `${report.designs} random designs (seed ${report.seed}, ${report.services} services, kinds: ${[...report.kinds].sort().join(', ')}): ${report.violations.length} violation(s)`,
        ...report.violations.slice(0, 40).map(v => `  design ${v.design} ${v.step}: ${v.message}`),
        `replay: ${report.replay}`,
    ];
    return lines.join('\n');
}
