import { AstUtils, GrammarAST, isAstNode, type AstNode, type CompositeCstNode, type Grammar, type LexerResult, type ParseResult } from 'langium';
import type { IToken } from 'chevrotain';
import { joinParsesWithoutRepeatedAssignments } from './repeated-assignments.js';
import type { ResilCstNodeBuilder } from './resil-cst-node-builder.js';
import type { ResilLexer } from './resil-lexer.js';
import type { ResilParser } from './resil-parser.js';

/**
 * A large design parsed in slices, so that the language server answers requests on other documents in between
 * (issue 20: a 10,000-service open never holds up another file's hover for more than 200 ms).
 *
 * Chevrotain's parser runs a whole text in one call. The text is lexed in chunks of lines, then the big blocks of
 * the file (each `region` and `global` of a system, each `region` and `in region` of a part) are parsed one by one,
 * each as its rule, into the tree of the rest of the file (parsed first, without them); a large block is parsed a
 * group of its members at a time (see `memberGroups`): the result is the tree the whole parse gives, node for node
 * (test/unit/async-parsing.test.ts), built between turns of the event loop.
 *
 * Only a text without any error is sliced to the end: a lexing or syntax error anywhere, and the text is parsed
 * again in one go, so that what the parser recovers, and how, never depends on the slicing.
 */

/** About this many characters are lexed at once: about ten milliseconds. */
const LEX_CHUNK = 32 * 1024;

/** Slices are parsed one after the other for about this long between two pauses. */
const SLICE_MS = 10;

/** A block's members are parsed in groups of about this many tokens: a few milliseconds. */
const GROUP_TOKENS = 1024;

/** A block parsed on its own: where it hangs in the tree, as the whole parse would call its rule. */
interface BlockKind {
    readonly rule: string;
    readonly property: string;
    readonly call: GrammarAST.RuleCall;
    /** The keywords that open a member of the block (`lambda`, `cell`, `az` ... in a region). */
    readonly memberStarts: ReadonlySet<string>;
}

/** The blocks of a file, by the keyword that opens them, for a system file and for a part. */
interface FileKind {
    readonly first: string;
    /** The braces the blocks stand inside: 1 in `system x { ... }`, 0 after `part of system x`. */
    readonly depth: number;
    readonly blocks: ReadonlyMap<string, BlockKind>;
}

export interface SlicedParserParts {
    readonly parser: ResilParser;
    readonly lexer: ResilLexer;
    readonly builder: ResilCstNodeBuilder;
    readonly grammar: Grammar;
    /** About this many characters are lexed at once (32 KB by default). */
    readonly lexChunk?: number;
    /** A block's members are parsed in groups of about this many tokens (1,024 by default). */
    readonly groupTokens?: number;
}

export class SlicedParser {
    private readonly files: readonly FileKind[];

    constructor(private readonly parts: SlicedParserParts) {
        this.files = [
            { first: 'system', depth: 1, blocks: blockKinds(parts.grammar, 'System', { region: 'regions', global: 'globals' }) },
            { first: 'part', depth: 0, blocks: blockKinds(parts.grammar, 'SystemPart', { region: 'regions', in: 'extensions' }) },
        ];
    }

