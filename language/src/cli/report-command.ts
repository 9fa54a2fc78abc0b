import { analysisOf } from '../analysis/analysis.js';
import { buildDiagramModel } from '../diagram/diagram-model.js';
import { LIGHT_PALETTE } from '../diagram/diagram-style.js';
import { createNodeElk } from '../diagram/node-elk.js';
import { renderDiagram } from '../diagram/render-diagram.js';
import { buildReportData } from '../report/report-data.js';
import { reportDocument } from '../report/report-document.js';
import { renderHtml } from '../report/report-html.js';
import { renderMarkdown } from '../report/report-markdown.js';
import { terminalText } from '../util/sanitise.js';
import { findingsOf } from '../workspace/findings.js';
import { defineCommand, parseCommandLine } from './command-line.js';
import { displayPath } from './finding-text.js';
import { loadLinkedDocument } from './linked-document.js';
import { UsageError } from './usage-error.js';
import type { CliResult } from './main.js';

type ReportFormat = 'markdown' | 'html';

const REPORT_COMMAND = defineCommand({
    name: 'report',
    positionals: '<file>',
    summary: 'Print the resilience report: requirements, estimated RTO/RPO per disruption against the targets, the DR strategy, availability per entry point with its derivation, every scenario\'s blast radius and the findings by failure category.',
    options: {
        format: { type: 'string', value: 'markdown|html', help: 'Markdown (the default), or HTML with the diagram.' },
    },
});

/** `resil report <file> [--format markdown|html]`: the resilience report on stdout. */
export async function runReport(args: string[]): Promise<CliResult> {
    const { values, positionals } = parseCommandLine(REPORT_COMMAND, args);
    const format = parseFormat(values.format);
    if (positionals.length !== 1) throw new UsageError(`expected one .resil file, got ${positionals.length}`);
    const file = positionals[0];
    const document = await loadLinkedDocument(file);
    const model = document.parseResult.value;
    const name = displayPath(file);
    const blocks = reportDocument(buildReportData(analysisOf(model), name, findingsOf(document, name)));
    if (format === 'markdown') return { stdout: renderMarkdown(blocks), stderr: '', exitCode: 0 };
    const { svg } = await renderDiagram({ model: buildDiagramModel(model), elk: createNodeElk(), palette: LIGHT_PALETTE });
    return { stdout: renderHtml(blocks, svg, `Resilience report: ${name}`), stderr: '', exitCode: 0 };
}

function parseFormat(value: string | undefined): ReportFormat {
    if (value === undefined || value === 'markdown' || value === 'md') return 'markdown';
    if (value === 'html') return 'html';
    throw new UsageError(`--format must be markdown or html, not '${terminalText(value)}'`);
}
