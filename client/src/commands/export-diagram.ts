import * as vscode from 'vscode';
import type { FailureSelection } from '../../../language/src/protocol/index.js';
import type { ServerRequests } from '../server-requests.js';
import { activeDesign } from './active-design.js';
import { messageOf } from '../../../language/src/util/errors.js';

export interface ExportDiagramArgs extends FailureSelection {
    readonly uri?: string;
    /** Where to write the SVG; asked with a save dialog when missing. */
    readonly target?: string;
}

/**
 * `Resil: Export Diagram as SVG`: the design's diagram (the failure coloured when one is given) as a standalone
 * SVG file, drawn by the language server with the CLI's renderer; no diagram panel needs to be open.
 * (The diagram panel's toolbar also exports PNG.)
 */
export async function exportDiagram(requests: ServerRequests, args?: ExportDiagramArgs): Promise<vscode.Uri | undefined> {
    const design = activeDesign(args?.uri);
    if (!design) return undefined;
    const target = args?.target ? vscode.Uri.file(args.target) : await vscode.window.showSaveDialog({
        title: 'Export the diagram as SVG',
        defaultUri: design.with({ path: design.path.replace(/\.resil$/, '') + '.svg' }),
        filters: { 'SVG image': ['svg'] },
    });
    if (!target) return undefined;
    try {
        const { svg } = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: 'Resil: drawing the diagram' },
            () => requests.diagramSvg({ uri: design.toString(), fail: args?.fail, scenario: args?.scenario }));
        await vscode.workspace.fs.writeFile(target, Buffer.from(svg, 'utf8'));
    } catch (error) {
        void vscode.window.showErrorMessage(`Resil: could not export the diagram: ${messageOf(error)}`);
        return undefined;
    }
    if (!args?.target) void vscode.window.showInformationMessage(`Resil: diagram saved as ${vscode.workspace.asRelativePath(target)}.`);
    return target;
}