    /**
     * Parses `text`, awaiting `pause` between slices (`pause` rejects to stop); undefined when it cannot be sliced
     * without changing the result (an error, an unusual shape): the caller then parses it in one go.
     */
    async parse<T extends AstNode>(text: string, pause: () => Promise<void>): Promise<ParseResult<T> | undefined> {
        const lexed = await this.lex(text, pause);
        if (!lexed) return undefined;
        const file = this.files.find(f => lexed.tokens[0]?.tokenType.name === f.first);
        const found = file && findBlocks(lexed.tokens, lexed.hidden, file);
        if (!file || !found || found.blocks.length === 0) return undefined;
        const { parser, lexer } = this.parts;
        await pause();
        lexer.provide(text, { tokens: found.outside.tokens, hidden: found.outside.hidden, errors: [], report: lexed.report });
        const skeleton = parser.parseElement<T>(text);
        if (hasErrors(skeleton)) return undefined;
        const container = (skeleton.value as unknown as Record<string, AstNode | undefined>)[file.first === 'system' ? 'system' : 'part'];
        const containerCst = container?.$cstNode as CompositeCstNode | undefined;
        if (!container || !containerCst) return undefined;
        const path = [skeleton.value.$cstNode as CompositeCstNode, containerCst];
        const slices: AstNode[] = [];
        let sliceStart = performance.now();
        const pauseWhenDue = async () => {
            if (performance.now() - sliceStart < SLICE_MS) return;
            await pause();
            sliceStart = performance.now();
        };
        for (const block of found.blocks) {
            const [first, ...rest] = memberGroups(block, this.parts.groupTokens ?? GROUP_TOKENS);
            await pauseWhenDue();
            const value = this.parseSlice(text, path, block.kind, first, slices);
            if (!value) return undefined;
            addElement(container, block.kind, value);
            if (rest.length === 0) continue;
            for (const group of rest) {
                await pauseWhenDue();
                // The block's header and closing brace around the group: the members of a copy of the block.
                const copy = this.parseSlice(text, path, block.kind, group, slices);
                if (!copy) return undefined;
                takeMembers(value, copy, group.members);
            }
            putInTextOrder(value);
        }
        putInTextOrder(container);
        joinParsesWithoutRepeatedAssignments(skeleton.value, slices);
        return skeleton;
    }

    /** `tokens` parsed by the rule of `kind` into the tree at the end of `path`; undefined on an error. */
    private parseSlice(text: string, path: readonly CompositeCstNode[], kind: BlockKind, tokens: Tokens, slices: AstNode[]): AstNode | undefined {
        const { parser, lexer, builder } = this.parts;
        builder.continueUnder(path, kind.call);
        lexer.provide(text, { tokens: tokens.tokens, hidden: tokens.hidden, errors: [], report: undefined });
        const parsed = parser.parseElement<AstNode>(text, kind.rule);
        if (hasErrors(parsed)) return undefined;
        slices.push(parsed.value);
        return parsed.value;
    }

    /** The tokens of `text` (lexed a chunk at a time), split into those of the blocks and the rest; undefined on an error. */
    private async lex(text: string, pause: () => Promise<void>): Promise<LexedText | undefined> {
        const tokens: IToken[] = [];
        const hidden: IToken[] = [];
        const diagnostics: NonNullable<LexerResult['report']>['diagnostics'] = [];
        for (const chunk of lineChunks(text, this.parts.lexChunk ?? LEX_CHUNK)) {
            if (chunk.start > 0) await pause();
            const result = this.parts.lexer.tokenize(text.slice(chunk.start, chunk.end));
            if (result.errors.length > 0 || (result.report?.diagnostics.length ?? 0) > 0) return undefined;
            shift(result.tokens, chunk);
            shift(result.hidden, chunk);
            for (const token of result.tokens) tokens.push(token);
            for (const token of result.hidden) hidden.push(token);
        }
        return { tokens, hidden, report: { diagnostics } };
    }
}

function addElement(container: AstNode, kind: BlockKind, element: AstNode): void {
    ((container as unknown as Record<string, AstNode[]>)[kind.property] ??= []).push(element);
}

/** A group of a block's members, as tokens of the block: its header, the members, its closing brace. */
interface MemberGroup extends Tokens {
    /** Where the members stand in the text: from the first's first character to after the last's last. */
    readonly members: { readonly start: number; readonly end: number };
}

/**
 * A block cut into groups of about `size` tokens of members, each between the block's header and closing brace (a
 * block of fewer tokens is one group). A group starts with a keyword that opens a member, at the top level
 * of the block and first on its line: nothing else starts a line there in a design as written or formatted (a
 * member's header continued on a line of its own, if it were one, would leave a group that fails to parse, and the
 * text is then parsed in one go). The comments before a member go with its group, those before the closing brace
 * with the last group.
 */
