/**
 * The CDK invariant on random valid designs: every design that `resil check` reports without errors generates an
 * app that type-checks, synthesizes offline, passes cdk-nag (AwsSolutions, Serverless and Resil's pack) and cfn-lint
 * (errors fail; warnings only with an acknowledged reason), and realises the model (the app's own model check).
 * Used by test/cdk/random-designs.test.ts (20 designs in `npm test`), `npm run fuzz:cdk` (200) and the benchmark.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { writeGeneratedFiles } from '../../language/src/generator/output-folder.js';
import { getTopology } from '../../language/src/model/topology.js';
import { buildApps, type BuildableApp } from '../cdk/support/generated-apps.js';
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
    /** checks, tsc+synth, cdk-nag, cfn-lint or model: which step of the invariant failed. */
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

/** Generates `count` random designs of `seed` into `work` (inside the repository) and holds the invariant on each. */
export async function holdInvariant(seed: number, count: number, work: string): Promise<InvariantReport> {
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    const violations: InvariantViolation[] = [];
    const kinds = new Set<string>();
    const apps: Array<BuildableApp & { index: number }> = [];
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
    if (apps.length > 0) {
        const results = await buildApps(apps, 'tsconfig.json', work).catch((error: Error) => {
            violations.push({ design: -1, step: 'tsc+synth', message: error.message });
            return undefined;
        });
        const templates: Array<{ file: string; index: number }> = [];
        for (const app of apps) {
            const result = results?.get(app.name);
            if (!result) continue;
            const nag = result.violations.map(v => ({ code: v.rule, message: `${v.rule} (${v.severity}) on ${v.resources.join(', ')}` }));
            for (const v of unexcused(nag, 'cdk-nag')) violations.push({ design: app.index, step: 'cdk-nag', message: v.message });
            for (const v of unexcused(result.modelViolations)) violations.push({ design: app.index, step: 'model', message: `${v.code}: ${v.message}` });
            for (const [stack, template] of Object.entries(result.stacks)) {
                const file = path.join(work, `${app.name}.${stack}.template.json`);
                fs.writeFileSync(file, JSON.stringify(template));
                templates.push({ file, index: app.index });
            }
        }
        violations.push(...await cfnLint(templates));
    }
    return {
        seed, designs: count, services, kinds, violations,
        replay: `RESIL_FUZZ_SEED=${seed} RESIL_CDK_DESIGNS=${count} npm run fuzz:cdk`,
    };
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
        const failed = error as { code?: unknown; stdout?: string };
        if (failed.code === 'ENOENT') return [{ design: -1, step: 'cfn-lint', message: 'cfn-lint is not installed (pip install cfn-lint): the invariant needs it' }];
        output = failed.stdout ?? '[]'; // cfn-lint exits non-zero when it finds something
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
