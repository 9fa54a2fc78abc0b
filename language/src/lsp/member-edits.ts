import { GrammarUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { Position, TextEdit } from 'vscode-languageserver';

/**
 * Text edits that add, change or remove members of an element the way a person would write them: one member per
 * line, indented like the element's other members, so that a quick fix leaves the file formatted.
 */

const INDENT_UNIT = '  ';

function lineText(document: LangiumDocument, line: number): string {
    return document.textDocument.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
}

function indentOfLine(document: LangiumDocument, line: number): string {
    return /^[ \t]*/.exec(lineText(document, line))![0];
}

/** The indentation of the line an element starts on. */
export function elementIndent(document: LangiumDocument, node: AstNode): string {
    return indentOfLine(document, node.$cstNode!.range.start.line);
}

interface Braces {
    readonly open: CstNode;
    readonly close: CstNode;
}

function bracesOf(node: AstNode): Braces | undefined {
    const open = GrammarUtils.findNodeForKeyword(node.$cstNode, '{');
    const close = GrammarUtils.findNodeForKeyword(node.$cstNode, '}');
    return open && close ? { open, close } : undefined;
}

/** The indentation of the members of an element's body: that of its first member on a line of its own. */
function bodyIndent(document: LangiumDocument, node: AstNode, braces: Braces | undefined): string {
    const outer = elementIndent(document, node);
    if (braces) {
        for (let line = braces.open.range.end.line + 1; line < braces.close.range.start.line; line++) {
            const text = lineText(document, line);
            if (text.trim() !== '' && !text.trim().startsWith('//')) return indentOfLine(document, line);
        }
    }
    return outer + INDENT_UNIT;
}

const insert = (position: Position, newText: string): TextEdit => ({ range: { start: position, end: position }, newText });

/** Adds members (e.g. `concurrency 100`) at the end of an element's body, creating the body if it has none. */
export function insertMembers(document: LangiumDocument, node: AstNode, members: readonly string[]): TextEdit {
    const braces = bracesOf(node);
    const outer = elementIndent(document, node);
    if (!braces) {
        const inner = outer + INDENT_UNIT;
        return insert(node.$cstNode!.range.end, ` {\n${members.map(m => inner + m).join('\n')}\n${outer}}`);
    }
    const { open, close } = braces;
    if (open.range.start.line === close.range.start.line) {
        // An inline body (`{ min 3 max 9 }`) stays inline.
        const before = document.textDocument.getText({ start: open.range.end, end: close.range.start });
        return insert(close.range.start, `${before.trim() === '' ? ' ' : ''}${members.join(' ')} `);
    }
    const inner = bodyIndent(document, node, braces);
    const closeLine = close.range.start.line;
    const beforeClose = lineText(document, closeLine).slice(0, close.range.start.character);
    if (beforeClose.trim() === '') {
        return insert({ line: closeLine, character: 0 }, members.map(m => `${inner}${m}\n`).join(''));
    }
    return insert(close.range.start, `\n${members.map(m => inner + m).join('\n')}\n${outer}`);
}

/** Sets a single-valued property: replaces its value when present, else adds `keyword value` as a member. */
export function setProperty(document: LangiumDocument, node: AstNode, property: string, member: string, value: string): TextEdit {
    const existing = GrammarUtils.findNodeForProperty(node.$cstNode, property);
    if (existing) return { range: existing.range, newText: value };
    return insertMembers(document, node, [`${member} ${value}`]);
}

/** Declares a new element right after `node`, at the same indentation (e.g. a dead-letter queue next to its user). */
export function insertElementAfter(document: LangiumDocument, node: AstNode, element: string): TextEdit {
    return insert(node.$cstNode!.range.end, `\n${elementIndent(document, node)}${element}`);
}

/**
 * Removes the member that runs from the CST node `first` to `last` (e.g. `placement spread az, binpack memory`):
 * the whole line when nothing else is on it, else just the member and the blank before it.
 */
export function removeMember(document: LangiumDocument, first: CstNode, last: CstNode): TextEdit {
    const start = first.range.start;
    const end = last.range.end;
    const before = lineText(document, start.line).slice(0, start.character);
    const after = lineText(document, end.line).slice(end.character);
    if (before.trim() === '' && after.trim() === '') {
        return { range: { start: { line: start.line, character: 0 }, end: { line: end.line + 1, character: 0 } }, newText: '' };
    }
    const widened = before.endsWith(' ') ? { line: start.line, character: start.character - 1 } : start;
    return { range: { start: widened, end }, newText: '' };
}

/**
 * Merges edits that insert at the same position (their text is joined in the given order), because clients may
 * apply same-position inserts in either order.
 */
export function mergeInserts(edits: readonly TextEdit[]): TextEdit[] {
    const result: TextEdit[] = [];
    for (const edit of edits) {
        const same = result.find(e => isInsert(e) && isInsert(edit) && samePosition(e.range.start, edit.range.start));
        if (same) same.newText += edit.newText;
        else result.push({ ...edit });
    }
    return result;
}

const isInsert = (edit: TextEdit): boolean => samePosition(edit.range.start, edit.range.end);
const samePosition = (a: Position, b: Position): boolean => a.line === b.line && a.character === b.character;
