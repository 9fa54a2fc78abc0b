/**
 * Runs the end-to-end suite in desktop VS Code through `@vscode/test-electron`, for machines that can download
 * VS Code (CI uses `run-code-server.ts`, see platform-facts.md). Needs `npm run build`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from '../support/paths.js';
import { SUITE_BUNDLE, TEST_SETTINGS, assertBuilt, prepareRunFolder } from './workspace.js';

async function main(): Promise<void> {
    assertBuilt();
    const { root, workspace } = prepareRunFolder();
    const userData = path.join(root, 'user-data');
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(TEST_SETTINGS, null, 2));
    try {
        await runTests({
            version: process.env.RESIL_E2E_VSCODE_VERSION ?? '1.100.3',
            extensionDevelopmentPath: REPO_ROOT,
            extensionTestsPath: SUITE_BUNDLE,
            launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${userData}`],
        });
    } finally {
        fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    }
}

main().catch(error => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
