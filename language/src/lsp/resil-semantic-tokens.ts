import { AstUtils, CstUtils, isCompositeCstNode, isLeafCstNode, isReference, type AstNode, type CstNode, type LeafCstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { isAllow, isGlobal, isSystem, type Element, type ResilAstType } from '../generated/ast.js';
import { ruleById } from '../validation/rules.js';
import { pushAll } from '../util/arrays.js';

/**
 * The semantic token type of each named element, so that a name looks the same where it is declared and
 * wherever it is referenced: structure is namespace- or type-like, compute is callable, data is variable,
 * messaging is event-like.
 */
const KIND_TOKEN_TYPES: Partial<Record<keyof ResilAstType, string>> = {
    System: SemanticTokenTypes.namespace,
    Region: SemanticTokenTypes.namespace,
    Az: SemanticTokenTypes.enumMember,
    Cell: SemanticTokenTypes.struct,
    Router: SemanticTokenTypes.type,
    Lambda: SemanticTokenTypes.function,
    Ecs: SemanticTokenTypes.class,
    Eks: SemanticTokenTypes.class,
    NodeGroup: SemanticTokenTypes.property,
    FargateProfile: SemanticTokenTypes.property,
    KinesisConsumer: SemanticTokenTypes.method,
    DynamoDb: SemanticTokenTypes.variable,
    ElastiCache: SemanticTokenTypes.variable,
    Kinesis: SemanticTokenTypes.event,
    Sqs: SemanticTokenTypes.event,
    Sns: SemanticTokenTypes.event,
    Alb: SemanticTokenTypes.interface,
    Route53: SemanticTokenTypes.interface,
    Aurora: SemanticTokenTypes.variable,
    Rds: SemanticTokenTypes.variable,
    S3: SemanticTokenTypes.variable,
    AutoScalingGroup: SemanticTokenTypes.class,
    NatGateway: SemanticTokenTypes.interface,
    VpcEndpoint: SemanticTokenTypes.interface,
    EventBridge: SemanticTokenTypes.event,
    StepFunctions: SemanticTokenTypes.class,
    ApiGateway: SemanticTokenTypes.interface,
    CloudFront: SemanticTokenTypes.interface,
    Cognito: SemanticTokenTypes.variable,
    External: SemanticTokenTypes.namespace,
    Scenario: SemanticTokenTypes.macro,
} satisfies Readonly<Record<Element['$type'], string>> & Partial<Record<keyof ResilAstType, string>>;

/** Terminals that are numbers: plain, with a unit (`35d`) or a percentage (`99.95%`). */
const NUMBER_TERMINALS = new Set(['NUMBER', 'DURATION', 'PERCENT']);

/** The semantic token type of an element of this AST type, if it is a named element. */
export function tokenTypeOfKind(type: string): string | undefined {
    return KIND_TOKEN_TYPES[type as keyof ResilAstType];
}

/**
 * Semantic highlighting: declarations (with the `declaration` modifier) and references by the kind of element they
 * name, each segment of a qualified name by the element it denotes (`use1` a region, `payments` a cell), rule ids
 * after `allow`, and numbers with their units. Keywords, strings and comments are left to the TextMate grammar.
 */
export class ResilSemanticTokenProvider extends AbstractSemanticTokenProvider {

    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const declared = tokenTypeOfKind(node.$type);
        if (declared && 'name' in node) {
            acceptor({ node, property: 'name', type: declared, modifier: SemanticTokenModifiers.declaration });
        }
        if (isAllow(node) && ruleById(node.rule)) {
            acceptor({ node, property: 'rule', type: SemanticTokenTypes.decorator });
        }
        for (const { reference } of AstUtils.streamReferences(node)) {
            const target = isReference(reference) ? reference.ref : undefined;
            if (target && reference.$refNode) this.highlightReference(reference.$refNode, target, acceptor);
        }
        for (const leaf of ownLeaves(node)) {
            if (NUMBER_TERMINALS.has(leaf.tokenType.name)) {
                acceptor({ cst: leaf, type: SemanticTokenTypes.number });
            }
        }
    }

    /**
     * `use1.payments.ledger`: the last name is the target, each earlier one is the target's enclosing element
     * (the same path the scope computation exported it under).
     */
    private highlightReference(refNode: CstNode, target: AstNode, acceptor: SemanticTokenAcceptor): void {
        const names = CstUtils.flattenCst(refNode).filter(leaf => !leaf.hidden && leaf.text !== '.').toArray().reverse();
        let element: AstNode | undefined = target;
        for (const name of names) {
            const type = element && tokenTypeOfKind(element.$type);
            if (!element || !type || isSystem(element)) return;
            acceptor({ cst: name, type });
            element = element.$container;
            while (element && isGlobal(element)) element = element.$container;
        }
    }
}

/** The tokens of `node` that belong to no child AST node (names, keywords and values of the node itself). */
function* ownLeaves(node: AstNode): Generator<LeafCstNode> {
    const root = node.$cstNode;
    if (!root) return;
    const stack: CstNode[] = [root];
    while (stack.length > 0) {
        const current = stack.pop()!;
        if (current !== root && current.astNode !== node) continue;
        if (isLeafCstNode(current)) yield current;
        else if (isCompositeCstNode(current)) pushAll(stack, [...current.content].reverse());
    }
}
