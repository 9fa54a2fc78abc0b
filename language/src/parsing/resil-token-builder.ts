import { DefaultTokenBuilder, type GrammarAST } from 'langium';
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
    'traffic', 'waves',
]);

export class ResilTokenBuilder extends DefaultTokenBuilder {
    protected override buildKeywordToken(keyword: GrammarAST.Keyword, terminalTokens: TokenType[], caseInsensitive: boolean): TokenType {
        const token = super.buildKeywordToken(keyword, terminalTokens, caseInsensitive);
        if (KEYWORDS_ALLOWED_AS_NAMES.has(keyword.value)) {
            const id = terminalTokens.find(t => t.name === 'ID');
            if (id) token.CATEGORIES = [id];
        }
        return token;
    }
}
