import * as vscode from 'vscode';
import type { RuleId } from '../../language/src/validation/rules.js';
import { LANGUAGE_ID } from './language-client.js';
import { findingsOf } from './report/report-provider.js';

export const REQUIREMENT_RULE: RuleId = 'requirement-violated';

/** The status bar text for a design's findings, e.g. `$(error) 2 $(warning) 1 $(pass) requirements hold`. */
export function statusText(findings: ReturnType<typeof findingsOf>): { text: string; tooltip: string; ok: boolean } {
    const errors = findings.filter(f => f.severity === 'error').length;
    const warnings = findings.filter(f => f.severity === 'warning').length;
    const violated = findings.filter(f => f.rule === REQUIREMENT_RULE).length;
    const requirements = violated === 0 ? '$(pass) requirements hold' : `$(flame) ${violated} requirement${violated === 1 ? '' : 's'} violated`;
    return {
        text: `$(error) ${errors} $(warning) ${warnings} ${requirements}`,
        tooltip: `Resil: ${errors} errors, ${warnings} warnings; ${violated === 0 ? 'every requirement holds' : `${violated} requirement findings`}. Click for the resilience report.`,
        ok: errors === 0 && violated === 0,
    };
}

/** A status bar item for the active `.resil` editor: its error/warning count and its requirements; opens the report. */
export class ResilStatusBar implements vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('resil.status', vscode.StatusBarAlignment.Left, 100);
    private readonly subscriptions: vscode.Disposable[];

    constructor() {
        this.item.name = 'Resil';
        this.item.command = 'resil.showReport';
        this.subscriptions = [
            vscode.window.onDidChangeActiveTextEditor(() => this.update()),
            vscode.languages.onDidChangeDiagnostics(event => {
                const active = vscode.window.activeTextEditor?.document.uri.toString();
                if (event.uris.some(u => u.toString() === active)) this.update();
            }),
        ];
        this.update();
    }

    /** What the item currently shows, or undefined when hidden (for tests). */
    get text(): string | undefined {
        return this.visible ? this.item.text : undefined;
    }

    private visible = false;

    private update(): void {
        const document = vscode.window.activeTextEditor?.document;
        if (document?.languageId !== LANGUAGE_ID) {
            this.item.hide();
            this.visible = false;
            return;
        }
        const status = statusText(findingsOf(document.uri));
        this.item.text = status.text;
        this.item.tooltip = status.tooltip;
        this.item.backgroundColor = status.ok ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
        this.item.show();
        this.visible = true;
    }

    dispose(): void {
        this.item.dispose();
        for (const s of this.subscriptions) s.dispose();
    }
}