function memberGroups(block: Block, size: number): MemberGroup[] {
    const { tokens, hidden } = block;
    const whole: MemberGroup = { tokens, hidden, members: { start: 0, end: Infinity } };
    const open = tokens.findIndex(token => token.tokenType.name === '{');
    const close = tokens.length - 1;
    if (open < 0 || close - open < 2 * size) return [whole];
    const starts = [open + 1];
    let depth = 1;
    for (let i = open + 1; i < close; i++) {
        const token = tokens[i];
        const name = token.tokenType.name;
        if (depth === 1 && i - starts[starts.length - 1] >= size && block.kind.memberStarts.has(name) && token.startLine! > tokens[i - 1].endLine!) {
            starts.push(i);
        }
        if (name === '{') depth++;
        else if (name === '}') depth--;
    }
    if (starts.length === 1) return [whole];
    const header = tokens.slice(0, open + 1);
    const from = (i: number) => (i === 0 ? -Infinity : tokens[starts[i] - 1].endOffset! + 1);
    return starts.map((start, i) => {
        const end = i + 1 < starts.length ? starts[i + 1] : close;
        const after = i + 1 < starts.length ? from(i + 1) : Infinity;
        return {
            tokens: i === 0 ? tokens.slice(0, end).concat(tokens[close]) : header.concat(tokens.slice(start, end), tokens[close]),
            hidden: hidden.filter(comment => comment.startOffset >= from(i) && comment.startOffset < after),
            members: { start: tokens[start].startOffset, end: tokens[end - 1].endOffset! + 1 },
        };
    });
}

/**
 * Moves the members of `copy`, a copy of `block` parsed with other members, into `block`, syntax tree and all: the
 * copy's header and closing brace are dropped, with the copy.
 */
function takeMembers(block: AstNode, copy: AstNode, members: MemberGroup['members']): void {
    const target = block as unknown as Record<string, unknown>;
    for (const [property, value] of Object.entries(copy)) {
        if (property.startsWith('$') || !Array.isArray(value) || value.length === 0 || !isAstNode(value[0])) continue;
        const list = (target[property] ??= []) as AstNode[];
        for (const element of value) list.push(element as AstNode);
    }
    const blockCst = block.$cstNode as CompositeCstNode;
    const copyCst = copy.$cstNode as CompositeCstNode;
    const holder = copyCst.container!;
    holder.content.splice(holder.content.lastIndexOf(copyCst), 1);
    for (const node of copyCst.content) {
        // The copy holds no comment but the group's (among its members, or before the closing brace).
        if (!node.hidden && (node.offset < members.start || node.end > members.end)) continue;
        (node as { container?: CompositeCstNode }).container = blockCst;
        blockCst.content.push(node);
    }
}

/** The trees of blocks parsed on their own were appended after the rest of `container`'s: put back in text order. */
function putInTextOrder(container: AstNode): void {
    const cst = container.$cstNode as CompositeCstNode;
    const ordered = [...cst.content].sort((a, b) => a.offset - b.offset);
    cst.content.length = 0;
    // One at a time: a region of the size limit holds some 90,000 members, too many arguments for one call.
    for (const node of ordered) cst.content.push(node);
    orderLikeOneParse(container);
    AstUtils.linkContentToContainer(container);
}

interface LexedText {
    readonly tokens: IToken[];
    readonly hidden: IToken[];
    readonly report: NonNullable<LexerResult['report']>;
}

/** Tokens and comments, as the parser reads them. */
interface Tokens {
    readonly tokens: IToken[];
    readonly hidden: IToken[];
}

interface Block extends Tokens {
    readonly kind: BlockKind;
}

/**
 * The blocks of a file, each with its tokens and the comments from the end of what precedes it to its closing
 * brace (where the whole parse puts them: before the block's first token), and the other tokens and comments.
 * Undefined when a block does not close.
 */
