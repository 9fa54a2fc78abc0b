import { EmptyFileSystem, URI } from 'langium';
import { Resvg } from '@resvg/resvg-js';
import type { Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver';
import { analysisOf, blastRadiusJson, outcomesFor } from '../../language/src/analysis/analysis.js';
import { toSarif } from '../../language/src/cli/sarif.js';
import { buildDiagramModel } from '../../language/src/diagram/diagram-model.js';
import { generateCdkApp } from '../../language/src/generator/cdk/generate.js';
import { createNodeElk } from '../../language/src/diagram/node-elk.js';
import { renderDiagram } from '../../language/src/diagram/render-diagram.js';
import { getTopology } from '../../language/src/model/topology.js';
import { createResilServices, type ResilServices } from '../../language/src/resil-module.js';
import { buildDocument, type ResilDocument } from '../../language/src/workspace/documents.js';
import { findingsOf } from '../../language/src/workspace/findings.js';
import type { Random } from './random.js';
import { unhelpfulText } from '../support/message-checks.js';

/**
 * Pushes one text through everything a user can reach: parse, link, validate, findings and SARIF, the topology,
 * the analysis (every single failure, the scenario blocks, availability), the editor features (hover, completion,
 * code lens, inlay hints, semantic tokens, symbols, code actions, formatting), the diagram model and, when asked,
 * layout and SVG (parsed back with resvg's strict XML parser). Anything that throws, any error Langium swallowed
 * into a diagnostic or the console, and any invalid output is a problem.
 */

export interface FuzzProblem {
    readonly stage: string;
    readonly message: string;
    readonly stack?: string;
}

export interface PipelineOptions {
    /** Lay out and render the diagram too (elkjs is slow: do it for a sample). */
    readonly layout: boolean;
}

export interface PipelineResult {
    readonly problems: FuzzProblem[];
    /** No error diagnostics: the input is a valid design (code generation must then work and compile). */
    readonly clean: boolean;
    /** Milliseconds per stage, to keep the bounded run fast. */
    readonly timings: Record<string, number>;
}

interface StageContext {
    readonly services: ResilServices;
    readonly document: ResilDocument;
    readonly text: string;
    readonly random: Random;
    readonly options: PipelineOptions;
    readonly problems: FuzzProblem[];
}

type Stage = (context: StageContext) => Promise<void> | void;

/** Further stages (e.g. CDK generation) register here; each runs for every input after the built-in ones. */
const EXTRA_STAGES: Array<readonly [string, Stage]> = [];
export function registerStage(name: string, stage: Stage): void {
    EXTRA_STAGES.push([name, stage]);
}

let services: ResilServices | undefined;
function fuzzServices(): ResilServices {
    return services ??= createResilServices(EmptyFileSystem).Resil;
}

let counter = 0;

export async function runPipeline(text: string, random: Random, options: PipelineOptions): Promise<PipelineResult> {
    const problems: FuzzProblem[] = [];
    const consoleErrors = captureConsoleErrors();
    const uri = URI.file(`/fuzz/input-${++counter}.resil`);
    const resil = fuzzServices();
    let clean = false;
    const timings: Record<string, number> = {};
    try {
        let document: ResilDocument;
        const start = performance.now();
        try {
            document = await buildDocument(resil, text, uri);
        } catch (error) {
            problems.push(problemOf('parse-link-validate', error));
            return { problems, clean, timings };
        } finally {
            timings['parse-link-validate'] = performance.now() - start;
        }
        clean = !(document.diagnostics ?? []).some(d => d.severity === 1);
        const context: StageContext = { services: resil, document, text, random, options, problems };
        for (const [name, stage] of [...STAGES, ...EXTRA_STAGES]) {
            const stageStart = performance.now();
            try {
                await stage(context);
            } catch (error) {
                problems.push(problemOf(name, error));
            }
            timings[name] = performance.now() - stageStart;
        }
    } finally {
        consoleErrors.restore();
        if (resil.shared.workspace.LangiumDocuments.hasDocument(uri)) resil.shared.workspace.LangiumDocuments.deleteDocument(uri);
    }
    for (const message of consoleErrors.messages) problems.push({ stage: 'console.error', message });
    return { problems: distinct(problems), clean, timings };
}

const STAGES: Array<readonly [string, Stage]> = [
    ['diagnostics', checkDiagnostics],
    ['findings', ({ document }) => { JSON.stringify(toSarif(findingsOf(document, 'fuzz.resil'))); }],
    ['topology', ({ document }) => { getTopology(document.parseResult.value); }],
    ['analysis', checkAnalysis],
    ['hover', checkHover],
    ['completion', checkCompletion],
    ['code-lens', async ({ services, document }) => { await services.lsp.CodeLensProvider?.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } }); }],
    ['inlay-hints', async ({ services, document }) => { await services.lsp.InlayHintProvider?.getInlayHints(document, { textDocument: { uri: document.uri.toString() }, range: wholeRange(document) }); }],
    ['semantic-tokens', async ({ services, document }) => { await services.lsp.SemanticTokenProvider?.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } }); }],
    ['symbols', async ({ services, document }) => { await services.lsp.DocumentSymbolProvider?.getSymbols(document, { textDocument: { uri: document.uri.toString() } }); }],
    ['code-actions', checkCodeActions],
    ['formatting', checkFormatting],
    ['diagram', checkDiagram],
    ['cdk', checkCdk],
];

