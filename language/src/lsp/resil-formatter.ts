import { AstUtils, CstUtils, GrammarAST, GrammarUtils, type AstNode, type LangiumDocument, type LeafCstNode } from 'langium';
import { AbstractFormatter } from 'langium/lsp';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import type { ResilServices } from '../resil-module.js';
import { layoutTokens, type LayoutToken } from './format-layout.js';
import { MemberStarts } from './member-starts.js';

/**
 * Formats `.resil` documents in the canonical style (see `format-layout.ts`).
 *
 * The layout works on the token stream rather than through Langium's per-node formatting API: every decision is
 * about the whitespace between two neighbouring tokens (comments included), which keeps comments exactly where the
 * user put them and makes "formatting only ever changes whitespace" true by construction.
 * Langium's base class still decides when formatting is safe (no edits for a document with syntax errors, range
 * formatting only above the first error).
 */
export class ResilFormatter extends AbstractFormatter {

    private readonly memberStarts: MemberStarts;

    constructor(private readonly services: ResilServices) {
        super();
        this.memberStarts = new MemberStarts(services.Grammar);
    }

    /** Unused: the layout is computed for the whole token stream in `doDocumentFormat`. */
    protected override format(_node: AstNode): void {
        // Nothing to collect per node.
    }

    protected override doDocumentFormat(document: LangiumDocument, _options: FormattingOptions, range?: Range): TextEdit[] {
        const textDocument = document.textDocument;
        const text = textDocument.getText();
        const edits = layoutTokens(text, this.tokens(document, text))
            .map(edit => ({
                range: { start: textDocument.positionAt(edit.start), end: textDocument.positionAt(edit.end) },
                newText: edit.newText,
            }))
            .filter(edit => !range || (edit.range.end.line >= range.start.line && edit.range.end.line <= range.end.line));
        return this.avoidOverlappingEdits(textDocument, edits);
    }

    /** All tokens of the text, comments included, each marked when it begins a body member. */
    private tokens(document: LangiumDocument, text: string): LayoutToken[] {
        const lexed = this.services.parser.Lexer.tokenize(text);
        const root = document.parseResult.value.$cstNode;
        const tokens = [...lexed.tokens, ...(lexed.hidden ?? [])]
            .filter(token => token.image.trim().length > 0)
            .sort((a, b) => a.startOffset - b.startOffset);
        return tokens.map((token, index) => {
            const leaf = root && CstUtils.findLeafNodeAtOffset(root, token.startOffset);
            const isThisLeaf = leaf !== undefined && leaf.offset === token.startOffset && leaf.text === token.image;
            const previousEnd = index > 0 ? tokens[index - 1].startOffset + tokens[index - 1].image.length : 0;
            const startsLine = index === 0 || text.slice(previousEnd, token.startOffset).includes('\n');
            return {
                offset: token.startOffset,
                end: token.startOffset + token.image.length,
                image: token.image,
                comment: commentKind(token.image),
                // Every member of the language starts with a keyword; one that starts with a plain name is a typo
                // the parser recovered from (`lamda f { ... }` reads as two members), so it is left on its line.
                memberStart: isThisLeaf && !leaf.hidden && this.memberStarts.startsMember(leaf)
                    && (startsLine || GrammarAST.isKeyword(leaf.grammarSource)),
                opensOpaqueBlock: isThisLeaf && token.image === '{' && opensOpaqueBlock(leaf),
            };
        });
    }
}

function commentKind(image: string): LayoutToken['comment'] {
    if (image.startsWith('//')) return 'line';
    if (image.startsWith('/*')) return 'block';
    return undefined;
}

/** A `{` of a data type rule: the grammar keeps what follows as plain text (e.g. the block of a misspelt element). */
function opensOpaqueBlock(leaf: LeafCstNode): boolean {
    const rule = AstUtils.getContainerOfType(leaf.grammarSource, GrammarAST.isParserRule);
    return rule !== undefined && GrammarUtils.isDataTypeRule(rule);
}
