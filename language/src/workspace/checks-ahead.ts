import type { LangiumDocument } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import { getAnalysis } from '../analysis/analysis.js';
import { instanceGraphInSteps } from '../analysis/instance-graph.js';
import { singleFailureScenarios } from '../analysis/scenarios.js';
import { isBlastRadiusRequirement, isSurviveRequirement, type Model } from '../generated/ast.js';
import { topologyInSteps, type Topology } from '../model/topology.js';
import { attempt } from '../util/errors.js';
import { interruptForRequests } from '../util/request-turn.js';
import { hasUnresolvedReferences } from './unresolved-references.js';

/**
 * What the checks of a whole system share, computed before them a piece at a time: the topology, then, in the file
 * of a requirement that simulates single failures (`require survive`, `require blast-radius`), the instance graph
 * and each single failure. On a 10,000-service design each of these is a good share of the validation, done in one go by
 * the first check that asks for it: here requests on other documents are answered between the pieces (the checks
 * then find them cached). A failure is left to the checks, which report it. `topologyBuilt` hears of the topology as
 * soon as it is built, before the checks.
 */
export async function computeChecksAhead(document: LangiumDocument, cancelToken: CancellationToken,
    topologyBuilt: (topology: Topology) => void = () => undefined): Promise<void> {
    const model = document.parseResult.value as Model;
    if (!model.system && !model.part) return;
    // A turn of its own: the work before (indexing the references) is not added to it.
    await interruptForRequests(cancelToken);
    const topology = await inSteps(topologyInSteps(model), cancelToken);
    if (!topology) return;
    topologyBuilt(topology);
    await interruptForRequests(cancelToken);
    // Only the file of the requirements asks for the simulations: in a system of several files, the others (an
    // edited part first) are checked, and their diagnostics published, without waiting for them.
    const requirements = model.system?.requirements ?? [];
    if (!requirements.some(r => isSurviveRequirement(r) || isBlastRadiusRequirement(r))) return;
    // The requirement checks skip a design with unresolved references: so does this.
    if (hasUnresolvedReferences(document)) return;
    if (!await inSteps(instanceGraphInSteps(topology), cancelToken)) return;
    await interruptForRequests(cancelToken);
    const analysis = attempt(() => getAnalysis(topology));
    const scenarios = attempt(() => singleFailureScenarios(topology as Topology));
    if (!analysis || !scenarios) return;
    for (const scenario of scenarios) {
        await interruptForRequests(cancelToken);
        if (!attempt(() => analysis.run(scenario))) return;
    }
}

/** Runs `steps` to their end with a turn for requests between two; undefined on a failure. */
async function inSteps<T>(steps: Generator<void, T>, cancelToken: CancellationToken): Promise<T | undefined> {
    for (;;) {
        const step = attempt(() => steps.next());
        if (!step) return undefined;
        if (step.done) return step.value;
        await interruptForRequests(cancelToken);
    }
}
