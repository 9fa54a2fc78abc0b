import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import { simulateFailure, type SimulateFailureArgs } from './commands/simulate-failure.js';
import { activeDesign } from './commands/active-design.js';
import { exportDiagram, type ExportDiagramArgs } from './commands/export-diagram.js';
import { registerCdkCommands } from './commands/export-cdk.js';
import { registerImportCommand } from './commands/import-infrastructure.js';
import { registerDiagram, type DiagramPanels } from './diagram/diagram-panel.js';
import { createLanguageClient } from './language-client.js';
import { REPORT_SCHEME, ReportProvider } from './report/report-provider.js';
import { ServerRequests } from './server-requests.js';
import { ResilStatusBar } from './status-bar.js';

/** What the extension hands to other extensions and to its end-to-end tests. */
export interface ResilApi {
    /** `Date.now()` when activation began (the e2e tests time activation to first diagnostics from it). */
    readonly activatedAt: number;
    readonly client: () => LanguageClient;
    readonly requests: ServerRequests;
    readonly reports: ReportProvider;
    readonly statusBar: ResilStatusBar;
    readonly diagrams: DiagramPanels;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ResilApi> {
    const activatedAt = Date.now();
    client = createLanguageClient(context);
    const currentClient = (): LanguageClient => client!;
    const requests = new ServerRequests(currentClient);
    const reports = new ReportProvider(requests);
    const statusBar = new ResilStatusBar();
    const diagrams = registerDiagram(context, requests, currentClient);
    registerCdkCommands(context, requests);
    registerImportCommand(context);

    context.subscriptions.push(
        reports,
        statusBar,
        vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
        vscode.commands.registerCommand('resil.restartServer', () => currentClient().restart()),
        vscode.commands.registerCommand('resil.showReport', (uri?: vscode.Uri | string) => {
            const design = activeDesign(uri);
            return design ? reports.show(design) : undefined;
        }),
        vscode.commands.registerCommand('resil.exportDiagram', (args?: ExportDiagramArgs) => exportDiagram(requests, args)),
        vscode.commands.registerCommand('resil.simulateFailure', (args?: SimulateFailureArgs) =>
            simulateFailure(requests, args, async (uri, simulation) => {
                await reports.show(uri, simulation);
                await diagrams.show(uri, simulation);
            })),
    );

    await client.start();
    return { activatedAt, client: currentClient, requests, reports, statusBar, diagrams };
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