function checkDiagnostics({ document, problems }: StageContext): void {
    const lineCount = document.textDocument.lineCount;
    for (const diagnostic of document.diagnostics ?? []) {
        if (diagnostic.message.startsWith('An error occurred')) problems.push({ stage: 'validation', message: diagnostic.message });
        else if (typeof diagnostic.code !== 'string') problems.push({ stage: 'diagnostics', message: `diagnostic without a rule id: ${diagnostic.message}` });
        const leaked = unhelpfulText(diagnostic.message, document.textDocument.getText());
        if (leaked) problems.push({ stage: 'diagnostics', message: `message with ${leaked}: ${diagnostic.message}` });
        const { start, end } = diagnostic.range;
        if (start.line < 0 || end.line >= lineCount + 1 || before(end, start)) {
            problems.push({ stage: 'diagnostics', message: `range ${JSON.stringify(diagnostic.range)} outside the text (${lineCount} lines): ${diagnostic.message}` });
        }
    }
    for (const reference of document.references) {
        const message = reference.error?.message;
        if (message?.startsWith('An error occurred')) problems.push({ stage: 'linking', message });
    }
}

function checkAnalysis({ document, problems }: StageContext): void {
    const analysis = analysisOf(document.parseResult.value);
    analysis.scenarioBlocks();
    analysis.availability();
    const json = blastRadiusJson(outcomesFor(analysis, {}));
    for (const scenario of json.scenarios) {
        if (!(scenario.customersDown >= 0 && scenario.customersDown <= 1)) {
            problems.push({ stage: 'analysis', message: `scenario ${scenario.name}: customersDown ${scenario.customersDown} outside 0..1` });
        }
    }
    JSON.stringify(json);
}

async function checkHover({ services, document, random }: StageContext): Promise<void> {
    for (let i = 0; i < 2; i++) {
        await services.lsp.HoverProvider?.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position: randomPosition(document, random) });
    }
}

async function checkCompletion({ services, document, random }: StageContext): Promise<void> {
    // The costliest editor feature: a quarter of the inputs is enough to cover it.
    if (!random.chance(0.25)) return;
    await services.lsp.CompletionProvider?.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position: randomPosition(document, random) });
}

async function checkCodeActions({ services, document }: StageContext): Promise<void> {
    const diagnostics: Diagnostic[] = (document.diagnostics ?? []).slice(0, 10);
    for (const diagnostic of diagnostics) {
        await services.lsp.CodeActionProvider?.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
        });
    }
}

/** Formatting may only change whitespace, with edits that do not overlap. */
async function checkFormatting({ services, document, text, problems }: StageContext): Promise<void> {
    const edits = await services.lsp.Formatter?.formatDocument(document, {
        textDocument: { uri: document.uri.toString() }, options: { tabSize: 2, insertSpaces: true },
    });
    if (!edits) return;
    const formatted = applyEdits(document, edits);
    if (formatted === undefined) {
        problems.push({ stage: 'formatting', message: 'overlapping formatting edits' });
    } else if (withoutWhitespace(formatted) !== withoutWhitespace(text)) {
        problems.push({ stage: 'formatting', message: 'formatting changed more than whitespace' });
    }
}

async function checkDiagram({ document, options, problems }: StageContext): Promise<void> {
    const model = buildDiagramModel(document.parseResult.value);
    JSON.stringify(model);
    if (!options.layout) return;
    const { svg } = await renderDiagram({ model, elk: createNodeElk() });
    try {
        new Resvg(svg);
    } catch (error) {
        problems.push({ stage: 'svg', message: `rendered SVG does not parse: ${(error as Error).message}` });
    }
}

/** Code generation works on any design (the preview runs on what is being typed) and writes only inside its app. */
function checkCdk({ document, problems }: StageContext): void {
    const app = generateCdkApp(getTopology(document.parseResult.value));
    for (const file of app.files) {
        if (file.path.startsWith('/') || file.path.split('/').some(segment => segment === '..' || segment === '') || /[\\:\0]/.test(file.path)) {
            problems.push({ stage: 'cdk', message: `generated file path escapes the app folder: ${JSON.stringify(file.path)}` });
        }
    }
}

function applyEdits(document: ResilDocument, edits: readonly TextEdit[]): string | undefined {
    const text = document.textDocument.getText();
    const spans = edits
        .map(e => ({ start: document.textDocument.offsetAt(e.range.start), end: document.textDocument.offsetAt(e.range.end), text: e.newText }))
        .sort((a, b) => a.start - b.start || a.end - b.end);
    let result = '';
    let position = 0;
    for (const span of spans) {
        if (span.start < position) return undefined;
        result += text.slice(position, span.start) + span.text;
        position = span.end;
    }
    return result + text.slice(position);
}

function withoutWhitespace(text: string): string {
    return text.replace(/\s+/g, '');
}

function before(a: Position, b: Position): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function randomPosition(document: ResilDocument, random: Random): Position {
    return document.textDocument.positionAt(random.int(document.textDocument.getText().length + 1));
}

function wholeRange(document: ResilDocument): Range {
    return { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(document.textDocument.getText().length) };
}

/** The same crash often shows up once per element: keep one of each. */
function distinct(problems: readonly FuzzProblem[]): FuzzProblem[] {
    const seen = new Set<string>();
    return problems.filter(p => !seen.has(`${p.stage}\0${p.message}`) && !!seen.add(`${p.stage}\0${p.message}`));
}

function problemOf(stage: string, error: unknown): FuzzProblem {
    return error instanceof Error
        ? { stage, message: `${error.name}: ${error.message}`, stack: error.stack }
        : { stage, message: String(error) };
}

/**
 * Langium turns an exception in a validation check into a diagnostic and a console.error; record what is
 * printed while an input runs so that swallowed crashes count too. (Test harness only.)
 */
function captureConsoleErrors(): { messages: string[]; restore(): void } {
    const messages: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => { messages.push(args.map(a => (a instanceof Error ? a.stack ?? a.message : String(a))).join(' ')); };
    return { messages, restore: () => { console.error = original; } };
}
