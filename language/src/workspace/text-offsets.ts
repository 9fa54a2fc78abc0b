import type { CompositeCstNode, CstNode, LeafCstNode } from 'langium';
import type { Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'langium';
import { lineFeedStarts } from '../parsing/line-starts.js';

/**
 * The offsets of positions in one document. The text document indexes its lines by testing every character, the
 * first time a position is asked for (a 1 MB design: about 15 ms of a cold CLI check, for the findings only);
 * here the lines of a text without carriage returns are found with `indexOf`. The offsets are the same: past the
 * last line the text's length, a character past the line's end the line's end.
 */
export class TextOffsets {
    private lineStarts: Int32Array | undefined;

    constructor(private readonly document: TextDocument) { }

    offsetAt(position: Position): number {
        const text = this.document.getText();
        if (!this.lineStarts) {
            if (text.includes('\r')) return this.document.offsetAt(position);
            this.lineStarts = lineFeedStarts(text);
        }
        const starts = this.lineStarts;
        if (position.line >= starts.length) return text.length;
        if (position.line < 0) return 0;
        const start = starts[position.line];
        if (position.character <= 0) return start;
        const next = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
        const offset = Math.min(start + position.character, next);
        // Never between a line's end and its newline (the text document's `ensureBeforeEOL`).
        return offset > start && text.charCodeAt(offset - 1) === NEWLINE ? offset - 1 : offset;
    }
}

const NEWLINE = 10;

/**
 * The leaf at `offset` as Langium's `CstUtils.findLeafNodeAtOffset` finds it (a binary search in each composite
 * node, a composite spanning from its first to its last visible node), with index loops where Langium's getters
 * iterate each composite's children: a finding's element is looked up this way for each of a design's findings.
 */
export function leafAtOffset(node: CstNode, offset: number): LeafCstNode | undefined {
    let current: CstNode = node;
    while (isComposite(current)) {
        const found = childAtOffset(current, offset);
        if (!found) return undefined;
        current = found;
    }
    return current as LeafCstNode;
}

function isComposite(node: CstNode): node is CompositeCstNode {
    return Array.isArray((node as Partial<CompositeCstNode>).content);
}

function childAtOffset(node: CompositeCstNode, offset: number): CstNode | undefined {
    const content = node.content;
    let left = 0;
    let right = content.length - 1;
    while (left <= right) {
        const middle = Math.floor((left + right) / 2);
        const child = content[middle];
        const end = endOf(child);
        if (startOf(child) <= offset && end > offset) return child;
        if (end <= offset) left = middle + 1;
        else right = middle - 1;
    }
    return undefined;
}

function startOf(node: CstNode): number {
    let current = node;
    while (isComposite(current)) {
        const content = current.content;
        if (content.length === 0) return 0;
        let first = content[0];
        for (let i = 0; i < content.length; i++) {
            if (!content[i].hidden) {
                first = content[i];
                break;
            }
        }
        current = first;
    }
    return current.offset;
}

function endOf(node: CstNode): number {
    let current = node;
    while (isComposite(current)) {
        const content = current.content;
        if (content.length === 0) return 0;
        let last = content[content.length - 1];
        for (let i = content.length - 1; i >= 0; i--) {
            if (!content[i].hidden) {
                last = content[i];
                break;
            }
        }
        current = last;
    }
    return current.end;
}
