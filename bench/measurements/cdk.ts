import * as path from 'node:path';
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { getTopology } from '../../language/src/model/topology.js';
import { describeInvariant, holdInvariant, type InvariantReport } from '../../test/support/cdk-invariant.js';
import { REPO_ROOT } from '../../test/support/paths.js';
import { registerMeasurement } from '../registry.js';
import { freshServices, parseAndLink } from './core.js';

registerMeasurement({
    name: 'cdk-generate-1k',
    title: 'CDK app generation, 1,000 services',
    budget: { ms: 1000 },
    runs: 7,
    note: 'the whole app in memory (stacks, cell constructs, support files) from the linked model; nothing written.',
    prepare: async (context) => {
        const document = await parseAndLink(freshServices(), context.modelText(1000));
        return { topology: getTopology(document.parseResult.value), files: 0 };
    },
    run: async (state) => {
        state.files = generateCdkApp(state.topology).files.length;
    },
    details: (state) => [`${state.files} files.`],
});

/** The seed of the benchmark's random designs: fixed, so that the figure compares across runs. */
const INVARIANT_SEED = 20261130;
const INVARIANT_DESIGNS = 200;

registerMeasurement<{ report?: InvariantReport }>({
    name: 'cdk-invariant-200',
    title: `CDK invariant on ${INVARIANT_DESIGNS} random valid designs`,
    runs: 1,
    warmups: 0,
    timeoutMs: 60 * 60_000,
    note: `generate, one tsc, offline synth, cdk-nag, one cfn-lint run and the model check of every design (test/support/cdk-invariant.ts, seed ${INVARIANT_SEED}); \`npm run fuzz:cdk\` runs it with a random seed.`,
    prepare: async () => ({}),
    run: async (state) => {
        state.report = await holdInvariant(INVARIANT_SEED, INVARIANT_DESIGNS, path.join(REPO_ROOT, '.tmp', 'cdk-bench'));
    },
    details: (state) => (state.report ? [describeInvariant(state.report).split('\n')[0]] : []),
    check: (state) => (state.report && state.report.violations.length > 0 ? describeInvariant(state.report) : undefined),
    checkSummary: 'zero violations',
});
