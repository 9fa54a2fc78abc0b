import { AstUtils, DefaultLinker, interruptAndCheck, OperationCancelled, type AstNode, type LangiumDocument } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { NODES_PER_INTERRUPT, pushChildrenReversed } from '../util/ast-walk.js';

/**
 * Langium's linker, without an awaited promise per AST node: a 10,000-service design has 26,000 nodes and a few
 * thousand references, and the promises of the loop cost about as much as resolving the references. The nodes and
 * their references are linked in the same order; a language server build still yields and notices cancellation.
 */
export class ResilLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<void> {
        // Langium's own loop when its profiler watches (it times each reference).
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        const interruptible = cancelToken !== CancellationToken.None;
        const stack: AstNode[] = [document.parseResult.value];
        let visited = 0;
        while (stack.length > 0) {
            const node = stack.pop()!;
            if (interruptible) {
                if (cancelToken.isCancellationRequested) throw OperationCancelled;
                if (++visited % NODES_PER_INTERRUPT === 0) await interruptAndCheck(cancelToken);
            }
            AstUtils.streamReferences(node).forEach(reference => this.doLink(reference, document));
            pushChildrenReversed(node, stack);
        }
    }
}
