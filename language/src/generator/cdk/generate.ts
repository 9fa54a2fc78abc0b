import type { Topology, TopologyRegion } from '../../model/topology.js';
import { binApp, cdkJson, GITIGNORE, packageJson, readme, requiredContextKeys, stacksModule, tsconfigJson } from './app-files.js';
import { modelExpectations } from './expectations.js';
import { MODEL_CHECK_MODULE, MODEL_TEST_MODULE } from './model-check-module.js';
import { MODEL_METADATA_MODULE } from './model-metadata.js';
import { CELL_ROUTER_MODULE } from './mappers/router.js';
import { AppPlan, type UnmappedElement } from './plan.js';
import { declaresNothing, declareRegion, emptyStackNames, generateRegion, renderRegion, type GeneratedModule, type StackInfo } from './region-stack.js';
import { fillEdge, renderEdge } from './edge-stack.js';
import {
    ACCESS_MODULE, acknowledgmentsModule, DNS_MODULE, NAG_MODULE, PLACEHOLDERS_MODULE, RESILIENCE_CHECKS_MODULE,
} from './support-files.js';
import { type DeploymentWave, regionsInDeployOrder, wavesJson } from './waves.js';

export type { GeneratedModule } from './region-stack.js';
export { unmappedText, type UnmappedElement } from './plan.js';

/** The generator id in an output folder's manifest: the CLI and the language server write the same folders. */
export const CDK_GENERATOR_ID = 'resil-cdk';

export interface CdkApp {
    /** Paths relative to the app folder, with `/` separators. */
    readonly files: readonly GeneratedModule[];
    /** What the model leaves open and the generator assumed (no region code, no AZs...). */
    readonly warnings: readonly string[];
    /** What the model says and the app does not carry (also listed in the app's README). */
    readonly unmapped: readonly UnmappedElement[];
    /** The stack file of each region (its stateless services), by the region's qualified name. */
    readonly stackFiles: ReadonlyMap<string, string>;
    /** Context keys synthesis stops without (the hosted zones of route53 records): what to set before `cdk synth`. */
    readonly requiredContext: readonly string[];
    /** The deployment waves of the app's stacks, also in `waves.json`: foundations, regional services, cells canary first. */
    readonly waves: readonly DeploymentWave[];
}

export interface CdkOptions {
    /** The design's file name for trace comments (default: the document's). */
    readonly sourceName?: string;
}

/** The whole CDK app of a model, in memory: nothing is written here (see `output-folder.ts`). */
export function generateCdkApp(topology: Topology, options: CdkOptions = {}): CdkApp {
    const plan = new AppPlan(topology, options.sourceName);
    const files: GeneratedModule[] = [];
    const stacks: StackInfo[] = [];
    const stackFiles = new Map<string, string>();
    // A region's stacks take values from the regions before it (a global endpoint's id): those are declared first,
    // and every stack is rendered once all are declared (what a stack exports depends on the stacks after it).
    for (const region of regionsInDeployOrder(plan)) stacks.push(declareRegion(plan, plan.region(region)));
    // The edge stack takes its origins from the regions' stacks: it is filled before they are rendered.
    const filledEdge = fillEdge(plan, stacks);
    const edge = filledEdge && !declaresNothing(filledEdge) ? filledEdge : undefined;
    for (const info of stacks) {
        const regionFiles = renderRegion(plan, info);
        files.push(...regionFiles);
        // A region whose services all sit in cells has no services stack: its foundation's file, else its first cell's.
        const file = regionFiles[0]?.path;
        if (file) stackFiles.set(info.plan.region.id, file);
    }
    if (edge) files.push(renderEdge(plan, edge));
    plan.dropWaveStacks([...stacks.flatMap(emptyStackNames), ...(edge ? [] : [plan.edge.stackName])]);
    files.unshift(
        { path: 'package.json', content: packageJson(plan) },
        { path: 'tsconfig.json', content: tsconfigJson() },
        { path: 'cdk.json', content: cdkJson() },
        { path: '.gitignore', content: GITIGNORE },
        { path: 'README.md', content: readme(plan, stacks) },
        { path: 'bin/app.ts', content: binApp(plan) },
        { path: 'lib/stacks.ts', content: stacksModule(plan, stacks, edge) },
        { path: 'lib/nag.ts', content: NAG_MODULE },
        { path: 'lib/resilience-checks.ts', content: RESILIENCE_CHECKS_MODULE },
        { path: 'lib/acknowledgments.ts', content: acknowledgmentsModule() },
        { path: 'lib/access.ts', content: ACCESS_MODULE },
        { path: 'lib/model-metadata.ts', content: MODEL_METADATA_MODULE },
        { path: 'lib/placeholders.ts', content: PLACEHOLDERS_MODULE },
        { path: 'waves.json', content: wavesJson(plan) },
        { path: 'test/model-expectations.json', content: JSON.stringify(modelExpectations(topology, plan), null, 2) + '\n' },
        { path: 'test/model-check.ts', content: MODEL_CHECK_MODULE },
        { path: 'test/model.test.ts', content: MODEL_TEST_MODULE },
    );
    if (stacks.some(s => s.dnsProps.length > 0)) files.push({ path: 'lib/dns.ts', content: DNS_MODULE });
    const requiredContext = requiredContextKeys(plan, stacks);
    if (topology.components.some(c => c.kind === 'router')) files.push({ path: 'lib/cell-router.ts', content: CELL_ROUTER_MODULE });
    return { files, warnings: plan.warnings, unmapped: plan.unmapped, stackFiles, requiredContext, waves: plan.waves };
}

/** The code of one region's stack and its file name, for a read-only preview: generated in memory, nothing written. */
export function previewStack(topology: Topology, region: TopologyRegion, options: CdkOptions = {}): { file: string; content: string } {
    const plan = new AppPlan(topology, options.sourceName);
    const regionPlan = plan.region(region);
    const { files } = generateRegion(plan, regionPlan);
    return files[0] ? { file: files[0].path, content: files[0].content }
        : { file: regionPlan.file, content: `// Region ${region.name} declares nothing yet: the app has no stack for it.\n` };
}
