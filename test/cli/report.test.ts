import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { runResil } from '../support/cli.js';

const markdown = new MarkdownIt();

/** The text a Markdown source shows once rendered: tags dropped, entities decoded. */
function shownText(source: string): string {
    return markdown.render(source).replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

function report(file: string, ...args: string[]) {
    const run = runResil(['report', file, ...args]);
    assert.equal(run.status, 0, run.stderr);
    return run.stdout;
}

describe('resil report (built binary)', function () {
    this.timeout(120_000);

    it('the Markdown parses back into the report: every table a table, no raw HTML, the figures as text', () => {
        const source = report('examples/language-tour.resil');
        const tokens = markdown.parse(source, {});
        const tables = tokens.filter(t => t.type === 'table_open').length;
        assert.equal(tables, (source.match(/^\| --- /gm) ?? []).length, 'every table header parses as a table');
        assert.ok(tables >= 4);
        assert.deepEqual(tokens.filter(t => t.type.startsWith('html')).map(t => t.content), [], 'no raw HTML');
        const headings = tokens.filter(t => t.type === 'heading_open' && t.tag === 'h2').map(t => tokens[tokens.indexOf(t) + 1].content);
        assert.deepEqual(headings, ['Requirements', 'Recovery objectives by disruption', 'Disaster recovery strategy',
            'Availability per entry point', 'Blast radius of every scenario', 'Findings by failure category']);
        const text = shownText(source);
        assert.match(text, /require rto region-loss <= 5m/);
        assert.match(text, /euw1\s*euc1\s*warm standby/);
        assert.match(text, /A failover is not instant/);
        // Every row keeps its cell count: an unescaped | in a message would split a cell.
        for (const line of source.split('\n').filter(l => l.startsWith('| '))) {
            const cells = line.replace(/\\\|/g, '').split('|').length;
            assert.ok(cells >= 5, line);
        }
    });

    it('compares the estimated RTO and RPO of each disruption type with the targets, with the derivation', () => {
        const source = report('examples/language-tour.resil');
        const row = source.split('\n').find(l => l.startsWith('| region-loss |'))!;
        assert.match(row, /^\| region-loss \| 2 \| 5m \| /);
        assert.match(source, /^- region-loss RTO: /m);
    });

    it('the three-tier example: availability near its tiers\' SLAs (99.83%) with its assumptions, and no DR strategy', () => {
        const source = report('examples/three-tier.resil');
        assert.match(source, /^### www: 99\.83%$/m);
        assert.match(source, /^- Each service is as available as its published SLA/m);
        assert.match(source, /\| use1 \| - \| \*\*none \(nothing outside the region\)\*\* \|/);
    });

    it('groups findings by the five failure categories', () => {
        const source = report('examples/fragile.resil');
        const categories = [...source.matchAll(/^### (Single points of failure|Excessive load|Excessive latency|Misconfiguration and bugs|Shared fate) \((\d+)\)$/gm)];
        assert.deepEqual(categories.map(c => c[1]), ['Single points of failure', 'Excessive load', 'Excessive latency', 'Misconfiguration and bugs', 'Shared fate']);
        assert.ok(categories.reduce((n, c) => n + Number(c[2]), 0) > 5);
    });

    it('refuses an unknown format with exit 2', () => {
        const run = runResil(['report', 'examples/three-tier.resil', '--format', 'pdf']);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /--format must be markdown or html, not 'pdf'/);
    });
});
