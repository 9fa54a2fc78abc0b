/**
 * Synthesizes generated CDK apps offline, in a child process that runs under tsx (the apps are TypeScript):
 * `node --import tsx out/test/cdk/support/synth-apps.js <appDir> <out.json> [<appDir> <out.json>]...`.
 * For each app it writes the CloudFormation templates of its stacks and the cdk-nag violations of the
 * AwsSolutions, Serverless and Resil packs, so the mocha test can assert on them with `aws-cdk-lib/assertions`.
 * Everything resolves from the app folder, i.e. from this repository's node_modules: one aws-cdk-lib instance.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

export interface SynthResult {
    readonly stacks: Record<string, unknown>;
    readonly violations: Array<{ pack: string; rule: string; severity: string; resources: string[] }>;
    /** What the app's own model check (its test/model-check.ts, the generator's) finds missing. */
    readonly modelViolations: Array<{ code: string; message: string }>;
}

interface NagPackLike {
    validateScope(scope: unknown): { violations: Array<{ ruleName: string; severity: string; violatingResources: Array<{ constructPath: string }> }> };
}

function synth(appDir: string): SynthResult {
    const requireFromApp = createRequire(path.join(path.resolve(appDir), 'package.json'));
    const cdk = requireFromApp('aws-cdk-lib');
    const { Template } = requireFromApp('aws-cdk-lib/assertions');
    const nag = requireFromApp('cdk-nag');
    const flags = requireFromApp('aws-cdk-lib/recommended-feature-flags.json');
    const { addStacks } = requireFromApp('./lib/stacks.ts');
    const { ResilienceChecks } = requireFromApp('./lib/resilience-checks.ts');
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-synth-'));
    try {
        const app = new cdk.App({ context: flags, outdir });
        const stacks = Object.values(addStacks(app)) as Array<{ stackName: string }>;
        const packs: Array<[string, NagPackLike]> = [
            ['AwsSolutions', new nag.AwsSolutionsChecks(app)], ['Serverless', new nag.ServerlessChecks(app)], ['Resil', new ResilienceChecks(app)],
        ];
        const violations = packs.flatMap(([pack, checks]) => checks.validateScope(app).violations.map(v => ({
            pack, rule: v.ruleName, severity: v.severity, resources: v.violatingResources.map(r => r.constructPath),
        })));
        const templates = Object.fromEntries(stacks.map(stack => [stack.stackName, Template.fromStack(stack).toJSON()]));
        const { checkModel } = requireFromApp('./test/model-check.ts');
        const modelViolations = checkModel(requireFromApp('./test/model-expectations.json'), app);
        return { stacks: templates, violations, modelViolations };
    } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
    }
}

const args = process.argv.slice(2);
for (let i = 0; i + 1 < args.length; i += 2) {
    let result: SynthResult | { error: string };
    try {
        result = synth(args[i]);
    } catch (error) {
        result = { error: error instanceof Error ? error.stack ?? error.message : String(error) };
    }
    fs.writeFileSync(args[i + 1], JSON.stringify(result));
}
