import * as assert from 'node:assert/strict';
import { escapeMarkdown, renderReport, type ReportInput } from '../../client/src/report/report-markdown.js';

const scenario = {
    name: 'use1.a', fail: ['use1.a'], failed: ['use1.api'], degraded: ['use1.edge'],
    entryPoints: { 'use1.edge': 'degraded' as const }, customersDown: 0.25,
};

const input: ReportInput = {
    fileName: 'shop.resil',
    requirements: [
        { text: 'require survive az-loss', line: 2, holds: false, violations: ['AZ use1.a fails: entry point use1.edge fails'] },
        { text: 'require availability 99.9%', line: 3, holds: true, violations: [] },
    ],
    scenarios: [scenario],
    findings: [
        { rule: 'sqs-dlq', severity: 'warning', line: 12, message: 'Queue `q` has no dlq.' },
        { rule: 'requirement-violated', severity: 'error', line: 3, message: 'does not hold' },
        { rule: 'sqs-dlq', severity: 'warning', line: 9, message: 'Queue `p` has no dlq.' },
    ],
};

describe('resilience report', () => {
    it('states the totals and the requirements verdict first', () => {
        const report = renderReport(input);
        assert.match(report, /^# Resilience report: shop\.resil\n\n1 errors, 2 warnings, 0 infos; 1 of 2 requirements violated\.\n/);
        assert.match(report, /\| require survive az-loss \(line 3\) \| \*\*no\*\* \| AZ use1\.a fails: entry point use1\.edge fails \|/);
        assert.match(report, /\| require availability 99\.9% \(line 4\) \| yes \| - \|/);
    });

    it('lists every scenario with its blast radius and customers down', () => {
        assert.match(renderReport(input), /\| use1\.a \| use1\.api \| use1\.edge \| use1\.edge: \*\*degraded\*\* \| 25\.0 % \|/);
    });

    it('groups findings by rule, errors first, each sorted by line', () => {
        const report = renderReport(input);
        const requirement = report.indexOf('### requirement-violated: Requirement violated (error, 1)');
        const dlq = report.indexOf('### sqs-dlq: SQS dead-letter queue (warning, 2)');
        assert.ok(requirement > 0 && dlq > requirement, report);
        assert.ok(report.indexOf('line 9:') < report.indexOf('line 12:'));
    });

    it('puts a simulated failure first, in detail', () => {
        const report = renderReport({ ...input, simulation: scenario });
        assert.ok(report.indexOf('## Simulated failure: use1.a') < report.indexOf('## Requirements'));
        assert.match(report, /- Customers down: 25\.0 %/);
    });

    it('still reports requirements and findings when the scenarios cannot be simulated', () => {
        const report = renderReport({ ...input, scenarios: [], scenariosError: 'server not ready' });
        assert.match(report, /The scenarios could not be simulated: server not ready/);
        assert.match(report, /## Findings by rule/);
    });

    it('renders hostile names and messages as text, never as markup or HTML', () => {
        const hostile = '<img src=x onerror=alert(1)> | **bold** [link](http://x)';
        const escaped = escapeMarkdown(hostile);
        assert.doesNotMatch(escaped, /<img/);
        assert.equal(escaped, '&lt;img src=x onerror=alert(1)&gt; \\| \\*\\*bold\\*\\* \\[link\\](http://x)');
        const report = renderReport({ ...input, fileName: hostile, findings: [{ rule: 'sqs-dlq', severity: 'warning', line: 1, message: `line1\n# ${hostile}` }] });
        assert.doesNotMatch(report, /<img|^# line/m);
    });
});

describe('resilience report: recovery and failure categories', () => {
    it('places the server\'s recovery sections after the requirements and counts findings per failure category', () => {
        const report = renderReport({ ...input, recoverySections: '## Recovery objectives by disruption\n\n(table)\n' });
        assert.ok(report.indexOf('## Requirements') < report.indexOf('## Recovery objectives by disruption'));
        assert.ok(report.indexOf('## Recovery objectives by disruption') < report.indexOf('## Blast radius of every scenario'));
        assert.match(report, /\| Misconfiguration and bugs \| 2 \|/);
        assert.match(report, /\| Single points of failure \| 1 \|/);
        assert.match(report, /### sqs-dlq: SQS dead-letter queue \(warning, 2\)\n\nFailure category: Misconfiguration and bugs\./);
    });
});
