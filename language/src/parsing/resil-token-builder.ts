import { DefaultTokenBuilder, RegExpUtils, type GrammarAST } from 'langium';
import type { TokenType } from 'chevrotain';

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
        if (KEYWORDS_ALLOWED_AS_NAMES.has(keyword.value)) {
            const id = terminalTokens.find(t => t.name === 'ID');
            if (id) token.CATEGORIES = [id];
        }
        return token;
    }
}
