import * as vscode from 'vscode';
import type { FailureSelection, ScenarioJson } from '../../../language/src/protocol/index.js';
import type { ServerRequests } from '../server-requests.js';
import { escapeMarkdown, renderReport, type ReportFinding } from './report-markdown.js';
import { messageOf } from '../../../language/src/util/errors.js';

export const REPORT_SCHEME = 'resil-report';

interface OpenReport {
    readonly source: vscode.Uri;
    simulation?: FailureSelection;
}

function severityOf(diagnostic: vscode.Diagnostic): ReportFinding['severity'] {
    switch (diagnostic.severity) {
        case vscode.DiagnosticSeverity.Error: return 'error';
        case vscode.DiagnosticSeverity.Warning: return 'warning';
        default: return 'info';
    }
}

function ruleOf(diagnostic: vscode.Diagnostic): string {
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    return code === undefined ? 'syntax' : String(code);
}

/** The findings of a document as the report lists them: the diagnostics VS Code holds for it. */
export function findingsOf(uri: vscode.Uri): ReportFinding[] {
    return vscode.languages.getDiagnostics(uri)
        .filter(d => d.source === undefined || d.source === 'resil')
        .map(d => ({ rule: ruleOf(d), severity: severityOf(d), line: d.range.start.line + 1, message: d.message }));
}

/**
 * Serves the resilience report of a design as a read-only Markdown document (`resil-report:` URIs) that the
 * Markdown preview renders. The report is rebuilt from the server whenever the design's diagnostics change.
 */
export class ReportProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;
    private readonly reports = new Map<string, OpenReport>();
    private readonly subscriptions: vscode.Disposable[] = [];

    constructor(private readonly requests: ServerRequests) {
        this.subscriptions.push(vscode.languages.onDidChangeDiagnostics(event => {
            const changed = new Set(event.uris.map(u => u.toString()));
            for (const [key, report] of this.reports) {
                if (changed.has(report.source.toString())) this.changed.fire(vscode.Uri.parse(key));
            }
        }));
    }

    /** The report URI of a design: one report per design, whatever failure it shows. */
    reportUri(source: vscode.Uri): vscode.Uri {
        const name = source.path.split('/').pop() ?? 'design';
        return vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name}.report.md`, query: source.toString() });
    }

    /** Opens (or refreshes) the report of `source` in the Markdown preview beside the editor. */
    async show(source: vscode.Uri, simulation?: FailureSelection): Promise<vscode.Uri> {
        const uri = this.reportUri(source);
        this.reports.set(uri.toString(), { source, simulation });
        this.changed.fire(uri);
        try {
            await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
        } catch {
            // No Markdown preview (the built-in extension is disabled): show the Markdown itself.
            await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
        }
        return uri;
    }

    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
        const report = this.reports.get(uri.toString()) ?? { source: vscode.Uri.parse(uri.query) };
        const source = report.source.toString();
        try {
            const { requirements } = await this.requests.requirements(source);
            // The recovery analysis is the same as `resil report`'s; a design it cannot analyse still gets the rest.
            const recoverySections = await this.requests.reportSections(source).then(r => r.markdown, () => undefined);
            let scenarios: readonly ScenarioJson[] = [];
            let scenariosError: string | undefined;
            let simulation: ScenarioJson | undefined;
            try {
                scenarios = (await this.requests.blastRadius({ uri: source })).scenarios;
                if (report.simulation) simulation = (await this.requests.blastRadius({ uri: source, ...report.simulation })).scenarios[0];
            } catch (error) {
                scenariosError = messageOf(error);
            }
            return renderReport({
                fileName: vscode.workspace.asRelativePath(report.source),
                requirements, recoverySections, scenarios, scenariosError, simulation, findings: findingsOf(report.source),
            });
        } catch (error) {
            return `# Resilience report\n\nThe report could not be built: ${escapeMarkdown(messageOf(error))}\n`;
        }
    }

    dispose(): void {
        this.changed.dispose();
        for (const s of this.subscriptions) s.dispose();
    }
}
