import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnostics, inRegion } from '../support/services.js';
import { REPO_ROOT as ROOT } from '../support/paths.js';

const SNIPPETS = JSON.parse(fs.readFileSync(path.join(ROOT, 'client', 'snippets', 'resil.json'), 'utf8')) as
    Record<string, { prefix: string; body: string[]; description: string }>;

/** The text a snippet inserts when the user accepts every default: placeholders and first choices filled in. */
export function expand(body: readonly string[]): string {
    return body.join('\n')
        .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '');
}

/** Where each snippet is meant to be typed. */
function inContext(prefix: string, text: string): string {
    switch (prefix) {
        case 'system': return text;
        case 'region': case 'route53': case 'cloudfront': case 'external': case 'scenario': return `system T {\n${text}\n}\n`;
        case 'allow': return inRegion(`dynamodb t {\n${text}\n}`);
        default: return inRegion(text);
    }
}

describe('snippets', () => {
    it('has one for each service kind and for a cell with its router', () => {
        const prefixes = new Set(Object.values(SNIPPETS).map(s => s.prefix));
        for (const kind of ['lambda', 'ecs', 'eks', 'dynamodb', 'elasticache', 'kinesis', 'sqs', 'sns', 'alb', 'route53', 'cell', 'aurora', 'rds', 's3', 'asg', 'nat', 'endpoint',
            'eventbridge', 'stepfunctions', 'apigateway', 'cloudfront', 'cognito', 'external']) {
            assert.ok(prefixes.has(kind), `a '${kind}' snippet`);
        }
    });

    for (const [name, snippet] of Object.entries(SNIPPETS)) {
        it(`'${name}' inserts text that parses`, async () => {
            const text = inContext(snippet.prefix, expand(snippet.body));
            const syntax = await diagnostics(text, 'syntax');
            assert.deepEqual(syntax.map(d => `${d.range.start.line}: ${d.message}`), [], text);
        });
    }

    it('the system, region and service snippets together check without an error', async () => {
        const services = Object.values(SNIPPETS).filter(s => !['system', 'region', 'route53', 'cloudfront', 'external', 'scenario', 'allow'].includes(s.prefix));
        const errors = (await diagnostics(inRegion(services.map(s => expand(s.body)).join('\n'))))
            .filter(d => d.severity === 1 && d.code !== 'unresolved-reference' && d.code !== 'duplicate-name');
        assert.deepEqual(errors.map(d => `${d.code}: ${d.message}`), []);
    });
});
