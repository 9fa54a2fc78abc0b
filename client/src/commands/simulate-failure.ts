import * as vscode from 'vscode';
import type { FailureOption, FailureOptionKind, FailureSelection } from '../../../language/src/protocol/index.js';
import type { ServerRequests } from '../server-requests.js';
import { activeDesign } from './active-design.js';

export interface SimulateFailureArgs extends FailureSelection {
    readonly uri?: string;
}

const GROUPS: readonly { kind: FailureOptionKind; label: string }[] = [
    { kind: 'scenario', label: 'Scenarios' },
    { kind: 'region', label: 'Regions' },
    { kind: 'az', label: 'Availability zones' },
    { kind: 'cell', label: 'Cells (every replica)' },
    { kind: 'cell-replica', label: 'Cell replicas' },
    { kind: 'service', label: 'Services' },
];

interface TargetItem extends vscode.QuickPickItem {
    readonly target?: FailureOption;
}

/** Quick pick items grouped by kind, with a separator per group. */
function pickItems(targets: readonly FailureOption[]): TargetItem[] {
    return GROUPS.flatMap(group => {
        const members = targets.filter(t => t.kind === group.kind);
        if (members.length === 0) return [];
        return [
            { label: group.label, kind: vscode.QuickPickItemKind.Separator },
            ...members.map(target => ({ label: target.name, description: target.detail, target })),
        ];
    });
}

function simulationOf(target: FailureOption): FailureSelection {
    return target.kind === 'scenario' ? { scenario: target.name } : { fail: [target.name] };
}

/**
 * `Resil: Simulate Failure`: pick a region, AZ, cell, service or scenario (or pass one), then `show` what it
 * takes down (the extension shows it in the report and on the diagram).
 */
export async function simulateFailure(
    requests: ServerRequests, args: SimulateFailureArgs | undefined, show: (uri: vscode.Uri, simulation: FailureSelection) => Promise<void>,
): Promise<FailureSelection | undefined> {
    const uri = activeDesign(args?.uri);
    if (!uri) return undefined;
    let simulation: FailureSelection | undefined = args?.fail?.length || args?.scenario ? { fail: args.fail, scenario: args.scenario } : undefined;
    if (!simulation) {
        const { targets } = await requests.failureTargets(uri.toString());
        if (targets.length === 0) {
            void vscode.window.showInformationMessage('This design has nothing to fail yet: add a region or a service.');
            return undefined;
        }
        const picked = await vscode.window.showQuickPick(pickItems(targets), {
            title: 'Resil: simulate a failure', placeHolder: 'What fails?', matchOnDescription: true,
        });
        if (!picked?.target) return undefined;
        simulation = simulationOf(picked.target);
    }
    await show(uri, simulation);
    return simulation;
}