function findBlocks(tokens: IToken[], hidden: IToken[], file: FileKind): { blocks: Block[]; outside: Tokens } | undefined {
    const blocks: Array<{ kind: BlockKind; first: number; last: number }> = [];
    let depth = 0;
    let open: { kind: BlockKind; first: number } | undefined;
    for (let i = 0; i < tokens.length; i++) {
        const name = tokens[i].tokenType.name;
        if (!open && depth === file.depth) {
            const kind = file.blocks.get(name);
            if (kind) open = { kind, first: i };
        }
        if (name === '{') depth++;
        else if (name === '}') {
            depth--;
            if (open && depth === file.depth) {
                blocks.push({ ...open, last: i });
                open = undefined;
            }
        }
    }
    if (open) return undefined;
    const outside: Tokens = { tokens: [], hidden: [] };
    const result: Block[] = [];
    let next = 0;
    let comment = 0;
    for (const block of blocks) {
        for (; next < block.first; next++) outside.tokens.push(tokens[next]);
        const from = block.first > 0 ? tokens[block.first - 1].endOffset! + 1 : 0;
        const to = tokens[block.last].endOffset!;
        for (; comment < hidden.length && hidden[comment].startOffset < from; comment++) outside.hidden.push(hidden[comment]);
        const blockHidden: IToken[] = [];
        for (; comment < hidden.length && hidden[comment].startOffset <= to; comment++) blockHidden.push(hidden[comment]);
        result.push({ kind: block.kind, tokens: tokens.slice(block.first, block.last + 1), hidden: blockHidden });
        next = block.last + 1;
    }
    for (; next < tokens.length; next++) outside.tokens.push(tokens[next]);
    for (; comment < hidden.length; comment++) outside.hidden.push(hidden[comment]);
    return { blocks: result, outside };
}

/** For each keyword opening a block of `ruleName`: the rule it calls, the property it fills, what opens its members. */
function blockKinds(grammar: Grammar, ruleName: string, properties: Readonly<Record<string, string>>): ReadonlyMap<string, BlockKind> {
    const rule = grammar.rules.find(r => r.name === ruleName);
    const kinds = new Map<string, BlockKind>();
    if (!rule || !GrammarAST.isParserRule(rule)) return kinds;
    const assignments = [...streamAssignments(rule)];
    for (const [keyword, property] of Object.entries(properties)) {
        const assignment = assignments.find(a => a.feature === property && GrammarAST.isRuleCall(a.terminal));
        const call = assignment?.terminal;
        const called = call && GrammarAST.isRuleCall(call) ? call.rule.ref : undefined;
        if (call && GrammarAST.isRuleCall(call) && called && GrammarAST.isParserRule(called)) {
            const memberStarts = new Set([...streamAssignments(called)].flatMap(member => firstKeywords(member.terminal, new Set())));
            kinds.set(keyword, { rule: called.name, property, call, memberStarts });
        }
    }
    return kinds;
}

/** The keywords `element` can start with (none for what starts with a name, a value or an optional part). */
function firstKeywords(element: GrammarAST.AbstractElement, seen: Set<GrammarAST.AbstractRule>): string[] {
    if (element.cardinality === '?' || element.cardinality === '*') return [];
    if (GrammarAST.isKeyword(element)) return [element.value];
    if (GrammarAST.isAlternatives(element)) return element.elements.flatMap(alternative => firstKeywords(alternative, seen));
    if (GrammarAST.isGroup(element)) return element.elements.length > 0 ? firstKeywords(element.elements[0], seen) : [];
    if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (!rule || !GrammarAST.isParserRule(rule) || seen.has(rule)) return [];
        seen.add(rule);
        return firstKeywords(rule.definition, seen);
    }
    return [];
}

function* streamAssignments(rule: GrammarAST.ParserRule): Generator<GrammarAST.Assignment> {
    const stack: GrammarAST.AbstractElement[] = [rule.definition];
    while (stack.length > 0) {
        const element = stack.pop()!;
        if (GrammarAST.isAssignment(element)) yield element;
        else if (GrammarAST.isGroup(element) || GrammarAST.isAlternatives(element) || GrammarAST.isUnorderedGroup(element)) stack.push(...element.elements);
    }
}

