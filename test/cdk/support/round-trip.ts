/**
 * The round trip of a design through its CDK app: the app's synthesized templates written as the cloud assembly
 * CDK writes (`manifest.json`, one template per stack, each stack's environment), imported back with `resil import`'s
 * code, and both topologies described the same way, so that a test can compare elements, placements and edges.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDesign } from '../../../language/src/import/format-design.js';
import { importInfrastructure } from '../../../language/src/import/import-infrastructure.js';
import { getTopology, type Topology } from '../../../language/src/model/topology.js';
import { getAnalysis, scenarioJson } from '../../../language/src/analysis/analysis.js';
import { scenarioOf } from '../../../language/src/analysis/scenarios.js';
import { build, testServices } from '../../support/services.js';
import type { SynthResult } from './synth-apps.js';

/** Writes `cdk.out/manifest.json` and the templates; a stack's region is the original region its name ends with. */
export function writeAssembly(folder: string, result: SynthResult, original: Topology): void {
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    const regions = original.regions.map(r => ({ suffix: r.name[0].toUpperCase() + r.name.slice(1), code: r.code }));
    const artifacts: Record<string, unknown> = {};
    for (const [stack, template] of Object.entries(result.stacks)) {
        const base = stack.split('-')[0];
        const region = regions.find(r => base.endsWith(r.suffix))?.code ?? 'unknown-region';
        fs.writeFileSync(path.join(folder, `${stack}.template.json`), JSON.stringify(template));
        artifacts[stack] = { type: 'aws:cloudformation:stack', environment: `aws://unknown-account/${region}`, properties: { templateFile: `${stack}.template.json` } };
    }
    fs.writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify({ version: '41.0.0', artifacts }));
}

/** The imported design, formatted, as text. */
export async function importAssembly(folder: string): Promise<string> {
    return formatDesign(testServices(), importInfrastructure(folder).text);
}

/** `lambda use1.ingest in use1-az1, use1-az2`, one line per element. */
export function elementLines(topology: Topology): string[] {
    return topology.components.map(c => `${c.kind} ${c.id}${c.azs.length > 0 ? ` in ${c.azs.map(a => a.zoneId ?? a.id).join(', ')}` : ''}`).sort();
}

/** `use1.process -consumes(async)-> use1.incoming`, one line per edge. */
export function edgeLines(topology: Topology): string[] {
    return [...new Set(topology.edges.map(e => `${e.from.id} -${e.kind}${e.hard ? '' : '(soft)'}${e.sync ? '' : '(async)'}-> ${e.to.id}`))].sort();
}

export async function topologyOf(text: string): Promise<{ topology: Topology; errors: string[]; findings: string[] }> {
    const document = await build(text);
    const diagnostics = document.diagnostics ?? [];
    const errors = diagnostics.filter(d => d.severity === 1).map(d => `${String(d.code ?? 'syntax')}: ${d.message}`);
    // A finding is its rule, severity and message; a message may name the file it was read from, which differs.
    const findings = diagnostics.map(d => `${SEVERITY[d.severity ?? 1]} ${String(d.code ?? 'syntax')}: ${d.message.replace(/[\w.-]+\.(resil|json)(:\d+)?/g, '<file>')}`);
    return { topology: getTopology(document.parseResult.value), errors, findings: [...new Set(findings)].sort() };
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

/**
 * The blast radius of every single failure (each region, AZ and cell replica, each service alone) and of the
 * design's scenarios: what fails, what degrades, each entry point's state and the customers' share down.
 */
export function blastRadiusLines(topology: Topology): string[] {
    const analysis = getAnalysis(topology);
    const services = topology.components.map(c => analysis.run(scenarioOf(topology, [c.id])));
    return [...analysis.singleFailures(), ...services, ...analysis.scenarioBlocks()]
        .map(outcome => { const { name, ...radius } = scenarioJson(outcome); return `${name}: ${JSON.stringify(radius)}`; })
        .sort();
}

/**
 * The differences between an example and its import from its synthesized app, one line each: errors in the imported
 * design, then elements and edges one side has and the other does not. The imported design is written beside the
 * assembly for a reader to look at.
 */
export async function roundTripDifferences(folder: string, result: SynthResult, originalText: string): Promise<string[]> {
    const original = await topologyOf(originalText);
    writeAssembly(folder, result, original.topology);
    const text = await importAssembly(folder);
    fs.writeFileSync(`${folder}.imported.resil`, text);
    const imported = await topologyOf(text);
    return [
        ...difference(elementLines(original.topology), elementLines(imported.topology)),
        ...difference(edgeLines(original.topology), edgeLines(imported.topology)),
        ...difference(original.findings, imported.findings).map(d => d.replace(': ', ': finding ')),
        ...difference(blastRadiusLines(original.topology), blastRadiusLines(imported.topology)).map(d => d.replace(': ', ': blast radius of ')),
    ];
}

/** What one side has and the other does not. */
export function difference(original: readonly string[], imported: readonly string[]): string[] {
    const have = new Set(imported);
    const had = new Set(original);
    return [...original.filter(l => !have.has(l)).map(l => `missing: ${l}`), ...imported.filter(l => !had.has(l)).map(l => `extra: ${l}`)];
}
