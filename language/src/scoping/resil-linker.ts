import { AstUtils, DefaultLinker, type LangiumDocument } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { walkAst } from '../util/ast-walk.js';

/**
 * Langium's linker, without an awaited promise per AST node: a 10,000-service design has 26,000 nodes and a few
 * thousand references, and the promises of the loop cost about as much as resolving the references. The nodes and
 * their references are linked in the same order; a language server build still yields and notices cancellation.
 */
export class ResilLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<void> {
        // Langium's own loop when its profiler watches (it times each reference).
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        await walkAst(document.parseResult.value, cancelToken, node => {
            AstUtils.streamReferences(node).forEach(reference => this.doLink(reference, document));
            return true;
        });
    }
}