/**
 * Langium's parser creates a node's properties as it assigns them, in the order of the text, and then the empty
 * lists of those never assigned: the walks of the tree (linking, validation, the order of diagnostics) follow that
 * order. The blocks' lists were added last: the container's properties are put back in the order one parse gives:
 * what its header assigns, then its elements by their first place in the text, then the empty lists.
 */
function orderLikeOneParse(container: AstNode): void {
    const record = container as unknown as Record<string, unknown>;
    const keys = Object.keys(record);
    const firstOffset = (value: unknown) => (Array.isArray(value) ? value[0] as AstNode : value as AstNode).$cstNode?.offset ?? 0;
    const isElements = (value: unknown) => (Array.isArray(value) ? value.length > 0 && isAstNode(value[0]) : isAstNode(value));
    const own = keys.filter(k => !k.startsWith('$'));
    const elements = own.filter(k => isElements(record[k])).sort((a, b) => firstOffset(record[a]) - firstOffset(record[b]));
    const empty = own.filter(k => Array.isArray(record[k]) && (record[k] as unknown[]).length === 0);
    const header = own.filter(k => !elements.includes(k) && !empty.includes(k));
    const ordered = ['$type', ...header, ...elements, ...empty, ...keys.filter(k => k.startsWith('$') && k !== '$type')];
    const values = ordered.map(k => record[k]);
    for (const key of keys) delete record[key];
    ordered.forEach((key, i) => { record[key] = values[i]; });
}

function hasErrors(result: ParseResult<AstNode>): boolean {
    return result.parserErrors.length > 0 || result.lexerErrors.length > 0;
}

interface Chunk {
    readonly start: number;
    readonly end: number;
    /** The 0-based line `start` is on (a chunk starts a line). */
    readonly line: number;
}

/**
 * `text` cut into chunks of about `size` characters, each ending after a line break that stands outside any string
 * or block comment: there the whole lexer is between tokens too (or in white space, which it skips). Each is found
 * as it is asked for: finding them all reads the whole text.
 */
function* lineChunks(text: string, size: number): Generator<Chunk> {
    let start = 0;
    let startLine = 0;
    let line = 0;
    for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 0x22 || ch === 0x27) { // a string, with its escapes
            for (i++; i < text.length && text.charCodeAt(i) !== ch; i++) {
                if (text.charCodeAt(i) === 0x5c) i++;
                else if (text.charCodeAt(i) === 0x0a) line++;
            }
            // A line break escaped by `\` was skipped above; such texts fail to lex as chunks and are lexed whole.
        } else if (ch === 0x2f && text.charCodeAt(i + 1) === 0x2a) { // a block comment
            const end = text.indexOf('*/', i + 2);
            const stop = end < 0 ? text.length : end + 1;
            for (let j = i; j < stop; j++) if (text.charCodeAt(j) === 0x0a) line++;
            i = stop;
        } else if (ch === 0x2f && text.charCodeAt(i + 1) === 0x2f) { // a line comment: up to the line break
            const end = text.indexOf('\n', i);
            i = (end < 0 ? text.length : end) - 1;
        } else if (ch === 0x0a) {
            line++;
            if (i + 1 - start >= size) {
                yield { start, end: i + 1, line: startLine };
                start = i + 1;
                startLine = line;
            }
        }
    }
    if (start < text.length || start === 0) yield { start, end: text.length, line: startLine };
}

/** Moves tokens lexed from a chunk to where the chunk stands in the whole text. */
function shift(tokens: IToken[], chunk: Chunk): void {
    if (chunk.start === 0) return;
    for (const token of tokens) {
        token.startOffset += chunk.start;
        token.endOffset = token.endOffset! + chunk.start;
        token.startLine = token.startLine! + chunk.line;
        token.endLine = token.endLine! + chunk.line;
    }
}
