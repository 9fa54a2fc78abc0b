import { AstUtils, CstUtils, UriUtils, type AstNode } from 'langium';
import { commentText } from './identifiers.js';

/**
 * `model: checkout.resil:42`: where a generated construct comes from, so a reader can go from the code back to
 * the line of the design. `sourceName` is the design's file name as the user sees it.
 */
export function modelLine(node: AstNode, sourceName: string): string {
    const line = (node.$cstNode?.range.start.line ?? -1) + 1;
    return line > 0 ? `${commentText(sourceName, 80)}:${line}` : commentText(sourceName, 80);
}

/** The first sentence of the node's doc comment (`/** ... *\/` right before it), flattened for a line comment. */
export function docSummary(node: AstNode): string | undefined {
    const comment = CstUtils.findCommentNode(node.$cstNode, ['ML_COMMENT']);
    if (!comment || !comment.text.startsWith('/**')) return undefined;
    const body = comment.text.replace(/^\/\*\*/, '').replace(/\*\/$/, '').replace(/^\s*\*\s?/gm, ' ');
    const text = commentText(body, 140);
    return text.length > 0 ? text : undefined;
}

/** The file name of the document a node belongs to, for trace comments. */
export function sourceNameOf(node: AstNode): string {
    try {
        return UriUtils.basename(AstUtils.getDocument(node).uri) || 'model.resil';
    } catch {
        return 'model.resil';
    }
}
