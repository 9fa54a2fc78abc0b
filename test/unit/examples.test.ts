import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoPath } from '../support/paths.js';
import { build } from '../support/services.js';
import { RULES } from '../../language/src/validation/rules.js';

const EXAMPLES = repoPath('examples');
const RESILIENT = ['web-service', 'serverless-pipeline', 'container-platform', 'cell-based', 'language-tour', 'three-tier', 'serverless'];
const FRAGILE = ['fragile', 'three-tier-fragile', 'serverless-fragile'];

function read(name: string): string {
    return fs.readFileSync(path.join(EXAMPLES, `${name}.resil`), 'utf8');
}

describe('examples', () => {
    it('has the documented examples, each with a header comment', () => {
        for (const name of [...RESILIENT, ...FRAGILE]) {
            assert.match(read(name), /^\/\*\*\n \* [\w-]+\.resil: /, name);
        }
    });

    for (const name of RESILIENT) {
        it(`${name}.resil parses, links and checks with no error or warning`, async () => {
            const document = await build(read(name));
            const problems = (document.diagnostics ?? []).filter(d => d.severity === 1 || d.severity === 2);
            assert.deepStrictEqual(problems.map(d => `${d.range.start.line + 1}: ${d.code} ${d.message}`), []);
        });
    }

    it('fragile.resil parses and links, and trips every model validity rule it is written to trip', async () => {
        const document = await build(read('fragile'));
        const codes = new Set((document.diagnostics ?? []).map(d => String(d.code)));
        for (const broken of ['syntax', 'unresolved-reference', 'duplicate-name', 'empty-model']) assert.ok(!codes.has(broken), broken);
        const validity = ['duplicate-property', 'unknown-rule', 'unused-allow', 'cell-az-subset', 'reference-kind', 'value-range',
            'dependency-cycle', 'alb-multi-az'];
        assert.deepStrictEqual(validity.filter(id => !codes.has(id)), []);
        const known = new Set<string>(RULES.map(r => r.id));
        assert.ok([...codes].every(c => known.has(c)), [...codes].join(', '));
        assert.ok(codes.size >= 15, `only ${codes.size} distinct rules: ${[...codes].join(', ')}`);
    });

    // Every rule a comment names fires on that comment's line (or, for a comment alone on its line, the next): the
    // fragile twins of the catalog's examples teach what they say, and show the rules of their part of the catalog.
    const TWINS: Record<string, { readonly shows: string; readonly rules: readonly string[] }> = {
        'three-tier-fragile': {
            shows: 'the catalog\'s data and network rules',
            rules: ['asg-multi-az', 'asg-elb-health-check', 'nat-gateway-per-az', 'egress-cross-az', 'endpoint-placement',
                'database-spread', 'database-backups', 'database-deletion-protection', 'database-region-replica', 'rds-proxy',
                's3-versioning', 's3-one-zone-path'],
        },
        'serverless-fragile': {
            shows: 'the catalog\'s front-door, event and workflow rules',
            rules: ['apigateway-throttling', 'apigateway-edge-multi-region', 'apigateway-integration-timeout', 'cloudfront-origin-region',
                'external-hard-path', 'eventbridge-target-dlq', 'stepfunctions-task-retry', 'stepfunctions-express-exactly-once'],
        },
    };
    for (const [name, twin] of Object.entries(TWINS)) {
        it(`${name}.resil shows ${twin.shows}, each on the line that says so`, async () => {
            const text = read(name);
            const document = await build(text);
            const found = (document.diagnostics ?? []).map(d => ({ code: String(d.code), line: d.range.start.line }));
            for (const [index, line] of text.split('\n').entries()) {
                const named = /\/\/ ([a-z0-9-]+(?:, [a-z0-9-]+)*):/.exec(line)?.[1].split(', ').filter(id => RULES.some(r => r.id === id)) ?? [];
                const at = line.trim().startsWith('//') ? index + 1 : index;
                for (const id of named) assert.ok(found.some(f => f.code === id && f.line === at), `line ${at + 1}: ${id} does not fire`);
            }
            const codes = new Set(found.map(f => f.code));
            for (const rule of twin.rules) assert.ok(codes.has(rule), `${rule} missing from ${[...codes].join(', ')}`);
        });
    }

    it('the language tour (with the multi-file example, for the keywords of a file that is part of a system) uses every keyword of the grammar', async () => {
        const multiFile = path.join(EXAMPLES, 'multi-file');
        const parts = fs.readdirSync(multiFile, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.resil'));
        const tour = [read('language-tour'), ...parts.map(f => fs.readFileSync(path.join(multiFile, f), 'utf8'))].join('\n');
        const grammar = fs.readFileSync(path.join(EXAMPLES, '../language/src/grammar/resil.langium'), 'utf8');
        const body = grammar.slice(0, grammar.indexOf('// ---------------------------------------------------------------- error recovery'));
        const keywords = new Set([...body.matchAll(/'([a-z][a-z0-9-]*)'/g)].map(m => m[1]));
        const missing = [...keywords].filter(k => !new RegExp(`(^|[^\\w-])${k}([^\\w-]|$)`, 'm').test(tour.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
        assert.deepStrictEqual(missing, []);
    });
});
