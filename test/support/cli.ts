import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

import { REPO_ROOT } from './paths.js';

/** Runs the built binary (`bin/resil.js`) as a user would, from the repository root or the folder given. */
export function runResil(args: readonly string[], cwd = REPO_ROOT): { stdout: string; stderr: string; status: number | null } {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'resil.js'), ...args], { encoding: 'utf8', cwd });
    return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}
