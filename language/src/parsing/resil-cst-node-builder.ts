import type { IToken, TokenType } from 'chevrotain';
import { CompositeCstNodeImpl, CstNodeBuilder, LeafCstNodeImpl, type CompositeCstNode, type GrammarAST, type LeafCstNode, type RootCstNode } from 'langium';
import type { Range } from 'vscode-languageserver-types';

const arrayPush = Array.prototype.push;

/**
 * A leaf that keeps its token's line and columns and makes its range when asked. Langium 4.1 gives every leaf a
 * range of three objects as it is parsed: 120,000 tokens in a 10,000-service design, 360,000 objects that the
 * garbage collector copies while the parse goes on, and that a CLI check asks for only where a finding points.
 */
class LazyRangeLeafCstNode extends LeafCstNodeImpl {
    private readonly startLine: number;
    private readonly startColumn: number;
    private readonly endLine: number;
    private readonly endColumn: number;
    private madeRange: Range | undefined;

    constructor(token: IToken, tokenType: TokenType, hidden: boolean) {
        super(token.startOffset, token.image.length, undefined as unknown as Range, tokenType, hidden);
        // Chevrotain's lines and columns are 1-based, the editor's 0-based; its end column is the last character's.
        this.startLine = token.startLine! - 1;
        this.startColumn = token.startColumn! - 1;
        this.endLine = token.endLine! - 1;
        this.endColumn = token.endColumn!;
    }

    override get range(): Range {
        return this.madeRange ??= {
            start: { character: this.startColumn, line: this.startLine },
            end: { character: this.endColumn, line: this.endLine },
        };
    }
}

/** Where Langium 4.1's builder keeps the nodes open (private there). */
interface BuilderInternals {
    nodeStack?: CompositeCstNode[];
}

/**
 * Langium's CST builder, with lighter leaves (above), and leaves and composite nodes appended without the variadic
 * `push` of Langium's child list, which allocates an argument array for every node. The tree is the same: same
 * nodes, ranges, containers.
 */
export class ResilCstNodeBuilder extends CstNodeBuilder {
    override buildCompositeNode(feature: GrammarAST.AbstractElement): CompositeCstNode {
        const stack = (this as unknown as BuilderInternals).nodeStack;
        if (!Array.isArray(stack)) return super.buildCompositeNode(feature);
        const parent = this.current;
        const composite = new CompositeCstNodeImpl();
        composite.grammarSource = feature;
        composite.root = parent.root;
        appendChild(parent, composite);
        stack.push(composite);
        return composite;
    }

    private continuation: { readonly path: readonly CompositeCstNode[]; readonly call: GrammarAST.AbstractElement } | undefined;

    /**
     * The next parse (of one rule: a slice of a larger parse, see sliced-parse.ts) builds its tree inside the last
     * node of `path`, a branch of an earlier parse's tree from its root, as if called there by `call`.
     */
    continueUnder(path: readonly CompositeCstNode[], call: GrammarAST.AbstractElement): void {
        this.continuation = { path, call };
    }

    override buildRootNode(input: string): RootCstNode {
        const continuation = this.continuation;
        this.continuation = undefined;
        if (!continuation) return super.buildRootNode(input);
        const internals = this as unknown as { rootNode: RootCstNode; nodeStack: CompositeCstNode[] };
        internals.rootNode = continuation.path[0] as RootCstNode;
        internals.nodeStack = [...continuation.path];
        this.buildCompositeNode(continuation.call);
        return internals.rootNode;
    }

    override buildLeafNode(token: IToken, feature?: GrammarAST.AbstractElement): LeafCstNode {
        const parent = this.current;
        const leaf = new LazyRangeLeafCstNode(token, token.tokenType, !feature);
        leaf.grammarSource = feature;
        leaf.root = parent.root;
        appendChild(parent, leaf);
        return leaf;
    }
}

function appendChild(parent: CompositeCstNode, child: LeafCstNodeImpl | CompositeCstNodeImpl): void {
    arrayPush.call(parent.content, child);
    child.container = parent;
}
