import type { IToken, TokenType } from 'chevrotain';
import {
    CompositeCstNodeImpl, CstNodeBuilder, CstUtils, GrammarAST, LeafCstNodeImpl, type CompositeCstNode, type CstNode, type LeafCstNode, type RootCstNode,
} from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { LineStarts } from './line-starts.js';

const arrayPush = Array.prototype.push;

/** Langium's list of a composite node's children (an Array that sets each child's `container`; not exported). */
type ChildList = CompositeCstNode['content'] & { parent?: CompositeCstNode };
const ChildListClass = Object.getPrototypeOf(new CompositeCstNodeImpl().content).constructor as new () => ChildList;

/**
 * A list of Langium's class made at its final size (a list grown by `push` reserves 17 slots at its first child):
 * an Array of `count` slots whose prototype is Langium's list's (its methods, `instanceof`).
 */
class SizedChildList extends Array<CstNode> {
    constructor(count: number) {
        super(count);
    }
}
Object.setPrototypeOf(SizedChildList.prototype, ChildListClass.prototype);

function childList(parent: CompositeCstNode, count: number): ChildList {
    const list = new SizedChildList(count) as unknown as ChildList;
    list.parent = parent;
    return list;
}

/** What an open node holds until it closes: its children wait in the builder (see `ResilCstNodeBuilder`). */
const STILL_OPEN: ChildList = Object.freeze(childList(undefined as unknown as CompositeCstNode, 0));

/**
 * A composite node as Langium's, made without the empty child list of Langium's constructor: its list is made, at
 * its size, when it closes. Its prototype is Langium's: the same getters, `instanceof CompositeCstNodeImpl`.
 */
class ClosingCompositeCstNode {
    declare content: ChildList;
    declare grammarSource: GrammarAST.AbstractElement | undefined;
    declare root: RootCstNode;
    declare container: CompositeCstNode | undefined;
    declare _astNode: unknown;

    constructor(feature: GrammarAST.AbstractElement | undefined, root: RootCstNode) {
        // Langium's parser puts the node an action assigns (`{X.left=current}`) into the action's node at once.
        this.content = feature?.$type === GrammarAST.Action.$type ? childList(this as unknown as CompositeCstNode, 0) : STILL_OPEN;
        this.grammarSource = feature;
        this.root = root;
        this.container = undefined;
        this._astNode = undefined;
    }
}
Object.setPrototypeOf(ClosingCompositeCstNode.prototype, CompositeCstNodeImpl.prototype);

/** The lines of each tree's text, found when its first leaf is built. */
const linesOfRoot = new WeakMap<RootCstNode, LineStarts>();

function linesOf(root: RootCstNode): LineStarts {
    let lines = linesOfRoot.get(root);
    if (!lines) linesOfRoot.set(root, lines = new LineStarts(root.fullText));
    return lines;
}

/**
 * A leaf that keeps no line or column: its range is found from its offset through its text's line starts when asked.
 * Langium 4.1 gives every leaf a range of three objects as it is parsed, which the garbage collector copies while
 * the parse goes on (170,000 leaves in a 10,000-service design) and that a CLI check asks for only where a finding
 * points. Made only for a token whose line and columns are those its offsets give (see `LineStarts.agrees`), so
 * that the range is the one Langium makes from the token. Its prototype is Langium's leaf's.
 */
class OffsetLeafCstNode {
    declare _hidden: boolean;
    declare _offset: number;
    declare _tokenType: TokenType;
    declare _length: number;
    declare grammarSource: GrammarAST.AbstractElement | undefined;
    declare root: RootCstNode;
    declare container: CompositeCstNode | undefined;

    constructor(token: IToken, feature: GrammarAST.AbstractElement | undefined, root: RootCstNode) {
        this._hidden = !feature;
        this._offset = token.startOffset;
        this._tokenType = token.tokenType;
        this._length = token.image.length;
        this.grammarSource = feature;
        this.root = root;
        this.container = undefined;
    }

