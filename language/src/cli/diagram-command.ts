import * as fs from 'node:fs';
import * as path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { analysisOf, outcomesFor, scenarioJson } from '../analysis/analysis.js';
import { UnknownFailureName } from '../analysis/scenarios.js';
import type { DrawnFinding } from '../diagram/diagram-findings.js';
import { buildDiagramModel, zonalBandId } from '../diagram/diagram-model.js';
import { EXPORT_PALETTES, type ExportTheme } from '../diagram/diagram-style.js';
import { allNodes, serviceCount, type DeclaredView, type DiagramModel } from '../diagram/diagram-types.js';
import { declaredView, defaultCollapsedForSize } from '../diagram/diagram-view.js';
import { DEFAULT_HOPS, UnknownFocusName, focusModel } from '../diagram/focus-view.js';
import { drawingElk } from '../diagram/elk-pool.js';
import { renderDiagram } from '../diagram/render-diagram.js';
import { renderScenarioSheet } from '../diagram/scenario-sheet.js';
import type { Model } from '../generated/ast.js';
import type { ScenarioJson } from '../protocol/failures.js';
import { terminalText } from '../util/sanitise.js';
import { isResilDiagram, markPng, MARKER_BYTES } from './diagram-file.js';
import { loadLinkedDocument } from './linked-document.js';
import type { ResilDocument } from '../workspace/documents.js';
import { severityName } from '../workspace/findings.js';
import { defineCommand, parseCommandLine } from './command-line.js';
import { UsageError } from './usage-error.js';
import type { CliResult } from './main.js';

/** PNGs are rasterised at twice the SVG size by default: crisp on high-density screens and in READMEs. */
const PNG_ZOOM = 2;
/** `--scale` bounds: below, text is unreadable; above, a large design makes an image of gigabytes. */
const SCALE_RANGE = [0.25, 8] as const;

type OutputFormat = 'svg' | 'png';

const DIAGRAM_COMMAND = defineCommand({
    name: 'diagram',
    positionals: '<file>',
    summary: 'Draw the topology as SVG or PNG; with --fail or --scenario, colour what the failure takes down.',
    options: {
        output: { type: 'string', short: 'o', value: 'out.svg|out.png', help: 'The file to write; its extension chooses the format.' },
        fail: { type: 'string', multiple: true, value: 'NAME', help: 'Colour what failing this (with the others given) takes down.' },
        scenario: { type: 'string', value: 'NAME', help: 'Colour what the scenario block of this name takes down.' },
        expand: { type: 'string', multiple: true, value: 'CELL', help: 'Draw this cell once per replica.' },
        force: { type: 'boolean', help: 'Replace a file that resil did not draw (it never replaces one otherwise; its own diagrams it redraws without asking).' },
        theme: { type: 'string', value: 'light|dark|high-contrast', help: 'The colours of the export (light by default).' },
        scale: { type: 'string', value: 'N', help: `PNG only: the size against the SVG, from ${SCALE_RANGE[0]} to ${SCALE_RANGE[1]} (${PNG_ZOOM} by default).` },
        collapse: { type: 'string', multiple: true, value: 'NAME|all', help: 'Draw a region, a cell or a region\'s AZ band (REGION.azs) as one box; all: every cell and AZ band.' },
        sheet: { type: 'boolean', help: 'Draw the scenario sheet: one small copy of the diagram per single failure, with its customers down.' },
        view: { type: 'string', value: 'NAME', help: 'Draw a view the design declares (`view NAME { ... }`), with what it collapses.' },
        region: { type: 'string', value: 'REGION', help: 'Draw one region (with the global services).' },
        focus: { type: 'string', value: 'SERVICE', help: 'Draw the services within --hops edges of this one, either way.' },
        hops: { type: 'string', value: 'N', help: `With --focus: how many edges away (${DEFAULT_HOPS} by default).` },
    },
});

