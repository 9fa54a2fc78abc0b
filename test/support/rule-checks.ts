import * as assert from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { ResilDocument } from '../../language/src/workspace/documents.js';
import { build, testServices } from './services.js';

const SEVERITY: Record<'error' | 'warning' | 'info', DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information,
};

function textAt(document: ResilDocument, diagnostic: Diagnostic): string {
    return document.textDocument.getText(diagnostic.range);
}

/**
 * Asserts that `rule` reports exactly the expected findings on `text`: their severity, and the text each range
 * covers (e.g. `concurrency 0` -> `0`, a `uses` line -> `uses cache`). Returns the findings' messages.
 */
export async function expectFindings(text: string, rule: string, severity: 'error' | 'warning' | 'info', ranges: readonly string[]): Promise<string[]> {
    const document = await build(text);
    const found = (document.diagnostics ?? []).filter(d => d.code === rule);
    assert.deepStrictEqual(found.map(d => textAt(document, d)), ranges, `ranges of ${rule}: ${JSON.stringify(found.map(d => d.message))}`);
    for (const d of found) {
        assert.strictEqual(d.severity, SEVERITY[severity], `severity of ${rule}`);
        assert.ok(d.codeDescription?.href.endsWith(`#${rule}`), 'links to the rule documentation');
    }
    return found.map(d => d.message);
}

export async function expectQuiet(text: string, rule: string): Promise<void> {
    const document = await build(text);
    const found = (document.diagnostics ?? []).filter(d => d.code === rule);
    assert.deepStrictEqual(found.map(d => d.message), [], `${rule} should stay quiet`);
}

/** The quick fixes the language server offers for the first finding of `rule` on `text`. */
export async function quickFixes(text: string, rule: string): Promise<{ document: ResilDocument; actions: CodeAction[] }> {
    const document = await build(text);
    const diagnostic = (document.diagnostics ?? []).find(d => d.code === rule);
    assert.ok(diagnostic, `${rule} should fire before its fix is applied`);
    const provider = testServices().lsp.CodeActionProvider;
    assert.ok(provider, 'a code action provider is registered');
    const result = await provider.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic] },
    });
    return { document, actions: (result ?? []).filter((a): a is CodeAction => 'kind' in a || 'edit' in a) };
}

export function applyAction(document: ResilDocument, action: CodeAction): string {
    const edits = action.edit?.changes?.[document.uri.toString()] ?? [];
    const text = TextDocument.create('file:///x.resil', 'resil', 0, document.textDocument.getText());
    return TextDocument.applyEdits(text, edits);
}

/** Formats `text` with the language's formatter: a fixed file that was formatted must stay formatted. */
export async function formatted(text: string): Promise<string> {
    const document = await build(text);
    const formatter = testServices().lsp.Formatter;
    if (!formatter) return text;
    const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 2, insertSpaces: true } });
    return TextDocument.applyEdits(TextDocument.create('file:///x.resil', 'resil', 0, text), edits);
}

/**
 * Applies the chosen quick fix for `rule` through the code action provider and checks that the finding is gone
 * and that a formatted file stays formatted. Returns the fixed text.
 */
export async function expectFixed(text: string, rule: string, pick: (actions: CodeAction[]) => CodeAction | undefined = a => a.find(x => x.isPreferred)): Promise<string> {
    const { document, actions } = await quickFixes(text, rule);
    const action = pick(actions);
    assert.ok(action, `a quick fix for ${rule}: ${JSON.stringify(actions.map(a => a.title))}`);
    assert.strictEqual(action.kind, 'quickfix');
    const fixed = applyAction(document, action);
    const after = await build(fixed);
    assert.deepStrictEqual((after.diagnostics ?? []).filter(d => d.code === rule).map(d => d.message), [], `after the fix:\n${fixed}`);
    assert.deepStrictEqual((after.diagnostics ?? []).filter(d => d.code === 'syntax' || d.code === 'unresolved-reference').map(d => d.message), [], `the fix keeps the file valid:\n${fixed}`);
    if (await formatted(text) === text) assert.strictEqual(await formatted(fixed), fixed, 'the fix leaves the file formatted');
    return fixed;
}
