import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Resvg } from '@resvg/resvg-js';
import { analysisOf, outcomesFor, scenarioJson } from '../analysis/analysis.js';
import { UnknownFailureName } from '../analysis/scenarios.js';
import { buildDiagramModel } from '../diagram/diagram-model.js';
import { LIGHT_PALETTE } from '../diagram/diagram-style.js';
import { serviceCount } from '../diagram/diagram-types.js';
import { createNodeElk } from '../diagram/node-elk.js';
import { renderDiagram } from '../diagram/render-diagram.js';
import type { Model } from '../generated/ast.js';
import type { ScenarioJson } from '../protocol/failures.js';
import { loadLinkedDocument } from './linked-document.js';
import { UsageError } from './usage-error.js';
import type { CliResult } from './main.js';

/** PNGs are rasterised at twice the SVG size: crisp on high-density screens and in READMEs. */
const PNG_ZOOM = 2;

type OutputFormat = 'svg' | 'png';

/** `resil diagram`: the same model, layout and renderer as the VS Code webview. */
export async function runDiagram(args: string[]): Promise<CliResult> {
    const { values, positionals } = parseArgs({
        args, allowPositionals: true, strict: true,
        options: {
            output: { type: 'string', short: 'o' },
            fail: { type: 'string', multiple: true },
            scenario: { type: 'string' },
            expand: { type: 'string', multiple: true },
            force: { type: 'boolean' },
        },
    });
    if (positionals.length !== 1) throw new UsageError(`expected one .resil file, got ${positionals.length}`);
    if (!values.output) throw new UsageError('missing -o out.svg or -o out.png');
    const output = values.output;
    const format = outputFormat(output);
    checkTarget(output, values.force === true);

    const document = await loadLinkedDocument(positionals[0]);
    const model = document.parseResult.value;
    const scenario = selectedScenario(model, values.fail, values.scenario);
    const { svg, layout } = await renderDiagram({
        model: buildDiagramModel(model), elk: createNodeElk(), scenario, palette: LIGHT_PALETTE, view: { expandedCells: values.expand },
    });
    fs.writeFileSync(output, format === 'svg' ? svg : rasterise(svg));
    const services = serviceCount(layout.model.nodes);
    return { stdout: `wrote ${output} (${services} service${services === 1 ? '' : 's'}${scenario ? `, failure ${scenario.name}` : ''})\n`, stderr: '', exitCode: 0 };
}

function outputFormat(output: string): OutputFormat {
    const ext = path.extname(output).toLowerCase();
    if (ext === '.svg') return 'svg';
    if (ext === '.png') return 'png';
    throw new UsageError(`-o ${output}: the file name must end in .svg or .png`);
}

/** Never replace a folder, nor (without --force) an existing file that is not a diagram. */
function checkTarget(output: string, force: boolean): void {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(output);
    } catch {
        const dir = path.dirname(path.resolve(output));
        if (!fs.existsSync(dir)) throw new UsageError(`-o ${output}: folder ${dir} does not exist`);
        return;
    }
    if (stat.isDirectory()) throw new UsageError(`-o ${output} is a folder; name a .svg or .png file`);
    if (!force && !looksLikeDiagram(output)) {
        throw new UsageError(`-o ${output} exists and is not an SVG or PNG image; pass --force to replace it`);
    }
}

/** Whether the existing file's content is an SVG or PNG image (its name alone proves nothing). */
function looksLikeDiagram(file: string): boolean {
    const head = Buffer.alloc(512);
    const fd = fs.openSync(file, 'r');
    let read: number;
    try {
        read = fs.readSync(fd, head, 0, head.length, 0);
    } finally {
        fs.closeSync(fd);
    }
    const bytes = head.subarray(0, read);
    if (read === 0) return true;
    if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return true;
    return /<svg[\s>]/.test(bytes.toString('utf8'));
}
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function selectedScenario(model: Model, fail: string[] | undefined, scenario: string | undefined): ScenarioJson | undefined {
    if (!fail?.length && scenario === undefined) return undefined;
    if (fail?.length && scenario !== undefined) throw new UsageError('give --fail or --scenario, not both: the diagram shows one failure');
    try {
        const [outcome] = outcomesFor(analysisOf(model), { fail, scenario });
        return outcome ? scenarioJson(outcome) : undefined;
    } catch (error) {
        if (error instanceof UnknownFailureName) throw new UsageError(error.message);
        throw error;
    }
}

function rasterise(svg: string): Buffer {
    const resvg = new Resvg(svg, {
        fitTo: { mode: 'zoom', value: PNG_ZOOM },
        // The SVG names its fonts (FONT_FAMILY); resvg picks the first one installed.
        font: { loadSystemFonts: true },
    });
    return resvg.render().asPng();
}