/** `resil diagram`: the same model, layout and renderer as the VS Code webview. */
export async function runDiagram(args: string[]): Promise<CliResult> {
    const { values, positionals } = parseCommandLine(DIAGRAM_COMMAND, args);
    if (positionals.length !== 1) throw new UsageError(`expected one .resil file, got ${positionals.length}`);
    if (!values.output) throw new UsageError('missing -o out.svg or -o out.png');
    const output = values.output;
    const format = outputFormat(output);
    const palette = EXPORT_PALETTES[exportTheme(values.theme)];
    const scale = pngScale(values.scale, format);
    checkTarget(output, values.force === true);

    const document = await loadLinkedDocument(positionals[0]);
    const model = document.parseResult.value;
    if (values.sheet && (values.fail?.length || values.scenario !== undefined)) {
        throw new UsageError('give --sheet or --fail/--scenario, not both: the sheet draws every single failure');
    }
    const scenario = selectedScenario(model, values.fail, values.scenario);
    const whole = buildDiagramModel(model);
    const named = chosenView(whole, values.view);
    const diagram = focusedModel(whole, values.region, values.focus, values.hops);
    const view = { expandedCells: values.expand, collapsed: [...named?.collapsed ?? [], ...collapsedIds(diagram, values.collapse ?? [])], named: named?.name };
    const elk = drawingElk(diagram);
    const drawn = await renderDiagram({ model: diagram, elk, scenario, palette, view, findings: drawnFindingsOf(document) }).finally(() => elk.dispose());
    const { layout } = drawn;
    const sheet = values.sheet ? analysisOf(model).singleFailures().map(scenarioJson) : undefined;
    const svg = sheet ? renderScenarioSheet(layout, sheet, { palette }) : drawn.svg;
    fs.writeFileSync(output, format === 'svg' ? svg : markPng(rasterise(svg, scale)));
    const services = serviceCount(layout.model.nodes);
    const what = sheet ? `, ${sheet.length} failures` : scenario ? `, failure ${terminalText(scenario.name)}` : '';
    return { stdout: `wrote ${terminalText(output)} (${services} service${services === 1 ? '' : 's'}${what})\n`, stderr: '', exitCode: 0 };
}

/** The design's rule findings, for their badges on the drawing. */
function drawnFindingsOf(document: ResilDocument): DrawnFinding[] {
    return (document.diagnostics ?? []).map(d => ({
        severity: severityName(d.severity), message: d.message, range: d.range, ...(typeof d.code === 'string' && { rule: d.code }),
    }));
}

/** `--view NAME`: a view the design declares; `--region`, `--focus` and `--collapse` narrow it further. */
function chosenView(diagram: DiagramModel, name: string | undefined): DeclaredView | undefined {
    if (name === undefined) return undefined;
    const declared = declaredView(diagram, name);
    if (declared) return declared;
    const names = (diagram.views ?? []).map(v => v.name);
    throw new UsageError(`--view ${terminalText(name)}: the design declares ${names.length > 0 ? `the views ${terminalText(names.join(', '))}` : 'no view (`view NAME { ... }` in the system)'}`);
}

/** `--region` and `--focus NAME --hops N`: the part of the design to draw. */
function focusedModel(diagram: DiagramModel, region: string | undefined, focus: string | undefined, hops: string | undefined): DiagramModel {
    if (hops !== undefined && focus === undefined) throw new UsageError('--hops goes with --focus SERVICE');
    if (hops !== undefined && !/^\d{1,3}$/.test(hops)) throw new UsageError(`--hops ${terminalText(hops)}: expected a whole number of edges (${DEFAULT_HOPS} by default)`);
    try {
        return focusModel(diagram, { region, focus, hops: hops === undefined ? undefined : Number(hops) });
    } catch (error) {
        if (error instanceof UnknownFocusName) throw new UsageError(`--${region !== undefined && error.message.includes('region') ? 'region' : 'focus'}: ${terminalText(error.message)}`);
        throw error;
    }
}

/**
 * `--collapse` names: a region, a cell or a cell replica (drawn as one box), `REGION.azs` (the region's AZ band), or
 * `all` (every cell and AZ band, as large designs open in the editor).
 */