    get range(): Range {
        return linesOf(this.root).range(this._offset, this._length);
    }
}
Object.setPrototypeOf(OffsetLeafCstNode.prototype, LeafCstNodeImpl.prototype);

/** Where Langium 4.1's builder keeps its tree (private there). */
interface BuilderInternals {
    rootNode: RootCstNode;
    nodeStack: CompositeCstNode[];
}

/** `starts` entry of a node whose children go straight into its list (a node of an earlier parse, see `continueUnder`). */
const ALREADY_BUILT = -1;

/**
 * Langium's CST builder, building the same tree with fewer and smaller objects:
 * - the children of an open node wait on one stack shared by all (`waiting`), and its child list is made when it
 *   closes, at its size: a list grown child by child reserves 17 slots at its first child, and a 10,000-service
 *   design has 90,000 composite nodes of three children on average;
 * - leaves keep their offset and length only (`OffsetLeafCstNode`).
 * Langium's parser reads an open node's children nowhere but in the builder, and adds to them only in an action that
 * assigns the current node (see `ClosingCompositeCstNode`): the tree it reads once a node closes is Langium's, node
 * for node (test/unit/cst-node-builder.test.ts).
 */
export class ResilCstNodeBuilder extends CstNodeBuilder {
    /** The children of the open nodes, each open node's after those of the nodes that hold it. */
    private readonly waiting: CstNode[] = [];
    /** For each node of `nodeStack`, where its children start in `waiting` (or `ALREADY_BUILT`). */
    private starts: number[] = [];
    private lines: LineStarts | undefined;
    private continuation: { readonly path: readonly CompositeCstNode[]; readonly call: GrammarAST.AbstractElement } | undefined;

