import { DefaultTokenBuilder, GrammarAST, RegExpUtils, type AstNode, type TokenBuilderOptions } from 'langium';
import type { TokenType, TokenVocabulary } from 'chevrotain';

/**
 * Keywords that users may also use as names (a queue called `backup`, a service called `entry`): none of them can
 * start a member, so no ambiguity arises. Each is lexed as its keyword token with the ID token as its category, which
 * lets the parser accept it wherever an ID is expected. A grammar alternative of all of them in the `Name` rule would
 * do the same, but allocates per alternative on every name parsed and doubled the parse time of large models.
 */
export const KEYWORDS_ALLOWED_AS_NAMES: ReadonlySet<string> = new Set([
    'entry', 'backup', 'version', 'primary', 'secondary', 'min', 'max', 'desired', 'instance', 'on', 'off', 'auto',
    'sync', 'async', 'soft', 'retain', 'daily', 'hourly', 'weekly', 'monthly', 'memory', 'cpu', 'host', 'random',
    'spread', 'binpack', 'engine', 'redis', 'valkey', 'memcached', 'shards', 'replicas', 'workers', 'checkpoint',
    'node', 'profile', 'namespaces', 'health', 'checks', 'launch', 'tasks', 'needs', 'placement', 'constraint',
    'capacity', 'spot', 'timeout', 'concurrency', 'invoke', 'retries', 'alias', 'versions', 'deploy', 'canary',
    'linear', 'every', 'partition', 'by', 'shuffle', 'shard', 'over', 'replica', 'of', 'pitr', 'billing',
    'visibility', 'retention', 'fifo', 'autoscaler', 'nodegroup', 'fargate', 'ec2', 'survive', 'availability',
    'sla', 'uses', 'consumes', 'dlq', 'after', 'failover', 'snapshots', 'subnets', 'vpc', 'fail', 'allow',
    'require', 'az', 'check', 'elb', 'for',
    'readers', 'mysql', 'postgres', 'mariadb', 'managed', 'manual', 'cluster',
    'deletion', 'protection', 'proxy', 'versioning', 'object', 'lock', 'storage', 'standard', 'express', 'rtc',
    'rto', 'rpo', 'service-loss', 'bad-deploy', 'ttl', 'threshold', 'size',
    'rule', 'target', 'archive', 'max-age', 'workflow', 'task', 'catch', 'events', 'states',
    'api', 'rest', 'http', 'regional', 'edge', 'private', 'throttle', 'rate', 'burst', 'stage', 'domain', 'origin',
    'group', 'waf', 'mfa',
    'traffic', 'waves', 'part',
    'around', 'hops', 'path', 'from', 'collapse',
]);

export class ResilTokenBuilder extends DefaultTokenBuilder {
    /**
     * Langium asks, for each of the grammar's few hundred keywords and each terminal, whether the terminal could
     * match the keyword, and builds the terminal's partial regular expression anew every time: about a tenth of
     * every CLI start. Each terminal's is built once here; the answers are Langium's.
     */
    private readonly partialPatterns = new Map<TokenType, RegExp | null>();

    /**
     * Langium's tokens, found without its streams: walking the grammar through them twice (the rules reachable from
     * the entry rule, then their keywords) was most of building the tokens at every CLI start. The same tokens in
     * the same order: the keywords longest first (in the order they first appear among equals), then the terminals.
     */
    override buildTokens(grammar: GrammarAST.Grammar, options?: TokenBuilderOptions): TokenVocabulary {
        const { rules, keywordsOf } = reachableRules(grammar);
        const terminalTokens = rules.filter(rule => GrammarAST.isTerminalRule(rule) && !rule.fragment)
            .map(rule => this.buildTerminalToken(rule as GrammarAST.TerminalRule));
        const keywords = new Map<string, GrammarAST.Keyword>();
        for (const rule of rules) {
            if (!GrammarAST.isAbstractParserRule(rule)) continue;
            for (const keyword of keywordsOf(rule)) {
                if (!keywords.has(keyword.value)) keywords.set(keyword.value, keyword);
            }
        }
        const caseInsensitive = Boolean(options?.caseInsensitive);
        const tokens = [...keywords.values()].sort((a, b) => b.value.length - a.value.length)
            .map(keyword => this.buildKeywordToken(keyword, terminalTokens, caseInsensitive));
        tokens.push(...terminalTokens);
        return tokens;
    }

    protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
        return terminalTokens.filter(token => {
            const partial = this.partialPattern(token);
            const match = partial && keyword.value.match(partial);
            return !!match && match[0].length > 0;
        });
    }

    private partialPattern(token: TokenType): RegExp | null {
        let partial = this.partialPatterns.get(token);
        if (partial === undefined) {
            const source = (token.PATTERN as { source?: string } | undefined)?.source;
            partial = source ? RegExpUtils.partialRegExp('^' + source + '$') : null;
            this.partialPatterns.set(token, partial);
        }
        return partial;
    }

    protected override buildKeywordToken(keyword: GrammarAST.Keyword, terminalTokens: TokenType[], caseInsensitive: boolean): TokenType {
        const token = super.buildKeywordToken(keyword, terminalTokens, caseInsensitive);
        // Said here rather than found by Chevrotain, which otherwise scans each keyword for a line terminator (its
        // default ones) when the lexer is built: about a sixth of building it.
        if (typeof token.PATTERN === 'string') token.LINE_BREAKS = /[\n\r]/.test(token.PATTERN);
        if (KEYWORDS_ALLOWED_AS_NAMES.has(keyword.value)) {
            const id = terminalTokens.find(t => t.name === 'ID');
            if (id) token.CATEGORIES = [id];
        }
        return token;
    }
}

/** Visits the nodes under `node` (not itself) depth first, in the order of Langium's `streamAllContents`. */
function forEachContent(node: AstNode, visit: (node: AstNode) => void): void {
    for (const key of Object.keys(node)) {
        if (key.startsWith('$')) continue;
        const value = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(value)) {
            for (const element of value) {
                if (isNode(element)) {
                    visit(element);
                    forEachContent(element, visit);
                }
            }
        } else if (isNode(value)) {
            visit(value);
            forEachContent(value, visit);
        }
    }
}

function isNode(value: unknown): value is AstNode {
    return typeof value === 'object' && value !== null && typeof (value as AstNode).$type === 'string';
}

/** A rule's keywords, in the order of Langium's `streamAllContents`. */
type KeywordsOf = (rule: GrammarAST.AbstractRule) => GrammarAST.Keyword[];

/**
 * The rules reachable from the entry rule and the hidden terminals, in the grammar's order (Langium's
 * `getAllReachableRules`), and the keywords of each, found on the same walk of its contents.
 */
function reachableRules(grammar: GrammarAST.Grammar): { rules: GrammarAST.AbstractRule[]; keywordsOf: KeywordsOf } {
    const keywords = new Map<GrammarAST.AbstractRule, GrammarAST.Keyword[]>();
    const walk = (rule: GrammarAST.AbstractRule, onCall?: (called: GrammarAST.AbstractRule) => void): GrammarAST.Keyword[] => {
        const found: GrammarAST.Keyword[] = [];
        keywords.set(rule, found);
        forEachContent(rule, node => {
            if (node.$type === GrammarAST.Keyword.$type) found.push(node as GrammarAST.Keyword);
            else if (onCall && node.$type === GrammarAST.RuleCall.$type) {
                const called = (node as GrammarAST.RuleCall).rule.ref;
                if (called) onCall(called);
            }
        });
        return found;
    };
    const keywordsOf: KeywordsOf = rule => keywords.get(rule) ?? walk(rule);
    const entry = grammar.rules.find(rule => GrammarAST.isParserRule(rule) && rule.entry);
    if (!entry) return { rules: [...grammar.rules], keywordsOf };
    const reached = new Set<string>();
    const reach = (rule: GrammarAST.AbstractRule): void => {
        reached.add(rule.name);
        walk(rule, called => {
            if (!reached.has(called.name)) reach(called);
        });
    };
    const hidden = grammar.rules.filter(rule => GrammarAST.isTerminalRule(rule) && rule.hidden);
    for (const rule of [entry, ...hidden]) reach(rule);
    const rules = grammar.rules.filter(rule => reached.has(rule.name) || (GrammarAST.isTerminalRule(rule) && rule.hidden));
    return { rules, keywordsOf };
}