function collapsedIds(diagram: DiagramModel, names: readonly string[]): string[] {
    const containers = new Set([...allNodes(diagram.nodes)].filter(n => n.kind !== 'service' && n.kind !== 'az').map(n => n.id));
    return names.flatMap(name => {
        if (name === 'all') return defaultCollapsedForSize(diagram, 0);
        const id = name.endsWith('.azs') ? zonalBandId(name.slice(0, -'.azs'.length)) : name;
        if (!containers.has(id)) throw new UsageError(`--collapse ${terminalText(name)}: not a region, cell or REGION.azs of the design (or all)`);
        return [id];
    });
}

function exportTheme(theme: string | undefined): ExportTheme {
    if (theme === undefined) return 'light';
    if (Object.hasOwn(EXPORT_PALETTES, theme)) return theme as ExportTheme;
    throw new UsageError(`--theme ${terminalText(theme)}: expected one of ${Object.keys(EXPORT_PALETTES).join(', ')}`);
}

function pngScale(scale: string | undefined, format: OutputFormat): number {
    if (scale === undefined) return PNG_ZOOM;
    if (format !== 'png') throw new UsageError('--scale applies to PNG output only (an SVG scales without loss)');
    const value = Number(scale);
    const [min, max] = SCALE_RANGE;
    if (!/^\d+(\.\d+)?$/.test(scale.trim()) || !(value >= min && value <= max)) {
        throw new UsageError(`--scale ${terminalText(scale)}: expected a number from ${min} to ${max} (2 by default)`);
    }
    return value;
}

function outputFormat(output: string): OutputFormat {
    const ext = path.extname(output).toLowerCase();
    if (ext === '.svg') return 'svg';
    if (ext === '.png') return 'png';
    throw new UsageError(`-o ${terminalText(output)}: the file name must end in .svg or .png`);
}

/**
 * Never replace a folder or what is not a regular file, nor (without --force) a file that Resil did not draw: its
 * name alone proves nothing (an HTML page may be called `.svg`).
 */
function checkTarget(output: string, force: boolean): void {
    const shown = terminalText(output);
    let stat: fs.Stats;
    try {
        stat = fs.statSync(output);
    } catch (error) {
        // Any other error (a file on the way, no permission) is the user's, and said as such (usage-error.ts).
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        const dir = path.dirname(path.resolve(output));
        if (!fs.existsSync(dir)) throw new UsageError(`-o ${shown}: folder ${terminalText(dir)} does not exist`);
        return;
    }
    if (stat.isDirectory()) throw new UsageError(`-o ${shown} is a folder; name a .svg or .png file`);
    if (!stat.isFile()) throw new UsageError(`-o ${shown} is not a regular file (a pipe, a device...); name a .svg or .png file`);
    if (!force && stat.size > 0 && !isResilDiagram(fileHead(output))) {
        throw new UsageError(`-o ${shown} exists and is not a diagram written by resil; pass --force to replace it`);
    }
}

function fileHead(file: string): Buffer {
    const head = Buffer.alloc(MARKER_BYTES);
    const fd = fs.openSync(file, 'r');
    try {
        return head.subarray(0, fs.readSync(fd, head, 0, head.length, 0));
    } finally {
        fs.closeSync(fd);
    }
}

function selectedScenario(model: Model, fail: string[] | undefined, scenario: string | undefined): ScenarioJson | undefined {
    if (!fail?.length && scenario === undefined) return undefined;
    if (fail?.length && scenario !== undefined) throw new UsageError('give --fail or --scenario, not both: the diagram shows one failure');
    try {
        const [outcome] = outcomesFor(analysisOf(model), { fail, scenario });
        return outcome ? scenarioJson(outcome) : undefined;
    } catch (error) {
        // The message quotes the name given, whatever it holds.
        if (error instanceof UnknownFailureName) throw new UsageError(terminalText(error.message));
        throw error;
    }
}

function rasterise(svg: string, zoom: number): Buffer {
    const resvg = new Resvg(svg, {
        fitTo: { mode: 'zoom', value: zoom },
        // The SVG names its fonts (FONT_FAMILY); resvg picks the first one installed.
        font: { loadSystemFonts: true },
    });
    return resvg.render().asPng();
}

