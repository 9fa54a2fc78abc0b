import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

import { REPO_ROOT } from './paths.js';

/** How to run: as another user (root's permissions would hide permission errors), with a time limit. */
export interface RunOptions {
    readonly uid?: number;
    readonly gid?: number;
    /** Milliseconds; a run that takes longer is killed (status null). */
    readonly timeout?: number;
    readonly env?: NodeJS.ProcessEnv;
}

/** Runs the built binary (`bin/resil.js`) as a user would, from the repository root or the folder given. */
export function runResil(args: readonly string[], cwd = REPO_ROOT, options: RunOptions = {}): { stdout: string; stderr: string; status: number | null } {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'resil.js'), ...args], { encoding: 'utf8', cwd, ...options });
    return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}
