import * as assert from 'node:assert/strict';
import { getTopology } from '../../language/src/model/topology.js';
import { FailureTargetsRequest, ReportSectionsRequest, RequirementsRequest } from '../../language/src/protocol/index.js';
import { failureTargets, reportSectionsRequest, requirementStatuses } from '../../server/src/design-requests.js';
import { revalidateAll, ruleSettingsFrom } from '../../server/src/rule-settings.js';
import { build, inRegion, testServices } from '../support/services.js';

describe(`${FailureTargetsRequest.method} and ${RequirementsRequest.method}`, () => {
    it('offers every scenario, region, AZ, cell, cell replica and service by its qualified name', async () => {
        const document = await build(`system T {
  region use1 {
    az a
    az b
    router r over cells { }
    cell cells[2] in a, b { dynamodb t { pitr on } }
    sqs q
  }
  scenario both "two cells" { fail use1.cells[0], use1.cells[1] }
}`);
        const targets = failureTargets(getTopology(document.parseResult.value));
        const byKind = (kind: string) => targets.filter(t => t.kind === kind).map(t => t.name);
        assert.deepEqual(byKind('scenario'), ['both']);
        assert.deepEqual(byKind('region'), ['use1']);
        assert.deepEqual(byKind('az'), ['use1.a', 'use1.b']);
        assert.deepEqual(byKind('cell'), ['use1.cells']);
        assert.deepEqual(byKind('cell-replica'), ['use1.cells[0]', 'use1.cells[1]']);
        assert.deepEqual(byKind('service').sort(), ['use1.cells.t', 'use1.q', 'use1.r']);
        assert.equal(targets.find(t => t.kind === 'scenario')?.detail, 'two cells');
    });

    it('says which requirements hold, with the reasons of those that do not', async () => {
        const document = await build(inRegion(`    alb edge in a, b, c { entry uses api }
    ecs api in a { launch fargate tasks 2 }`).replace('system T {', 'system T {\n  require survive az-loss\n  require survive region-loss'));
        const statuses = requirementStatuses(document);
        assert.deepEqual(statuses.map(s => [s.text, s.holds]), [['require survive az-loss', false], ['require survive region-loss', false]]);
        assert.ok(statuses[0].violations.length > 0 && statuses[0].violations.every(v => v.length > 0));
    });
});

describe('resil.rules setting', () => {
    it('keeps only well-formed severities', () => {
        assert.deepEqual(ruleSettingsFrom({ 'sqs-dlq': 'off', 'sns-dlq': 'loud', x: 3 }), { 'sqs-dlq': 'off' });
        assert.deepEqual(ruleSettingsFrom(null), {});
        assert.deepEqual(ruleSettingsFrom('off'), {});
    });

    it('re-checks open documents with the new severities', async () => {
        const services = testServices();
        const document = await build(inRegion('    dynamodb t { }'));
        assert.ok(document.diagnostics?.some(d => d.code === 'dynamodb-pitr'));
        try {
            services.config.RuleConfig.setSettings({ 'dynamodb-pitr': 'off' });
            await revalidateAll(services.shared);
            assert.ok(!document.diagnostics?.some(d => d.code === 'dynamodb-pitr'));
        } finally {
            services.config.RuleConfig.setSettings({});
        }
    });
});

describe(`${ReportSectionsRequest.method}`, () => {
    it('answers the recovery, DR strategy and availability sections of `resil report`', async () => {
        const document = await build(inRegion(`    alb edge in a, b, c { entry uses api }
    ecs api in a, b, c { launch fargate tasks 3 needs 2 }`).replace('system T {', 'system T {\n  require rto az-loss <= 5m'));
        const { markdown } = await reportSectionsRequest.answer(document, { uri: document.uri.toString() });
        assert.match(markdown, /^## Recovery objectives by disruption$/m);
        assert.match(markdown, /^\| az-loss \| 3 \| 5m \| 1m \(use1\.edge, use1\.a\) \|/m);
        assert.match(markdown, /^## Disaster recovery strategy$/m);
        assert.match(markdown, /^### use1\.edge: /m);
    });
});
