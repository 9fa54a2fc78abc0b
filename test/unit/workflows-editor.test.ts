import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectHover, parseDocument } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { REPO_ROOT } from '../support/paths.js';
import { testServices } from '../support/services.js';

const services = testServices();
const fixture = (name: string) => fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'workflows', name), 'utf8');

async function format(text: string): Promise<string> {
    const document = await parseDocument(services, text);
    const edits = await services.lsp.Formatter!.formatDocument(document, { options: { insertSpaces: true, tabSize: 2 }, textDocument: { uri: document.uri.toString() } });
    return TextDocument.applyEdits(document.textDocument, edits);
}

describe('EventBridge and Step Functions in the editor', () => {
    it('formatting leaves the fixtures unchanged', async () => {
        for (const name of ['clean.resil', 'fragile.resil']) assert.strictEqual(await format(fixture(name)), fixture(name), name);
    });

    it('lays out rules, targets and tasks one per line, each target and task on one line', async () => {
        const before = 'system T {\n  region r {\n    az a\n    eventbridge bus { archive   retain 30d\n rule placed { target   saga retries 3\n max-age 1h dlq q\n target audit }\n }\n    stepfunctions saga {workflow express task reserve  uses audit\n retries 3   timeout 10s catch\n}\n    sqs q\n    lambda audit\n  }\n}\n';
        const after = 'system T {\n  region r {\n    az a\n    eventbridge bus {\n      archive retain 30d\n      rule placed {\n        target saga retries 3 max-age 1h dlq q\n        target audit\n      }\n    }\n    stepfunctions saga {\n      workflow express\n      task reserve uses audit retries 3 timeout 10s catch\n    }\n    sqs q\n    lambda audit\n  }\n}\n';
        assert.strictEqual(await format(before), after);
        assert.strictEqual(await format(after), after);
    });

    it('hovers a global endpoint with its failover, and a state machine with its workflow', async () => {
        const text = fixture('clean.resil');
        await expectHover(services)({
            text: text.replace('eventbridge orderEvents', 'eventbridge <|>orderEvents'), index: 0, disposeAfterCheck: true,
            hover: /\*\*eventbridge\*\* `orderEvents` · global · global endpoint: to `use1\.bus`, to `usw2\.bus` when the health check fails\n\nEstimated availability: 99\.99%/,
        });
        await expectHover(services)({
            text: text.replace('stepfunctions saga', 'stepfunctions <|>saga'), index: 0, disposeAfterCheck: true,
            hover: /\*\*stepfunctions\*\* `use1\.saga` · regional in use1 · standard workflow, 4 tasks\n\nEstimated availability: 99\.\d+%/,
        });
    });
});
