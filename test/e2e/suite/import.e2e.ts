import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors } from './helpers.js';

describe('Import Infrastructure', () => {
    after(closeAllEditors);

    it('imports a CloudFormation template into a formatted design and opens it', async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-import-'));
        try {
            const template = path.join(folder, 'orders.yaml');
            fs.writeFileSync(template, 'Resources:\n  Orders:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 60\n  Worker:\n    Type: AWS::Lambda::Function\n  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: !Ref Worker\n      EventSourceArn: !GetAtt Orders.Arn\n');
            const output = path.join(folder, 'orders.resil');
            const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('resil.importInfrastructure', template, output);
            assert.equal(written?.fsPath, output);
            const text = fs.readFileSync(output, 'utf8');
            assert.match(text, /\n {4}sqs orders \{\n {6}visibility 1m\n {4}\}\n/, text);
            assert.match(text, /\n {4}lambda worker \{\n {6}consumes orders\n {4}\}\n/, text);
            assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, output, 'the design is opened');
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });
});
