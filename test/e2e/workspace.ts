import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths.js';

/** The e2e suite bundle VS Code loads in the extension host (built by `scripts/bundle.mjs`). */
export const SUITE_BUNDLE = path.join(REPO_ROOT, 'out', 'e2e', 'index.cjs');

/** Fails early, with the command to run, when what the launchers need has not been built. */
export function assertBuilt(): void {
    for (const file of ['dist/extension.cjs', 'dist/server.cjs', 'out/e2e/index.cjs']) {
        if (!fs.existsSync(path.join(REPO_ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
    }
}

/**
 * A throw-away folder for one run: `workspace/` (copies of `examples/` and the e2e fixtures, so quick fixes and
 * settings never touch the repository) and room for the editor's user data.
 */
export function prepareRunFolder(): { root: string; workspace: string } {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'resil-e2e-'));
    const workspace = path.join(root, 'workspace');
    fs.mkdirSync(workspace);
    const examples = path.join(REPO_ROOT, 'examples');
    if (fs.existsSync(examples)) fs.cpSync(examples, path.join(workspace, 'examples'), { recursive: true });
    fs.cpSync(path.join(REPO_ROOT, 'test', 'e2e', 'fixtures'), path.join(workspace, 'fixtures'), { recursive: true });
    return { root, workspace };
}

/** Editor settings for a quiet, deterministic test window. */
export const TEST_SETTINGS = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'window.restoreWindows': 'none',
    'git.enabled': false,
};