    private get internals(): BuilderInternals {
        return this as unknown as BuilderInternals;
    }

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
        this.waiting.length = 0;
        if (!continuation) {
            const root = super.buildRootNode(input);
            this.starts = [0];
            this.lines = undefined;
            return root;
        }
        const internals = this.internals;
        internals.rootNode = continuation.path[0] as RootCstNode;
        internals.nodeStack = [...continuation.path];
        this.starts = continuation.path.map(() => ALREADY_BUILT);
        this.lines = undefined;
        this.buildCompositeNode(continuation.call);
        return internals.rootNode;
    }

    override buildCompositeNode(feature: GrammarAST.AbstractElement): CompositeCstNode {
        const internals = this.internals;
        const composite = new ClosingCompositeCstNode(feature, internals.rootNode) as unknown as CompositeCstNode;
        this.attach(composite);
        internals.nodeStack.push(composite);
        this.starts.push(this.waiting.length);
        return composite;
    }

    override buildLeafNode(token: IToken, feature?: GrammarAST.AbstractElement): LeafCstNode {
        const leaf = this.leaf(token, feature);
        this.attach(leaf);
        return leaf;
    }

    private leaf(token: IToken, feature: GrammarAST.AbstractElement | undefined): LeafCstNode {
        const root = this.internals.rootNode;
        const lines = this.lines ??= linesOf(root);
        if (lines.agrees(token)) return new OffsetLeafCstNode(token, feature, root) as unknown as LeafCstNode;
        const leaf = new LeafCstNodeImpl(token.startOffset, token.image.length, CstUtils.tokenToRange(token), token.tokenType, !feature);
        leaf.grammarSource = feature;
        leaf.root = root;
        return leaf;
    }

    /** Appends `child` to the children of the innermost open node. */
    private attach(child: CstNode): void {
        const level = this.internals.nodeStack.length - 1;
        if (level >= 0 && this.starts[level] !== ALREADY_BUILT) this.waiting.push(child);
        else appendChild(this.current, child);
    }

    override construct(item: { $type: string | symbol | undefined; $cstNode: CstNode; $infix?: boolean }): void {
        const current = this.current;
        if (typeof item.$type === 'string' && !item.$infix) current.astNode = item as never;
        item.$cstNode = current;
        const node = this.close();
        if (node?.content.length === 0) this.removeNode(node);
    }

    /** Closes the innermost open node: its children, waiting until now, become its list. */
    private close(): CompositeCstNode | undefined {
        const node = this.internals.nodeStack.pop();
        const start = this.starts.pop();
        if (node && start !== undefined && start !== ALREADY_BUILT) this.takeWaiting(node, start);
        return node;
    }

    private takeWaiting(node: CompositeCstNode, start: number): void {
        const waiting = this.waiting;
        const count = waiting.length - start;
        const had = node.content;
        if (had === STILL_OPEN || had.length === 0) {
            const list = childList(node, count);
            for (let i = 0; i < count; i++) {
                const child = waiting[start + i];
                list[i] = child;
                (child as { container: CompositeCstNode }).container = node;
            }
            (node as { content: ChildList }).content = list;
        } else {
            for (let i = 0; i < count; i++) appendChild(node, waiting[start + i]);
        }
        waiting.length = start;
    }

    /**
     * Closes the nodes a parse left open (it closes them all unless it was cut short): their trees are then complete,
     * and the builder holds nothing of them.
     */
    finish(): void {
        while (this.starts.length > 0) this.close();
        this.internals.nodeStack = [];
        this.waiting.length = 0;
    }

    override removeNode(node: CstNode): void {
        const waiting = this.waiting;
        const index = waiting.lastIndexOf(node);
        if (index < 0) {
            super.removeNode(node);
            return;
        }
        waiting.splice(index, 1);
        const starts = this.starts;
        for (let level = 0; level < starts.length; level++) {
            if (starts[level] > index) starts[level]--;
        }
    }

    /**
     * Langium's placement of comments: after the children of the innermost open node if it has some, else before
     * the first of the nodes holding it that is not its container's first child, else first in the tree.
     */
    override addHiddenNodes(tokens: IToken[]): void {
        const nodes = tokens.map(token => this.leaf(token, undefined));
        const stack = this.internals.nodeStack;
        let level = stack.length - 1;
        if (this.childCount(level) > 0) {
            for (const node of nodes) this.attach(node);
            return;
        }
        for (; level >= 1; level--) {
            const node = stack[level];
            const parent = level - 1;
            if (this.starts[parent] === ALREADY_BUILT) {
                const siblings = stack[parent].content;
                const index = siblings.indexOf(node);
                if (index > 0) {
                    siblings.splice(index, 0, ...nodes);
                    return;
                }
            } else {
                // An open node waits just before its own children.
                const at = this.starts[level] - 1;
                if (stack[parent].content.length + at - this.starts[parent] > 0) {
                    this.insertWaiting(at, nodes);
                    return;
                }
            }
        }
        if (stack.length > 0 && stack[0] === this.internals.rootNode && this.starts[0] !== ALREADY_BUILT && this.internals.rootNode.content.length === 0) {
            this.insertWaiting(this.starts[0], nodes);
        } else {
            this.internals.rootNode.content.unshift(...nodes);
        }
    }

    /** The children the innermost open node, at `level`, has so far (the tree's root when none is open). */
    private childCount(level: number): number {
        if (level < 0) return this.current.content.length;
        const node = this.internals.nodeStack[level];
        const start = this.starts[level];
        if (start === ALREADY_BUILT) return node.content.length;
        return node.content.length + this.waiting.length - start;
    }

    private insertWaiting(at: number, nodes: CstNode[]): void {
        this.waiting.splice(at, 0, ...nodes);
        const starts = this.starts;
        for (let level = 0; level < starts.length; level++) {
            if (starts[level] > at) starts[level] += nodes.length;
        }
    }
}

function appendChild(parent: CompositeCstNode, child: CstNode): void {
    arrayPush.call(parent.content, child);
    (child as { container: CompositeCstNode }).container = parent;
}
